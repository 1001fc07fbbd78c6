#include "parametereditor.h"

#include "comfyclient.h"
#include "imageinputloader.h"
#include "imageinputwidget.h"
#include "inputfield.h"
#include "jsoncodeeditor.h"
#include "parseerrortext.h"
#include "seededit.h"

#include <QCheckBox>
#include <QElapsedTimer>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QTabWidget>
#include <QTextBlock>
#include <QTimer>
#include <QVBoxLayout>

namespace {

// A chunk of the form per event-loop turn: well under the 50 ms a frame may take.
constexpr int BuildBudgetMs = 6;
constexpr int JsonDebounceMs = 300;

QString fieldKey(const QString &nodeId, const QString &inputName)
{
    return nodeId + QLatin1Char('\n') + inputName;
}

} // namespace

ParameterEditor::ParameterEditor(QWidget *parent)
    : QWidget(parent)
    , m_images(new ImageInputLoader(this))
{
    buildUi();
}

ParameterEditor::~ParameterEditor() = default;

void ParameterEditor::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("viewTabs"));
    m_tabs->setAccessibleName(tr("Parameter views"));
    m_tabs->setAccessibleDescription(tr("The workflow as a form or as JSON text"));
    layout->addWidget(m_tabs);

    auto *formPage = new QWidget(m_tabs);
    auto *formLayout = new QVBoxLayout(formPage);
    auto *bar = new QHBoxLayout;
    m_mainSwitch = new QCheckBox(tr("Main parameters only"), formPage);
    m_mainSwitch->setObjectName(QStringLiteral("mainParametersSwitch"));
    m_mainSwitch->setChecked(true);
    m_mainSwitch->setAccessibleName(tr("Main parameters only"));
    m_mainSwitch->setAccessibleDescription(
        tr("Shows only prompts, seed, steps, sampler, size and the like; "
           "clear it to show all parameters"));
    m_filter = new QLineEdit(formPage);
    m_filter->setObjectName(QStringLiteral("parameterFilter"));
    m_filter->setPlaceholderText(tr("Filter by node or input"));
    m_filter->setClearButtonEnabled(true);
    m_filter->addAction(QIcon(QStringLiteral(":/icons/filter.svg")),
                        QLineEdit::LeadingPosition);
    m_filter->setAccessibleName(tr("Filter parameters"));
    m_filter->setAccessibleDescription(
        tr("Shows only the nodes and inputs whose title, class or name contains this text"));
    bar->addWidget(m_mainSwitch);
    bar->addWidget(m_filter, 1);
    formLayout->addLayout(bar);
    m_staleLabel = new QLabel(tr("The JSON view has an error; the form shows the last "
                                 "valid workflow until it is fixed."), formPage);
    m_staleLabel->setObjectName(QStringLiteral("formStaleLabel"));
    m_staleLabel->setWordWrap(true);
    m_staleLabel->setAccessibleName(tr("Form out of date"));
    m_staleLabel->hide();
    formLayout->addWidget(m_staleLabel);
    m_scroll = new QScrollArea(formPage);
    m_scroll->setAccessibleName(tr("Parameters"));
    m_scroll->setAccessibleDescription(tr("One group per node of the workflow, with its "
                                          "inputs"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    formLayout->addWidget(m_scroll, 1);
    m_tabs->addTab(formPage, tr("Form"));

    auto *jsonPage = new QWidget(m_tabs);
    auto *jsonLayout = new QVBoxLayout(jsonPage);
    m_jsonErrorLabel = new QLabel(jsonPage);
    m_jsonErrorLabel->setObjectName(QStringLiteral("jsonErrorLabel"));
    m_jsonErrorLabel->setWordWrap(true);
    m_jsonErrorLabel->setTextFormat(Qt::PlainText);
    m_jsonErrorLabel->setAccessibleName(tr("JSON error"));
    m_jsonErrorLabel->hide();
    m_json = new JsonCodeEditor(jsonPage);
    m_json->setObjectName(QStringLiteral("jsonEditor"));
    m_json->setAccessibleName(tr("Workflow JSON"));
    m_json->setAccessibleDescription(tr("The workflow in ComfyUI's API format; edits "
                                        "update the form when the text is valid JSON"));
    jsonLayout->addWidget(m_jsonErrorLabel);
    jsonLayout->addWidget(m_json, 1);
    m_tabs->addTab(jsonPage, tr("JSON"));

    m_jsonTimer = new QTimer(this);
    m_jsonTimer->setSingleShot(true);
    m_jsonTimer->setInterval(JsonDebounceMs);
    connect(m_jsonTimer, &QTimer::timeout, this, &ParameterEditor::applyJsonText);
    connect(m_json, &QPlainTextEdit::textChanged, this, &ParameterEditor::onJsonTextChanged);
    connect(m_mainSwitch, &QCheckBox::toggled, this, &ParameterEditor::applyVisibility);
    connect(m_filter, &QLineEdit::textChanged, this, &ParameterEditor::applyVisibility);

    m_formWidget = new QWidget;
    m_formLayout = new QVBoxLayout(m_formWidget);
    m_formLayout->addStretch(1);
    m_scroll->setWidget(m_formWidget);
}

void ParameterEditor::setNodeCatalogue(const NodeCatalogue &catalogue)
{
    m_catalogue = catalogue;
    if (!m_document.isNull())
        rebuildForm();
}

void ParameterEditor::setClient(ComfyClient *client)
{
    m_images->setClient(client);
    for (const NodeForm &node : std::as_const(m_nodes)) {
        for (InputField *field : node.fields) {
            if (field->kind() == InputField::Kind::Image) {
                auto *image = static_cast<ImageInputWidget *>(field->editor());
                image->setUploadEnabled(client, client ? QString() : tr("Not connected"));
                fetchThumbnail(field, image);
            }
        }
    }
}

void ParameterEditor::setDocument(const QString &workflowName, const WorkflowDocument &document)
{
    const bool wasModified = isModified();
    m_jsonTimer->stop();
    m_workflowName = workflowName;
    m_document = document;
    m_jsonError = {};
    m_jsonErrorLabel->hide();
    m_staleLabel->hide();
    m_json->setParseError(0, 0, {});
    m_crlf = m_document.text().contains("\r\n");
    m_syncingJson = true;
    m_json->setPlainText(viewText());
    m_syncingJson = false;
    m_errors.clear();
    m_json->clearLineMarks();
    rebuildForm();
    Q_EMIT documentChanged();
    if (wasModified != isModified())
        Q_EMIT modifiedChanged(isModified());
}

WorkflowDocument ParameterEditor::document()
{
    if (m_jsonTimer->isActive())
        applyJsonText();
    return m_document;
}

void ParameterEditor::revert()
{
    WorkflowDocument original = m_document;
    original.revert();
    setDocument(m_workflowName, original);
}

void ParameterEditor::markSaved()
{
    const bool wasModified = isModified();
    m_document.markSaved();
    if (wasModified)
        Q_EMIT modifiedChanged(false);
}

InputField *ParameterEditor::field(const QString &nodeId, const QString &inputName) const
{
    return m_fields.value(fieldKey(nodeId, inputName));
}

bool ParameterEditor::showsMainParametersOnly() const
{
    return m_mainSwitch->isChecked();
}

void ParameterEditor::setMainParametersOnly(bool mainOnly)
{
    m_mainSwitch->setChecked(mainOnly);
}

QString ParameterEditor::structureOf(const WorkflowDocument &document) const
{
    // What the widgets depend on; values alone changing only refreshes the fields.
    QString structure;
    for (const QString &id : document.nodeIds()) {
        structure += id + QLatin1Char('\x1f') + document.classType(id) + QLatin1Char('\x1f')
                     + document.title(id);
        for (const QString &name : document.inputNames(id)) {
            const QJsonValue value = document.inputValue(id, name);
            structure += QLatin1Char('\x1e') + name + QLatin1Char(':')
                         + QString::number(int(value.type()));
            if (value.isArray())
                structure += QString::fromUtf8(document.inputLiteral(id, name));
        }
        structure += QLatin1Char('\x1d');
    }
    return structure;
}

void ParameterEditor::rebuildForm()
{
    m_nodes.clear();
    m_fields.clear();
    // A new container: deleting the old one takes every group with it in one go.
    auto *old = m_scroll->takeWidget();
    delete old;
    m_formWidget = new QWidget;
    m_formLayout = new QVBoxLayout(m_formWidget);
    m_formLayout->addStretch(1);
    m_scroll->setWidget(m_formWidget);
    m_formWidget->setEnabled(!hasJsonError());

    m_structure = structureOf(m_document);
    m_pending = m_document.nodeIds();
    buildSomeNodes();
}

void ParameterEditor::buildSomeNodes()
{
    m_buildScheduled = false;
    QElapsedTimer clock;
    clock.start();
    while (!m_pending.isEmpty() && clock.elapsed() < BuildBudgetMs) {
        const QString nodeId = m_pending.takeFirst();
        NodeForm node = NodeFormBuilder::build(m_document, nodeId, m_catalogue, m_formWidget);
        for (InputField *field : std::as_const(node.fields)) {
            m_fields.insert(fieldKey(nodeId, field->inputName()), field);
            connect(field, &InputField::edited, this, &ParameterEditor::onFieldEdited);
            if (field->kind() == InputField::Kind::Image) {
                auto *image = static_cast<ImageInputWidget *>(field->editor());
                image->setUploadEnabled(client(), client() ? QString() : tr("Not connected"));
                connect(image, &ImageInputWidget::fileChosen, this,
                        [this, field, image](const QString &path) {
                            m_images->upload(field, image, path);
                        });
                fetchThumbnail(field, image);
            }
            const auto error = m_errors.constFind(fieldKey(nodeId, field->inputName()));
            if (error != m_errors.constEnd())
                field->setError(error->message);
        }
        // Rows are hidden or shown while the box is not yet on screen: cheap, no relayout.
        node.box->hide();
        applyVisibilityTo(node);
        m_formLayout->insertWidget(m_formLayout->count() - 1, node.box);
        m_nodes.append(node);
    }
    if (!m_pending.isEmpty()) {
        m_buildScheduled = true;
        QTimer::singleShot(0, this, [this] {
            if (m_buildScheduled)
                buildSomeNodes();
        });
        return;
    }
    Q_EMIT formReady();
}

void ParameterEditor::applyVisibility()
{
    for (const NodeForm &node : std::as_const(m_nodes))
        applyVisibilityTo(node);
}

void ParameterEditor::applyVisibilityTo(const NodeForm &node)
{
    const bool mainOnly = m_mainSwitch->isChecked();
    const QString filter = m_filter->text().trimmed();
    {
        const bool nodeMatches = filter.isEmpty()
                                 || node.title.contains(filter, Qt::CaseInsensitive)
                                 || node.classType.contains(filter, Qt::CaseInsensitive)
                                 || node.nodeId == filter;
        bool anyVisible = false;
        for (InputField *field : node.fields) {
            const bool visible = (!mainOnly || field->isMain())
                                 && (nodeMatches
                                     || field->inputName().contains(filter, Qt::CaseInsensitive)
                                     || field->label()->text().contains(filter,
                                                                        Qt::CaseInsensitive));
            if (node.layout->isRowVisible(field->editor()) != visible)
                node.layout->setRowVisible(field->editor(), visible);
            anyVisible = anyVisible || visible;
        }
        // A node without inputs (or none left by the switch) only shows when asked for.
        const bool showEmpty = !mainOnly && nodeMatches && node.fields.isEmpty();
        const bool boxVisible = anyVisible || showEmpty || node.errorLabel;
        if (node.box->isVisibleTo(m_formWidget) != boxVisible)
            node.box->setVisible(boxVisible);
    }
}

void ParameterEditor::onFieldEdited(InputField *field)
{
    const QByteArray literal = field->literal();
    if (literal.isEmpty())
        return; // half-typed: the document keeps the last valid value
    const bool wasModified = isModified();
    if (literal == m_document.inputLiteral(field->nodeId(), field->inputName()))
        return;
    if (!m_document.setInputLiteral(field->nodeId(), field->inputName(), literal))
        return;
    if (field->kind() == InputField::Kind::Image)
        fetchThumbnail(field, static_cast<ImageInputWidget *>(field->editor()));
    updateJsonView();
    afterDocumentChange(wasModified);
}

void ParameterEditor::afterDocumentChange(bool wasModified)
{
    // A message stays while the value ComfyUI judged is still there.
    for (auto it = m_errors.begin(); it != m_errors.end();) {
        const QStringList parts = it.key().split(QLatin1Char('\n'));
        if (!parts.at(1).isEmpty()
            && m_document.inputLiteral(parts.at(0), parts.at(1)) != it->literal) {
            if (InputField *f = field(parts.at(0), parts.at(1)))
                f->setError({});
            it = m_errors.erase(it);
        } else {
            ++it;
        }
    }
    updateErrorMarks();
    Q_EMIT documentChanged();
    if (wasModified != isModified())
        Q_EMIT modifiedChanged(isModified());
}

void ParameterEditor::updateJsonView()
{
    // Replace only the changed middle of the text: the cursor, the scroll position and
    // the undo history of the rest stay.
    const QString next = viewText();
    const QString current = m_json->toPlainText();
    if (next == current)
        return;
    qsizetype prefix = 0;
    const qsizetype shortest = std::min(next.size(), current.size());
    while (prefix < shortest && next.at(prefix) == current.at(prefix))
        ++prefix;
    qsizetype suffix = 0;
    while (suffix < shortest - prefix
           && next.at(next.size() - 1 - suffix) == current.at(current.size() - 1 - suffix))
        ++suffix;
    const int scroll = m_json->verticalScrollBar()->value();
    m_syncingJson = true;
    QTextCursor cursor(m_json->document());
    cursor.setPosition(int(prefix));
    cursor.setPosition(int(current.size() - suffix), QTextCursor::KeepAnchor);
    cursor.insertText(next.mid(prefix, next.size() - suffix - prefix));
    m_syncingJson = false;
    m_json->verticalScrollBar()->setValue(scroll);
}

void ParameterEditor::onJsonTextChanged()
{
    if (!m_syncingJson)
        m_jsonTimer->start();
}

void ParameterEditor::applyJsonText()
{
    m_jsonTimer->stop();
    const bool wasModified = isModified();
    WorkflowDocument::ParseError error;
    QString text = m_json->toPlainText();
    if (m_crlf) // the editor knows only "\n"; the file keeps its line ends
        text.replace(QLatin1Char('\n'), QLatin1String("\r\n"));
    if (!m_document.setText(text.toUtf8(), &error)) {
        m_jsonError = error;
        const QString message = ParseErrorText::describe(error);
        m_jsonErrorLabel->setText(tr("Line %1, column %2: %3")
                                      .arg(error.line).arg(error.column).arg(message));
        m_jsonErrorLabel->setAccessibleDescription(m_jsonErrorLabel->text());
        m_jsonErrorLabel->show();
        m_json->setParseError(error.line, error.column, message);
        m_formWidget->setEnabled(false);
        m_staleLabel->show();
        return;
    }
    m_jsonError = {};
    m_jsonErrorLabel->hide();
    m_json->setParseError(0, 0, {});
    m_formWidget->setEnabled(true);
    m_staleLabel->hide();
    if (structureOf(m_document) != m_structure)
        rebuildForm();
    else
        refreshFieldValues();
    afterDocumentChange(wasModified);
}

void ParameterEditor::refreshFieldValues()
{
    for (InputField *field : std::as_const(m_fields)) {
        const QByteArray literal = m_document.inputLiteral(field->nodeId(), field->inputName());
        if (!literal.isEmpty())
            field->setLiteral(literal, m_document.inputValue(field->nodeId(), field->inputName()));
    }
}

QList<QJsonObject> ParameterEditor::graphsForRuns(int count)
{
    if (m_jsonTimer->isActive())
        applyJsonText();
    if (hasJsonError())
        return {};
    while (!m_pending.isEmpty()) // every seed must be there to advance
        buildSomeNodes();
    QList<QJsonObject> graphs;
    for (int run = 0; run < count; ++run) {
        graphs.append(m_document.graph());
        // ComfyUI's "control after generate": each seed moves on after every run; the
        // SeedEdit's textChanged puts the new value into the document.
        for (const NodeForm &node : std::as_const(m_nodes)) {
            for (InputField *field : node.fields) {
                if (field->kind() == InputField::Kind::Seed)
                    static_cast<SeedEdit *>(field->editor())->advance();
            }
        }
    }
    return graphs;
}

void ParameterEditor::showNodeErrors(const QJsonObject &nodeErrors)
{
    while (!m_pending.isEmpty()) // every field must exist to tell input from node errors
        buildSomeNodes();
    clearNodeErrors();
    for (auto node = nodeErrors.constBegin(); node != nodeErrors.constEnd(); ++node) {
        const QJsonArray errors = node.value().toObject().value(QLatin1String("errors"))
                                      .toArray();
        for (const QJsonValue &value : errors) {
            const QJsonObject error = value.toObject();
            QString input = error.value(QLatin1String("extra_info")).toObject()
                                .value(QLatin1String("input_name")).toString();
            if (!field(node.key(), input))
                input.clear(); // about the node as a whole (or an input without a field)
            QString message = error.value(QLatin1String("message")).toString();
            const QString details = error.value(QLatin1String("details")).toString();
            if (!details.isEmpty() && details != input)
                message = tr("%1: %2").arg(message, details);
            ErrorEntry &entry = m_errors[fieldKey(node.key(), input)];
            entry.message = entry.message.isEmpty() ? message
                                                    : entry.message + QLatin1Char('\n') + message;
            entry.literal = m_document.inputLiteral(node.key(), input);
        }
    }
    for (auto it = m_errors.constBegin(); it != m_errors.constEnd(); ++it) {
        const QStringList parts = it.key().split(QLatin1Char('\n'));
        if (InputField *f = field(parts.at(0), parts.at(1))) {
            f->setError(it->message);
            continue;
        }
        for (NodeForm &node : m_nodes) {
            if (node.nodeId != parts.at(0))
                continue;
            node.errorLabel = new QLabel(it->message, node.box);
            node.errorLabel->setObjectName(QStringLiteral("nodeError:%1").arg(node.nodeId));
            node.errorLabel->setWordWrap(true);
            node.errorLabel->setAccessibleName(tr("Error"));
            node.layout->insertRow(0, node.errorLabel);
        }
    }
    updateErrorMarks();
    applyVisibility();
}

void ParameterEditor::clearNodeErrors()
{
    for (InputField *f : std::as_const(m_fields))
        f->setError({});
    for (NodeForm &node : m_nodes) {
        if (node.errorLabel)
            node.layout->removeRow(node.errorLabel);
        node.errorLabel = nullptr;
    }
    m_errors.clear();
    m_json->clearLineMarks();
}

void ParameterEditor::updateErrorMarks()
{
    QMap<int, QString> marks;
    for (auto it = m_errors.constBegin(); it != m_errors.constEnd(); ++it) {
        const QStringList parts = it.key().split(QLatin1Char('\n'));
        const int line = m_document.lineOf(parts.at(0), parts.at(1));
        if (line > 0)
            marks[line] = marks.value(line).isEmpty() ? it->message
                                                      : marks[line] + QLatin1Char('\n')
                                                            + it->message;
    }
    m_json->setLineMarks(marks);
}

ComfyClient *ParameterEditor::client() const
{
    return m_images->client();
}

void ParameterEditor::fetchThumbnail(InputField *field, ImageInputWidget *widget)
{
    const QString value = m_document.inputValue(field->nodeId(), field->inputName()).toString();
    const QPointer<InputField> guard(field);
    m_images->fetchThumbnail(widget, value, [this, guard, value] {
        return guard
               && m_document.inputValue(guard->nodeId(), guard->inputName()).toString()
                      == value;
    });
}

QString ParameterEditor::viewText() const
{
    QString text = QString::fromUtf8(m_document.text());
    if (m_crlf)
        text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    return text;
}
