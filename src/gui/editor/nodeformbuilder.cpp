#include "nodeformbuilder.h"

#include "inputwidgetfactory.h"
#include "nodecatalogue.h"
#include "workflowdocument.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>

NodeForm NodeFormBuilder::build(const WorkflowDocument &document, const QString &nodeId,
                                const NodeCatalogue &catalogue, QWidget *parent)
{
    NodeForm form;
    form.nodeId = nodeId;
    form.classType = document.classType(nodeId);
    form.title = document.title(nodeId);
    const QString shownTitle = form.title.isEmpty() ? form.classType : form.title;

    form.box = new QGroupBox(tr("%1 (node %2)").arg(shownTitle, nodeId), parent);
    form.box->setObjectName(QStringLiteral("node:%1").arg(nodeId));
    form.box->setAccessibleName(tr("Node %1: %2").arg(nodeId, shownTitle));
    form.box->setAccessibleDescription(tr("The inputs of node %1, of class %2")
                                           .arg(nodeId, form.classType));
    form.layout = new QFormLayout(form.box);
    form.layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    const NodeClass *nodeClass = catalogue.node(form.classType);
    QStringList names;
    if (nodeClass) {
        const QStringList inFile = document.inputNames(nodeId);
        for (const NodeInput &input : nodeClass->inputs) {
            if (input.section == NodeInput::Section::Hidden)
                continue;
            if (inFile.contains(input.name) || input.isWidget())
                names.append(input.name);
        }
        for (const QString &name : inFile) {
            if (!names.contains(name))
                names.append(name);
        }
    } else {
        names = document.inputNames(nodeId);
    }

    for (const QString &name : std::as_const(names)) {
        const NodeInput *spec = nodeClass ? nodeClass->input(name) : nullptr;
        const QString label = spec && !spec->displayName.isEmpty() ? spec->displayName : name;
        InputField *field = InputWidgetFactory::create(
            nodeId, name, label, spec, document.inputLiteral(nodeId, name),
            document.inputValue(nodeId, name), form.box);
        auto *rowLabel = new QLabel(label, form.box);
        rowLabel->setBuddy(field->editor());
        if (spec && !spec->tooltip.isEmpty())
            rowLabel->setToolTip(spec->tooltip);
        form.layout->addRow(rowLabel, field->editor());
        field->setRow(form.layout, rowLabel);
        form.fields.append(field);
    }
    return form;
}
