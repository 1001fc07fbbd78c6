#include "simnodecatalog.h"

#include "simstorage.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

SimNodeCatalog::SimNodeCatalog(const SimStorage &storage)
    : m_storage(storage)
{
    QFile file(QStringLiteral(":/sim/simnodes.json"));
    if (file.open(QIODevice::ReadOnly))
        m_defs = QJsonDocument::fromJson(file.readAll()).object();
}

QJsonObject SimNodeCatalog::definition(const QString &classType) const
{
    QJsonObject def = m_defs.value(classType).toObject();
    if (classType == QLatin1String("LoadImage")) {
        QJsonObject input = def.value(QLatin1String("input")).toObject();
        QJsonObject required = input.value(QLatin1String("required")).toObject();
        QJsonArray image = required.value(QLatin1String("image")).toArray();
        image.replace(0, QJsonArray::fromStringList(m_storage.inputFiles()));
        required.insert(QStringLiteral("image"), image);
        input.insert(QStringLiteral("required"), required);
        def.insert(QStringLiteral("input"), input);
    }
    return def;
}

QJsonObject SimNodeCatalog::all() const
{
    QJsonObject out;
    for (auto it = m_defs.constBegin(); it != m_defs.constEnd(); ++it)
        out.insert(it.key(), definition(it.key()));
    return out;
}

bool SimNodeCatalog::isOutputNode(const QString &classType) const
{
    return m_defs.value(classType).toObject().value(QLatin1String("output_node")).toBool();
}

QStringList SimNodeCatalog::returnTypes(const QString &classType) const
{
    QStringList types;
    const QJsonArray output = m_defs.value(classType).toObject()
                                      .value(QLatin1String("output")).toArray();
    for (const QJsonValue &v : output)
        types.append(v.isString() ? v.toString() : QStringLiteral("COMBO"));
    return types;
}

QStringList SimNodeCatalog::modelFiles(const QString &folder) const
{
    if (folder == QLatin1String("checkpoints"))
        return {QStringLiteral("v1-5-pruned-emaonly.safetensors")};
    return {};
}
