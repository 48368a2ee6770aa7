#pragma once

#include "codetools.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <memory>

namespace SignalHub::Core {

class HttpTransport;
class McpServer;
class Watcher;

// The window's MCP server over Streamable HTTP while the window is open: the tools, the
// protocol and the transport together, with the token (the file `signalhub-cli mcp --http`
// uses too) read on the thread pool, so the GUI thread never waits on the disk. Searches,
// reads and status run on the pool; only the HTTP exchange lives on this object's thread.
class AgentService : public QObject
{
    Q_OBJECT

public:
    explicit AgentService(QObject *parent = nullptr);
    ~AgentService() override;

    // Serves the database and settings of `tools` on 127.0.0.1:`port` (0: a free one), in
    // place of what was served; started() or failed() follows.
    void start(const CodeTools::Options &tools, quint16 port);
    void stop();
    // The window's watcher, for fresh searches and for reindex of watched folders; may be null.
    void setWatcher(Watcher *watcher);
    bool isServing() const { return m_http != nullptr; }

Q_SIGNALS:
    void started(const QString &url, const QByteArray &token);
    void failed(const QString &message);

private:
    void listen(const CodeTools::Options &tools, quint16 port, const QByteArray &token);

    std::unique_ptr<CodeTools> m_tools;
    std::unique_ptr<McpServer> m_server;
    std::unique_ptr<HttpTransport> m_http;
    QPointer<Watcher> m_watcher;
    quint64 m_generation = 0; // a token read that ends after a newer start() or stop() is dropped
};

} // namespace SignalHub::Core
