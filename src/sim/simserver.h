#pragma once

#include <QHostAddress>
#include <QObject>
#include <QUrl>

// A stand-in ComfyUI speaking its HTTP + websocket protocol (see
// tests/data/transcripts/README.md for what a real ComfyUI answered). Used by the tests
// and by `comfydesk-sim` so the app can be tried without a GPU.
class SimServer final : public QObject
{
    Q_OBJECT
public:
    explicit SimServer(QObject *parent = nullptr);
    ~SimServer() override;

    // Listens on address:port (0 = any free port). Returns the port, or 0 on failure.
    quint16 listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    quint16 port() const;
    QUrl baseUrl() const;               // http://127.0.0.1:<port>

    // input/, output/, temp/ live under this folder; default: a private temporary folder.
    void setDataDir(const QString &dir);
    QString dataDir() const;

    // Knobs for tests and demos.
    void setStepDelayMs(int ms);        // time per sampler step (KSampler: steps x this)
    void setNodeDelayMs(int ms);        // time every executed node takes (default 20 ms)
    // ComfyUI's --preview-method: "none" (its default: no step previews), "auto",
    // "latent2rgb" or "taesd" (JPEG previews on every sampler step). False if unknown.
    bool setPreviewMethod(const QString &method);
    void setFailingNodeClass(const QString &classType); // such nodes raise at run time
    void setResponseDelayMs(int ms);    // every HTTP answer is delayed by this
    void setMalformedResponses(bool on);// JSON answers are cut short (invalid JSON)
    void dropWebSockets();              // close every websocket now
    // Like a ComfyUI restart: stop listening, lose queue, history and sockets, then
    // listen again on the same port after downMs.
    void restart(int downMs = 0);
    void stop();                        // stop listening (server offline)

    // Test hooks: a full history without running thousands of prompts.
    void fillHistory(int entries);
    int historySize() const;

Q_SIGNALS:
    void promptQueued(const QString &promptId);
    void promptStarted(const QString &promptId);
    void promptFinished(const QString &promptId);

private:
    class Private;
    Private *d;
};
