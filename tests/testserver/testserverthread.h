#pragma once

#include "testserverconfig.h"

#include <QThread>
#include <QUrl>

namespace SignalHub::Testing {

class EmbeddingTestServer;

// An EmbeddingTestServer with an event loop of its own, for tests and benchmarks whose own
// thread blocks or is busy (so that the server's work does not count as the client's).
// Only the thread-safe members of server() may be called from other threads.
class TestServerThread
{
public:
    explicit TestServerThread(const TestServerConfig &config = {});
    ~TestServerThread(); // closes the server and joins the thread
    TestServerThread(const TestServerThread &) = delete;
    TestServerThread &operator=(const TestServerThread &) = delete;

    // Blocks until the server listens (or failed to).
    bool start(quint16 port = 0);
    EmbeddingTestServer *server() const { return m_server; }
    quint16 port() const;
    QUrl baseUrl() const;

private:
    QThread m_thread;
    EmbeddingTestServer *m_server;
};

} // namespace SignalHub::Testing
