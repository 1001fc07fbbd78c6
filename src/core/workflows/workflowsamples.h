#pragma once

#include <QString>
#include <QStringList>

class QSettings;

// The sample workflows an installed ComfyDesk ships are copied into the user's workflows
// folder once, on the first run: the user can then edit or delete them, and a deleted
// sample does not come back on the next start. A file the user already has under the same
// name is never overwritten.
class WorkflowSamples
{
public:
    struct Result
    {
        QStringList copied;    // file names copied now
        QStringList kept;      // names the user already had: left as they were
        QString error;         // a folder or file could not be made: tried again next time
        bool alreadyDone = false;
    };

    // Copies every *.json of `samplesDir` into `targetDir` unless `settings` records that
    // this was done for `targetDir` before. An empty `samplesDir` does nothing.
    static Result copyOnFirstRun(const QString &samplesDir, const QString &targetDir,
                                 QSettings &settings);
};
