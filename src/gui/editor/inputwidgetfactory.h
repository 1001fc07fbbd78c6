#pragma once

#include "inputfield.h"

#include <QCoreApplication>
#include <QJsonValue>

struct NodeInput;
class QWidget;

// Picks and creates the widget for one input: typed from /object_info when the server
// described the input, else guessed from the value in the file (offline).
class InputWidgetFactory final
{
    Q_DECLARE_TR_FUNCTIONS(InputWidgetFactory)
public:
    // spec may be nullptr (no catalogue, unknown class or input).
    static InputField::Kind kindFor(const QString &inputName, const NodeInput *spec,
                                    const QByteArray &literal, const QJsonValue &value);
    // The field, its editor parented to parent and showing the value; label is the text of
    // the input's row (for the accessible name).
    static InputField *create(const QString &nodeId, const QString &inputName,
                              const QString &label, const NodeInput *spec,
                              const QByteArray &literal, const QJsonValue &value,
                              QWidget *parent);
    // The main parameters an artist changes all day (the "Main parameters" switch).
    static bool isMainInput(const QString &inputName, InputField::Kind kind);
};
