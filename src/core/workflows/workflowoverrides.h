#pragma once

#include "workflowresult.h"

#include <QJsonObject>

// Merges a caller's input overrides into a workflow graph, as the original service did.
//
// Per node id, two forms are accepted:
//   {"3": {"inputs": {"seed": 42}}}  - "wrapped": the node override has exactly ONE key,
//                                      "inputs", and it is an object
//   {"3": {"seed": 42}}               - "flat": every key is an input name
// The rule is decided per node, so both forms may be mixed in one body. Consequences:
//   - {"3": {"inputs": 5}} is an error ("inputs" alone must be an object), never an input
//     named "inputs" set to 5;
//   - {"3": {"inputs": {...}, "seed": 1}} is an error (ambiguous mix of both forms);
//   - "class_type" (and "_meta") cannot be overridden, in either form;
//   - {"3": {}} changes nothing.
// Each named input replaces that input of that node (or adds it: optional inputs may be
// absent from the file); everything else stays as in the graph. Values are copied as they
// are: ints stay ints, strings stay strings, links such as ["4", 0] are allowed. (Qt's JSON
// parser already reads 42.0 as the integer 42; ComfyUI accepts either for FLOAT inputs.)
// An unknown node id is an error that lists EVERY unknown id, sorted. The input graph is
// never modified; on error the result has no graph.
class WorkflowOverrides final
{
public:
    static WorkflowResult apply(const QJsonObject &graph, const QJsonObject &overrides);
};
