#include "guiresources.h"

#include <QtGlobal>

void initGuiResources()
{
    static const bool done = [] {
        Q_INIT_RESOURCE(resources);
        return true;
    }();
    Q_UNUSED(done)
}
