#include "dotenv.h"

#include <QFile>

QHash<QString, QString> DotEnv::parse(const QByteArray &text)
{
    QHash<QString, QString> values;
    const QList<QByteArray> lines = text.split('\n');
    for (QByteArray line : lines) {
        line = line.trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        if (line.startsWith("export "))
            line = line.mid(7).trimmed();
        const int eq = line.indexOf('=');
        if (eq <= 0)
            continue;
        const QString key = QString::fromUtf8(line.left(eq).trimmed());
        QByteArray value = line.mid(eq + 1).trimmed();
        const bool quoted = value.size() >= 2
                            && (value.front() == '"' || value.front() == '\'')
                            && value.back() == value.front();
        if (quoted) {
            value = value.mid(1, value.size() - 2);
        } else {
            // An unquoted value ends at an inline comment (" #").
            const int hash = value.indexOf(" #");
            if (hash >= 0)
                value = value.left(hash).trimmed();
        }
        values.insert(key, QString::fromUtf8(value));
    }
    return values;
}

QHash<QString, QString> DotEnv::load(const QString &path)
{
    QFile file(path);
    // A .env is a few lines; refuse to read something huge by mistake.
    if (!file.open(QIODevice::ReadOnly) || file.size() > 1024 * 1024)
        return {};
    return parse(file.readAll());
}
