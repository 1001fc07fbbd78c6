#pragma once

#include <QJsonObject>
#include <QString>

// Why a request to ComfyUI did not give a usable answer.
struct ComfyError
{
    enum class Kind {
        None,
        Unreachable,  // connection refused, host not found, TLS failure, ...
        Timeout,      // no complete answer within the client's timeout
        Http,         // ComfyUI answered with a 4xx/5xx status
        InvalidJson,  // ComfyUI answered 2xx but the body is not the JSON we expected
        Cancelled,    // the client was destroyed or the request aborted
        NotPending    // a verb on one pending prompt (move to front) found it not pending
    };

    Kind kind = Kind::None;
    int httpStatus = 0;       // Http (and any answer that had a status)
    // Unreachable: the QNetworkReply::NetworkError behind it (refused, host not found,
    // TLS, ...), so a view can word the cause without parsing message.
    int networkError = 0;
    QString message;          // human text naming the URL and the cause
    QJsonObject errorObject;  // ComfyUI's {"type","message","details","extra_info"} if any
    QJsonObject nodeErrors;   // ComfyUI's node_errors if any
    QByteArray body;          // the raw body of an HTTP error

    bool isError() const { return kind != Kind::None; }
    static QString kindName(Kind kind); // "unreachable", "timeout", "http", ...
};
