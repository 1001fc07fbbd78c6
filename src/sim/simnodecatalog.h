#pragma once

#include <QJsonObject>
#include <QStringList>

class SimStorage;

// The /object_info definitions of the nodes the simulator can run, copied from a real
// ComfyUI 0.3.65 (resource simnodes.json). Lists that depend on files (LoadImage's
// images) are filled in from the data folder on every call.
class SimNodeCatalog final
{
public:
    explicit SimNodeCatalog(const SimStorage &storage);

    bool contains(const QString &classType) const { return m_defs.contains(classType); }
    QJsonObject definition(const QString &classType) const;
    QJsonObject all() const;
    bool isOutputNode(const QString &classType) const;
    QStringList returnTypes(const QString &classType) const;
    QStringList modelFiles(const QString &folder) const;

private:
    const SimStorage &m_storage;
    QJsonObject m_defs;
};
