#pragma once

// Names the parts Qt adds by itself and leaves unnamed, which a screen reader would announce
// as "button" or "unknown" with nothing more: a line edit's clear button, a toolbar's
// overflow button, a splitter's handle, the status bar's size grip. They appear whenever a
// window or form is built, so they are named as they are polished (before first shown),
// by an event filter on the application.
namespace AccessibleNames {
// Installs the filter (once; later calls do nothing). Needs a QApplication.
void watch();
}
