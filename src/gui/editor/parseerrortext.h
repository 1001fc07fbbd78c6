#pragma once

#include "workflowdocument.h"

#include <QCoreApplication>

// The user's words for why a workflow's JSON text cannot be used (core reports codes).
class ParseErrorText final
{
    Q_DECLARE_TR_FUNCTIONS(ParseErrorText)
public:
    static QString describe(const WorkflowDocument::ParseError &error);
};
