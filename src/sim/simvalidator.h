#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

class SimNodeCatalog;
class SimStorage;

struct SimValidationResult
{
    bool ok = false;
    QJsonObject error;       // {type, message, details, extra_info} when !ok
    QJsonObject nodeErrors;  // node_id -> {errors, dependent_outputs, class_type}
    QStringList goodOutputs; // outputs_to_execute
};

// ComfyUI's validate_prompt / validate_inputs: same error types, messages and details.
class SimValidator final
{
public:
    SimValidator(const SimNodeCatalog &catalog, const SimStorage &storage);

    SimValidationResult validate(const QJsonValue &prompt,
                                 const QJsonValue &partialTargets) const;

    // Python-style text of a value, as f-strings and repr() print it.
    static QString pyStr(const QJsonValue &value);
    static QString pyRepr(const QJsonValue &value);
    static QString pyFloat(double value);

private:
    struct Validated
    {
        bool ok = true;
        QJsonArray errors;
    };
    struct ValidationException
    {
        QString type;    // KeyError, IndexError
        QString details; // str(exception)
    };
    bool validateNode(const QJsonObject &prompt, const QString &nodeId,
                      QHash<QString, Validated> *validated, QStringList *order) const;
    QJsonArray checkValue(const QString &classType, const QString &name,
                          const QJsonArray &config, const QJsonValue &value) const;

    const SimNodeCatalog &m_catalog;
    const SimStorage &m_storage;
};
