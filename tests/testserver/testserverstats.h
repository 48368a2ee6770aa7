#pragma once

#include <QJsonObject>
#include <QMap>

namespace SignalHub::Testing {

// A snapshot of the server's counters (see TestServerCounters for when each one moves).
struct TestServerStats
{
    qint64 requests = 0; // requests to the embedding endpoints (and unknown paths)
    QMap<int, qint64> statusCounts; // answers by HTTP status (stalls and resets not included)
    qint64 resets = 0; // connections reset instead of an answer
    qint64 stalls = 0; // answers stalled after the headers
    qint64 rateLimited = 0; // 429s from the RPM/TPM limits
    qint64 inputs = 0; // inputs of every well-formed request (before limits and faults)
    qint64 distinctInputs = 0; // distinct texts among them
    qint64 resentInputs = 0; // inputs whose text an earlier input already had
    qint64 answeredInputs = 0; // inputs answered with a clean 200
    qint64 reansweredInputs = 0; // of those, texts a clean 200 had answered before
    qint64 transportResends = 0; // requests whose X-Request-Id was seen before
    int currentConcurrency = 0; // requests being answered (latency running, or stalled)
    int maxConcurrency = 0;
    int queued = 0; // requests waiting for a concurrency slot
    qint64 receivedTokens = 0; // prompt tokens of every well-formed request
    qint64 totalTokens = 0; // prompt tokens reported in usage of clean 200s

    qint64 statusCount(int status) const { return statusCounts.value(status); }
    QJsonObject toJson() const;
};

} // namespace SignalHub::Testing
