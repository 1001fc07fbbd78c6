#pragma once

// Private to the API layer: the shared state behind ApiResponder. Only
// HttpServerAdapter creates it and writes through it.

#include <QByteArray>
#include <QPointer>
#include <QTcpSocket>

#include <memory>

class HttpServerAdapter;
class QHttpServerResponder;

// How the answer to one request must be written, decided when the request arrived.
struct ApiResponseContext
{
    QByteArray corsOrigin;   // echo in Access-Control-Allow-Origin when non-empty
    bool closeAfter = false; // the caller asked for Connection: close
    bool headOnly = false;   // HEAD: headers of the GET answer, no body
};

struct ApiResponderState
{
    ApiResponderState() = default;
    ~ApiResponderState();
    Q_DISABLE_COPY_MOVE(ApiResponderState)

    QPointer<HttpServerAdapter> adapter;
    // QHttpServer deletes the socket (and the request) when the caller goes away; the
    // QPointer is how a late answer notices.
    QPointer<QTcpSocket> socket;
    std::unique_ptr<QHttpServerResponder> responder;
    ApiResponseContext context;
    bool sent = false;
};
