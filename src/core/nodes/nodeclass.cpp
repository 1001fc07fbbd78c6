#include "nodeclass.h"

const NodeInput *NodeClass::input(const QString &inputName) const
{
    for (const NodeInput &candidate : inputs) {
        if (candidate.name == inputName)
            return &candidate;
    }
    return nullptr;
}
