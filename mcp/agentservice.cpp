#include "agentservice.h"

#include "httptransport.h"
#include "logging.h"
#include "mcpserver.h"
#include "mcptoken.h"
#include "watcher.h"

#include <QtConcurrent/QtConcurrentRun>

namespace SignalHub::Core {

AgentService::AgentService(QObject *parent)
    : QObject(parent)
{ }

AgentService::~AgentService()
{
    stop();
}

void AgentService::start(const CodeTools::Options &tools, quint16 port)
{
    stop();
    const quint64 generation = m_generation;
    QtConcurrent::run([] {
        return McpToken::load();
    }).then(this, [this, generation, tools, port](const Result<QByteArray> &token) {
        if (generation != m_generation)
            return;
        if (!token)
            Q_EMIT failed(token.errorMessage());
        else
            listen(tools, port, *token);
    });
}

void AgentService::listen(const CodeTools::Options &tools, quint16 port, const QByteArray &token)
{
    auto codeTools = std::make_unique<CodeTools>(tools);
    auto server = std::make_unique<McpServer>(*codeTools);
    auto http = std::make_unique<HttpTransport>(*server, token);
    const Result<quint16> listening = http->listen(port);
    if (!listening) {
        Q_EMIT failed(listening.errorMessage());
        return;
    }
    codeTools->setWatcher(m_watcher);
    m_tools = std::move(codeTools);
    m_server = std::move(server);
    m_http = std::move(http);
    qCInfo(lcMcp) << "the window serves MCP at" << m_http->url();
    Q_EMIT started(m_http->url(), token);
}

void AgentService::stop()
{
    ++m_generation;
    // The transport first: it refers to the server, which refers to the tools.
    m_http.reset();
    m_server.reset();
    m_tools.reset();
}

void AgentService::setWatcher(Watcher *watcher)
{
    m_watcher = watcher;
    if (m_tools)
        m_tools->setWatcher(watcher);
}

} // namespace SignalHub::Core
