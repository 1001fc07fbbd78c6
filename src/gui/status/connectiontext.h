#pragma once

#include "comfyerror.h"
#include "systeminfo.h"

#include <QCoreApplication>
#include <QString>

// The words the desktop uses for a ComfyUI server's state, shared by the status bar, the
// first-run page and the settings dialog's connection test, so one failure reads the same
// everywhere (and is translated once). Core reports codes; this turns them into tr() text.
class ConnectionText
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionText)

public:
    // Short cause: "connection refused", "timed out", "HTTP status 502", "not ComfyUI".
    // Empty for no error.
    static QString reason(const ComfyError &error);
    // "ComfyUI 0.3.65 · cpu · 12.3 GB free VRAM" (VRAM left out when unknown).
    static QString serverSummary(const SystemInfo &info);
    // A device as people call it: "NVIDIA GeForce RTX 4090" for
    // "cuda:0 NVIDIA GeForce RTX 4090 : cudaMallocAsync"; "cpu" stays "cpu".
    static QString deviceName(const SystemInfo::Device &device);
    // 12.3 GB, in the units people see in their GPU tools (1024-based).
    static QString dataSize(qint64 bytes);
};
