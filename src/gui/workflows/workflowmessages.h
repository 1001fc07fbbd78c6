#pragma once

#include "workflowerror.h"

#include <QCoreApplication>
#include <QString>

// The sentences the workflow list shows for core's workflow errors. Core reports reasons as
// codes (its own messages are English, for the REST API); the desktop says them with tr().
class WorkflowMessages final
{
    Q_DECLARE_TR_FUNCTIONS(WorkflowMessages)
public:
    // A short note beside a listed file that cannot be opened ("UI format: ...").
    static QString fileNote(const WorkflowError &error);
    // Why importing fileName (a base name, as the user knows it) failed, as a sentence.
    static QString importProblem(const QString &fileName, const WorkflowError &error);
    // The reason part of a failed rename, duplicate or delete ("a workflow named ... exists").
    static QString reason(const WorkflowError &error);
};
