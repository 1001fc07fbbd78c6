#pragma once

#include "catalogueentry.h"

#include <QString>

// One image the viewer can show: the file in our cache and the prompt that made it.
struct ViewerImage
{
    QString filePath;       // local file (catalogue cache); empty or missing: the viewer says so
    CatalogueEntry entry;   // its prompt (details, re-run); default when the prompt is unknown
    int imageIndex = 0;     // which of entry's images this is
};

// How the viewer shows a second image next to the current one.
enum class CompareMode {
    Off,         // the current image alone
    SideBySide,  // two views, zoom and pan linked
    Slider,      // the other image over the current one, right of a draggable split
    Difference   // per-pixel |a − b|, black where they are equal
};
