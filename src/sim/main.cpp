#include "simserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace {

int g_signalFds[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    // Only async-signal-safe work here: wake the event loop through the socket pair.
    [[maybe_unused]] const auto written = ::write(g_signalFds[0], &byte, 1);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("comfydesk-sim"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "A ComfyUI stand-in speaking its HTTP + websocket protocol, without a GPU."));
    parser.addHelpOption();
    const QCommandLineOption portOption(QStringLiteral("port"),
                                        QStringLiteral("Port to listen on (0: any free one)."),
                                        QStringLiteral("N"), QStringLiteral("8188"));
    const QCommandLineOption hostOption(QStringLiteral("host"),
                                        QStringLiteral("Address to bind."),
                                        QStringLiteral("ADDR"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption stepOption(QStringLiteral("step-ms"),
                                        QStringLiteral("Milliseconds per sampler step."),
                                        QStringLiteral("N"), QStringLiteral("50"));
    const QCommandLineOption dataOption(QStringLiteral("data-dir"),
                                        QStringLiteral("Folder for input/, output/, temp/."),
                                        QStringLiteral("DIR"));
    parser.addOptions({portOption, hostOption, stepOption, dataOption});
    parser.process(app);

    QTextStream err(stderr);
    bool ok = false;
    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port > 65535) {
        err << "comfydesk-sim: invalid --port\n";
        return 2;
    }
    const QHostAddress host(parser.value(hostOption));
    if (host.isNull()) {
        err << "comfydesk-sim: invalid --host\n";
        return 2;
    }
    const int stepMs = parser.value(stepOption).toInt(&ok);
    if (!ok || stepMs < 0) {
        err << "comfydesk-sim: invalid --step-ms\n";
        return 2;
    }

    SimServer server;
    if (parser.isSet(dataOption))
        server.setDataDir(parser.value(dataOption));
    server.setStepDelayMs(stepMs);
    if (server.listen(host, quint16(port)) == 0) {
        err << "comfydesk-sim: cannot listen on " << host.toString() << ':' << port << '\n';
        return 1;
    }

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) == 0) {
        auto *notifier = new QSocketNotifier(g_signalFds[1], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, [] {
            char byte = 0;
            [[maybe_unused]] const auto got = ::read(g_signalFds[1], &byte, 1);
            QCoreApplication::quit();
        });
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
    }

    QTextStream out(stdout);
    QUrl url = server.baseUrl();
    url.setHost(host.toString());
    out << url.toString() << '\n';
    out.flush();
    return app.exec();
}
