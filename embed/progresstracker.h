#pragma once

#include <QString>
#include <QtGlobal>
#include <deque>

namespace SignalHub::Core {

// What a run is doing, as shown by the status panel, the chart and the CLI's progress line.
struct ProgressSnapshot
{
    qint64 chunksDone = 0;
    qint64 chunksFailed = 0;
    qint64 chunksPending = 0; // queued, waiting for a retry, or in flight
    qint64 tokensDone = 0;
    qint64 tokensPending = 0;
    double chunksPerSecond = 0;
    double tokensPerSecond = 0;
    double etaSeconds = -1; // unknown
    double costUsd = 0;
    double projectedCostUsd = 0; // costUsd plus the pending tokens at the run's price
    int inFlight = 0;
    int concurrency = 0;
    qint64 requests = 0;
    qint64 retries = 0;
    qint64 rateLimited = 0; // 429 answers
    qint64 coolDownMs = 0;
    qint64 longestWaitMs = 0; // of the requests in flight, how long the oldest has waited
    int retriesWaiting = 0; // batches waiting for the time of their next attempt
    qint64 nextRetryMs = 0; // until the first of them is sent again
    bool paused = false;
    bool stalled = false;
    QString stalledReason;
    qint64 elapsedMs = 0;
};

// Rates over a sliding window of completions, and an ETA from the remaining tokens divided by
// a smoothed token rate (tokens, not chunks: chunk sizes vary a lot within a repository).
// The first answers of a run arrive in a burst, one latency after the start, and say little
// about the rate: the ETA stays unknown until MinEtaCompletions answers spread over at least
// MinEtaSpanMs have been seen.
class ProgressTracker
{
public:
    static constexpr qint64 MinEtaSpanMs = 2000;
    static constexpr qint64 MinEtaCompletions = 5;

    explicit ProgressTracker(qint64 windowMs = 10000)
        : m_windowMs(windowMs)
    { }

    void addCompletion(qint64 nowMs, qint64 chunks, qint64 tokens);
    double chunksPerSecond(qint64 nowMs);
    double tokensPerSecond(qint64 nowMs);
    double etaSeconds(qint64 remainingTokens, qint64 nowMs);
    qint64 lastCompletionMs() const { return m_lastCompletionMs; }

private:
    struct Sample
    {
        qint64 atMs;
        qint64 chunks;
        qint64 tokens;
    };
    void dropOld(qint64 nowMs);
    double spanSeconds(qint64 nowMs) const;

    qint64 m_windowMs;
    std::deque<Sample> m_samples;
    qint64 m_windowChunks = 0;
    qint64 m_windowTokens = 0;
    qint64 m_firstMs = -1;
    qint64 m_lastCompletionMs = -1;
    qint64 m_completions = 0;
    double m_smoothedTokenRate = 0;
};

} // namespace SignalHub::Core
