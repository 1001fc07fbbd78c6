#include "simstorage.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

void SimStorage::setRoot(const QString &root)
{
    m_root = QDir::cleanPath(QDir(root).absolutePath());
    for (const char *sub : {"input", "output", "temp"})
        QDir(m_root).mkpath(QString::fromLatin1(sub));
}

QString SimStorage::directoryForType(const QString &type) const
{
    if (type == QLatin1String("input") || type == QLatin1String("output")
        || type == QLatin1String("temp"))
        return m_root + QLatin1Char('/') + type;
    return {};
}

QStringList SimStorage::inputFiles() const
{
    const QString base = directoryForType(QStringLiteral("input"));
    QStringList files;
    QDirIterator it(base, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(QDir(base).relativeFilePath(it.next()));
    files.sort();
    return files;
}

QString SimStorage::annotatedInputPath(const QString &name) const
{
    QString file = name;
    QString type = QStringLiteral("input");
    for (const char *t : {"input", "output", "temp"}) {
        const QString suffix = QStringLiteral(" [%1]").arg(QString::fromLatin1(t));
        if (file.endsWith(suffix)) {
            file.chop(suffix.size());
            type = QString::fromLatin1(t);
        }
    }
    const QString dir = directoryForType(type);
    const QString path = QDir::cleanPath(dir + QLatin1Char('/') + file);
    if (file.isEmpty() || !isInside(dir, path))
        return {};
    return path;
}

int SimStorage::nextCounter(const QString &folder, const QString &baseName)
{
    int counter = 0;
    const QStringList names = QDir(folder).entryList(QDir::Files);
    for (const QString &name : names) {
        if (!name.startsWith(baseName + QLatin1Char('_')))
            continue;
        const QString rest = name.mid(baseName.size() + 1);
        bool ok = false;
        const int digits = rest.section(QLatin1Char('_'), 0, 0).toInt(&ok);
        counter = qMax(counter, ok ? digits : 0);
    }
    return counter + 1;
}

bool SimStorage::isInside(const QString &dir, const QString &path)
{
    const QString cleanDir = QDir::cleanPath(dir);
    const QString cleanPath = QDir::cleanPath(path);
    return cleanPath == cleanDir || cleanPath.startsWith(cleanDir + QLatin1Char('/'));
}

void SimStorage::clearTemp() const
{
    QDir temp(directoryForType(QStringLiteral("temp")));
    temp.removeRecursively();
    QDir(m_root).mkpath(QStringLiteral("temp"));
}
