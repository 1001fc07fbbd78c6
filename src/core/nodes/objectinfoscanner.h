#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

// One pass over the raw /object_info body for the two things QJsonDocument loses:
// - the order in which input names are written (QJsonObject sorts its keys; ComfyUI's own
//   "input_order" says the same, but older servers and custom nodes may not send it);
// - integer literals a double cannot hold exactly (seeds up to 2^64 - 1): they are
//   rewritten as marked strings, which NodeNumber::fromJson() reads back exactly.
// The scan is tolerant: on malformed JSON it stops recording and QJsonDocument, run on
// the result afterwards, reports the error.
class ObjectInfoScanner final
{
public:
    struct Result
    {
        QByteArray json; // the body with the big integers rewritten (shared when none)
        // node class -> input section ("required", ...) -> input names in written order
        QHash<QString, QHash<QString, QStringList>> inputOrder;
    };

    static Result scan(const QByteArray &raw);

    // The digits of a string the scan made from a big integer, or empty for any other
    // string.
    static QString markedInteger(const QString &text);
};
