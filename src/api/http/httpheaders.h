#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>

// Header lists as the transport keeps them: (name, value) in arrival order, repeats kept.
// Field names compare case-insensitively (RFC 9110, 5.1); these are the only lookups, so
// that rule lives in one place.
namespace HttpHeaders {

using Header = QPair<QByteArray, QByteArray>;
using List = QList<Header>;

// The index of the first field named name at or after from, or -1.
qsizetype indexOf(const List &headers, QByteArrayView name, qsizetype from = 0);
// The first value, empty if absent.
QByteArray value(const List &headers, QByteArrayView name);
// Every value in arrival order: a repeated field must be judged whole, not by its first line.
QList<QByteArray> values(const List &headers, QByteArrayView name);
bool contains(const List &headers, QByteArrayView name);
int count(const List &headers, QByteArrayView name);

} // namespace HttpHeaders
