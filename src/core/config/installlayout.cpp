#include "installlayout.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace InstallLayout {

QString sharedDataDir()
{
    // Relative to the executable, not a fixed /usr: a package built with another prefix
    // (or unpacked with dpkg-deb -x to look at it) finds its data the same way.
    const QString dir = QDir::cleanPath(QCoreApplication::applicationDirPath()
                                        + QStringLiteral("/../share/comfydesk"));
    return QFileInfo(dir).isDir() ? dir : QString();
}

static QString sharedSubdir(const QString &name)
{
    const QString root = sharedDataDir();
    if (root.isEmpty())
        return {};
    const QString dir = root + QLatin1Char('/') + name;
    return QFileInfo(dir).isDir() ? dir : QString();
}

QString sampleWorkflowsDir()
{
    return sharedSubdir(QStringLiteral("workflows"));
}

QString translationsDir()
{
    return sharedSubdir(QStringLiteral("translations"));
}

QString userWorkflowsDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/workflows");
}

} // namespace InstallLayout
