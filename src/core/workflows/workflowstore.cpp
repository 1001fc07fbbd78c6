#include "workflowstore.h"

#include "workflowfile.h"
#include "workflowname.h"
#include "workflowpng.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>

namespace {

const QString WorkflowFileSuffix = QStringLiteral(".json");

QString describe(const QString &name)
{
    return QStringLiteral("Workflow '%1'").arg(name);
}

// Reads at most MaxSize + 1 bytes, so a file that grows after the size check (or lies
// about its size, like a FIFO) still cannot make us read without bound.
WorkflowError readLimited(const QString &path, const QString &what, QByteArray *data)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return WorkflowError::make(WorkflowError::Kind::Io,
                                   QStringLiteral("%1 cannot be read: %2")
                                       .arg(what, file.errorString()));
    }
    const qint64 size = file.size();
    if (size > WorkflowFile::MaxSize) {
        return WorkflowError::make(
            WorkflowError::Kind::TooLarge,
            QStringLiteral("%1 is too large (%2 bytes; the limit is %3 bytes)")
                .arg(what).arg(size).arg(WorkflowFile::MaxSize));
    }
    *data = file.read(WorkflowFile::MaxSize + 1);
    if (data->size() > WorkflowFile::MaxSize) {
        return WorkflowError::make(
            WorkflowError::Kind::TooLarge,
            QStringLiteral("%1 is too large (more than %2 bytes)")
                .arg(what).arg(WorkflowFile::MaxSize));
    }
    return {};
}

} // namespace

WorkflowStore::WorkflowStore(const QString &folder)
    : m_folder(folder)
{}

WorkflowError WorkflowStore::resolve(const QString &name, Existence existence,
                                     QString *path) const
{
    const QString nameError = WorkflowName::validate(name);
    if (!nameError.isEmpty())
        return WorkflowError::make(WorkflowError::Kind::InvalidName, nameError);

    const QString folder = QFileInfo(m_folder).canonicalFilePath();
    if (folder.isEmpty() || !QFileInfo(folder).isDir()) {
        return WorkflowError::make(
            existence == Existence::MustExist ? WorkflowError::Kind::NotFound
                                              : WorkflowError::Kind::Io,
            QStringLiteral("The workflows folder '%1' does not exist").arg(m_folder));
    }
    *path = folder + QLatin1Char('/') + name + WorkflowFileSuffix;

    const QFileInfo info(*path);
    const bool present = info.exists() || info.isSymLink(); // a dangling link is present
    if (present) {
        // The textual checks keep the name inside the folder; this catches the file
        // itself being a symlink to somewhere else (or to nowhere).
        const QString target = info.canonicalFilePath();
        if (target.isEmpty() || QFileInfo(target).absolutePath() != folder) {
            return WorkflowError::make(
                WorkflowError::Kind::InvalidName,
                QStringLiteral("%1 resolves outside the workflows folder; refused")
                    .arg(describe(name)));
        }
        if (!QFileInfo(target).isFile()) {
            return WorkflowError::make(WorkflowError::Kind::NotFound,
                                       QStringLiteral("%1 is not a file").arg(describe(name)));
        }
        if (existence == Existence::MustNotExist) {
            return WorkflowError::make(WorkflowError::Kind::AlreadyExists,
                                       QStringLiteral("%1 already exists").arg(describe(name)));
        }
    } else if (existence == Existence::MustExist) {
        return WorkflowError::make(WorkflowError::Kind::NotFound,
                                   QStringLiteral("%1 does not exist").arg(describe(name)));
    }
    return {};
}

QStringList WorkflowStore::names() const
{
    QStringList result;
    const QFileInfoList entries = QDir(m_folder).entryInfoList(
        {QStringLiteral("*") + WorkflowFileSuffix}, QDir::Files | QDir::Hidden | QDir::System);
    for (const QFileInfo &entry : entries) {
        const QString fileName = entry.fileName();
        // QDir matches name filters case-insensitively; "x.JSON" is not loadable as "x".
        if (!fileName.endsWith(WorkflowFileSuffix))
            continue;
        const QString name = fileName.chopped(WorkflowFileSuffix.size());
        QString path;
        if (!resolve(name, Existence::MustExist, &path).isError())
            result.append(name);
    }
    std::sort(result.begin(), result.end(), [](const QString &a, const QString &b) {
        const int folded = a.compare(b, Qt::CaseInsensitive);
        return folded != 0 ? folded < 0 : a < b;
    });
    return result;
}

bool WorkflowStore::contains(const QString &name) const
{
    QString path;
    return !resolve(name, Existence::MustExist, &path).isError();
}

QString WorkflowStore::filePath(const QString &name) const
{
    QString path;
    return resolve(name, Existence::MustExist, &path).isError() ? QString() : path;
}

WorkflowResult WorkflowStore::load(const QString &name) const
{
    QString path;
    WorkflowError error = resolve(name, Existence::MustExist, &path);
    if (error.isError())
        return WorkflowResult::failure(error);
    QByteArray data;
    error = readLimited(path, describe(name), &data);
    if (error.isError())
        return WorkflowResult::failure(error);
    WorkflowResult result = WorkflowFile::parse(data, describe(name));
    result.name = name;
    return result;
}

WorkflowError WorkflowStore::save(const QString &name, const QJsonObject &graph) const
{
    const QString nameError = WorkflowName::validate(name);
    if (!nameError.isEmpty())
        return WorkflowError::make(WorkflowError::Kind::InvalidName, nameError);
    const WorkflowError error = WorkflowFile::checkGraph(graph, describe(name));
    if (error.isError())
        return error;
    return writeFile(name, QJsonDocument(graph).toJson(QJsonDocument::Indented));
}

WorkflowError WorkflowStore::saveText(const QString &name, const QByteArray &text) const
{
    const QString nameError = WorkflowName::validate(name);
    if (!nameError.isEmpty())
        return WorkflowError::make(WorkflowError::Kind::InvalidName, nameError);
    const WorkflowResult parsed = WorkflowFile::parse(text, describe(name));
    if (!parsed.isOk())
        return parsed.error;
    return writeFile(name, text);
}

WorkflowError WorkflowStore::writeFile(const QString &name, const QByteArray &bytes) const
{
    const QString nameError = WorkflowName::validate(name);
    if (!nameError.isEmpty())
        return WorkflowError::make(WorkflowError::Kind::InvalidName, nameError);
    if (!QDir().mkpath(m_folder)) {
        return WorkflowError::make(WorkflowError::Kind::Io,
                                   QStringLiteral("Cannot create the workflows folder '%1'")
                                       .arg(m_folder));
    }
    QString path;
    const WorkflowError error = resolve(name, Existence::MayExist, &path);
    if (error.isError())
        return error;

    // Write to the resolved target: QSaveFile renames over its file name, which would
    // replace a (checked, in-folder) symlink with a plain file.
    const QFileInfo info(path);
    QSaveFile file(info.isSymLink() ? info.canonicalFilePath() : path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) < 0 || !file.commit()) {
        return WorkflowError::make(WorkflowError::Kind::Io,
                                   QStringLiteral("%1 cannot be written: %2")
                                       .arg(describe(name), file.errorString()));
    }
    return {};
}

WorkflowError WorkflowStore::resolveSourceAndTarget(const QString &from, const QString &to,
                                                    QString *source, QString *target) const
{
    const WorkflowError error = resolve(from, Existence::MustExist, source);
    if (error.isError())
        return error;
    return resolve(to, Existence::MustNotExist, target);
}

WorkflowError WorkflowStore::rename(const QString &from, const QString &to) const
{
    QString source;
    QString target;
    const WorkflowError error = resolveSourceAndTarget(from, to, &source, &target);
    // On a case-insensitive disk "a" -> "A" finds the source itself as the target.
    const bool sameFile = error.kind == WorkflowError::Kind::AlreadyExists
                          && QFileInfo(source).canonicalFilePath()
                                 == QFileInfo(target).canonicalFilePath();
    if (error.isError() && !sameFile)
        return error;
    if (from == to)
        return {};
    if (!QFile::rename(source, target)) {
        return WorkflowError::make(WorkflowError::Kind::Io,
                                   QStringLiteral("%1 cannot be renamed to '%2'")
                                       .arg(describe(from), to));
    }
    return {};
}

WorkflowError WorkflowStore::duplicate(const QString &from, const QString &to) const
{
    QString source;
    QString target;
    WorkflowError error = resolveSourceAndTarget(from, to, &source, &target);
    if (error.isError())
        return error;
    QByteArray data;
    error = readLimited(source, describe(from), &data);
    if (error.isError())
        return error;
    // Copy the bytes, not a re-serialised graph: the user's formatting and key order stay.
    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) < 0 || !file.commit()) {
        return WorkflowError::make(WorkflowError::Kind::Io,
                                   QStringLiteral("%1 cannot be written: %2")
                                       .arg(describe(to), file.errorString()));
    }
    return {};
}

WorkflowError WorkflowStore::remove(const QString &name) const
{
    QString path;
    WorkflowError error = resolve(name, Existence::MustExist, &path);
    if (error.isError())
        return error;
    QFile file(path);
    if (!file.remove()) {
        return WorkflowError::make(WorkflowError::Kind::Io,
                                   QStringLiteral("%1 cannot be removed: %2")
                                       .arg(describe(name), file.errorString()));
    }
    return {};
}

WorkflowResult WorkflowStore::parseImport(const QByteArray &data, const QString &what)
{
    if (data.size() > WorkflowFile::MaxSize) {
        return WorkflowResult::failure(WorkflowError::make(
            WorkflowError::Kind::TooLarge,
            QStringLiteral("%1 is too large (%2 bytes; the limit is %3 bytes)")
                .arg(what).arg(data.size()).arg(WorkflowFile::MaxSize)));
    }
    if (!WorkflowPng::hasSignature(data))
        return WorkflowFile::parse(data, what);

    const WorkflowPng::Result png = WorkflowPng::readTexts(data);
    if (!png.error.isEmpty()) {
        return WorkflowResult::failure(WorkflowError::make(
            WorkflowError::Kind::NoWorkflowInPng,
            QStringLiteral("%1 cannot be read: %2").arg(what, png.error)));
    }
    const auto prompt = png.texts.constFind(QStringLiteral("prompt"));
    if (prompt != png.texts.constEnd()) {
        return WorkflowFile::parse(prompt->toUtf8(),
                                   QStringLiteral("The \"prompt\" text of %1").arg(what));
    }
    if (png.texts.contains(QStringLiteral("workflow"))) {
        return WorkflowResult::failure(WorkflowError::make(
            WorkflowError::Kind::UiFormat,
            QStringLiteral("%1 holds only a ComfyUI UI workflow, not the API-format "
                           "\"prompt\"; open it in ComfyUI and use Workflow > Export (API) "
                           "(\"Save (API Format)\" in older versions)")
                .arg(what)));
    }
    return WorkflowResult::failure(WorkflowError::make(
        WorkflowError::Kind::NoWorkflowInPng,
        QStringLiteral("%1 is a PNG without a ComfyUI \"prompt\" text chunk").arg(what)));
}

WorkflowResult WorkflowStore::importData(const QByteArray &data, const QString &name,
                                         const QString &what) const
{
    const QString nameError = WorkflowName::validate(name);
    if (!nameError.isEmpty()) {
        return WorkflowResult::failure(
            WorkflowError::make(WorkflowError::Kind::InvalidName, nameError));
    }
    WorkflowResult result = parseImport(data, what);
    if (!result.isOk())
        return result;
    QDir().mkpath(m_folder); // if it cannot be made, resolve() reports it
    QString path;
    // Import never replaces a workflow: the user asked for a new one.
    WorkflowError error = resolve(name, Existence::MustNotExist, &path);
    if (error.isError())
        return WorkflowResult::failure(error);
    error = save(name, result.graph);
    if (error.isError())
        return WorkflowResult::failure(error);
    result.name = name;
    return result;
}

QString WorkflowStore::uniqueName(const QString &base) const
{
    const auto taken = [this](const QString &candidate) {
        const QFileInfo info(m_folder + QLatin1Char('/') + candidate + WorkflowFileSuffix);
        return info.exists() || info.isSymLink();
    };
    if (!taken(base))
        return base;
    for (int n = 2; n < 10000; ++n) {
        const QString suffix = QStringLiteral(" (%1)").arg(n);
        QString stem = base;
        while (!WorkflowName::isValid(stem + suffix) && !stem.isEmpty())
            stem.chop(1); // too long (or now ends badly): shorten the base
        const QString candidate = stem + suffix;
        if (WorkflowName::isValid(candidate) && !taken(candidate))
            return candidate;
    }
    return base; // the import then reports AlreadyExists
}

WorkflowResult WorkflowStore::importFile(const QString &path, const QString &name) const
{
    const QFileInfo info(path);
    const QString what = QStringLiteral("File '%1'").arg(info.fileName());
    if (!info.exists() || !info.isFile()) {
        return WorkflowResult::failure(WorkflowError::make(
            WorkflowError::Kind::NotFound, QStringLiteral("%1 does not exist").arg(what)));
    }
    QByteArray data;
    const WorkflowError error = readLimited(path, what, &data);
    if (error.isError())
        return WorkflowResult::failure(error);

    QString target = name;
    if (target.isEmpty()) {
        target = WorkflowName::sanitized(info.completeBaseName());
        if (target.isEmpty())
            target = QStringLiteral("imported");
        target = uniqueName(target);
    }
    return importData(data, target, what);
}
