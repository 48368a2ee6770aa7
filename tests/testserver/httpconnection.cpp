#include "httpconnection.h"

#include <QTcpSocket>
#include <utility>

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

namespace SignalHub::Testing {

HttpConnection::HttpConnection(QTcpSocket *socket, qint64 maxBodyBytes, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_reader(maxBodyBytes)
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
    m_reader.append(m_socket->readAll());
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
        HttpRequestReader::Step step = m_reader.next();
        if (m_reader.takeContinueRequest())
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        if (step.outcome == HttpRequestReader::Outcome::NeedMore)
            break;
        if (step.outcome == HttpRequestReader::Outcome::Refused) {
            refuse(step.refusal);
            break;
        }
        m_busy = true;
        m_closeAfterAnswer = !step.request.keepAlive();
        Q_EMIT requestReceived(this, step.request);
    }
    m_processing = false;
}

void HttpConnection::refuse(const HttpResponse &response)
{
    // The byte stream cannot be trusted any more, so answer and close.
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
