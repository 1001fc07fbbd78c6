#include "simserver.h"

#include "simengine.h"
#include "simexecutor.h"
#include "simhttpserver.h"
#include "simimages.h"
#include "simroutes.h"
#include "simwebsockethub.h"

#include <QDir>
#include <QFile>
#include <QPointer>
#include <QTemporaryDir>
#include <QTimer>
#include <QWebSocket>

#include <memory>

class SimServer::Private
{
public:
    explicit Private(SimServer *q)
        : engine(new SimEngine(q)), http(new SimHttpServer(q)), routes(engine)
    {
        http->setHandler([this](const SimHttpRequest &request) {
            return routes.handle(request);
        });
        QObject::connect(http, &SimHttpServer::webSocketConnected, engine->hub(),
                         &SimWebSocketHub::addSocket);
    }

    void ensureDataDir()
    {
        if (!engine->storage().root().isEmpty())
            return;
        tempDir = std::make_unique<QTemporaryDir>();
        setRoot(tempDir->path());
    }

    void setRoot(const QString &dir)
    {
        engine->storage().setRoot(dir);
        engine->storage().clearTemp();
        // ComfyUI ships input/example.png; LoadImage's list is never empty.
        const QString example = engine->storage().directoryForType(QStringLiteral("input"))
                + QStringLiteral("/example.png");
        if (!QFile::exists(example))
            SimImages::procedural(64, 64, 1, QStringLiteral("example")).save(example, "PNG");
    }

    SimEngine *engine;
    SimHttpServer *http;
    SimRoutes routes;
    std::unique_ptr<QTemporaryDir> tempDir;
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0;
    quint64 restartGeneration = 0;
};

SimServer::SimServer(QObject *parent)
    : QObject(parent), d(new Private(this))
{
    connect(d->engine, &SimEngine::promptQueued, this, &SimServer::promptQueued);
    connect(d->engine, &SimEngine::promptStarted, this, &SimServer::promptStarted);
    connect(d->engine, &SimEngine::promptFinished, this, &SimServer::promptFinished);
}

SimServer::~SimServer()
{
    d->engine->hub()->closeAll();
    d->http->close();
    delete d;
}

quint16 SimServer::listen(const QHostAddress &address, quint16 port)
{
    d->ensureDataDir();
    if (!d->http->listen(address, port))
        return 0;
    d->address = address;
    d->port = d->http->port();
    return d->port;
}

quint16 SimServer::port() const
{
    return d->port;
}

QUrl SimServer::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    const bool any = d->address == QHostAddress::Any || d->address == QHostAddress::AnyIPv4
            || d->address == QHostAddress::AnyIPv6 || d->address == QHostAddress::LocalHost;
    url.setHost(any ? QStringLiteral("127.0.0.1") : d->address.toString());
    url.setPort(d->port);
    return url;
}

void SimServer::setDataDir(const QString &dir)
{
    QDir().mkpath(dir);
    d->tempDir.reset();
    d->setRoot(dir);
}

QString SimServer::dataDir() const
{
    d->ensureDataDir();
    return d->engine->storage().root();
}

void SimServer::setStepDelayMs(int ms)
{
    d->engine->executor()->setStepDelayMs(ms);
}

void SimServer::setNodeDelayMs(int ms)
{
    d->engine->executor()->setNodeDelayMs(ms);
}

bool SimServer::setPreviewMethod(const QString &method)
{
    static const QStringList methods{QStringLiteral("none"), QStringLiteral("auto"),
                                     QStringLiteral("latent2rgb"), QStringLiteral("taesd")};
    if (!methods.contains(method))
        return false;
    d->engine->executor()->setPreviews(method != QLatin1String("none"));
    return true;
}

void SimServer::fillHistory(int entries)
{
    d->engine->fillHistory(entries);
}

int SimServer::historySize() const
{
    return d->engine->historySize();
}

void SimServer::setFailingNodeClass(const QString &classType)
{
    d->engine->executor()->setFailingNodeClass(classType);
}

void SimServer::setResponseDelayMs(int ms)
{
    d->http->setResponseDelayMs(ms);
}

void SimServer::setMalformedResponses(bool on)
{
    d->http->setMalformedResponses(on);
}

void SimServer::dropWebSockets()
{
    d->engine->hub()->closeAll();
}

void SimServer::restart(int downMs)
{
    d->http->close();
    d->engine->reset();
    const quint64 generation = ++d->restartGeneration;
    QPointer<SimServer> self(this);
    QTimer::singleShot(qMax(0, downMs), this, [self, generation] {
        if (!self || generation != self->d->restartGeneration)
            return;
        if (!self->d->http->listen(self->d->address, self->d->port))
            qWarning("comfydesk-sim: could not listen again on port %u", self->d->port);
    });
}

void SimServer::stop()
{
    ++d->restartGeneration;
    d->engine->hub()->closeAll();
    d->http->close();
}
