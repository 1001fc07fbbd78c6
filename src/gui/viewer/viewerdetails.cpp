#include "viewerdetails.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QLocale>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ViewerDetails", text);
}

// unbroken: a value read and copied whole (a seed), never wrapped inside.
QString row(const QString &label, const QString &value, bool unbroken = false)
{
    if (value.isEmpty())
        return {};
    QString escaped = value.toHtmlEscaped();
    escaped.replace(QLatin1Char('\n'), QLatin1String("<br>"));
    return QStringLiteral("<tr><th align=\"left\" valign=\"top\">%1</th>"
                          "<td style=\"white-space: %3\">%2</td></tr>")
        .arg(label.toHtmlEscaped(), escaped,
             unbroken ? QStringLiteral("nowrap") : QStringLiteral("normal"));
}

QString timeText(qint64 ms)
{
    if (ms <= 0)
        return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat);
}

QString sizeText(int width, int height)
{
    return tr("%1 × %2").arg(width).arg(height);
}

} // namespace

namespace ViewerDetails {

QString html(const ViewerImage &image, const QSize &size)
{
    const CatalogueEntry &entry = image.entry;
    const PromptSummary &summary = entry.summary;
    QString rows;
    const bool knownPrompt = !entry.promptId.isEmpty() || !entry.graph.isEmpty();
    if (!knownPrompt) {
        rows += QStringLiteral("<tr><td colspan=\"2\"><i>%1</i></td></tr>")
                    .arg(tr("The prompt that made this image is not known.").toHtmlEscaped());
    }
    rows += row(tr("Prompt"), summary.positive);
    rows += row(tr("Negative prompt"), summary.negative);
    rows += row(tr("Seed"), summary.seed, true);     // text: every digit, never through a double
    if (summary.steps > 0)
        rows += row(tr("Steps"), QString::number(summary.steps));
    if (summary.cfg >= 0)
        rows += row(tr("CFG"), QString::number(summary.cfg, 'g', 6));
    QString sampler = summary.sampler;
    if (!summary.scheduler.isEmpty())
        sampler = sampler.isEmpty() ? summary.scheduler
                                    : tr("%1, %2").arg(summary.sampler, summary.scheduler);
    rows += row(tr("Sampler"), sampler);
    if (summary.denoise >= 0 && summary.denoise < 1)
        rows += row(tr("Denoise"), QString::number(summary.denoise, 'g', 4));
    if (size.isValid())
        rows += row(tr("Size"), sizeText(size.width(), size.height()));
    else if (summary.width > 0 && summary.height > 0)
        rows += row(tr("Size"), sizeText(summary.width, summary.height));
    rows += row(tr("Model"), summary.checkpoint);
    rows += row(tr("Workflow"), entry.workflow);
    rows += row(tr("Server"), entry.server);
    rows += row(tr("Time"), timeText(entry.finishedAtMs > 0 ? entry.finishedAtMs
                                                            : entry.queuedAtMs));
    if (entry.executionTime >= 0)
        rows += row(tr("Took"), tr("%1 s").arg(QLocale().toString(entry.executionTime, 'f', 1)));
    rows += row(tr("File"), image.filePath.isEmpty() ? QString()
                                                     : QFileInfo(image.filePath).fileName());
    return QStringLiteral("<table cellspacing=\"2\" cellpadding=\"3\">%1</table>").arg(rows);
}

} // namespace ViewerDetails
