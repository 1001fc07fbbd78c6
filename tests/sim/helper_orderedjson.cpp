#include "helper_orderedjson.h"

namespace Conformance {

namespace {

struct Reader
{
    const QByteArray &s;
    qsizetype i = 0;

    void space()
    {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t'))
            ++i;
    }

    bool string(QString *out)
    {
        if (i >= s.size() || s[i] != '"')
            return false;
        ++i;
        QByteArray raw;
        while (i < s.size() && s[i] != '"') {
            if (s[i] == '\\') {
                if (i + 1 >= s.size())
                    return false;
                const char e = s[i + 1];
                i += 2;
                if (e == 'u') {
                    bool ok = false;
                    const ushort unit = s.mid(i, 4).toUShort(&ok, 16);
                    if (!ok)
                        return false;
                    raw += QString(QChar(unit)).toUtf8();
                    i += 4;
                    continue;
                }
                static const QByteArray from = "\"\\/bfnrt";
                static const QByteArray to = "\"\\/\b\f\n\r\t";
                const qsizetype k = from.indexOf(e);
                if (k < 0)
                    return false;
                raw += to[k];
                continue;
            }
            raw += s[i++];
        }
        if (i >= s.size())
            return false;
        ++i;
        *out = QString::fromUtf8(raw);
        return true;
    }

    bool value(OrderedJson *out, int depth)
    {
        space();
        if (i >= s.size() || depth > 200)
            return false;
        const char c = s[i];
        if (c == '{') {
            ++i;
            out->kind = OrderedJson::Kind::Object;
            space();
            if (i < s.size() && s[i] == '}') {
                ++i;
                return true;
            }
            while (true) {
                space();
                QString key;
                if (!string(&key))
                    return false;
                space();
                if (i >= s.size() || s[i++] != ':')
                    return false;
                OrderedJson v;
                if (!value(&v, depth + 1))
                    return false;
                out->members.append({key, v});
                space();
                if (i >= s.size())
                    return false;
                if (s[i] == '}') {
                    ++i;
                    return true;
                }
                if (s[i++] != ',')
                    return false;
            }
        }
        if (c == '[') {
            ++i;
            out->kind = OrderedJson::Kind::Array;
            space();
            if (i < s.size() && s[i] == ']') {
                ++i;
                return true;
            }
            while (true) {
                OrderedJson v;
                if (!value(&v, depth + 1))
                    return false;
                out->items.append(v);
                space();
                if (i >= s.size())
                    return false;
                if (s[i] == ']') {
                    ++i;
                    return true;
                }
                if (s[i++] != ',')
                    return false;
            }
        }
        if (c == '"') {
            out->kind = OrderedJson::Kind::String;
            return string(&out->text);
        }
        for (const char *word : {"true", "false", "null"}) {
            if (s.mid(i, qsizetype(qstrlen(word))) == word) {
                out->kind = word[0] == 'n' ? OrderedJson::Kind::Null : OrderedJson::Kind::Bool;
                out->text = QString::fromLatin1(word);
                i += qsizetype(qstrlen(word));
                return true;
            }
        }
        const qsizetype start = i;
        while (i < s.size() && QByteArray("+-0123456789.eEINaInfity").contains(s[i]))
            ++i;
        if (i == start)
            return false;
        out->kind = OrderedJson::Kind::Number;
        out->text = QString::fromLatin1(s.mid(start, i - start));
        return true;
    }
};

QByteArray quoted(const QString &text)
{
    QByteArray out = "\"";
    for (const QChar ch : text) {
        const ushort u = ch.unicode();
        if (u == '"' || u == '\\')
            out += '\\' + QByteArray(1, char(u));
        else if (u == '\n')
            out += "\\n";
        else if (u < 0x20 || u >= 0x7f)
            out += "\\u" + QByteArray::number(u, 16).rightJustified(4, '0');
        else
            out += char(u);
    }
    return out + '"';
}

} // namespace

OrderedJson OrderedJson::parse(const QByteArray &json, bool *ok)
{
    OrderedJson out;
    Reader reader{json};
    bool parsed = reader.value(&out, 0);
    reader.space();
    parsed = parsed && reader.i == json.size();
    if (ok)
        *ok = parsed;
    return parsed ? out : OrderedJson();
}

const OrderedJson &OrderedJson::member(const QString &key) const
{
    static const OrderedJson missing;
    for (const auto &m : members) {
        if (m.first == key)
            return m.second;
    }
    return missing;
}

QByteArray OrderedJson::dump(const QHash<QString, QString> &renames) const
{
    switch (kind) {
    case Kind::Missing:
    case Kind::Null:
        return "null";
    case Kind::Bool:
    case Kind::Number:
        return text.toLatin1();
    case Kind::String:
        return quoted(renames.value(text, text));
    case Kind::Array: {
        QByteArray out = "[";
        for (qsizetype i = 0; i < items.size(); ++i)
            out += (i ? "," : "") + items.at(i).dump(renames);
        return out + ']';
    }
    case Kind::Object: {
        QByteArray out = "{";
        for (qsizetype i = 0; i < members.size(); ++i) {
            out += (i ? "," : "") + quoted(members.at(i).first) + ':'
                    + members.at(i).second.dump(renames);
        }
        return out + '}';
    }
    }
    return {};
}

bool OrderedJson::isFloat() const
{
    return kind == Kind::Number
            && (text.contains(QLatin1Char('.')) || text.contains(QLatin1Char('e'))
                || text.contains(QLatin1Char('E')) || text.contains(QLatin1Char('N'))
                || text.contains(QLatin1Char('I')));
}

QStringList writtenDiff(const OrderedJson &recorded, const OrderedJson &actual,
                        const QHash<QString, QString> &renames, const QString &path)
{
    using Kind = OrderedJson::Kind;
    if (recorded.kind != actual.kind)
        return {};
    QStringList diffs;
    if (recorded.kind == Kind::Number && recorded.isFloat() != actual.isFloat()) {
        diffs << QStringLiteral("%1: number written as %2, recorded as %3")
                         .arg(path, actual.text, recorded.text);
    } else if (recorded.kind == Kind::Array) {
        const bool sameLength = recorded.items.size() == actual.items.size();
        for (qsizetype i = 0; i < actual.items.size() && !recorded.items.isEmpty(); ++i) {
            const OrderedJson &want = sameLength ? recorded.items.at(i) : recorded.items.first();
            diffs += writtenDiff(want, actual.items.at(i), renames,
                                 path + QStringLiteral("[%1]").arg(i));
        }
    } else if (recorded.kind == Kind::Object) {
        QStringList wantOrder;
        QStringList gotOrder;
        QHash<QString, const OrderedJson *> actualByKey;
        for (const auto &m : actual.members)
            actualByKey.insert(m.first, &m.second);
        for (const auto &m : recorded.members) {
            const QString key = renames.value(m.first, m.first);
            if (actualByKey.contains(key))
                wantOrder << key;
        }
        for (const auto &m : actual.members) {
            if (wantOrder.contains(m.first))
                gotOrder << m.first;
        }
        if (wantOrder != gotOrder) {
            diffs << QStringLiteral("%1: key order recorded [%2], actual [%3]")
                             .arg(path, wantOrder.join(QLatin1Char(',')),
                                  gotOrder.join(QLatin1Char(',')));
        }
        for (const auto &m : recorded.members) {
            const QString key = renames.value(m.first, m.first);
            if (const OrderedJson *other = actualByKey.value(key))
                diffs += writtenDiff(m.second, *other, renames, path + QLatin1Char('.') + key);
        }
    }
    return diffs;
}

} // namespace Conformance
