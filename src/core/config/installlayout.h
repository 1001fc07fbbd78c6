#pragma once

#include <QString>

// Where an installed ComfyDesk keeps its read-only data: <prefix>/share/comfydesk beside
// <prefix>/bin/comfydesk (the Debian package's /usr/share/comfydesk). A build tree has no
// such folder, and then every path here is empty: the app runs from the source tree as the
// original service did (./workflows, translations embedded in the binary).
namespace InstallLayout {

// <prefix>/share/comfydesk, or empty when not installed.
QString sharedDataDir();
// The sample workflows the package ships, or empty.
QString sampleWorkflowsDir();
// The .qm files the package ships, or empty (the embedded ones are used then).
QString translationsDir();
// Where an installed app keeps the user's workflows: "workflows" in the app's data folder
// (~/.local/share/ComfyDesk/ComfyDesk/workflows).
QString userWorkflowsDir();

} // namespace InstallLayout
