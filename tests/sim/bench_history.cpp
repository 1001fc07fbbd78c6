// Not a test: prints how long the simulator takes to answer /queue, /history/<id> and
// POST /prompt with a full history (10,000 entries, ComfyUI's MAXIMUM_HISTORY_SIZE).
// Figures only, never pass/fail. The simulator runs in its own thread; the history is
// filled through POST /prompt, like a client would, with blocking sockets.
//   bench_history [entries]
#include "simserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <functional>

namespace {

// One request over a fresh connection (HTTP/1.0: the server closes); the whole answer.
QByteArray call(quint16 port, const QByteArray &method, const QByteArray &path,
                const QByteArray &body = {})
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(method + ' ' + path + " HTTP/1.0\r\nHost: x\r\nContent-Length: "
                 + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QByteArray answer;
    while (socket.waitForReadyRead(30000))
        answer += socket.readAll();
    return answer + socket.readAll();
}

QByteArray graph(int i)
{
    return QStringLiteral("{\"prompt\": {\"1\": {\"class_type\": \"EmptyImage\", \"inputs\": "
                          "{\"width\": 1, \"height\": 1, \"batch_size\": 1, \"color\": %1}}, "
                          "\"2\": {\"class_type\": \"PreviewAny\", \"inputs\": {\"source\": "
                          "[\"1\", 0]}}}}").arg(i).toUtf8();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int entries = argc > 1 ? QByteArray(argv[1]).toInt() : 10000;
    QTemporaryDir dir;
    QThread thread;
    thread.start();
    QObject context;
    context.moveToThread(&thread);
    SimServer *server = nullptr;
    quint16 port = 0;
    QMetaObject::invokeMethod(&context, [&] {
        server = new SimServer;
        server->setDataDir(dir.path());
        server->setNodeDelayMs(0);
        port = server->listen();
    }, Qt::BlockingQueuedConnection);
    if (port == 0)
        return 1;

    QTextStream out(stdout);
    QElapsedTimer fill;
    fill.start();
    QByteArray last;
    for (int i = 0; i < entries; ++i)
        last = call(port, "POST", "/prompt", graph(i));
    while (!call(port, "GET", "/prompt").replace(' ', "").contains("\"queue_remaining\":0}"))
        QThread::msleep(50);
    out << "filled " << entries << " history entries in " << fill.elapsed() << " ms\n";
    const qsizetype at = last.indexOf("prompt_id");
    const QByteArray id = last.mid(last.indexOf('"', at + 10) + 1, 36);

    const auto time = [&](const char *what, const std::function<void()> &request) {
        constexpr int rounds = 50;
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < rounds; ++i)
            request();
        out << what << ": " << QString::number(double(t.nsecsElapsed()) / rounds / 1e6, 'f', 3)
            << " ms per request\n";
        out.flush();
    };
    time("GET /queue", [&] { call(port, "GET", "/queue"); });
    time("GET /history/<id>", [&] { call(port, "GET", "/history/" + id); });
    time("GET /history?max_items=1", [&] { call(port, "GET", "/history?max_items=1"); });
    time("GET /prompt", [&] { call(port, "GET", "/prompt"); });
    time("POST /prompt (rejected)", [&] { call(port, "POST", "/prompt", "{\"prompt\": {}}"); });
    QMetaObject::invokeMethod(&context, [&] { delete server; }, Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
    return 0;
}
