#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

class InputField;
class NodeCatalogue;
class QFormLayout;
class QGroupBox;
class QLabel;
class QWidget;
class WorkflowDocument;

// The form of one node: a group box titled with the node's title (or class) and id, one
// row per input.
struct NodeForm
{
    QString nodeId;
    QString title;
    QString classType;
    QGroupBox *box = nullptr;
    QFormLayout *layout = nullptr;
    QLabel *errorLabel = nullptr; // ComfyUI's errors about the node as a whole
    QList<InputField *> fields;
};

class NodeFormBuilder final
{
    Q_DECLARE_TR_FUNCTIONS(NodeFormBuilder)
public:
    // Inputs in /object_info's order when the server knows the class (with its optional
    // widget inputs the file leaves out, shown at their defaults), else in file order.
    static NodeForm build(const WorkflowDocument &document, const QString &nodeId,
                          const NodeCatalogue &catalogue, QWidget *parent);
};
