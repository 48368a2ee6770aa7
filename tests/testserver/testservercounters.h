#pragma once

#include "testserverstats.h"

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QSet>

namespace SignalHub::Testing {

// The server's counters. Written by the server's thread, read from any thread.
// Texts are remembered by their SHA-256 only, so large runs stay small in memory.
class TestServerCounters
{
public:
    void recordRequest(const QByteArray &requestId);
    void recordInputs(const QList<QByteArray> &digests, qint64 tokens);
    void recordAnswered(const QList<QByteArray> &digests, qint64 tokens);
    void recordStatus(int status);
    void recordReset();
    void recordStall();
    void recordRateLimited();
    void enter(); // a request starts being answered
    void leave();
    void setQueued(int queued);

    TestServerStats snapshot() const;
    // Zeroes every counter and forgets seen texts and request ids; requests in flight stay
    // counted in currentConcurrency.
    void reset();

private:
    mutable QMutex m_mutex;
    TestServerStats m_stats;
    QSet<QByteArray> m_seenInputs;
    QSet<QByteArray> m_answeredInputs;
    QSet<QByteArray> m_requestIds;
};

} // namespace SignalHub::Testing
