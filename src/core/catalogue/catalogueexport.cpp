#include "catalogueexport.h"
#include "catalogueentry_p.h"
#include "jsonnumberliteral.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QStringList>

namespace {

enum class Cell { Text, Number };

struct Field
{
    QString value;
    Cell kind = Cell::Text;
};

QString timeText(qint64 ms)
{
    if (ms == 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString exportNumberText(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

// A seed is digits when ComfyUI made it; anything else came from a hand-made graph and is
// treated as text (and neutralised like text).
bool isInteger(const QString &text)
{
    if (text.isEmpty())
        return false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (!(c >= QLatin1Char('0') && c <= QLatin1Char('9'))
            && !(i == 0 && c == QLatin1Char('-') && text.size() > 1)) {
            return false;
        }
    }
    return true;
}

// RFC 4180 quoting, after neutralising text a spreadsheet would run as a formula (a prompt
// or a note may start with "=" or "-"); numbers are ours and left alone so "-1" stays -1.
QByteArray csvField(const Field &field)
{
    QString value = field.value;
    if (field.kind == Cell::Text && !value.isEmpty()) {
        const QChar first = value.front();
        if (first == QLatin1Char('=') || first == QLatin1Char('+') || first == QLatin1Char('-')
            || first == QLatin1Char('@') || first == QLatin1Char('\t')
            || first == QLatin1Char('\r')) {
            value.prepend(QLatin1Char('\''));
        }
    }
    const bool quote = value.contains(QLatin1Char(',')) || value.contains(QLatin1Char('"'))
        || value.contains(QLatin1Char('\r')) || value.contains(QLatin1Char('\n'));
    if (quote) {
        value.replace(QLatin1Char('"'), QLatin1String("\"\""));
        value = QLatin1Char('"') + value + QLatin1Char('"');
    }
    return value.toUtf8();
}

QByteArray csvLine(const QList<Field> &fields)
{
    QByteArray line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            line.append(',');
        line.append(csvField(fields.at(i)));
    }
    line.append("\r\n");
    return line;
}

Field number(double value, bool present)
{
    return {present ? exportNumberText(value) : QString(), Cell::Number};
}

// Characters no file name may hold somewhere: "/" (everywhere), "\\ : * ? \" < > |"
// (Windows), ":" (macOS Finder), control characters; and a lone surrogate, which has no
// UTF-8 form at all.
QString safeFileChars(const QString &text)
{
    static const QString forbidden = QStringLiteral("<>:\"/\\|?*");
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            out.append(c);
            out.append(text.at(++i));
        } else if (c.isSurrogate() || c.unicode() < 0x20 || c.unicode() == 0x7F
                   || (c.unicode() >= 0x80 && c.unicode() < 0xA0) || forbidden.contains(c)) {
            out.append(QLatin1Char('_'));
        } else {
            out.append(c);
        }
    }
    return out;
}

// Drops whole characters (never half a surrogate pair) from the end until text fits.
QString truncatedToUtf8(QString text, qsizetype maxBytes)
{
    while (!text.isEmpty() && text.toUtf8().size() > maxBytes) {
        text.chop(1);
        if (!text.isEmpty() && text.back().isHighSurrogate())
            text.chop(1);
    }
    return text;
}

} // namespace

namespace CatalogueExport {

QByteArray csvHeader()
{
    static const char *const columns[] = {
        "prompt_id", "server", "workflow", "status", "reason", "queued_at", "started_at",
        "finished_at", "execution_time", "positive", "negative", "seed", "steps", "cfg",
        "sampler", "scheduler", "width", "height", "checkpoint", "denoise", "starred", "tags",
        "note", "error_type", "error_message", "image_count", "image_files"};
    QList<Field> fields;
    for (const char *column : columns)
        fields.append({QString::fromLatin1(column), Cell::Text});
    // The BOM is what makes Excel read the file as UTF-8 rather than the ANSI code page.
    return QByteArray("\xEF\xBB\xBF") + csvLine(fields);
}

QByteArray csvRow(const CatalogueEntry &entry)
{
    const PromptSummary &summary = entry.summary;
    QStringList files;
    for (const CatalogueImage &image : entry.images)
        files.append(image.filename);
    const QList<Field> fields{
        {entry.promptId},
        {entry.server},
        {entry.workflow},
        {entry.status},
        {entry.reason},
        {timeText(entry.queuedAtMs)},
        {timeText(entry.startedAtMs)},
        {timeText(entry.finishedAtMs)},
        number(entry.executionTime, entry.executionTime >= 0),
        {summary.positive},
        {summary.negative},
        {summary.seed, isInteger(summary.seed) ? Cell::Number : Cell::Text},
        number(summary.steps, summary.steps > 0),
        number(summary.cfg, summary.cfg >= 0),
        {summary.sampler},
        {summary.scheduler},
        number(summary.width, summary.width > 0),
        number(summary.height, summary.height > 0),
        {summary.checkpoint},
        number(summary.denoise, summary.denoise >= 0),
        {entry.starred ? QStringLiteral("true") : QStringLiteral("false")},
        {entry.tags.join(QLatin1String("; "))},
        {entry.note},
        {entry.errorType},
        {entry.errorMessage},
        number(entry.images.size(), true),
        {files.join(QLatin1String("; "))},
    };
    return csvLine(fields);
}

QByteArray toCsv(const QList<CatalogueEntry> &entries)
{
    QByteArray csv = csvHeader();
    for (const CatalogueEntry &entry : entries)
        csv.append(csvRow(entry));
    return csv;
}

QByteArray toJson(const QList<CatalogueEntry> &entries)
{
    QJsonArray array;
    for (const CatalogueEntry &entry : entries)
        array.append(entry.toJson(true));
    return JsonNumberLiteral::unmark(QJsonDocument(array).toJson(QJsonDocument::Indented));
}

QJsonObject sidecar(const CatalogueEntry &entry, const CatalogueImage &image)
{
    QJsonObject json = entry.toJson(true);
    json.insert(QStringLiteral("image"), catalogueImageJson(image));
    return json;
}

QString exportedImageName(const CatalogueEntry &entry, const CatalogueImage &image)
{
    // Room for the longest names some file systems take (255 bytes) with space to spare for
    // a " (2)" a file manager adds on a clash.
    constexpr qsizetype MaxBytes = 200;
    constexpr qsizetype MaxExtension = 16;

    const QString prefix = safeFileChars(entry.promptId) + QLatin1Char('_')
        + QString::number(image.index) + QLatin1Char('_');
    QString stem = safeFileChars(image.filename);
    QString extension;
    const qsizetype dot = stem.lastIndexOf(QLatin1Char('.'));
    if (dot > 0 && stem.size() - dot <= MaxExtension) {
        extension = stem.mid(dot);
        stem.truncate(dot);
    }
    // Shortened, the file name's stem goes first: the prompt id and index keep the names
    // of one export apart, and the extension keeps the file openable.
    const qsizetype fixedBytes = prefix.toUtf8().size() + extension.toUtf8().size();
    QString name;
    if (fixedBytes <= MaxBytes)
        name = prefix + truncatedToUtf8(stem, MaxBytes - fixedBytes) + extension;
    else
        name = truncatedToUtf8(prefix + stem + extension, MaxBytes);

    // A leading dot hides the file on Unix; Windows drops trailing dots and spaces.
    if (name.startsWith(QLatin1Char('.')))
        name[0] = QLatin1Char('_');
    for (qsizetype i = name.size() - 1;
         i >= 0 && (name.at(i) == QLatin1Char('.') || name.at(i) == QLatin1Char(' ')); --i) {
        name[i] = QLatin1Char('_');
    }
    if (name.isEmpty())
        name = QStringLiteral("_");
    return name;
}

} // namespace CatalogueExport
