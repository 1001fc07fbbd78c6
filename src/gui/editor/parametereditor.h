#pragma once

#include "nodecatalogue.h"
#include "nodeformbuilder.h"
#include "workflowdocument.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QWidget>

class ComfyClient;
class ImageInputLoader;
class ImageInputWidget;
class InputField;
class JsonCodeEditor;
class QCheckBox;
class QLabel;
class QLineEdit;
class QScrollArea;
class QTabWidget;
class QTimer;
class QVBoxLayout;

// The parameter editor: two views of one workflow (WorkflowDocument), kept in sync.
// - Form: one group per node (file order), inputs typed from the server's /object_info
//   (offline: guessed from the values), a "main parameters" switch and a filter. A form
//   edit replaces only that value's bytes in the document and in the JSON view.
// - JSON: the file's text (JsonCodeEditor). Edits are parsed 300 ms after the last key;
//   a parse error is shown with line and column, the text stays and the form keeps the
//   last valid graph (disabled) until the JSON parses again.
// The form is built a few nodes per event-loop turn, so a big workflow never freezes the
// window; formReady() says when it is complete.
//
// Object names for tests and styling: "input:<node>:<input>" (each field's editor),
// "error:<node>:<input>" (ComfyUI's message under it), "node:<id>" (group boxes),
// "jsonEditor", "jsonErrorLabel", "mainParametersSwitch", "parameterFilter", "viewTabs".
class ParameterEditor final : public QWidget
{
    Q_OBJECT
public:
    explicit ParameterEditor(QWidget *parent = nullptr);
    ~ParameterEditor() override;

    // Re-types the form; edits are in the document, so none is lost.
    void setNodeCatalogue(const NodeCatalogue &catalogue);
    // Uploads for image inputs go through this client (nullptr: no upload button).
    void setClient(ComfyClient *client);
    ComfyClient *client() const;

    void setDocument(const QString &workflowName, const WorkflowDocument &document);
    QString workflowName() const { return m_workflowName; }
    // The document with every edit, pending JSON typing included (when it parses).
    WorkflowDocument document();
    bool isModified() const { return m_document.isModified(); }
    void revert();
    // After a save: the current text is the new original.
    void markSaved();

    // The JSON view's text does not parse (the form and document() are the last valid).
    bool hasJsonError() const { return m_jsonError.isError(); }
    WorkflowDocument::ParseError jsonError() const { return m_jsonError; }

    // One graph per run, for POST /prompt. Each seed's mode (fixed / random / increment)
    // is applied after each run, as ComfyUI's "control after generate" does, so the form
    // then shows the seed of the next run. Empty while the JSON view has an error.
    QList<QJsonObject> graphsForRuns(int count);

    // ComfyUI's node_errors ({"<id>": {"errors": [{"message", "details", "extra_info":
    // {"input_name"}}], ...}}): shown under the fields and as marked JSON lines; a
    // message goes away when that value changes.
    void showNodeErrors(const QJsonObject &nodeErrors);
    void clearNodeErrors();

    bool isFormReady() const { return m_pending.isEmpty() && !m_buildScheduled; }
    // The field of an input, or nullptr (not built yet, or no such input).
    InputField *field(const QString &nodeId, const QString &inputName) const;

    bool showsMainParametersOnly() const;
    void setMainParametersOnly(bool mainOnly);

Q_SIGNALS:
    void modifiedChanged(bool modified);
    void documentChanged();
    void formReady();

private:
    void buildUi();
    void rebuildForm();
    void buildSomeNodes();
    void refreshFieldValues();
    void applyVisibility();
    void applyVisibilityTo(const NodeForm &node);
    void onFieldEdited(InputField *field);
    void onJsonTextChanged();
    void applyJsonText();
    void updateJsonView();
    QString viewText() const;
    void updateErrorMarks();
    void afterDocumentChange(bool wasModified);
    // The server's copy of the chosen input file, as a thumbnail beside the picker.
    void fetchThumbnail(InputField *field, ImageInputWidget *widget);
    QString structureOf(const WorkflowDocument &document) const;

    struct ErrorEntry
    {
        QString message;
        QByteArray literal; // the value ComfyUI judged: the error goes when it changes
    };

    WorkflowDocument m_document;
    QString m_workflowName;
    NodeCatalogue m_catalogue;
    ImageInputLoader *m_images = nullptr;
    WorkflowDocument::ParseError m_jsonError;
    QString m_structure;

    QTabWidget *m_tabs = nullptr;
    QCheckBox *m_mainSwitch = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_staleLabel = nullptr;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_formWidget = nullptr;
    QVBoxLayout *m_formLayout = nullptr;
    JsonCodeEditor *m_json = nullptr;
    QLabel *m_jsonErrorLabel = nullptr;
    QTimer *m_jsonTimer = nullptr;

    QList<NodeForm> m_nodes;
    QHash<QString, InputField *> m_fields; // "<node>\n<input>"
    QStringList m_pending;                 // nodes still to build
    bool m_buildScheduled = false;
    bool m_syncingJson = false;
    bool m_crlf = false; // the file ends its lines with "\r\n" (the JSON view shows "\n")
    QHash<QString, ErrorEntry> m_errors;   // "<node>\n<input>"; input empty: the node
};
