#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QJsonDocument>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

// A self-contained copy of one HTTP request. QHttpServer reuses its request object on
// keep-alive, so handlers (deferred ones above all) get this value instead.
struct ApiRequest
{
    using Header = QPair<QByteArray, QByteArray>;

    QByteArray method;            // "GET", "POST", ...
    QString path;                 // percent-decoded path, e.g. "/api/workflow/sd txt2img"
    QByteArray rawPath;           // path as sent (percent-encoded), without the query
    QUrlQuery query;
    QHash<QString, QString> args; // decoded values of the route's <name> segments
    QList<Header> headers;
    QByteArray body;
    QJsonDocument json;           // parsed body on routes that take JSON (null if empty)
    QHostAddress peerAddress;

    // Case-insensitive; the first value if the header repeats, empty if absent.
    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
    QString arg(const QString &name) const { return args.value(name); }
};
