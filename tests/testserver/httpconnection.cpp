#include "httpconnection.h"

#include <QTcpSocket>
#include <utility>

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

namespace SignalHub::Testing {

namespace {
constexpr qsizetype MaxHeadBytes = 64 * 1024;
}

HttpConnection::HttpConnection(QTcpSocket *socket, qint64 maxBodyBytes, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_maxBodyBytes(maxBodyBytes)
{
    m_socket->setParent(this);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
    // Bytes may have arrived before the signals were connected.
    QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
}

void HttpConnection::onReadyRead()
{
    if (m_dead) {
        m_socket->readAll(); // keep the kernel buffer drained while stalling
        return;
    }
    m_buffer += m_socket->readAll();
    processBuffer();
}

void HttpConnection::onDisconnected()
{
    m_dead = true;
    if (!m_closedEmitted) {
        m_closedEmitted = true;
        Q_EMIT closed(this);
    }
    deleteLater();
}

void HttpConnection::processBuffer()
{
    m_processing = true;
    while (!m_busy && !m_dead) {
        if (!m_head && !parseHead())
            break;
        if (m_buffer.size() < m_head->contentLength)
            break;
        HttpRequest request = std::move(m_head->request);
        if (m_buffer.size() == m_head->contentLength) {
            request.body = std::exchange(m_buffer, {}); // the usual case: no copy of a large body
        } else {
            request.body = m_buffer.left(m_head->contentLength);
            m_buffer.remove(0, m_head->contentLength);
        }
        m_head.reset();
        m_scanFrom = 0;
        m_busy = true;
        m_closeAfterAnswer = !request.keepAlive();
        Q_EMIT requestReceived(this, request);
    }
    m_processing = false;
}

bool HttpConnection::parseHead()
{
    // Clients may send empty lines between requests (RFC 9112 2.2).
    while (m_buffer.startsWith("\r\n"))
        m_buffer.remove(0, 2);
    const qsizetype end = m_buffer.indexOf("\r\n\r\n", m_scanFrom);
    if (end < 0) {
        m_scanFrom = qMax<qsizetype>(0, m_buffer.size() - 3);
        if (m_buffer.size() > MaxHeadBytes)
            refuse(431, "request head too large");
        return false;
    }
    HttpResponse error;
    std::optional<Head> head = headFromBytes(m_buffer.left(end), &error);
    m_buffer.remove(0, end + 4);
    m_scanFrom = 0;
    if (!head) {
        refuse(error.status, error.body);
        return false;
    }
    if (head->request.header("expect").toLower() == "100-continue")
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    m_buffer.reserve(head->contentLength);
    m_head = std::move(head);
    return true;
}

std::optional<HttpConnection::Head> HttpConnection::headFromBytes(
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

void HttpConnection::refuse(int status, const QByteArray &message)
{
    // The byte stream cannot be trusted any more, so answer and close.
    HttpResponse response;
    response.status = status;
    response.addHeader("Content-Type", "text/plain");
    response.body = message + '\n';
    m_socket->write(response.head(false, response.body.size()) + response.body);
    m_dead = true;
    m_socket->disconnectFromHost();
}

void HttpConnection::respond(const HttpResponse &response)
{
    if (m_dead || !m_busy)
        return;
    const bool keepAlive = !m_closeAfterAnswer;
    m_socket->write(response.head(keepAlive, response.body.size()));
    m_socket->write(response.body);
    m_busy = false;
    if (!keepAlive) {
        m_dead = true;
        m_socket->disconnectFromHost();
        return;
    }
    if (!m_processing)
        processBuffer();
}

void HttpConnection::stall(const HttpResponse &response)
{
    if (m_dead || !m_busy)
        return;
    m_socket->write(response.head(true, response.body.size()));
    m_socket->flush();
    m_dead = true;
}

void HttpConnection::resetConnection()
{
    if (m_closedEmitted)
        return;
    m_dead = true;
    const qintptr fd = m_socket->socketDescriptor();
    if (fd != -1) {
        linger lingerOption {};
        lingerOption.l_onoff = 1;
        lingerOption.l_linger = 0;
#ifdef Q_OS_WIN
        ::setsockopt(SOCKET(fd), SOL_SOCKET, SO_LINGER,
            reinterpret_cast<const char *>(&lingerOption), sizeof lingerOption);
#else
        ::setsockopt(int(fd), SOL_SOCKET, SO_LINGER, &lingerOption, sizeof lingerOption);
#endif
    }
    m_socket->abort();
}

} // namespace SignalHub::Testing
