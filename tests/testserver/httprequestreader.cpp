#include "httprequestreader.h"

#include <utility>

namespace SignalHub::Testing {

namespace {
HttpResponse refusal(int status, const QByteArray &message)
{
    HttpResponse response;
    response.status = status;
    response.addHeader("Content-Type", "text/plain");
    response.body = message + '\n';
    return response;
}
} // namespace

HttpRequestReader::HttpRequestReader(qint64 maxBodyBytes)
    : m_maxBodyBytes(maxBodyBytes)
{ }

void HttpRequestReader::append(const QByteArray &bytes)
{
    m_buffer += bytes;
}

HttpRequestReader::Step HttpRequestReader::next()
{
    Step step;
    if (!m_head && !readHead(step))
        return step;
    if (m_buffer.size() < m_head->contentLength)
        return step;
    step.outcome = Outcome::Request;
    step.request = std::move(m_head->request);
    if (m_buffer.size() == m_head->contentLength) {
        step.request.body = std::exchange(m_buffer, {}); // the usual case: no copy of a large body
    } else {
        step.request.body = m_buffer.left(m_head->contentLength);
        m_buffer.remove(0, m_head->contentLength);
    }
    m_head.reset();
    m_scanFrom = 0;
    return step;
}

bool HttpRequestReader::readHead(Step &step)
{
    // Clients may send empty lines between requests (RFC 9112 2.2).
    while (m_buffer.startsWith("\r\n"))
        m_buffer.remove(0, 2);
    const qsizetype end = m_buffer.indexOf("\r\n\r\n", m_scanFrom);
    if (end < 0) {
        m_scanFrom = qMax<qsizetype>(0, m_buffer.size() - 3);
        if (m_buffer.size() > MaxHeadBytes) {
            step.outcome = Outcome::Refused;
            step.refusal = refusal(431, "request head too large");
        }
        return false;
    }
    HttpResponse error;
    std::optional<Head> head = headFromBytes(m_buffer.left(end), &error);
    m_buffer.remove(0, end + 4);
    m_scanFrom = 0;
    if (!head) {
        step.outcome = Outcome::Refused;
        step.refusal = refusal(error.status, error.body);
        return false;
    }
    m_continueRequested = head->request.header("expect").toLower() == "100-continue";
    m_buffer.reserve(head->contentLength);
    m_head = std::move(head);
    return true;
}

std::optional<HttpRequestReader::Head> HttpRequestReader::headFromBytes(
    const QByteArray &bytes, HttpResponse *error) const
{
    const QList<QByteArray> lines = bytes.split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    error->status = 400;
    if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.")) {
        error->body = "malformed request line";
        return std::nullopt;
    }
    Head head;
    head.request.method = requestLine[0];
    head.request.target = requestLine[1];
    head.request.minorVersion = requestLine[2].endsWith(".0") ? 0 : 1;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            error->body = "malformed header line";
            return std::nullopt;
        }
        head.request.headers.append(
            { line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed() });
    }
    if (!head.request.header("transfer-encoding").isEmpty()) {
        error->status = 501;
        error->body = "chunked request bodies are not supported; send Content-Length";
        return std::nullopt;
    }
    const QByteArray length = head.request.header("content-length");
    bool ok = true;
    head.contentLength = length.isEmpty() ? 0 : length.toLongLong(&ok);
    if (!ok || head.contentLength < 0) {
        error->body = "invalid Content-Length";
        return std::nullopt;
    }
    if (head.contentLength > m_maxBodyBytes) {
        error->status = 413;
        error->body = "request body too large";
        return std::nullopt;
    }
    return head;
}

} // namespace SignalHub::Testing
