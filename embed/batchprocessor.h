#pragma once

#include "embeddingvalidator.h"
#include "progresstracker.h"
#include "provider.h"
#include "ratelimiter.h"
#include "retrypolicy.h"
#include "setupfaultdetector.h"
#include "smartbatcher.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>
#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace SignalHub::Core {

struct ProcessorSettings
{
    ProviderLimits limits; // the provider's, lowered by the user's batch settings
    int concurrency = 4;
    bool adaptive = false; // AIMD on the number of requests in flight
    int adaptiveCeiling = 64;
    RetryPolicy::Settings retry;
    RateLimiter::Limits rateLimits;
    int timeoutMs = 60000;
    double usdPerMillionTokens = 0;
    // When several processes share one API key's limits (a shared run on the team store): books
    // a request of `tokens` under `limits` with all of them, and says in how many milliseconds
    // its turn comes. Called on the processor's thread, once per request that goes out.
    std::function<qint64(qint64 tokens, const RateLimits &limits)> sharedPace;
};

struct EmbeddedItem
{
    qint64 id = 0;
    QList<float> vector;
};

struct FailedItem
{
    qint64 id = 0;
    QString reason;
    int httpStatus = 0;
    int attempts = 0;
};

// One HTTP request (or one local inference call), for the store, the chart and the reports.
struct AttemptRecord
{
    QString requestId;
    qint64 startedMs = 0; // since the epoch
    qint64 finishedMs = 0;
    int inputs = 0;
    qint64 tokens = 0;
    bool tokensFromServer = false;
    // The server answered (2xx): it bills these tokens, whether or not the answer was usable.
    bool billed = false;
    int httpStatus = 0;
    int attempt = 1;
    QString error;
};

// Keeps up to C batches in flight against a Provider: paces them under rate limits, retries
// what may succeed later, bisects what a server rejects, learns the batch and per-input limits
// servers name,
// validates every answer, stops early on a misconfiguration and reports progress. Lives in a worker
// thread: call its slots through queued invocations, and it creates its network manager there.
class BatchProcessor : public QObject
{
    Q_OBJECT

public:
    enum class Outcome
    {
        Completed,
        Cancelled,
        Fatal
    };
    Q_ENUM(Outcome)

    BatchProcessor(
        std::unique_ptr<Provider> provider, ProcessorSettings settings, QObject *parent = nullptr);
    ~BatchProcessor() override;

    const ProviderLimits &effectiveLimits() const { return m_limits; }
    int concurrency() const { return m_concurrency; }

public Q_SLOTS:
    void enqueue(QList<SignalHub::Core::EmbedItem> items);
    // No more items will come: finished() follows once everything is stored or failed.
    void endOfInput();
    void pause();
    void resume();
    // Aborts what is in flight; nothing of it counts as failed, it stays pending for next time.
    void cancel();
    void reprioritise(QList<qint64> ids, qint64 priority);

Q_SIGNALS:
    void embedded(QList<SignalHub::Core::EmbeddedItem> items, qint64 tokens);
    void failed(QList<SignalHub::Core::FailedItem> items);
    void requestFinished(SignalHub::Core::AttemptRecord record);
    void progress(SignalHub::Core::ProgressSnapshot snapshot);
    void batchLimitLearned(int maxInputs, const QString &reason);
    // Chunks over `maxTokens` fail from now on, with a reason naming the limit.
    void inputLimitLearned(int maxTokens, const QString &reason);
    void finished(SignalHub::Core::BatchProcessor::Outcome outcome, const QString &message);

private:
    struct Batch
    {
        QList<EmbedItem> items;
        qint64 tokens = 0;
        int attempt = 1; // the attempt this batch goes out as next
        int rateLimited = 0; // 429s so far: they have a budget of their own (see retryOrFail)
        qint64 dueMs = 0;
        bool booked = false; // its turn under the shared pace is booked (sharedPace)
    };
    struct InFlight
    {
        Batch batch;
        QString requestId;
        qint64 startedMs = 0;
        qint64 startedEpochMs = 0;
    };

    void ensureStarted();
    void pump();
    bool takeNext(Batch *batch, qint64 nowMs);
    // False when the batch waits for its turn under the shared pace (in m_booked).
    bool bookTurn(Batch &batch, qint64 nowMs);
    void send(Batch batch);
    void onAttemptFinished(quint64 handle, AttemptResult result);
    void onSuccess(const InFlight &flight, AttemptResult &result);
    void retryOrFail(Batch batch, const QString &reason, int status, qint64 retryAfterMs,
        bool rateLimited = false);
    void onRejected(Batch batch, const AttemptResult &result);
    bool requeueOverInputLimit(Batch &batch, const AttemptResult &result);
    QString tooLongReason(int tokens, int limit) const;
    void requeueSplit(Batch batch, int maxInputs);
    void fail(const QList<EmbedItem> &items, const QString &reason, int status, int attempts);
    void releaseHeldFailures();
    bool stopIfSystematic(
        SetupFaultDetector::Kind kind, QList<EmbedItem> items, const QString &message);
    bool waitingToFill(qint64 now);
    void stopAll(Outcome outcome, const QString &message);
    void adaptConcurrency(bool rateLimited, qint64 latencyMs);
    void schedulePump(qint64 delayMs);
    void checkFinished();
    void emitProgress();
    ProgressSnapshot snapshot();
    qint64 nowMs() const { return m_clock.elapsed(); }
    qint64 pendingTokens() const;

    std::unique_ptr<Provider> m_provider;
    ProcessorSettings m_settings;
    ProviderLimits m_limits;
    RetryPolicy m_retry;
    RateLimiter m_rateLimiter;
    EmbeddingValidator m_validator;
    SmartBatcher m_batcher;
    SetupFaultDetector m_setup;
    // Failures before the first good answer: if the run turns out misconfigured, those chunks
    // stay pending instead of failed.
    QList<FailedItem> m_heldFailures;
    QList<Batch> m_delayed; // waiting for their retry time
    // Waiting for its turn under the shared pace: no other batch is formed meanwhile, so a
    // worker books at most one turn ahead of the others.
    std::optional<Batch> m_booked;
    QHash<quint64, InFlight> m_inFlight;
    ProgressTracker m_tracker;
    QNetworkAccessManager *m_network = nullptr;
    QTimer m_pumpTimer;
    QTimer m_progressTimer;
    QElapsedTimer m_clock;
    quint64 m_requestCounter = 0;
    QString m_runTag;
    qint64 m_fillSinceMs = -1;
    int m_concurrency = 1;
    bool m_paused = false;
    bool m_inputEnded = false;
    bool m_stopped = false;
    bool m_progressDirty = false;
    bool m_inputLimitLearned = false;

    qint64 m_done = 0;
    qint64 m_failed = 0;
    qint64 m_tokensDone = 0;
    qint64 m_requests = 0;
    qint64 m_retries = 0;
    qint64 m_rateLimited = 0;
    double m_costUsd = 0;
    qint64 m_inFlightTokens = 0;

    // Adaptive concurrency: one "round" is as many completions as requests allowed in flight.
    int m_roundCompletions = 0;
    qint64 m_roundStartMs = 0;
    double m_lastRoundRate = 0;
    qint64 m_bestLatencyMs = -1;
    qint64 m_roundLatencySumMs = 0;
    bool m_roundSaw429 = false;
};

} // namespace SignalHub::Core
