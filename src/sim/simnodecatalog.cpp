#include "simnodecatalog.h"

#include "simstorage.h"

#include <QFile>

SimNodeCatalog::SimNodeCatalog(const SimStorage &storage)
    : m_storage(storage)
{
    QFile file(QStringLiteral(":/sim/simnodes.json"));
    if (file.open(QIODevice::ReadOnly))
        m_defs = SimJson::parse(file.readAll());
    if (!m_defs.isObject())
        m_defs = SimJson::object();
}

SimJson SimNodeCatalog::definition(const QString &classType) const
{
    SimJson def = m_defs.value(classType);
    if (classType == QLatin1String("LoadImage")) {
        SimJson input = def.value(u"input");
        SimJson required = input.value(u"required");
        const SimJson image = required.value(u"image");
        SimJson filled = SimJson::array({SimJson::fromStringList(m_storage.inputFiles())});
        for (qsizetype i = 1; i < image.size(); ++i)
            filled.append(image.at(i));
        required.insert(QStringLiteral("image"), filled);
        input.insert(QStringLiteral("required"), required);
        def.insert(QStringLiteral("input"), input);
    }
    return def;
}

SimJson SimNodeCatalog::all() const
{
    SimJson out = SimJson::object();
    for (const SimJson::Member &m : m_defs.members())
        out.insert(m.first, definition(m.first));
    return out;
}

bool SimNodeCatalog::isOutputNode(const QString &classType) const
{
    return m_defs.value(classType).value(u"output_node").toBool();
}

QStringList SimNodeCatalog::returnTypes(const QString &classType) const
{
    QStringList types;
    for (const SimJson &v : m_defs.value(classType).value(u"output").items())
        types.append(v.isString() ? v.toString() : QStringLiteral("COMBO"));
    return types;
}

QStringList SimNodeCatalog::modelFiles(const QString &folder) const
{
    if (folder == QLatin1String("checkpoints"))
        return {QStringLiteral("v1-5-pruned-emaonly.safetensors")};
    return {};
}
