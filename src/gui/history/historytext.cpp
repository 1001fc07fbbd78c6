#include "historytext.h"

#include "catalogueentry.h"

#include <QCoreApplication>
#include <QStringList>

namespace HistoryText {

static QString tr(const char *text)
{
    return QCoreApplication::translate("HistoryText", text);
}

QStringList statusNames()
{
    return {QStringLiteral("completed"), QStringLiteral("processing"), QStringLiteral("error"),
            QStringLiteral("interrupted"), QStringLiteral("cancelled"), QStringLiteral("lost"),
            QStringLiteral("pending"), QStringLiteral("running")};
}

QString status(const QString &name)
{
    if (name == QLatin1String("completed"))
        return tr("Completed");
    if (name == QLatin1String("processing"))
        return tr("Completed, no images");
    if (name == QLatin1String("error"))
        return tr("Failed");
    if (name == QLatin1String("interrupted"))
        return tr("Interrupted");
    if (name == QLatin1String("cancelled"))
        return tr("Cancelled");
    if (name == QLatin1String("lost"))
        return tr("Lost");
    if (name == QLatin1String("pending"))
        return tr("Waiting");
    if (name == QLatin1String("running"))
        return tr("Running");
    return tr("Unknown");
}

QString reason(const CatalogueEntry &entry)
{
    if (entry.status == QLatin1String("error")) {
        QString text = entry.errorNode.isEmpty()
                           ? tr("Failed")
                           : tr("Failed in node %1").arg(entry.errorNode);
        if (!entry.errorType.isEmpty())
            text += QStringLiteral(" (%1)").arg(entry.errorType);
        if (!entry.errorMessage.isEmpty())
            text += QStringLiteral(": ") + entry.errorMessage;
        return text;
    }
    if (entry.status == QLatin1String("lost")) {
        if (!entry.requeuedAs.isEmpty())
            return tr("Lost; re-queued as %1").arg(entry.requeuedAs);
        if (entry.reason == QLatin1String("left_queue_no_history"))
            return tr("Lost: ComfyUI restarted or forgot it before it ran");
        return tr("Lost: ComfyUI no longer knows it");
    }
    if (entry.reason == QLatin1String("invalid_history"))
        return tr("ComfyUI's record of it could not be read");
    return {};
}

QString duration(double seconds)
{
    if (seconds < 0)
        return {};
    if (seconds < 60)
        return tr("%1 s").arg(seconds, 0, 'f', 1);
    const int whole = int(seconds + 0.5);
    return tr("%1 min %2 s").arg(whole / 60).arg(whole % 60);
}

} // namespace HistoryText
