#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace Conformance {

// JSON as written: object keys in their order, numbers as their text. The conformance
// tests parse both the recordings and the simulator's answers with this (QJsonObject sorts
// keys and QJsonValue turns 3.0 into 3, so neither could see those differences). Written
// for the tests, independent of the simulator's own JSON code.
struct OrderedJson
{
    enum class Kind { Missing, Null, Bool, Number, String, Array, Object };
    Kind kind = Kind::Missing;
    QString text;                               // string value, number or bool literal
    QList<QPair<QString, OrderedJson>> members; // objects
    QList<OrderedJson> items;                   // arrays

    static OrderedJson parse(const QByteArray &json, bool *ok = nullptr);
    const OrderedJson &member(const QString &key) const; // Missing when absent
    // Compact JSON text in the same order (to send recorded requests as recorded), with
    // every string value found in `renames` replaced.
    QByteArray dump(const QHash<QString, QString> &renames = {}) const;
    bool isFloat() const; // a number written with '.', 'e' or as NaN/Infinity
};

// Where `actual` is written differently from `recorded`, at paths both have (object keys
// renamed with `renames` first; arrays of different lengths compare each actual element
// with the first recorded one):
//  - the keys both objects have must come in the same order;
//  - numbers must both be integers or both be floats (3.0 is not 3);
// Keys and types that differ are shapeDiff's business and are not reported here.
QStringList writtenDiff(const OrderedJson &recorded, const OrderedJson &actual,
                        const QHash<QString, QString> &renames = {},
                        const QString &path = QStringLiteral("$"));

} // namespace Conformance
