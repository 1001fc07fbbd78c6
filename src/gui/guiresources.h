#pragma once

// The icons (resources.qrc) live in the static comfydesk_gui library, whose resource
// initialiser the linker drops unless something calls it: every window calls this first.
void initGuiResources();
