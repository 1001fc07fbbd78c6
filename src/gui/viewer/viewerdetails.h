#pragma once

#include "viewerimage.h"

#include <QSize>
#include <QString>

// The viewer's details panel: what made an image (prompt, seed, sampler, model...) and where
// it came from, as an HTML table. Built from the catalogue entry alone, so it shows before
// the pixels are decoded.
namespace ViewerDetails {

// size: the image's size from its file header; invalid when not known.
QString html(const ViewerImage &image, const QSize &size);

} // namespace ViewerDetails
