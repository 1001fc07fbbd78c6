#pragma once

#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <memory>

class QTemporaryDir;

// Runs the built-in ComfyUI simulator (`comfydesk-sim --port 0`) as a child process for
// users without a ComfyUI: finds the executable, reads the URL the simulator prints as its
// first line, and stops the process again on stop() or when destroyed, so quitting the app
// never leaves a simulator behind. On Linux the child also dies with the app if the app
// crashes (parent-death signal).
//
// Failures are reported as codes (core writes no user-facing sentences): the GUI words
// them, with exitCode() and errorOutput() for the details.
class SimulatorLauncher final : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Starting, Running, Failed };
    Q_ENUM(State)

    enum class Failure {
        None,
        NotFound,      // no comfydesk-sim executable anywhere we look
        CannotStart,   // found, but the system could not run it
        Exited,        // ended (exitCode()) before printing its URL
        Crashed,       // killed by a signal before printing its URL
        NoUrl          // still running but no URL within the start timeout
    };
    Q_ENUM(Failure)

    explicit SimulatorLauncher(QObject *parent = nullptr);
    // Stops a running simulator (terminate, kill after the grace time), waiting for it.
    ~SimulatorLauncher() override;

    // Where the simulator is looked for, in this order: COMFYDESK_SIM (a path; when set
    // and missing, nothing else is tried), next to the application, the build tree's
    // ../sim/ beside it, then PATH. Empty when not found.
    static QString findExecutable();
    // Overrides the search (tests, packagers).
    void setExecutable(const QString &path) { m_executable = path; }
    // Arguments added after --port 0, e.g. {"--step-ms", "20"}.
    void setExtraArguments(const QStringList &arguments) { m_extraArguments = arguments; }
    void setStartTimeoutMs(int ms) { m_startTimer.setInterval(ms); }
    // How long stop() waits after SIGTERM before killing.
    void setStopGraceMs(int ms) { m_killTimer.setInterval(ms); }

    // Starts it unless already starting or running; ends in started() or failed().
    void start();
    // Ends the simulator (asynchronously: stopped() follows). No-op when not running.
    void stop();

    State state() const { return m_state; }
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    QUrl url() const { return m_url; }                 // valid while Running
    Failure failure() const { return m_failure; }
    QString executable() const { return m_program; }   // the one started (or looked for)
    int exitCode() const { return m_exitCode; }
    QString errorOutput() const;                       // the last lines of its stderr
    QString dataDir() const;                           // its input/, output/, temp/
    qint64 processId() const { return m_process.processId(); }

Q_SIGNALS:
    void stateChanged(SimulatorLauncher::State state);
    void started(const QUrl &url);
    void failed(SimulatorLauncher::Failure reason);
    // The simulator ended after it had started (stop(), or it exited on its own).
    void stopped();

private:
    void fail(Failure reason);
    void setState(State state);
    void readOutput();
    void readErrors();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onError(QProcess::ProcessError error);
    void cleanUp();

    QProcess m_process;
    QTimer m_startTimer;
    QTimer m_killTimer;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    QString m_executable;
    QString m_program;
    QStringList m_extraArguments;
    QByteArray m_stdout;
    QByteArray m_stderr;
    QUrl m_url;
    State m_state = State::Idle;
    Failure m_failure = Failure::None;
    int m_exitCode = 0;
    bool m_stopRequested = false;   // an exit that follows is no failure
};
