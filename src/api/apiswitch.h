#pragma once

#include "apiguardconfig.h"

#include <QObject>
#include <QString>

#include <memory>

class ApiServer;
struct ApiContext;

// Turns the REST API on and off at run time (the desktop app's switch, --api, --headless).
// Beyond loopback a token is required: when none is given one is generated, and the
// caller shows or prints it.
class ApiSwitch final : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        bool listening = false;
        quint16 port = 0;     // the port listened on (the real one when 0 was asked)
        QString message;      // for the window or the terminal
        QString token;        // the token in force (generated or given)
        bool tokenGenerated = false;
    };

    explicit ApiSwitch(ApiContext &context, QObject *parent = nullptr);
    ~ApiSwitch() override;

    // The core objects the next turnOn() serves (after the app switched servers).
    void setContext(ApiContext &context) { m_context = &context; }
    // Limits, CORS and allowed hosts for every later turnOn(); the token is set per turnOn.
    void setGuardConfig(const ApiGuardConfig &config) { m_guardConfig = config; }
    Result turnOn(const QString &host, quint16 port, const QString &token);
    void turnOff();
    bool isOn() const { return m_server != nullptr; }
    // Requests answered since this switch was made, across every time it was on (the
    // status bar polls it; reading it costs nothing).
    quint64 requestsServed() const;

private:
    ApiContext *m_context;
    ApiGuardConfig m_guardConfig;
    std::unique_ptr<ApiServer> m_server;
    quint64 m_servedBefore = 0;   // by the servers turned off since
};
