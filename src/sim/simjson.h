#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <initializer_list>
#include <memory>
#include <utility>

// A JSON value as Python's json module sees it. QJsonObject sorts its keys and QJsonValue
// keeps numbers as doubles, while ComfyUI answers with dicts in insertion order, floats
// written with a decimal point (3.0) and integers of any size (a seed max of 2^64-1):
// clients lay widgets out in key order, so the simulator needs both kept exactly.
// Objects keep insertion order (replacing a key keeps its place, like a dict); numbers keep
// the text Python would write for them. Copies share their data until one is modified.
class SimJson final
{
public:
    enum class Type { Undefined, Null, Bool, Number, String, Array, Object };
    using Member = std::pair<QString, SimJson>;

    SimJson() = default;                       // undefined: "no such key"
    SimJson(std::nullptr_t);
    SimJson(bool value);
    SimJson(int value);
    SimJson(uint value) : SimJson(quint64(value)) {}
    SimJson(long value) : SimJson(qint64(value)) {}
    SimJson(qint64 value);
    SimJson(quint64 value);
    SimJson(double value);                     // a Python float: 1.0, 0.5, 1e+16
    SimJson(const QString &value);
    SimJson(const char *utf8);
    SimJson(QLatin1String value);

    static SimJson array(std::initializer_list<SimJson> items = {});
    static SimJson object(std::initializer_list<Member> members = {});
    static SimJson fromStringList(const QStringList &list);
    // A number written exactly as `pythonText` (already in Python's spelling).
    static SimJson number(const QByteArray &pythonText);

    // Python's json.loads: top-level scalars, NaN/Infinity, big integers; numbers are
    // re-spelled the way Python writes them back (1.50 -> 1.5, 1e2 -> 100.0).
    static SimJson parse(const QByteArray &text, bool *ok = nullptr);
    // Python's json.dumps with its defaults: ", " and ": " separators, ensure_ascii.
    QByteArray toJson() const;
    void writeTo(QByteArray *out) const;

    Type type() const;
    bool isUndefined() const { return type() == Type::Undefined; }
    bool isNull() const { return type() == Type::Null; }
    bool isBool() const { return type() == Type::Bool; }
    bool isNumber() const { return type() == Type::Number; }
    bool isString() const { return type() == Type::String; }
    bool isArray() const { return type() == Type::Array; }
    bool isObject() const { return type() == Type::Object; }
    bool isInteger() const;                    // a number without '.', 'e', NaN or inf

    bool toBool(bool fallback = false) const;
    double toDouble(double fallback = 0) const;
    int toInt(int fallback = 0) const;         // integral numbers only, like QJsonValue
    QString toString(const QString &fallback = {}) const;
    QByteArray numberText() const;             // empty unless a number

    // Arrays (and objects: members count).
    qsizetype size() const;
    bool isEmpty() const { return size() == 0; }
    SimJson at(qsizetype index) const;         // undefined when out of range
    void append(const SimJson &value);
    const QList<SimJson> &items() const &;
    // On a temporary (`f().items()` in a range-for) a copy, so the loop cannot dangle.
    QList<SimJson> items() const && { return items(); }
    QStringList toStringList() const;          // string items only
    bool containsItem(const SimJson &value) const;

    // Objects.
    bool contains(QStringView key) const;
    SimJson value(QStringView key) const;      // undefined when absent
    void insert(const QString &key, const SimJson &value); // in place if present, else last
    void remove(QStringView key);
    SimJson take(QStringView key);
    QStringList keys() const;
    const QList<Member> &members() const &;
    QList<Member> members() const && { return members(); }

    // Python ==: numbers by value, containers element by element (dict order ignored).
    bool operator==(const SimJson &other) const;
    bool operator!=(const SimJson &other) const { return !(*this == other); }

private:
    struct Data;
    Data &detach(Type type);
    std::shared_ptr<Data> d;
};

// Python's repr() of a float: shortest round-trip digits, ".0" on integral values,
// exponent form below 1e-4 and from 1e16 on.
QByteArray simPythonFloat(double value);
