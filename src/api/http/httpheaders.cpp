#include "httpheaders.h"

namespace HttpHeaders {

qsizetype indexOf(const List &headers, QByteArrayView name, qsizetype from)
{
    for (qsizetype i = qMax<qsizetype>(from, 0); i < headers.size(); ++i) {
        if (headers.at(i).first.compare(name, Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}

QByteArray value(const List &headers, QByteArrayView name)
{
    const qsizetype i = indexOf(headers, name);
    return i < 0 ? QByteArray() : headers.at(i).second;
}

QList<QByteArray> values(const List &headers, QByteArrayView name)
{
    QList<QByteArray> found;
    for (qsizetype i = indexOf(headers, name); i >= 0; i = indexOf(headers, name, i + 1))
        found.append(headers.at(i).second);
    return found;
}

bool contains(const List &headers, QByteArrayView name)
{
    return indexOf(headers, name) >= 0;
}

int count(const List &headers, QByteArrayView name)
{
    return int(values(headers, name).size());
}

} // namespace HttpHeaders
