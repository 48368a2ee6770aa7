#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

namespace SignalHub::Core {

class CodeTools;

// What a client settled at `initialize`: for the connection on stdio, per session over HTTP.
struct McpSession
{
    QString id; // HTTP's Mcp-Session-Id; empty on stdio
    QString protocolVersion; // negotiated; empty before `initialize`
    QDateTime lastUsed;
};

// The answer to one message: a JSON-RPC response (empty for a notification) and the HTTP
// status that goes with it (the stateless revision maps errors to statuses).
struct McpReply
{
    QJsonObject body;
    int httpStatus = 200;
};

// The Model Context Protocol's JSON-RPC side, whatever carries it (StdioTransport,
// HttpTransport): the lifecycle with version negotiation, ping, and the tools of CodeTools.
// Revisions up to 2025-11-25 open with `initialize`; clients of 2026-07-28 send none and name
// their revision and capabilities in each request's `_meta`, and ask `server/discover`.
// Lives on one thread; replies come back on it.
class McpServer : public QObject
{
public:
    using Done = std::function<void(const McpReply &reply)>;

    // JSON-RPC's codes and those the MCP revisions add.
    enum ErrorCode
    {
        ParseError = -32700,
        InvalidRequest = -32600,
        MethodNotFound = -32601,
        InvalidParams = -32602,
        InternalError = -32603,
        HeaderMismatch = -32020,
        UnsupportedProtocolVersion = -32022,
    };

    explicit McpServer(CodeTools &tools, QObject *parent = nullptr);

    // The revisions `initialize` may settle on, oldest first; a client asking for another one
    // is offered the newest.
    static const QStringList &sessionRevisions();
    static QString statelessRevision();
    static QString metaKey(const char *name); // "io.modelcontextprotocol/<name>"
    // The revision a stateless request names in its `_meta`; empty when it names none.
    static QString requestedRevision(const QJsonObject &message);

    // Handles one message; `done` is called exactly once, maybe later (tools run off this
    // thread). `session` is null for a request of the stateless revision.
    void handle(const QJsonObject &message, const std::shared_ptr<McpSession> &session, Done done);

    static McpReply error(const QJsonValue &id, int code, const QString &message,
        int httpStatus = 200, const QJsonValue &data = QJsonValue());
    static McpReply result(const QJsonValue &id, const QJsonObject &result);

private:
    void handleSession(const QJsonObject &message, McpSession &session, Done done);
    void handleStateless(const QJsonObject &message, Done done);
    void callTool(const QJsonValue &id, const QJsonObject &params, int errorStatus, Done done);
    QJsonObject initializeResult(const QJsonObject &params, McpSession &session) const;
    QJsonObject discoverResult() const;
    static QJsonObject serverInfo();
    static QJsonObject capabilities();

    CodeTools &m_tools;
};

} // namespace SignalHub::Core
