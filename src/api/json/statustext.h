#pragma once

#include <QString>

struct PromptStatus;

// The REST API's words for a prompt's state and reason (core reports codes, not
// sentences). The texts are the inherited service's, byte for byte: scripts match them.
class StatusText final
{
public:
    static QString message(const PromptStatus &status);
};
