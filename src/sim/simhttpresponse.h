#pragma once

#include "simjson.h"

#include <QByteArray>
#include <QList>
#include <QPair>

#include <memory>

// What a route answers. Content types mirror aiohttp's: bodiless answers are
// "application/octet-stream", JSON is "application/json; charset=utf-8".
struct SimHttpResponse
{
    int status = 200;
    QByteArray contentType = "application/octet-stream";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> extraHeaders;
    // Released once the answer has been handed to the socket (or the connection is gone):
    // a queued prompt waits for this, so its client reads the prompt id before any event.
    std::shared_ptr<void> releaseAfterWrite;

    static SimHttpResponse empty(int status = 200)
    {
        SimHttpResponse r;
        r.status = status;
        return r;
    }
    static SimHttpResponse json(const SimJson &value, int status = 200)
    {
        return rawJson(value.toJson(), status);
    }
    static SimHttpResponse rawJson(const QByteArray &body, int status = 200)
    {
        SimHttpResponse r;
        r.status = status;
        r.contentType = "application/json; charset=utf-8";
        r.body = body;
        return r;
    }
    static SimHttpResponse text(int status, const QByteArray &text,
                                const QByteArray &type = "text/plain; charset=utf-8")
    {
        SimHttpResponse r;
        r.status = status;
        r.contentType = type;
        r.body = text;
        return r;
    }
    bool isJson() const { return contentType.startsWith("application/json"); }
};
