#include "workflowsamples.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>

namespace {
// One entry per folder seeded: pointing the app at another (empty) folder later seeds that
// one too, while the folder seeded first keeps what the user did with it.
const QString SeededFoldersKey = QStringLiteral("workflows/samplesCopiedTo");
}

WorkflowSamples::Result WorkflowSamples::copyOnFirstRun(const QString &samplesDir,
                                                        const QString &targetDir,
                                                        QSettings &settings)
{
    Result result;
    if (samplesDir.isEmpty() || targetDir.isEmpty())
        return result;
    const QString target = QDir::cleanPath(QDir(targetDir).absolutePath());
    QStringList seeded = settings.value(SeededFoldersKey).toStringList();
    if (seeded.contains(target)) {
        result.alreadyDone = true;
        return result;
    }
    if (!QDir().mkpath(target)) {
        result.error = QStringLiteral("Could not create the workflows folder %1.").arg(target);
        return result;
    }
    const QDir samples(samplesDir);
    const QStringList names = samples.entryList({QStringLiteral("*.json")}, QDir::Files,
                                                QDir::Name);
    for (const QString &name : names) {
        const QString destination = target + QLatin1Char('/') + name;
        if (QFileInfo::exists(destination)) {
            result.kept << name;
            continue;
        }
        if (!QFile::copy(samples.filePath(name), destination)) {
            result.error = QStringLiteral("Could not copy the sample workflow %1 into %2.")
                               .arg(name, target);
            continue;
        }
        // The package's files are read-only for users; the copy is the user's to edit.
        QFile::setPermissions(destination, QFile::ReadOwner | QFile::WriteOwner
                                               | QFile::ReadGroup | QFile::ReadOther);
        result.copied << name;
    }
    // After a failed copy (a full disk, say) the next start tries again.
    if (!result.error.isEmpty())
        return result;
    seeded << target;
    settings.setValue(SeededFoldersKey, seeded);
    return result;
}
