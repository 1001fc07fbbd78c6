#pragma once

#include <QByteArray>
#include <QJsonObject>

// The OpenAPI 3.0 description of every route ApiService registers. Written by hand (the
// router knows paths, not meanings); tst_openapi checks that its (method, path) set equals
// the router's, so a route added without documentation fails the build's tests.
class OpenApiDocument final
{
public:
    static QJsonObject build(const QString &version);
    static QByteArray json(const QString &version);
};
