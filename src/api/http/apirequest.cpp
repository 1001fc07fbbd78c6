#include "apirequest.h"

#include "httpheaders.h"

QByteArray ApiRequest::header(const QByteArray &name) const
{
    return HttpHeaders::value(headers, name);
}

bool ApiRequest::hasHeader(const QByteArray &name) const
{
    return HttpHeaders::contains(headers, name);
}
