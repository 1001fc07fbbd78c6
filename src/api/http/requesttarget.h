#pragma once

#include <QByteArray>

// Checks a raw HTTP request target before any router sees it. QHttpServer 6.4 routes on
// the percent-decoded path, so "%2e%2e" and ".." look the same to it: the guard must refuse
// anything that could name a parent folder or hide characters, whichever way it is spelt.
class RequestTarget
{
public:
    // True when the target is an origin-form path ("/..." with optional "?query") that is
    // safe to route. Otherwise false, with a short reason in *reason.
    static bool isSafe(const QByteArray &target, QByteArray *reason);
};
