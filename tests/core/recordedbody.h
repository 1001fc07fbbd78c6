#pragma once

// Test helper: the response body of a recorded exchange (tests/data/transcripts), as the
// bytes of its JSON text. The recordings keep the server's key order and exact integers,
// which a round trip through QJsonDocument would lose, so the body is cut out of the file
// text instead of re-serialised.

#include <QByteArray>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace RecordedBody {

// The end (one past) of the JSON value starting at begin; -1 if it does not end.
inline qsizetype valueEnd(const QByteArray &text, qsizetype begin)
{
    int depth = 0;
    for (qsizetype i = begin; i < text.size(); ++i) {
        const char c = text.at(i);
        if (c == '"') {
            for (++i; i < text.size() && text.at(i) != '"'; ++i) {
                if (text.at(i) == '\\')
                    ++i;
            }
            if (depth == 0)
                return i + 1;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth == 0)
                return i + 1;
        } else if (depth == 0 && (c == ',' || c == '\n')) {
            return i; // a bare scalar
        }
    }
    return -1;
}

inline QByteArray fromText(const QByteArray &text)
{
    const QByteArray key = QByteArrayLiteral("\"body\": ");
    const qsizetype at = text.indexOf(key, text.indexOf("\"response\""));
    if (at < 0)
        return {};
    const qsizetype begin = at + key.size();
    const qsizetype end = valueEnd(text, begin);
    return end < 0 ? QByteArray() : text.mid(begin, end - begin);
}

// version: "v0.3.65" or "v0.8.0"; file: "object_info_all.json", ...
inline QByteArray load(const QString &version, const QString &file)
{
    QFile f(QStringLiteral(COMFYDESK_TEST_DATA "/transcripts/") + version + QLatin1Char('/')
            + file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return fromText(f.readAll());
}

// The body as a JSON object, for tests that look at values rather than at bytes.
inline QJsonObject loadObject(const QString &version, const QString &file)
{
    return QJsonDocument::fromJson(load(version, file)).object();
}

} // namespace RecordedBody
