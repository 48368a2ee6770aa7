#include "testservercounters.h"

#include <QMutexLocker>

namespace SignalHub::Testing {

void TestServerCounters::recordRequest(const QByteArray &requestId)
{
    QMutexLocker lock(&m_mutex);
    ++m_stats.requests;
    if (requestId.isEmpty())
        return;
    if (m_requestIds.contains(requestId))
        ++m_stats.transportResends;
    else
        m_requestIds.insert(requestId);
}

void TestServerCounters::recordInputs(const QList<QByteArray> &digests, qint64 tokens)
{
    QMutexLocker lock(&m_mutex);
    m_stats.inputs += digests.size();
    m_stats.receivedTokens += tokens;
    for (const QByteArray &digest : digests) {
        if (m_seenInputs.contains(digest))
            ++m_stats.resentInputs;
        else
            m_seenInputs.insert(digest);
    }
    m_stats.distinctInputs = m_seenInputs.size();
}

void TestServerCounters::recordAnswered(const QList<QByteArray> &digests, qint64 tokens)
{
    QMutexLocker lock(&m_mutex);
    m_stats.answeredInputs += digests.size();
    m_stats.totalTokens += tokens;
    for (const QByteArray &digest : digests) {
        if (m_answeredInputs.contains(digest))
            ++m_stats.reansweredInputs;
        else
            m_answeredInputs.insert(digest);
    }
}

void TestServerCounters::recordStatus(int status)
{
    QMutexLocker lock(&m_mutex);
    ++m_stats.statusCounts[status];
}

void TestServerCounters::recordReset()
{
    QMutexLocker lock(&m_mutex);
    ++m_stats.resets;
}

void TestServerCounters::recordStall()
{
    QMutexLocker lock(&m_mutex);
    ++m_stats.stalls;
}

void TestServerCounters::recordRateLimited()
{
    QMutexLocker lock(&m_mutex);
    ++m_stats.rateLimited;
}

void TestServerCounters::enter()
{
    QMutexLocker lock(&m_mutex);
    ++m_stats.currentConcurrency;
    m_stats.maxConcurrency = qMax(m_stats.maxConcurrency, m_stats.currentConcurrency);
}

void TestServerCounters::leave()
{
    QMutexLocker lock(&m_mutex);
    --m_stats.currentConcurrency;
}

void TestServerCounters::setQueued(int queued)
{
    QMutexLocker lock(&m_mutex);
    m_stats.queued = queued;
}

TestServerStats TestServerCounters::snapshot() const
{
    QMutexLocker lock(&m_mutex);
    TestServerStats snapshot = m_stats;
    // A copy of its own: the server's thread changes the counts in place once no snapshot
    // shares them, and a shared map would be read here while being written there.
    snapshot.statusCounts.detach();
    return snapshot;
}

void TestServerCounters::reset()
{
    QMutexLocker lock(&m_mutex);
    const int current = m_stats.currentConcurrency;
    const int queued = m_stats.queued;
    m_stats = {};
    m_stats.currentConcurrency = current;
    m_stats.maxConcurrency = current;
    m_stats.queued = queued;
    m_seenInputs.clear();
    m_answeredInputs.clear();
    m_requestIds.clear();
}

} // namespace SignalHub::Testing
