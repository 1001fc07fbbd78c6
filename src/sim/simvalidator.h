#pragma once

#include "simjson.h"

#include <QHash>
#include <QStringList>

class SimNodeCatalog;
class SimStorage;

struct SimValidationResult
{
    bool ok = false;
    SimJson error;           // {type, message, details, extra_info} when !ok
    SimJson nodeErrors = SimJson::object(); // node_id -> {errors, dependent_outputs, ...}
    QStringList goodOutputs; // outputs_to_execute
};

// ComfyUI's validate_prompt / validate_inputs: same error types, messages and details.
class SimValidator final
{
public:
    SimValidator(const SimNodeCatalog &catalog, const SimStorage &storage);

    SimValidationResult validate(const SimJson &prompt, const SimJson &partialTargets) const;

    // Python-style text of a value, as f-strings and repr() print it.
    static QString pyStr(const SimJson &value);
    static QString pyRepr(const SimJson &value);

private:
    struct Validated
    {
        bool ok = true;
        SimJson errors = SimJson::array();
    };
    struct ValidationException
    {
        QString type;    // KeyError, IndexError
        QString details; // str(exception)
    };
    bool validateNode(const SimJson &prompt, const QString &nodeId,
                      QHash<QString, Validated> *validated, QStringList *order) const;
    SimJson checkValue(const QString &classType, const QString &name, const SimJson &config,
                       const SimJson &value) const;

    const SimNodeCatalog &m_catalog;
    const SimStorage &m_storage;
};
