#include "httprequestscanner.h"

#include "httpheaders.h"

#include <limits>

namespace {

constexpr qsizetype kMaxChunkSizeLine = 1024;

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '.': case '^': case '_': case '`': case '|': case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(const QByteArray &text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

// Field values may hold visible characters, spaces and tabs; anything else (NUL, bare CR,
// other controls) is how header injection and smuggling attempts look.
bool isValidFieldValue(const QByteArray &value)
{
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && u != '\t') || u == 0x7f)
            return false;
    }
    return true;
}

// Parses a non-negative decimal; values too large for qint64 saturate, which the size
// limit then refuses like any other large body.
bool parseContentLength(const QByteArray &text, qint64 *value)
{
    if (text.isEmpty())
        return false;
    qint64 result = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
        if (result > (std::numeric_limits<qint64>::max() - 9) / 10)
            result = std::numeric_limits<qint64>::max();
        else
            result = result * 10 + (c - '0');
    }
    *value = result;
    return true;
}

} // namespace

QByteArray HttpRequestHead::header(const QByteArray &name) const
{
    return HttpHeaders::value(headers, name);
}

int HttpRequestHead::headerCount(const QByteArray &name) const
{
    return HttpHeaders::count(headers, name);
}

HttpHeadVerdict HttpHeadVerdict::accept(qint64 maxBodyBytes)
{
    HttpHeadVerdict verdict;
    verdict.maxBodyBytes = maxBodyBytes;
    return verdict;
}

HttpHeadVerdict HttpHeadVerdict::reject(int status, const QByteArray &message)
{
    HttpHeadVerdict verdict;
    verdict.status = status;
    verdict.message = message;
    return verdict;
}

HttpRequestScanner::HttpRequestScanner(qint64 maxHeaderBytes, int maxHeaderCount,
                                       HeadValidator validator)
    : m_maxHeaderBytes(maxHeaderBytes)
    , m_maxHeaderCount(maxHeaderCount)
    , m_validator(std::move(validator))
{}

HttpRequestScanner::Outcome HttpRequestScanner::feed(QByteArrayView data)
{
    qsizetype pos = 0;
    const qsizetype size = data.size();
    while (pos < size) {
        switch (m_state) {
        case State::Failed:
            return Outcome::Rejected;
        case State::Upgraded:
            return Outcome::Upgraded;
        case State::Head: {
            if (m_buffer.isEmpty() && (data[pos] == '\r' || data[pos] == '\n')) {
                ++pos; // empty lines between keep-alive requests are allowed
                break;
            }
            m_inRequest = true;
            const qsizetype oldSize = m_buffer.size();
            // The terminator may end at most 3 bytes past an allowed head.
            const qsizetype cap = m_maxHeaderBytes + 4;
            const qsizetype take = qMin(size - pos, cap - oldSize);
            if (take <= 0)
                return fail(431, "request head too large");
            m_buffer.append(data.constData() + pos, take);
            const qsizetype from = qMax<qsizetype>(0, oldSize - 3);
            qsizetype crlf = m_buffer.indexOf("\n\r\n", from);
            qsizetype lf = m_buffer.indexOf("\n\n", from);
            qsizetype end = -1;
            qsizetype terminator = 0;
            if (crlf >= 0 && (lf < 0 || crlf < lf)) {
                end = crlf;
                terminator = 3;
            } else if (lf >= 0) {
                end = lf;
                terminator = 2;
            }
            if (end < 0) {
                pos += take;
                if (m_buffer.size() >= cap)
                    return fail(431, "request head too large");
                break;
            }
            if (end + 1 > m_maxHeaderBytes)
                return fail(431, "request head too large");
            pos += end + terminator - oldSize;
            m_buffer.truncate(end + 1);
            const Outcome outcome = headComplete();
            if (outcome != Outcome::Ok)
                return outcome;
            break;
        }
        case State::Body: {
            const qint64 take = qMin<qint64>(m_remaining, size - pos);
            pos += take;
            m_remaining -= take;
            if (m_remaining == 0)
                requestComplete();
            break;
        }
        case State::ChunkSize: {
            bool overflow = false;
            if (!takeLine(data, &pos, kMaxChunkSizeLine, &overflow)) {
                if (overflow)
                    return fail(400, "malformed chunked body");
                break;
            }
            const Outcome outcome = chunkSizeLine();
            if (outcome != Outcome::Ok)
                return outcome;
            break;
        }
        case State::ChunkData: {
            const qint64 take = qMin<qint64>(m_remaining, size - pos);
            pos += take;
            m_remaining -= take;
            if (m_remaining == 0)
                m_state = State::ChunkDataEnd;
            break;
        }
        case State::ChunkDataEnd: {
            bool overflow = false;
            if (!takeLine(data, &pos, 2, &overflow)) {
                if (overflow)
                    return fail(400, "malformed chunked body");
                break;
            }
            if (!m_buffer.isEmpty())
                return fail(400, "malformed chunked body");
            m_state = State::ChunkSize;
            break;
        }
        case State::Trailers: {
            bool overflow = false;
            const qsizetype before = pos;
            const bool line = takeLine(data, &pos, m_maxHeaderBytes, &overflow);
            m_trailerBytes += pos - before;
            if (overflow || m_trailerBytes > m_maxHeaderBytes)
                return fail(431, "request trailers too large");
            if (!line)
                break;
            if (m_buffer.isEmpty())
                requestComplete();
            else
                m_buffer.clear();
            break;
        }
        }
    }
    if (m_state == State::Failed)
        return Outcome::Rejected;
    if (m_state == State::Upgraded)
        return Outcome::Upgraded;
    return Outcome::Ok;
}

HttpRequestScanner::Outcome HttpRequestScanner::fail(int status, const QByteArray &message)
{
    m_state = State::Failed;
    m_buffer.clear();
    m_verdict = HttpHeadVerdict::reject(status, message);
    return Outcome::Rejected;
}

HttpRequestScanner::Outcome HttpRequestScanner::headComplete()
{
    HttpRequestHead head;
    HttpHeadVerdict error;
    const bool parsed = parseHead(&head, &error);
    m_buffer.clear();
    if (!parsed)
        return fail(error.status, error.message);

    HttpHeadVerdict verdict = m_validator ? m_validator(head)
                                          : HttpHeadVerdict::accept(m_maxHeaderBytes);
    if (verdict.status != 0) {
        m_state = State::Failed;
        m_verdict = verdict;
        return Outcome::Rejected;
    }
    m_maxBody = verdict.maxBodyBytes;
    if (head.upgrade) {
        // From here on the bytes are websocket frames; QHttpServer hands the socket over.
        m_state = State::Upgraded;
        m_inRequest = false;
        ++m_completed;
        return Outcome::Upgraded;
    }
    if (head.chunked) {
        m_bodyBytes = 0;
        m_state = State::ChunkSize;
        return Outcome::Ok;
    }
    if (head.contentLength > m_maxBody)
        return fail(413, "request body too large");
    if (head.contentLength > 0) {
        m_remaining = head.contentLength;
        m_state = State::Body;
        return Outcome::Ok;
    }
    requestComplete();
    return Outcome::Ok;
}

bool HttpRequestScanner::parseHead(HttpRequestHead *head, HttpHeadVerdict *error) const
{
    QList<QByteArray> lines = m_buffer.split('\n');
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    for (QByteArray &line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    if (lines.isEmpty()) {
        *error = HttpHeadVerdict::reject(400, "empty request");
        return false;
    }

    const QList<QByteArray> requestLine = lines.constFirst().split(' ');
    if (requestLine.size() != 3 || !isToken(requestLine.at(0)) || requestLine.at(1).isEmpty()) {
        *error = HttpHeadVerdict::reject(400, "malformed request line");
        return false;
    }
    head->method = requestLine.at(0);
    head->target = requestLine.at(1);
    head->version = requestLine.at(2);
    if (head->version != "HTTP/1.1" && head->version != "HTTP/1.0") {
        *error = HttpHeadVerdict::reject(400, "unsupported HTTP version");
        return false;
    }

    if (lines.size() - 1 > m_maxHeaderCount) {
        *error = HttpHeadVerdict::reject(431, "too many header fields");
        return false;
    }
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        // A name with whitespace before the colon, or a folded line, is read differently
        // by different parsers: the classic request smuggling vector.
        if (colon <= 0 || !isToken(line.left(colon))) {
            *error = HttpHeadVerdict::reject(400, "malformed header field");
            return false;
        }
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (!isValidFieldValue(value)) {
            *error = HttpHeadVerdict::reject(400, "invalid character in header field");
            return false;
        }
        head->headers.append({line.left(colon), value});
    }

    bool hasLength = false;
    for (const QByteArray &field : HttpHeaders::values(head->headers, "Content-Length")) {
        qint64 length = 0;
        if (!parseContentLength(field, &length)
            || (hasLength && length != head->contentLength)) {
            *error = HttpHeadVerdict::reject(400, "invalid Content-Length");
            return false;
        }
        hasLength = true;
        head->contentLength = length;
    }
    const QList<QByteArray> codingFields = HttpHeaders::values(head->headers,
                                                               "Transfer-Encoding");
    if (!codingFields.isEmpty()) {
        const QByteArray codings = codingFields.join(',');
        if (codings.trimmed().toLower() != "chunked") {
            *error = HttpHeadVerdict::reject(501, "unsupported Transfer-Encoding");
            return false;
        }
        if (hasLength) {
            *error = HttpHeadVerdict::reject(400,
                                             "both Content-Length and Transfer-Encoding");
            return false;
        }
        head->chunked = true;
    }
    const QByteArray connection = head->header("Connection").toLower();
    head->upgrade = head->headerCount("Upgrade") > 0 && connection.contains("upgrade");
    return true;
}

HttpRequestScanner::Outcome HttpRequestScanner::chunkSizeLine()
{
    QByteArray line = m_buffer;
    m_buffer.clear();
    const qsizetype semicolon = line.indexOf(';');
    if (semicolon >= 0)
        line.truncate(semicolon);
    line = line.trimmed();
    if (line.isEmpty() || line.size() > 15)
        return fail(400, "malformed chunked body");
    qint64 chunkSize = 0;
    for (char c : std::as_const(line)) {
        int digit = -1;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        if (digit < 0)
            return fail(400, "malformed chunked body");
        chunkSize = chunkSize * 16 + digit;
    }
    if (chunkSize > m_maxBody - m_bodyBytes)
        return fail(413, "request body too large");
    if (chunkSize == 0) {
        m_trailerBytes = 0;
        m_state = State::Trailers;
        return Outcome::Ok;
    }
    m_bodyBytes += chunkSize;
    m_remaining = chunkSize;
    m_state = State::ChunkData;
    return Outcome::Ok;
}

void HttpRequestScanner::requestComplete()
{
    ++m_completed;
    m_inRequest = false;
    m_buffer.clear();
    m_state = State::Head;
}

bool HttpRequestScanner::takeLine(QByteArrayView data, qsizetype *pos, qsizetype limit,
                                  bool *overflow)
{
    const qsizetype newline = data.indexOf('\n', *pos);
    const qsizetype end = newline < 0 ? data.size() : newline;
    m_buffer.append(data.constData() + *pos, end - *pos);
    *pos = newline < 0 ? data.size() : newline + 1;
    if (m_buffer.endsWith('\r') && newline >= 0)
        m_buffer.chop(1);
    if (m_buffer.size() > limit) {
        *overflow = true;
        return false;
    }
    return newline >= 0;
}
