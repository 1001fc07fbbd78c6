#pragma once

#include "simjson.h"

#include <QStringList>

class SimStorage;

// The /object_info definitions of the nodes the simulator can run, copied from a real
// ComfyUI 0.3.65 (resource simnodes.json), kept in the recorded key order and number
// spelling. Lists that depend on files (LoadImage's images) are filled in from the data
// folder on every call.
class SimNodeCatalog final
{
public:
    explicit SimNodeCatalog(const SimStorage &storage);

    bool contains(const QString &classType) const { return m_defs.contains(classType); }
    SimJson definition(const QString &classType) const;
    SimJson all() const;
    bool isOutputNode(const QString &classType) const;
    QStringList returnTypes(const QString &classType) const;
    QStringList modelFiles(const QString &folder) const;

private:
    const SimStorage &m_storage;
    SimJson m_defs;
};
