#pragma once

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

// A ComfyUI server's /system_stats, typed. Fields an older server does not send stay
// empty (strings) or -1 (numbers); valid says whether the answer had a "system" object.
struct SystemInfo
{
    struct Device
    {
        QString name;          // "cuda:0 NVIDIA GeForce RTX 4090 : cudaMallocAsync", "cpu"
        QString type;          // "cuda", "cpu", "mps", "xpu", ...
        int index = -1;        // -1 when null (the CPU) or absent
        qint64 vramTotal = -1; // bytes
        qint64 vramFree = -1;
        qint64 torchVramTotal = -1;
        qint64 torchVramFree = -1;
    };

    QString os;                // Python's os.name ("posix", "nt") or, newer, sys.platform
    QString comfyuiVersion;    // absent before ComfyUI reported it
    QString pythonVersion;     // the full sys.version line
    QString pytorchVersion;
    QString requiredFrontendVersion;
    bool embeddedPython = false;
    qint64 ramTotal = -1;      // bytes
    qint64 ramFree = -1;
    QStringList argv;
    QList<Device> devices;
    bool valid = false;        // the answer was an object with a "system" object

    // body: the parsed answer of /system_stats. Anything malformed gives empty fields,
    // never a crash.
    static SystemInfo fromJson(const QJsonObject &body);
};

Q_DECLARE_METATYPE(SystemInfo)
