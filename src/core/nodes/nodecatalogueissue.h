#pragma once

#include <QString>

// Something in an /object_info answer that could not be used as is. Core writes no
// sentences: the code and the data say what happened; the GUI and API word it.
struct NodeCatalogueIssue
{
    enum class Code {
        NotJson,             // the body does not parse (offset: where); catalogue empty
        NotAnObject,         // the body is JSON but not an object; catalogue empty
        NodeNotAnObject,     // a class's entry is not an object; class skipped
        InputsNotAnObject,   // "input" or one of its sections is not an object; skipped
        InputNotUnderstood,  // an input's spec has an unknown shape; kept as Kind::Unknown
        OutputsInvalid,      // output arrays missing, not arrays or of unequal length
    };

    Code code = Code::NotJson;
    QString nodeClass; // empty for whole-body issues
    QString input;     // the input or section concerned, if any
    qint64 offset = -1; // NotJson: byte offset of the error

    friend bool operator==(const NodeCatalogueIssue &a, const NodeCatalogueIssue &b)
    {
        return a.code == b.code && a.nodeClass == b.nodeClass && a.input == b.input
               && a.offset == b.offset;
    }
};
