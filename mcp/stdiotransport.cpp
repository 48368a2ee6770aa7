#include "stdiotransport.h"

#include "logging.h"
#include "mcpserver.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QSocketNotifier>
#include <cerrno>
#include <unistd.h>

namespace SignalHub::Core {

StdioTransport::StdioTransport(McpServer &server, QObject *parent)
    : QObject(parent)
    , m_server(server)
    , m_session(std::make_shared<McpSession>())
{ }

StdioTransport::~StdioTransport() = default;

void StdioTransport::start()
{
    m_notifier = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &StdioTransport::readInput);
}

void StdioTransport::readInput()
{
    char chunk[65536];
    const ssize_t got = ::read(STDIN_FILENO, chunk, sizeof chunk);
    if (got < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (got <= 0) {
        m_notifier->setEnabled(false);
        if (!m_buffer.trimmed().isEmpty())
            handleLine(m_buffer);
        m_buffer.clear();
        m_endOfInput = true;
        finishIfDone();
        return;
    }
    m_buffer.append(chunk, got);
    qsizetype newline;
    while ((newline = m_buffer.indexOf('\n')) >= 0) {
        const QByteArray line = m_buffer.left(newline);
        m_buffer.remove(0, newline + 1);
        if (!line.trimmed().isEmpty())
            handleLine(line);
    }
}

void StdioTransport::handleLine(const QByteArray &line)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        send(McpServer::error(QJsonValue(),
            document.isArray() ? McpServer::InvalidRequest : McpServer::ParseError,
            document.isArray() ? QStringLiteral("batches are not part of MCP since 2025-06-18")
                               : QStringLiteral("not JSON: %1").arg(parseError.errorString()))
                .body);
        return;
    }
    const QJsonObject message = document.object();
    // Before initialize, a request that names its revision in _meta is of the stateless one.
    const bool stateless = m_session->protocolVersion.isEmpty()
        && message.value(u"method").toString() != u"initialize"
        && !McpServer::requestedRevision(message).isEmpty();
    ++m_inFlight;
    m_server.handle(message, stateless ? nullptr : m_session, [this](const McpReply &reply) {
        if (!reply.body.isEmpty())
            send(reply.body);
        --m_inFlight;
        finishIfDone();
    });
}

void StdioTransport::send(const QJsonObject &message)
{
    const QByteArray line = QJsonDocument(message).toJson(QJsonDocument::Compact) + '\n';
    qsizetype written = 0;
    while (written < line.size()) {
        const ssize_t n = ::write(STDOUT_FILENO, line.constData() + written, line.size() - written);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            qCWarning(lcMcp) << "cannot write to stdout:" << strerror(errno);
            return;
        }
        written += n;
    }
}

void StdioTransport::finishIfDone()
{
    if (m_endOfInput && m_inFlight == 0)
        Q_EMIT finished();
}

} // namespace SignalHub::Core
