#pragma once

#include "result.h"

#include <QByteArray>
#include <QFuture>
#include <QHash>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QObject>
#include <QPointer>
#include <memory>

class QTcpServer;

namespace SignalHub::Core {

class McpServer;
struct McpSession;

// MCP's Streamable HTTP transport on 127.0.0.1 only, at /mcp: POST carries one message and
// gets its answer as application/json; DELETE ends a session; GET is refused (the server sends
// nothing unasked). Every request needs the bearer token, and a Host and Origin (when sent) of
// this machine, so a web page cannot reach the server through DNS rebinding. Sessions follow
// `initialize`; requests of the stateless revision carry their revision in headers and _meta.
class HttpTransport : public QObject
{
public:
    // Sessions kept at most; the least recently used one goes first.
    static constexpr int MaxSessions = 256;
    static constexpr qsizetype MaxBodyBytes = 4 * 1024 * 1024;

    HttpTransport(McpServer &server, QByteArray token, QObject *parent = nullptr);
    ~HttpTransport() override;

    // 0 picks a free port. The error names the port and why it cannot be used.
    Result<quint16> listen(quint16 port);
    QString url() const;

private:
    QFuture<QHttpServerResponse> respond(const QHttpServerRequest &request);
    QFuture<QHttpServerResponse> post(const QHttpServerRequest &request);
    QHttpServerResponse endSession(const QHttpServerRequest &request);
    // Why this request may not reach the server at all; empty when it may.
    std::optional<QHttpServerResponse> refusal(const QHttpServerRequest &request) const;
    static bool isLocalHost(const QByteArray &host);
    std::shared_ptr<McpSession> newSession();
    QFuture<QHttpServerResponse> answer(
        const QJsonObject &message, const std::shared_ptr<McpSession> &session);

    McpServer &m_server;
    const QByteArray m_token;
    QHttpServer m_http;
    QPointer<QTcpServer> m_tcp;
    quint16 m_port = 0;
    QHash<QString, std::shared_ptr<McpSession>> m_sessions;
};

} // namespace SignalHub::Core
