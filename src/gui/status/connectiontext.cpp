#include "connectiontext.h"

#include <QLocale>
#include <QNetworkReply>

QString ConnectionText::reason(const ComfyError &error)
{
    switch (error.kind) {
    case ComfyError::Kind::None:
    case ComfyError::Kind::Cancelled:
    case ComfyError::Kind::NotPending:
        return {};
    case ComfyError::Kind::Timeout:
        return tr("timed out");
    case ComfyError::Kind::Http:
        return tr("HTTP status %1").arg(error.httpStatus);
    case ComfyError::Kind::InvalidJson:
        // Something answers on that port, but not the way ComfyUI does.
        return tr("not ComfyUI");
    case ComfyError::Kind::Unreachable:
        break;
    }
    switch (QNetworkReply::NetworkError(error.networkError)) {
    case QNetworkReply::ConnectionRefusedError:
        return tr("connection refused");
    case QNetworkReply::HostNotFoundError:
        return tr("host not found");
    case QNetworkReply::TimeoutError:
        return tr("timed out");
    case QNetworkReply::RemoteHostClosedError:
        return tr("connection closed by the server");
    case QNetworkReply::SslHandshakeFailedError:
        return tr("secure connection failed");
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return tr("proxy error");
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
        return tr("network unavailable");
    default:
        return tr("cannot connect");
    }
}

QString ConnectionText::deviceName(const SystemInfo::Device &device)
{
    QString name = device.name.section(QStringLiteral(" : "), 0, 0).trimmed();
    // "cuda:0 NVIDIA ..." -> "NVIDIA ..."; the index is noise with one GPU.
    const qsizetype space = name.indexOf(QLatin1Char(' '));
    if (space > 0 && name.left(space).contains(QLatin1Char(':')))
        name = name.mid(space + 1).trimmed();
    if (name.isEmpty())
        name = device.type;
    return name;
}

QString ConnectionText::dataSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString ConnectionText::serverSummary(const SystemInfo &info)
{
    QStringList parts;
    parts.append(info.comfyuiVersion.isEmpty()
                     ? tr("ComfyUI (version unknown)")
                     : tr("ComfyUI %1").arg(info.comfyuiVersion));
    if (!info.devices.isEmpty()) {
        const SystemInfo::Device &device = info.devices.constFirst();
        parts.append(deviceName(device));
        if (device.vramFree >= 0 && device.vramTotal > 0)
            parts.append(tr("%1 free VRAM").arg(dataSize(device.vramFree)));
    }
    return parts.join(QStringLiteral(" · "));
}
