#include "testserverthread.h"

#include "embeddingtestserver.h"

namespace SignalHub::Testing {

TestServerThread::TestServerThread(const TestServerConfig &config)
    : m_server(new EmbeddingTestServer(config))
{
    m_thread.setObjectName(QStringLiteral("EmbeddingTestServer"));
    m_server->moveToThread(&m_thread);
}

TestServerThread::~TestServerThread()
{
    if (m_thread.isRunning()) {
        // Its sockets and timers belong to that thread, so it must be deleted there.
        QMetaObject::invokeMethod(
            m_server, [server = m_server] { delete server; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    } else {
        delete m_server;
    }
}

bool TestServerThread::start(quint16 port)
{
    if (!m_thread.isRunning())
        m_thread.start();
    bool listening = false;
    QMetaObject::invokeMethod(
        m_server, [this, port, &listening] { listening = m_server->listen(port); },
        Qt::BlockingQueuedConnection);
    return listening;
}

quint16 TestServerThread::port() const
{
    return m_server->port();
}

QUrl TestServerThread::baseUrl() const
{
    return m_server->baseUrl();
}

} // namespace SignalHub::Testing
