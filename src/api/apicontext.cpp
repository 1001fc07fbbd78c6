#include "apicontext.h"

#include "serverregistry.h"

ComfyConnection &ApiContext::connectionFor(const QString &promptId) const
{
    if (servers) {
        if (ComfyConnection *known = servers->connectionFor(promptId))
            return *known;
    }
    return connection;
}
