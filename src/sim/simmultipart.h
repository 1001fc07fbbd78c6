#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// One part of a multipart/form-data body.
struct SimFormPart
{
    QString name;
    QString filename;     // empty for plain fields
    bool isFile = false;
    QByteArray data;
};

namespace SimMultipart {
// Parses a body given its Content-Type header; returns no parts when it is not multipart.
QList<SimFormPart> parse(const QByteArray &contentType, const QByteArray &body);
}
