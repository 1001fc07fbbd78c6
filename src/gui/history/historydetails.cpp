#include "historydetails.h"

#include "catalogueentry.h"
#include "historytext.h"
#include "jsonnumberliteral.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

namespace HistoryDetails {

static QString tr(const char *text)
{
    return QCoreApplication::translate("HistoryDetails", text);
}

static QString literal(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        // A big integer read back from the catalogue is a marked string: its digits.
        return JsonNumberLiteral::isMarked(value.toString())
                   ? JsonNumberLiteral::literal(value.toString()) : value.toString();
    case QJsonValue::Double: {
        const double number = value.toDouble();
        return number == double(qint64(number)) && qAbs(number) < 1e15
                   ? QString::number(qint64(number)) : QString::number(number, 'g', 15);
    }
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null:
        return QStringLiteral("null");
    default:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
}

static bool isLink(const QJsonValue &value)
{
    const QJsonArray array = value.toArray();
    return value.isArray() && array.size() == 2 && array.at(0).isString();
}

QList<Difference> differences(const QJsonObject &runGraph, const QJsonObject &fileGraph)
{
    QList<Difference> found;
    for (auto node = runGraph.begin(); node != runGraph.end(); ++node) {
        const QJsonObject run = node.value().toObject();
        const QJsonObject file = fileGraph.value(node.key()).toObject();
        const QJsonObject runInputs = run.value(QLatin1String("inputs")).toObject();
        const QJsonObject fileInputs = file.value(QLatin1String("inputs")).toObject();
        QString title = run.value(QLatin1String("_meta")).toObject()
                            .value(QLatin1String("title")).toString();
        if (title.isEmpty())
            title = run.value(QLatin1String("class_type")).toString();
        for (auto input = runInputs.begin(); input != runInputs.end(); ++input) {
            if (isLink(input.value()))
                continue;
            const bool inFile = fileInputs.contains(input.key());
            const QJsonValue was = fileInputs.value(input.key());
            if (inFile && literal(was) == literal(input.value()))
                continue;
            found.append({node.key(), title, input.key(), inFile ? literal(was) : QString(),
                          literal(input.value())});
        }
    }
    return found;
}

static QString row(const QString &label, const QString &value)
{
    if (value.isEmpty())
        return {};
    return QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), value.toHtmlEscaped().replace(QLatin1Char('\n'),
                                                                   QStringLiteral("<br>")));
}

QString html(const CatalogueEntry &entry, const QJsonObject &workflowGraph)
{
    const PromptSummary &s = entry.summary;
    QString text = QStringLiteral("<h3>%1</h3>").arg(
        (entry.workflow.isEmpty() ? tr("Another client's prompt") : entry.workflow)
            .toHtmlEscaped());
    const QString why = HistoryText::reason(entry);
    text += QStringLiteral("<p>%1%2</p>")
                .arg(HistoryText::status(entry.status).toHtmlEscaped(),
                     why.isEmpty() ? QString()
                                   : QStringLiteral("<br><span style='color:#c0392b'>%1</span>")
                                         .arg(why.toHtmlEscaped()));
    text += QStringLiteral("<table cellspacing='4'>");
    text += row(tr("Prompt"), s.positive);
    text += row(tr("Negative prompt"), s.negative);
    text += row(tr("Seed"), s.seed);
    text += row(tr("Steps"), s.steps > 0 ? QString::number(s.steps) : QString());
    text += row(tr("CFG"), s.cfg >= 0 ? QString::number(s.cfg) : QString());
    text += row(tr("Sampler"), s.sampler.isEmpty() ? QString()
                                                   : s.sampler + QStringLiteral(" / ")
                                                         + s.scheduler);
    text += row(tr("Size"), s.width > 0 ? QStringLiteral("%1 × %2").arg(s.width).arg(s.height)
                                         : QString());
    text += row(tr("Model"), s.checkpoint);
    text += row(tr("Queued"), entry.queuedAtMs > 0
                                  ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(
                                                           entry.queuedAtMs),
                                                       QLocale::LongFormat)
                                  : QString());
    text += row(tr("Duration"), HistoryText::duration(entry.executionTime));
    text += row(tr("Server"), entry.server);
    text += row(tr("Prompt id"), entry.promptId);
    text += row(tr("Tags"), entry.tags.join(QStringLiteral(", ")));
    text += row(tr("Note"), entry.note);
    text += row(tr("Images"), entry.images.isEmpty() ? QString()
                                                     : QString::number(entry.images.size()));
    text += QStringLiteral("</table>");

    if (!workflowGraph.isEmpty() && !entry.graph.isEmpty()) {
        const QList<Difference> changed = differences(entry.graph, workflowGraph);
        if (changed.isEmpty()) {
            text += QStringLiteral("<p><i>%1</i></p>")
                        .arg(tr("Same values as the workflow file.").toHtmlEscaped());
        } else {
            text += QStringLiteral("<p><b>%1</b></p><table cellspacing='4'>")
                        .arg(tr("Changed from the workflow file").toHtmlEscaped());
            for (const Difference &d : changed) {
                text += QStringLiteral("<tr style='background-color:#fff3c4'><td>%1 · %2</td>"
                                       "<td><s>%3</s></td><td>→ <b>%4</b></td></tr>")
                            .arg(d.title.toHtmlEscaped(), d.input.toHtmlEscaped(),
                                 d.fileValue.left(200).toHtmlEscaped(),
                                 d.runValue.left(200).toHtmlEscaped());
            }
            text += QStringLiteral("</table>");
        }
    }
    return text;
}

} // namespace HistoryDetails
