#pragma once

// Screen readers hear the app's announcements ("Queued …", "… finished: 1 image.") through
// the status bar: QStatusBar::showMessage() already tells AT-SPI that its name changed, so
// its accessible name is made its current message (and "Status" when there is none). One
// event per announcement: setting the name as well would make a reader say it twice.
namespace StatusBarAccessible {
// Installs the accessibility factory for QStatusBar (once; later calls do nothing).
void install();
}
