#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <memory>

class QSocketNotifier;

namespace SignalHub::Core {

class McpServer;
struct McpSession;

// MCP's stdio transport: one JSON-RPC message a line on stdin, the answers on stdout, which
// carries nothing else (logs go to stderr). At the end of input, the answers still being worked
// out are sent, then finished().
class StdioTransport : public QObject
{
    Q_OBJECT

public:
    explicit StdioTransport(McpServer &server, QObject *parent = nullptr);
    ~StdioTransport() override;

    void start();

Q_SIGNALS:
    void finished();

private:
    void readInput();
    void handleLine(const QByteArray &line);
    static void send(const QJsonObject &message);
    void finishIfDone();

    McpServer &m_server;
    std::shared_ptr<McpSession> m_session;
    QSocketNotifier *m_notifier = nullptr;
    QByteArray m_buffer;
    int m_inFlight = 0;
    bool m_endOfInput = false;
};

} // namespace SignalHub::Core
