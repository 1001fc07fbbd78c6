#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QPair>

// What a route answers. Content types mirror aiohttp's: bodiless answers are
// "application/octet-stream", JSON is "application/json; charset=utf-8".
struct SimHttpResponse
{
    int status = 200;
    QByteArray contentType = "application/octet-stream";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> extraHeaders;

    static SimHttpResponse empty(int status = 200)
    {
        SimHttpResponse r;
        r.status = status;
        return r;
    }
    static SimHttpResponse json(const QJsonDocument &doc, int status = 200)
    {
        return rawJson(doc.toJson(QJsonDocument::Compact), status);
    }
    static SimHttpResponse rawJson(const QByteArray &body, int status = 200)
    {
        SimHttpResponse r;
        r.status = status;
        r.contentType = "application/json; charset=utf-8";
        r.body = body;
        return r;
    }
    static SimHttpResponse text(int status, const QByteArray &text)
    {
        SimHttpResponse r;
        r.status = status;
        r.contentType = "text/plain; charset=utf-8";
        r.body = text;
        return r;
    }
    bool isJson() const { return contentType.startsWith("application/json"); }
};
