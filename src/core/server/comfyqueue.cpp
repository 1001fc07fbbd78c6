#include "comfyqueue.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace {

bool parseItem(const QJsonValue &value, QueueEntry *entry)
{
    const QJsonArray item = value.toArray();
    if (item.size() < 2 || !item.at(1).isString() || item.at(1).toString().isEmpty())
        return false;
    entry->number = item.at(0).toDouble();
    entry->promptId = item.at(1).toString();
    entry->prompt = item.at(2).toObject();
    entry->extraData = item.at(3).toObject();
    entry->clientId = entry->extraData.value(QLatin1String("client_id")).toString();
    for (auto it = entry->prompt.constBegin(); it != entry->prompt.constEnd(); ++it) {
        const QString classType =
            it.value().toObject().value(QLatin1String("class_type")).toString();
        if (!classType.isEmpty() && !entry->nodeClasses.contains(classType))
            entry->nodeClasses.append(classType);
    }
    entry->nodeClasses.sort();
    for (const QJsonValue &output : item.at(4).toArray()) {
        if (output.isString())
            entry->outputsToExecute.append(output.toString());
    }
    return true;
}

QList<QueueEntry> parseList(const QJsonValue &list)
{
    QList<QueueEntry> entries;
    const QJsonArray array = list.toArray();
    entries.reserve(array.size());
    for (const QJsonValue &value : array) {
        QueueEntry entry;
        if (parseItem(value, &entry))
            entries.append(std::move(entry));
    }
    return entries;
}

} // namespace

ComfyQueue ComfyQueue::parse(const QJsonObject &queue)
{
    ComfyQueue parsed;
    parsed.running = parseList(queue.value(QLatin1String("queue_running")));
    parsed.pending = parseList(queue.value(QLatin1String("queue_pending")));
    // ComfyUI sends its heap as it is stored; the heap pops by (number, prompt_id).
    std::sort(parsed.pending.begin(), parsed.pending.end(),
              [](const QueueEntry &a, const QueueEntry &b) {
                  return a.number != b.number ? a.number < b.number : a.promptId < b.promptId;
              });
    for (qsizetype i = 0; i < parsed.pending.size(); ++i)
        parsed.pending[i].position = int(i + 1);
    return parsed;
}

const QueueEntry *ComfyQueue::find(const QString &promptId) const
{
    for (const QList<QueueEntry> *list : {&running, &pending}) {
        for (const QueueEntry &entry : *list) {
            if (entry.promptId == promptId)
                return &entry;
        }
    }
    return nullptr;
}

bool ComfyQueue::hasSamePrompts(const ComfyQueue &other) const
{
    const auto same = [](const QList<QueueEntry> &a, const QList<QueueEntry> &b) {
        return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                          [](const QueueEntry &x, const QueueEntry &y) {
                              return x.number == y.number && x.promptId == y.promptId;
                          });
    };
    return same(running, other.running) && same(pending, other.pending);
}

QueueSnapshot QueueSnapshot::fromBody(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        QueueSnapshot snapshot;
        snapshot.error = QStringLiteral("%1 at offset %2")
                             .arg(parseError.errorString())
                             .arg(parseError.offset);
        return snapshot;
    }
    if (!document.isObject()) {
        QueueSnapshot snapshot;
        snapshot.error = QStringLiteral("not a JSON object");
        return snapshot;
    }
    return fromJson(document.object());
}

QueueSnapshot QueueSnapshot::fromJson(const QJsonObject &json)
{
    QueueSnapshot snapshot;
    snapshot.json = json;
    snapshot.queue = ComfyQueue::parse(json);
    return snapshot;
}
