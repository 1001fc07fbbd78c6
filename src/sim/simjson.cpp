#include "simjson.h"

#include "simjsonparser.h"

#include <QLocale>

#include <cmath>
#include <limits>

struct SimJson::Data
{
    Type type = Type::Undefined;
    bool boolean = false;
    double number = 0;
    QByteArray numberText;
    QString string;
    QList<SimJson> items;
    QList<Member> members;
};

namespace {

const QList<SimJson> &noItems()
{
    static const QList<SimJson> empty;
    return empty;
}

const QList<SimJson::Member> &noMembers()
{
    static const QList<SimJson::Member> empty;
    return empty;
}

void writeString(const QString &s, QByteArray *out)
{
    static const char hex[] = "0123456789abcdef";
    out->append('"');
    for (const QChar ch : s) {
        const char16_t u = ch.unicode();
        switch (u) {
        case '"': out->append("\\\""); continue;
        case '\\': out->append("\\\\"); continue;
        case '\n': out->append("\\n"); continue;
        case '\r': out->append("\\r"); continue;
        case '\t': out->append("\\t"); continue;
        case '\b': out->append("\\b"); continue;
        case '\f': out->append("\\f"); continue;
        default: break;
        }
        if (u >= 0x20 && u < 0x7f) {
            out->append(char(u));
        } else {
            // ensure_ascii: everything else as \uXXXX (UTF-16 units, surrogates as pairs).
            const char escape[] = {'\\', 'u', hex[(u >> 12) & 0xf], hex[(u >> 8) & 0xf],
                                   hex[(u >> 4) & 0xf], hex[u & 0xf]};
            out->append(escape, 6);
        }
    }
    out->append('"');
}

} // namespace

QByteArray simPythonFloat(double value)
{
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value > 0 ? "Infinity" : "-Infinity";
    if (value == 0)
        return std::signbit(value) ? "-0.0" : "0.0";
    // Shortest round-trip digits in exponent form, e.g. "-1.2345e+02", then laid out
    // the way Python's float repr does.
    const QByteArray e = QString::number(value, 'e', QLocale::FloatingPointShortest).toLatin1();
    const qsizetype ePos = e.indexOf('e');
    QByteArray mantissa = e.left(ePos);
    const int exponent = e.mid(ePos + 1).toInt();
    const bool negative = mantissa.startsWith('-');
    if (negative)
        mantissa.remove(0, 1);
    QByteArray digits = mantissa;
    digits.replace(".", "");
    QByteArray out = negative ? "-" : "";
    if (exponent >= -4 && exponent < 16) {
        if (exponent >= 0) {
            QByteArray whole = digits.left(exponent + 1);
            while (whole.size() < exponent + 1)
                whole += '0';
            QByteArray fraction = digits.mid(exponent + 1);
            out += whole + '.' + (fraction.isEmpty() ? QByteArray("0") : fraction);
        } else {
            out += "0." + QByteArray(-exponent - 1, '0') + digits;
        }
        return out;
    }
    out += digits.left(1);
    if (digits.size() > 1)
        out += '.' + digits.mid(1);
    out += exponent < 0 ? "e-" : "e+";
    const QByteArray expDigits = QByteArray::number(std::abs(exponent));
    out += (expDigits.size() < 2 ? "0" : "") + expDigits;
    return out;
}

SimJson::SimJson(std::nullptr_t)
    : d(std::make_shared<Data>())
{
    d->type = Type::Null;
}

SimJson::SimJson(bool value)
    : d(std::make_shared<Data>())
{
    d->type = Type::Bool;
    d->boolean = value;
}

SimJson::SimJson(int value)
    : SimJson(qint64(value))
{
}

SimJson::SimJson(qint64 value)
    : d(std::make_shared<Data>())
{
    d->type = Type::Number;
    d->number = double(value);
    d->numberText = QByteArray::number(value);
}

SimJson::SimJson(quint64 value)
    : d(std::make_shared<Data>())
{
    d->type = Type::Number;
    d->number = double(value);
    d->numberText = QByteArray::number(value);
}

SimJson::SimJson(double value)
    : d(std::make_shared<Data>())
{
    d->type = Type::Number;
    d->number = value;
    d->numberText = simPythonFloat(value);
}

SimJson::SimJson(const QString &value)
    : d(std::make_shared<Data>())
{
    d->type = Type::String;
    d->string = value;
}

SimJson::SimJson(const char *utf8)
    : SimJson(QString::fromUtf8(utf8))
{
}

SimJson::SimJson(QLatin1String value)
    : SimJson(QString(value))
{
}

SimJson SimJson::array(std::initializer_list<SimJson> items)
{
    SimJson v;
    v.detach(Type::Array).items = QList<SimJson>(items);
    return v;
}

SimJson SimJson::object(std::initializer_list<Member> members)
{
    SimJson v;
    v.detach(Type::Object);
    for (const Member &m : members)
        v.insert(m.first, m.second);
    return v;
}

SimJson SimJson::fromStringList(const QStringList &list)
{
    SimJson v = array();
    for (const QString &s : list)
        v.append(s);
    return v;
}

SimJson SimJson::number(const QByteArray &pythonText)
{
    SimJson v;
    Data &data = v.detach(Type::Number);
    data.numberText = pythonText;
    if (pythonText == "NaN")
        data.number = std::numeric_limits<double>::quiet_NaN();
    else if (pythonText == "Infinity")
        data.number = std::numeric_limits<double>::infinity();
    else if (pythonText == "-Infinity")
        data.number = -std::numeric_limits<double>::infinity();
    else
        data.number = pythonText.toDouble();
    return v;
}

SimJson SimJson::parse(const QByteArray &text, bool *ok)
{
    SimJson out;
    SimJsonParser parser(text);
    const bool parsed = parser.parseDocument(&out);
    if (ok)
        *ok = parsed;
    return parsed ? out : SimJson();
}

SimJson::Data &SimJson::detach(Type type)
{
    if (!d) {
        d = std::make_shared<Data>();
    } else if (d.use_count() > 1) {
        d = std::make_shared<Data>(*d);
    }
    if (d->type != type) {
        *d = Data();
        d->type = type;
    }
    return *d;
}

SimJson::Type SimJson::type() const
{
    return d ? d->type : Type::Undefined;
}

bool SimJson::isInteger() const
{
    if (!isNumber())
        return false;
    const QByteArray &t = d->numberText;
    return !t.contains('.') && !t.contains('e') && !t.contains('N') && !t.contains('I');
}

bool SimJson::toBool(bool fallback) const
{
    return isBool() ? d->boolean : fallback;
}

double SimJson::toDouble(double fallback) const
{
    return isNumber() ? d->number : fallback;
}

int SimJson::toInt(int fallback) const
{
    if (!isNumber() || d->number != std::trunc(d->number)
        || std::abs(d->number) > double(std::numeric_limits<int>::max()))
        return fallback;
    return int(d->number);
}

QString SimJson::toString(const QString &fallback) const
{
    return isString() ? d->string : fallback;
}

QByteArray SimJson::numberText() const
{
    return isNumber() ? d->numberText : QByteArray();
}

qsizetype SimJson::size() const
{
    if (isArray())
        return d->items.size();
    if (isObject())
        return d->members.size();
    return 0;
}

SimJson SimJson::at(qsizetype index) const
{
    if (!isArray() || index < 0 || index >= d->items.size())
        return {};
    return d->items.at(index);
}

void SimJson::append(const SimJson &value)
{
    detach(Type::Array).items.append(value);
}

const QList<SimJson> &SimJson::items() const &
{
    return isArray() ? d->items : noItems();
}

QStringList SimJson::toStringList() const
{
    QStringList out;
    for (const SimJson &item : items()) {
        if (item.isString())
            out.append(item.toString());
    }
    return out;
}

bool SimJson::containsItem(const SimJson &value) const
{
    for (const SimJson &item : items()) {
        if (item == value)
            return true;
    }
    return false;
}

bool SimJson::contains(QStringView key) const
{
    for (const Member &m : members()) {
        if (m.first == key)
            return true;
    }
    return false;
}

SimJson SimJson::value(QStringView key) const
{
    for (const Member &m : members()) {
        if (m.first == key)
            return m.second;
    }
    return {};
}

void SimJson::insert(const QString &key, const SimJson &value)
{
    Data &data = detach(Type::Object);
    for (Member &m : data.members) {
        if (m.first == key) {
            m.second = value;
            return;
        }
    }
    data.members.append({key, value});
}

void SimJson::remove(QStringView key)
{
    if (!contains(key))
        return;
    Data &data = detach(Type::Object);
    data.members.removeIf([key](const Member &m) { return m.first == key; });
}

SimJson SimJson::take(QStringView key)
{
    const SimJson v = value(key);
    remove(key);
    return v;
}

QStringList SimJson::keys() const
{
    QStringList out;
    for (const Member &m : members())
        out.append(m.first);
    return out;
}

const QList<SimJson::Member> &SimJson::members() const &
{
    return isObject() ? d->members : noMembers();
}

bool SimJson::operator==(const SimJson &other) const
{
    if (type() != other.type())
        return false;
    switch (type()) {
    case Type::Undefined:
    case Type::Null:
        return true;
    case Type::Bool:
        return d->boolean == other.d->boolean;
    case Type::Number:
        return d->number == other.d->number;
    case Type::String:
        return d->string == other.d->string;
    case Type::Array:
        return d->items == other.d->items;
    case Type::Object:
        if (size() != other.size())
            return false;
        for (const Member &m : d->members) {
            if (!other.contains(m.first) || other.value(m.first) != m.second)
                return false;
        }
        return true;
    }
    return false;
}

QByteArray SimJson::toJson() const
{
    QByteArray out;
    writeTo(&out);
    return out;
}

void SimJson::writeTo(QByteArray *out) const
{
    switch (type()) {
    case Type::Undefined:
    case Type::Null:
        out->append("null");
        return;
    case Type::Bool:
        out->append(d->boolean ? "true" : "false");
        return;
    case Type::Number:
        out->append(d->numberText);
        return;
    case Type::String:
        writeString(d->string, out);
        return;
    case Type::Array: {
        out->append('[');
        bool first = true;
        for (const SimJson &item : d->items) {
            if (!first)
                out->append(", ");
            first = false;
            item.writeTo(out);
        }
        out->append(']');
        return;
    }
    case Type::Object: {
        out->append('{');
        bool first = true;
        for (const Member &m : d->members) {
            if (!first)
                out->append(", ");
            first = false;
            writeString(m.first, out);
            out->append(": ");
            m.second.writeTo(out);
        }
        out->append('}');
        return;
    }
    }
}
