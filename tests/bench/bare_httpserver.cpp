// The reference figure of the API benchmark: a bare Qt QHttpServer with one route that
// returns a small JSON object, with none of ComfyDesk's guard, auth or model lookups.
// api_load.sh runs wrk against it and prints every ComfyDesk route as a share of it, so the
// figures stay comparable across machines.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>
#include <QHttpServer>
#include <QJsonObject>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench-bare-httpserver"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Bare QHttpServer reference route (GET /bare) for the API benchmark."));
    parser.addHelpOption();
    const QCommandLineOption portOption(QStringLiteral("port"),
                                        QStringLiteral("Port to listen on (0: any free one)."),
                                        QStringLiteral("N"), QStringLiteral("0"));
    parser.addOption(portOption);
    parser.process(app);

    QTextStream err(stderr);
    bool ok = false;
    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port > 65535) {
        err << "bench-bare-httpserver: invalid --port\n";
        return 2;
    }

    QHttpServer server;
    // About the size of a task_status answer's envelope, so the comparison is fair.
    server.route(QStringLiteral("/bare"), [] {
        return QJsonObject{{QStringLiteral("status"), QStringLiteral("completed")},
                           {QStringLiteral("message"),
                            QStringLiteral("Image generation completed")}};
    });

    const quint16 bound = server.listen(QHostAddress::LocalHost, quint16(port));
    if (bound == 0) {
        err << "bench-bare-httpserver: cannot listen on 127.0.0.1:" << port << '\n';
        return 1;
    }
    // api_load.sh reads the port from this line.
    QTextStream out(stdout);
    out << "http://127.0.0.1:" << bound << "/bare\n";
    out.flush();
    return app.exec();
}
