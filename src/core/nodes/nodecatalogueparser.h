#pragma once

#include "nodecatalogue.h"

#include <QByteArray>

// Types an /object_info answer. Pure and thread-safe: NodeCatalogueLoader runs it in a
// pool thread, since the full answer is over a megabyte of JSON.
// Never fails outright: what cannot be used is left out and named in issues().
class NodeCatalogueParser final
{
public:
    // The raw body of /object_info, or of /object_info/<class> (same shape, one class).
    // Raw bytes rather than a QJsonObject: the input order written in them and integers
    // beyond 2^53 (seed bounds) would be lost by QJsonDocument.
    static NodeCatalogue parse(const QByteArray &body);
};
