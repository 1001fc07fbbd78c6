#include "simserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimer>

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
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "A ComfyUI stand-in speaking its HTTP + websocket protocol, without a GPU.\n"
            "Prints the URL it listens on (the real port with --port 0) as the first line "
            "of its standard output."));
    parser.addHelpOption();
    parser.addVersionOption();
    const auto option = [](const char *name, const char *help, const char *value = nullptr,
                           const char *fallback = nullptr) {
        QCommandLineOption o(QString::fromLatin1(name), QString::fromLatin1(help));
        if (value)
            o.setValueName(QString::fromLatin1(value));
        if (fallback)
            o.setDefaultValue(QString::fromLatin1(fallback));
        return o;
    };
    const QCommandLineOption portOption = option("port", "Port to listen on (0: any free one).",
                                                 "N", "8188");
    const QCommandLineOption hostOption = option("host", "Address to bind.", "ADDR",
                                                 "127.0.0.1");
    const QCommandLineOption dataOption = option("data-dir", "Folder for input/, output/, temp/.",
                                                 "DIR");
    const QCommandLineOption stepOption = option("step-ms", "Milliseconds per sampler step.",
                                                 "N", "50");
    const QCommandLineOption nodeOption = option(
            "node-ms", "Milliseconds every executed node takes (never 0 on a real server).",
            "N", "20");
    const QCommandLineOption previewOption = option(
            "preview-method", "Sampler step previews, as ComfyUI's --preview-method: none "
            "(default: no previews), auto, latent2rgb, taesd.", "METHOD", "none");
    const QCommandLineOption failOption = option(
            "fail-node-class", "Nodes of this class raise an error when they run.", "CLASS");
    const QCommandLineOption delayOption = option(
            "response-delay-ms", "Delay every HTTP answer by this many milliseconds.", "N", "0");
    const QCommandLineOption malformedOption = option(
            "malformed-responses", "Cut every JSON answer short (invalid JSON).");
    const QCommandLineOption dropOption = option(
            "drop-websockets-every", "Close every websocket every N milliseconds.", "N");
    const QCommandLineOption restartOption = option(
            "restart-every", "Restart like a ComfyUI process (queue, history and sockets "
            "lost) every N milliseconds.", "N");
    const QCommandLineOption downOption = option(
            "restart-down-ms", "How long a restart keeps the port closed.", "N", "1000");
    const QCommandLineOption fillOption = option(
            "fill-history", "Start with N finished prompts in the history (load tests: a "
            "full history without running them).", "N");
    parser.addOptions({portOption, hostOption, dataOption, stepOption, nodeOption,
                       previewOption, failOption, delayOption, malformedOption, dropOption,
                       restartOption, downOption, fillOption});
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
    // Non-negative milliseconds; -1 when the option is not set and has no default.
    const auto milliseconds = [&](const QCommandLineOption &o, int *out) {
        *out = -1;
        if (!parser.isSet(o) && o.defaultValues().isEmpty())
            return true;
        bool valid = false;
        *out = parser.value(o).toInt(&valid);
        if (valid && *out >= 0)
            return true;
        err << "comfydesk-sim: invalid --" << o.names().constFirst() << '\n';
        return false;
    };
    int stepMs = 0;
    int nodeMs = 0;
    int delayMs = 0;
    int dropMs = 0;
    int restartMs = 0;
    int downMs = 0;
    if (!milliseconds(stepOption, &stepMs) || !milliseconds(nodeOption, &nodeMs)
        || !milliseconds(delayOption, &delayMs) || !milliseconds(dropOption, &dropMs)
        || !milliseconds(restartOption, &restartMs) || !milliseconds(downOption, &downMs))
        return 2;

    int fillCount = 0;
    if (parser.isSet(fillOption)) {
        fillCount = parser.value(fillOption).toInt(&ok);
        if (!ok || fillCount < 0) {
            err << "comfydesk-sim: invalid --fill-history\n";
            return 2;
        }
    }

    SimServer server;
    if (parser.isSet(dataOption))
        server.setDataDir(parser.value(dataOption));
    server.setStepDelayMs(stepMs);
    server.setNodeDelayMs(nodeMs);
    server.setResponseDelayMs(delayMs);
    server.setMalformedResponses(parser.isSet(malformedOption));
    if (parser.isSet(failOption))
        server.setFailingNodeClass(parser.value(failOption));
    if (!server.setPreviewMethod(parser.value(previewOption))) {
        err << "comfydesk-sim: invalid --preview-method (none, auto, latent2rgb, taesd)\n";
        return 2;
    }
    server.fillHistory(fillCount);
    if (server.listen(host, quint16(port)) == 0) {
        err << "comfydesk-sim: cannot listen on " << host.toString() << ':' << port << '\n';
        return 1;
    }
    if (dropMs > 0) {
        auto *timer = new QTimer(&app);
        QObject::connect(timer, &QTimer::timeout, &server, &SimServer::dropWebSockets);
        timer->start(dropMs);
    }
    if (restartMs > 0) {
        auto *timer = new QTimer(&app);
        QObject::connect(timer, &QTimer::timeout, &server, [&server, downMs] {
            server.restart(downMs);
        });
        timer->start(restartMs);
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
