#pragma once

#include "workflowresult.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

// The workflows folder: one "<name>.json" file (ComfyUI API format) per workflow.
// Every name is checked with WorkflowName, and every path is checked again after resolving
// symlinks, so no call can read or write outside the folder.
// Not a QObject and holds no state but the folder: cheap to copy, safe to use from any
// thread as long as the callers do not race on the same files.
class WorkflowStore final
{
public:
    explicit WorkflowStore(const QString &folder);

    QString folder() const { return m_folder; }
    void setFolder(const QString &folder) { m_folder = folder; }

    // Names of the valid workflow files, without ".json", sorted case-insensitively
    // (then case-sensitively, so the order never depends on the locale or the disk).
    QStringList names() const;
    bool contains(const QString &name) const;
    // The file of an existing workflow (for "reveal in folder"), or empty if there is none
    // or it may not be used.
    QString filePath(const QString &name) const;

    WorkflowResult load(const QString &name) const;

    // Writes the graph (bare, pretty-printed) atomically; replaces an existing file.
    WorkflowError save(const QString &name, const QJsonObject &graph) const;
    // Writes text exactly as given (WorkflowDocument::text(): the user's layout and key
    // order kept), atomically, after checking it is an API-format graph.
    WorkflowError saveText(const QString &name, const QByteArray &text) const;
    WorkflowError rename(const QString &from, const QString &to) const;
    WorkflowError duplicate(const QString &from, const QString &to) const;
    WorkflowError remove(const QString &name) const;

    // Imports a workflow JSON file (bare, wrapped) or a PNG saved by ComfyUI (its "prompt"
    // text chunk). With an empty name the file's base name is used, made unique
    // ("x (2)"); an explicit name that is taken is an AlreadyExists error.
    // The result carries the stored name and the graph.
    WorkflowResult importFile(const QString &path, const QString &name = {}) const;
    WorkflowResult importData(const QByteArray &data, const QString &name,
                              const QString &what) const;

    // The graph inside JSON or PNG bytes, without storing anything.
    static WorkflowResult parseImport(const QByteArray &data, const QString &what);

private:
    enum class Existence { MustExist, MayExist, MustNotExist };
    // Validates the name and resolves "<folder>/<name>.json", refusing anything whose
    // canonical path is not directly inside the canonical folder.
    WorkflowError resolve(const QString &name, Existence existence, QString *path) const;
    // For rename and duplicate: from must exist and to must not; from's error comes first.
    // When only to fails, both paths are still set (rename compares them).
    WorkflowError resolveSourceAndTarget(const QString &from, const QString &to,
                                         QString *source, QString *target) const;
    QString uniqueName(const QString &base) const;
    // Name check, folder creation, resolve and an atomic write of bytes.
    WorkflowError writeFile(const QString &name, const QByteArray &bytes) const;

    QString m_folder;
};
