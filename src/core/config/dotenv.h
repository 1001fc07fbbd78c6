#pragma once

#include <QHash>
#include <QString>

// Reads a `.env` file as the original Flask service did (python-dotenv): KEY=VALUE lines,
// `#` comments, optional `export `, single or double quotes around the value.
// Only the file: that the process environment wins over it is AppConfig's rule, applied
// there with the other sources.
class DotEnv final
{
public:
    DotEnv() = delete;

    static QHash<QString, QString> parse(const QByteArray &text);
    // The file's values; none when it is missing, unreadable or over 1 MiB.
    static QHash<QString, QString> load(const QString &path);
};
