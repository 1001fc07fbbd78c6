#include "simmultipart.h"

namespace {

QByteArray headerParam(const QByteArray &header, const QByteArray &name)
{
    const QList<QByteArray> parts = header.split(';');
    for (const QByteArray &part : parts) {
        const QByteArray p = part.trimmed();
        if (p.toLower().startsWith(name + '=')) {
            QByteArray value = p.mid(name.size() + 1);
            if (value.startsWith('"') && value.endsWith('"') && value.size() >= 2)
                value = value.mid(1, value.size() - 2);
            return value;
        }
    }
    return {};
}

} // namespace

namespace SimMultipart {

QList<SimFormPart> parse(const QByteArray &contentType, const QByteArray &body)
{
    QList<SimFormPart> parts;
    if (!contentType.toLower().startsWith("multipart/form-data"))
        return parts;
    const QByteArray boundary = headerParam(contentType, "boundary");
    if (boundary.isEmpty())
        return parts;
    const QByteArray delimiter = "--" + boundary;
    qsizetype pos = body.indexOf(delimiter);
    while (pos >= 0) {
        pos += delimiter.size();
        if (body.mid(pos, 2) == "--")
            break;
        if (body.mid(pos, 2) == "\r\n")
            pos += 2;
        const qsizetype headEnd = body.indexOf("\r\n\r\n", pos);
        if (headEnd < 0)
            break;
        const qsizetype next = body.indexOf("\r\n" + delimiter, headEnd + 4);
        if (next < 0)
            break;
        SimFormPart part;
        const QList<QByteArray> headers = body.mid(pos, headEnd - pos).split('\n');
        for (const QByteArray &line : headers) {
            const QByteArray h = line.trimmed();
            if (!h.toLower().startsWith("content-disposition:"))
                continue;
            part.name = QString::fromUtf8(headerParam(h.mid(20), "name"));
            if (h.toLower().contains("filename=")) {
                part.isFile = true;
                part.filename = QString::fromUtf8(headerParam(h.mid(20), "filename"));
            }
        }
        part.data = body.mid(headEnd + 4, next - headEnd - 4);
        parts.append(part);
        pos = next + 2;
        pos = body.indexOf(delimiter, pos);
    }
    return parts;
}

} // namespace SimMultipart
