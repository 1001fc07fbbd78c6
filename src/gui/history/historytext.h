#pragma once

#include <QString>

struct CatalogueEntry;

// The words the history browser shows for a catalogued prompt's state: its status, and
// why, where the status alone does not say (an error's node and message, a lost prompt's
// reason). Catalogue codes ("left_queue_no_history") never reach the user as they are.
namespace HistoryText {
QString status(const QString &statusName);
QString reason(const CatalogueEntry &entry);
// "12.3 s", "2 min 5 s"; empty when unknown (negative).
QString duration(double seconds);
// Every status name a filter may ask for, in the order a menu lists them.
QStringList statusNames();
}
