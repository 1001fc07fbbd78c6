#pragma once

#include <QByteArray>
#include <QStringList>

// Limits and access rules of the API guard. Plain data: the app fills it from settings,
// the command line and the environment; tests shrink the limits and timeouts.
struct ApiGuardConfig
{
    // Request size
    qint64 maxHeaderBytes = 16 * 1024;        // request line + headers (431 above)
    int maxHeaderCount = 100;                 // 431 above
    qint64 maxJsonBodyBytes = 1024 * 1024;    // every route but the upload ones (413)
    qint64 maxUploadBodyBytes = 64 * 1024 * 1024;
    QStringList uploadPathPrefixes = {QStringLiteral("/api/upload/")};

    // Time
    int requestDeadlineMs = 30 * 1000;   // head + body complete within this, from first byte
    int idleTimeoutMs = 15 * 1000;       // keep-alive connection with no request in flight
    int lingerMs = 2000;                 // after an error: drain input this long, then drop

    // Connections. The caps guard against floods, not against one busy client: a load tool
    // or a script pool from one address easily holds 32 or 64 keep-alive connections and
    // replaces them as fast as it closes them.
    int maxConnections = 512;
    int maxConnectionsPerAddress = 256;

    // Host header (DNS rebinding): the bound address and, for loopback, localhost names
    // are always allowed; these are added (host names or addresses, no port).
    QStringList allowedHosts;

    // CORS: exact origins ("http://host:port") that browsers may call from. Empty: none.
    QStringList corsAllowedOrigins;

    // Auth: when non-empty every request needs "Authorization: Bearer <token>" or
    // "X-API-Key: <token>". The config layer must set one when bound beyond loopback.
    QByteArray token;
    QStringList publicPaths;             // exact paths answered without a token
    // Exact paths that accept a websocket upgrade (any other upgrade is refused). Browsers
    // cannot set headers on a websocket, so there, and only there, the token may also come
    // as a "?token=" query parameter. The HTTP adapter fills this from its routes.
    QStringList webSocketPaths;
    int authSlowdownAfter = 3;           // failures before answers to this address slow down
    int authSlowdownStepMs = 250;        // added delay per further failure
    int authMaxDelayMs = 2000;
    int authBlockAfter = 10;             // failures before the address gets 429
    int authBlockSeconds = 300;          // how long the 429 lasts; also the failure memory
};
