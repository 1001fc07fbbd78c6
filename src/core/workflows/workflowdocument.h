#pragma once

#include "jsonspanparser.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QSharedDataPointer>
#include <QString>
#include <QStringList>

// A workflow file as text: its original bytes and the user's edits, value by value.
//
// QJsonDocument would sort the keys, re-indent the file and round 20-digit seeds, so a
// save through it shows a diff of the whole file. Here every input value's place in the
// text is known (JsonSpanParser), an edit replaces just those bytes, and text() differs
// from the original only where values were edited. Accepts the bare API format
// {"<id>": {"inputs": {...}, "class_type": ..., "_meta": {"title": ...}}} and the wrapped
// {"prompt": {...}} form, as WorkflowFile does.
//
// A value type (implicitly shared): cheap to copy, to keep one per open workflow.
class WorkflowDocument final
{
public:
    // Why text could not be used; the GUI words its own message from code.
    struct ParseError
    {
        enum class Code {
            None,
            Syntax,       // not JSON: message says what, line/column where
            NotAnObject,  // JSON, but not an object at the top
            UiFormat,     // a ComfyUI UI save ("nodes" + "links"), not the API format
            InvalidNode   // a node without a "class_type" string or an "inputs" object
        };
        Code code = Code::None;
        JsonSpanParser::Error syntax = JsonSpanParser::Error::None; // Syntax: what
        QString message;   // English detail (the JSON syntax error, the node id)
        QString nodeId;    // InvalidNode: which node
        qint64 offset = -1; // byte offset in the text
        int line = 0;      // 1-based
        int column = 0;    // 1-based, in characters

        bool isError() const { return code != Code::None; }
    };

    WorkflowDocument();
    WorkflowDocument(const WorkflowDocument &other);
    WorkflowDocument &operator=(const WorkflowDocument &other);
    ~WorkflowDocument();

    // A document over these bytes, or an empty one (isNull()) and error set.
    static WorkflowDocument fromText(const QByteArray &text, ParseError *error = nullptr);

    bool isNull() const;
    bool isWrapped() const; // the {"prompt": {...}} form

    // Node ids and input names in the order they are written in the file.
    QStringList nodeIds() const;
    bool hasNode(const QString &nodeId) const;
    QString classType(const QString &nodeId) const;
    QString title(const QString &nodeId) const; // _meta.title, or empty
    QStringList inputNames(const QString &nodeId) const;
    bool hasInput(const QString &nodeId, const QString &inputName) const;

    // The value's JSON text as written ("18446744073709551615", "\"a cat\"", "[\"4\", 0]"),
    // or empty when there is no such input.
    QByteArray inputLiteral(const QString &nodeId, const QString &inputName) const;
    // The value; an integer a double cannot hold exactly comes as a marked string
    // (JsonNumberLiteral), so nothing is rounded. Undefined when absent.
    QJsonValue inputValue(const QString &nodeId, const QString &inputName) const;

    // Replaces the value's bytes with literal (one JSON value, else false and nothing
    // changes). A missing input is added after the node's last input, indented like it.
    bool setInputLiteral(const QString &nodeId, const QString &inputName,
                         const QByteArray &literal);

    // The current text: the original with the edits applied.
    QByteArray text() const;
    QByteArray originalText() const;
    // Replaces the whole text (the JSON view was edited). On a parse error returns false,
    // sets error and keeps the document as it was.
    bool setText(const QByteArray &text, ParseError *error = nullptr);
    bool isModified() const;  // text() differs from the original
    void revert();            // back to the original text
    // The current text becomes the original (after it was saved).
    void markSaved();

    // The bare graph for POST /prompt; big integers as JsonNumberLiteral marked strings,
    // which ComfyClient::submitPrompt writes back as their exact digits.
    QJsonObject graph() const;

    // 1-based line of the input's key (of the node's id when the input is absent; 0 when
    // the node is unknown): where the JSON view marks ComfyUI's node_errors.
    int lineOf(const QString &nodeId, const QString &inputName = {}) const;

    // JSON text of a string, as QJsonDocument escapes it (UTF-8 kept, quotes added).
    static QByteArray stringLiteral(const QString &text);

private:
    class Private;
    QSharedDataPointer<Private> d;
};
