#include "parseerrortext.h"

QString ParseErrorText::describe(const WorkflowDocument::ParseError &error)
{
    using Code = WorkflowDocument::ParseError::Code;
    using Syntax = JsonSpanParser::Error;
    switch (error.code) {
    case Code::None:
        return {};
    case Code::NotAnObject:
        return tr("the workflow must be a JSON object of nodes");
    case Code::UiFormat:
        return tr("this is a ComfyUI UI workflow; use \"Export (API)\" in ComfyUI");
    case Code::InvalidNode:
        return tr("node \"%1\" needs a \"class_type\" text and an \"inputs\" object")
            .arg(error.nodeId);
    case Code::Syntax:
        break;
    }
    switch (error.syntax) {
    case Syntax::UnexpectedEnd: return tr("the text ends too early");
    case Syntax::UnexpectedCharacter: return tr("unexpected character");
    case Syntax::InvalidNumber: return tr("invalid number");
    case Syntax::InvalidString: return tr("invalid text in quotes");
    case Syntax::UnterminatedString: return tr("a quote is not closed");
    case Syntax::MissingColon: return tr("a colon is missing after a name");
    case Syntax::MissingComma: return tr("a comma is missing");
    case Syntax::TrailingContent: return tr("there is more text after the end");
    case Syntax::TooDeep: return tr("nested too deeply");
    case Syntax::None: break;
    }
    return tr("not valid JSON");
}
