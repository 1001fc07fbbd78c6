#pragma once

#include <QHash>
#include <QString>

// Reads a `.env` file as the original Flask service did (python-dotenv): KEY=VALUE lines,
// `#` comments, optional `export `, single or double quotes around the value.
// The process environment wins over the file, so a value set in the shell is kept.
class DotEnv final
{
public:
    static QHash<QString, QString> parse(const QByteArray &text);
    static QHash<QString, QString> load(const QString &path);

    explicit DotEnv(const QString &path = QStringLiteral(".env"));
    // The environment's value if set, else the file's, else defaultValue.
    QString value(const QString &key, const QString &defaultValue = {}) const;

private:
    QHash<QString, QString> m_file;
};
