#pragma once

#include "catalogueentry.h"

#include <QJsonObject>

// One image as the REST API and export sidecars show it: shared so both say the same.
QJsonObject catalogueImageJson(const CatalogueImage &image);
