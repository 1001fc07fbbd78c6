#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QObject>
#include <QPointer>
#include <QString>

class QFormLayout;
class QLabel;
class QWidget;

// One input of one node in the parameter form: the widget that edits it and the JSON
// literal it stands for. The form never re-serialises the graph: a field hands the
// document the literal of its value (WorkflowDocument::setInputLiteral), nothing more.
class InputField final : public QObject
{
    Q_OBJECT
public:
    enum class Kind {
        Int,        // QSpinBox: the server's bounds fit 32 bits
        BigInt,     // QLineEdit with an integer validator: bounds beyond 32 bits
        Float,      // QDoubleSpinBox
        Seed,       // SeedEdit: up to 2^64 - 1, with fixed/random/increment
        Boolean,    // QCheckBox
        Combo,      // QComboBox of the server's choices
        Text,       // QLineEdit
        MultilineText, // QPlainTextEdit (prompts)
        Image,      // ImageInputWidget: choices, upload, thumbnail
        Link,       // QLabel "from node N": another node's output, not editable here
        Raw         // QLineEdit of the JSON literal (a value the form has no widget for)
    };
    Q_ENUM(Kind)

    InputField(const QString &nodeId, const QString &inputName, Kind kind, QWidget *editor,
               QObject *parent = nullptr);

    QString nodeId() const { return m_nodeId; }
    QString inputName() const { return m_inputName; }
    Kind kind() const { return m_kind; }
    QWidget *editor() const { return m_editor; }

    // Part of the "main parameters" (prompts, seed, steps, sampler, size, ...).
    bool isMain() const { return m_main; }
    void setMain(bool main) { m_main = main; }

    // The JSON literal of the shown value; empty while the widget holds nothing valid
    // (e.g. a half-typed number).
    QByteArray literal() const;
    // Shows a value from the document without emitting edited().
    void setLiteral(const QByteArray &literal, const QJsonValue &value);

    // The form row the field sits in, for ComfyUI's messages under it.
    void setRow(QFormLayout *layout, QLabel *label);
    QLabel *label() const { return m_label; }
    // Shows ComfyUI's message under the field (empty: removes it).
    void setError(const QString &message);
    QString error() const { return m_errorText; }

Q_SIGNALS:
    void edited(InputField *field);

private:
    void connectEditor();
    void markForeignChoice(const QByteArray &literal, const QJsonValue &value);

    QString m_nodeId;
    QString m_inputName;
    Kind m_kind;
    QPointer<QWidget> m_editor;
    bool m_main = false;
    bool m_loading = false;
    QFormLayout *m_layout = nullptr;
    QLabel *m_label = nullptr;
    QLabel *m_errorLabel = nullptr;
    QString m_errorText;
    QString m_description; // the accessible description without the error
};
