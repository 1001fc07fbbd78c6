#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>

#include <functional>

// The head of one request as the guard sees it, before QHttpServer parses anything.
struct HttpRequestHead
{
    QByteArray method;
    QByteArray target;   // raw request target, e.g. "/api/x?y=1"
    QByteArray version;  // "HTTP/1.1"
    QList<QPair<QByteArray, QByteArray>> headers;
    qint64 contentLength = 0;
    bool chunked = false;
    bool upgrade = false; // Connection: upgrade + Upgrade: ... (websocket hand-over)

    QByteArray header(const QByteArray &name) const;
    int headerCount(const QByteArray &name) const;
};

// The guard's decision on a complete head.
struct HttpHeadVerdict
{
    int status = 0;              // 0: accepted; else the HTTP error status to answer
    QByteArray message;          // error text
    qint64 maxBodyBytes = 0;     // accepted: body limit for this request
    int delayMs = 0;             // answer the error only after this delay (bad tokens)
    QList<QPair<QByteArray, QByteArray>> extraHeaders; // e.g. Retry-After on 429

    static HttpHeadVerdict accept(qint64 maxBodyBytes);
    static HttpHeadVerdict reject(int status, const QByteArray &message);
};

// Incremental request-boundary scanner: follows the byte stream of one connection across
// keep-alive requests (head, Content-Length or chunked body) without keeping bodies, so
// limits are enforced on what arrives, not on what QHttpServer has already buffered.
class HttpRequestScanner
{
public:
    using HeadValidator = std::function<HttpHeadVerdict(const HttpRequestHead &head)>;

    enum class Outcome {
        Ok,          // all bytes consumed, no violation
        Rejected,    // verdict() says what to answer; stop feeding
        Upgraded     // an accepted upgrade head: the rest of the stream is not HTTP
    };

    HttpRequestScanner(qint64 maxHeaderBytes, int maxHeaderCount, HeadValidator validator);

    Outcome feed(QByteArrayView data);

    HttpHeadVerdict verdict() const { return m_verdict; }
    // Bytes of a request have arrived and the request is not complete yet.
    bool inRequest() const { return m_inRequest; }
    // Requests fully received so far (head and body).
    qint64 completedRequests() const { return m_completed; }

private:
    enum class State { Head, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers, Upgraded,
                       Failed };

    Outcome fail(int status, const QByteArray &message);
    Outcome headComplete();
    bool parseHead(HttpRequestHead *head, HttpHeadVerdict *error) const;
    Outcome chunkSizeLine();
    void requestComplete();
    bool takeLine(QByteArrayView data, qsizetype *pos, qsizetype limit, bool *overflow);

    qint64 m_maxHeaderBytes;
    int m_maxHeaderCount;
    HeadValidator m_validator;

    State m_state = State::Head;
    QByteArray m_buffer;          // current head, chunk-size line or trailer line
    qint64 m_trailerBytes = 0;
    qint64 m_remaining = 0;       // body or chunk bytes still expected
    qint64 m_bodyBytes = 0;       // chunked body received so far
    qint64 m_maxBody = 0;
    bool m_inRequest = false;
    qint64 m_completed = 0;
    HttpHeadVerdict m_verdict;
};
