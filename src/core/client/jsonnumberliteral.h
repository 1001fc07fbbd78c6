#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

// Number literals that must reach ComfyUI digit for digit. QJsonValue holds numbers as
// doubles, so a seed of 18446744073709551615 would be written as 1.8446744073709552e+19,
// which ComfyUI refuses. Such a number travels through QJsonObject as a marked string
// (a NUL, then "int:", then the literal: ComfyUI never sends or needs a string starting
// with NUL; ObjectInfoScanner marks /object_info's big bounds with the same spelling), and
// toJson() writes every marked string back as the bare literal.
class JsonNumberLiteral final
{
public:
    // The marked string for a JSON number literal ("18446744073709551615", "-5", "0.5").
    // An invalid literal gives an empty string.
    static QString mark(const QString &literal);
    // The literal of a marked string, or empty for any other string.
    static QString literal(const QString &marked);
    static bool isMarked(const QString &text) { return !literal(text).isEmpty(); }

    // True when a double cannot hold this integer literal exactly (more than 15 digits
    // and not round-tripping), i.e. when it must be marked to survive QJsonValue.
    static bool needsMarking(QStringView integerLiteral);

    // QJsonDocument's text with every marked string replaced by its bare literal.
    static QByteArray toJson(const QJsonObject &object,
                             QJsonDocument::JsonFormat format = QJsonDocument::Compact);
    // The same for already serialised JSON text.
    static QByteArray unmark(const QByteArray &json);
};
