#include "systeminfo.h"

#include <QJsonArray>
#include <QJsonValue>

#include <cmath>

namespace {

// Byte counts arrive as JSON numbers (doubles): exact up to 2^53 bytes, which is plenty.
qint64 bytesOf(const QJsonValue &value)
{
    if (!value.isDouble())
        return -1;
    const double number = value.toDouble();
    if (!std::isfinite(number) || number < 0 || number >= 9.0e18)
        return -1;
    return static_cast<qint64>(number);
}

int indexOf(const QJsonValue &value)
{
    if (!value.isDouble())
        return -1;
    const double number = value.toDouble();
    if (number < 0 || number > 1.0e6 || std::trunc(number) != number)
        return -1;
    return static_cast<int>(number);
}

} // namespace

SystemInfo SystemInfo::fromJson(const QJsonObject &body)
{
    SystemInfo info;
    const QJsonValue systemValue = body.value(QLatin1String("system"));
    const QJsonObject system = systemValue.toObject();
    info.valid = systemValue.isObject();
    info.os = system.value(QLatin1String("os")).toString();
    info.comfyuiVersion = system.value(QLatin1String("comfyui_version")).toString();
    info.pythonVersion = system.value(QLatin1String("python_version")).toString();
    info.pytorchVersion = system.value(QLatin1String("pytorch_version")).toString();
    info.requiredFrontendVersion =
        system.value(QLatin1String("required_frontend_version")).toString();
    info.embeddedPython = system.value(QLatin1String("embedded_python")).toBool();
    info.ramTotal = bytesOf(system.value(QLatin1String("ram_total")));
    info.ramFree = bytesOf(system.value(QLatin1String("ram_free")));
    for (const QJsonValue &arg : system.value(QLatin1String("argv")).toArray()) {
        if (arg.isString())
            info.argv.append(arg.toString());
    }

    for (const QJsonValue &deviceValue : body.value(QLatin1String("devices")).toArray()) {
        if (!deviceValue.isObject())
            continue;
        const QJsonObject object = deviceValue.toObject();
        Device device;
        device.name = object.value(QLatin1String("name")).toString();
        device.type = object.value(QLatin1String("type")).toString();
        device.index = indexOf(object.value(QLatin1String("index")));
        device.vramTotal = bytesOf(object.value(QLatin1String("vram_total")));
        device.vramFree = bytesOf(object.value(QLatin1String("vram_free")));
        device.torchVramTotal = bytesOf(object.value(QLatin1String("torch_vram_total")));
        device.torchVramFree = bytesOf(object.value(QLatin1String("torch_vram_free")));
        info.devices.append(device);
    }
    return info;
}
