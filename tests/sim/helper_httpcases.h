#pragma once

#include "helper_httpprobe.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <functional>

namespace Conformance {

class SimFixture;

// The request about to be replayed; a case's setup may change it (ids, file names).
struct Request
{
    QByteArray method;
    QString path;
    bool hasJson = false;
    QJsonValue json;
    QByteArray rawBody;
    QList<QPair<QByteArray, QByteArray>> headers;
    QList<MultipartFile> files;
    QList<QPair<QByteArray, QByteArray>> fields;
};

using Setup = std::function<void(SimFixture &, Request &)>;
using Normalise = std::function<void(QJsonValue &recorded, QJsonValue &actual)>;
using Check = std::function<void(SimFixture &, const HttpResult &)>;

struct Case
{
    Setup setup;
    Normalise normalise;
    Check check;
};

// Every replayed recorded *.json file -> its case.
QHash<QString, Case> httpCases();
// Recorded files deliberately not replayed -> why. Ideally empty.
const QHash<QString, QString> &excludedHttpCases();
// The request of a recorded exchange (generated PNG bytes for multipart files).
Request requestFrom(const QJsonObject &recorded);
// Keys whose values must equal the recorded ones (see valueDiff).
const QStringList &valueKeys();
// Replaces every key of `renames` found in `text` by its value.
QString replaceAll(QString text, const QHash<QString, QString> &renames);

} // namespace Conformance
