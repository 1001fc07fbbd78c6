#pragma once

#include "catalogueentry.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

// The catalogue's rows as files other tools read: CSV (spreadsheets), JSON (scripts), and
// a JSON sidecar beside each exported image with the parameters that made it.
namespace CatalogueExport {

QByteArray csvHeader();                       // with a UTF-8 BOM and CRLF line end
QByteArray csvRow(const CatalogueEntry &entry);   // one CRLF-terminated line
QByteArray toCsv(const QList<CatalogueEntry> &entries);
QByteArray toJson(const QList<CatalogueEntry> &entries);   // an array of entry objects
QJsonObject sidecar(const CatalogueEntry &entry, const CatalogueImage &image);
// "<prompt id>_<index>_<file name>", safe as a file name on every system.
QString exportedImageName(const CatalogueEntry &entry, const CatalogueImage &image);

} // namespace CatalogueExport
