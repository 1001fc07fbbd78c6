#include "comfyerror.h"

QString ComfyError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None: return QStringLiteral("none");
    case Kind::Unreachable: return QStringLiteral("unreachable");
    case Kind::Timeout: return QStringLiteral("timeout");
    case Kind::Http: return QStringLiteral("http");
    case Kind::InvalidJson: return QStringLiteral("invalid_json");
    case Kind::Cancelled: return QStringLiteral("cancelled");
    case Kind::NotPending: return QStringLiteral("not_pending");
    }
    return QStringLiteral("none");
}
