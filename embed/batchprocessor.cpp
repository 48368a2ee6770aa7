#include "batchprocessor.h"

#include "backgroundpriority.h"
#include "logging.h"
#include "ownerthread.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QNetworkAccessManager>
#include <QUuid>
#include <algorithm>

namespace SignalHub::Core {

namespace {
constexpr int ProgressIntervalMs = 100; // at most 10 progress signals a second
// Under a requests-per-minute limit, how long a request waits for the folder's reading to
// queue enough chunks to fill it: little next to the seconds between two requests.
constexpr qint64 FillWaitMs = 1000;

// Every vector of one other size: the server makes another space than the run expects,
// not a damaged answer (those have one vector off).
int uniformOtherSize(const QList<QList<float>> &vectors, int expected)
{
    if (vectors.isEmpty() || expected <= 0)
        return 0;
    const qsizetype size = vectors.first().size();
    if (size == expected)
        return 0;
    for (const QList<float> &vector : vectors) {
        if (vector.size() != size)
            return 0;
    }
    return int(size);
}

SetupFaultDetector::Kind detectorKind(SetupFault fault)
{
    return fault == SetupFault::Unreachable ? SetupFaultDetector::Kind::Unreachable
                                            : SetupFaultDetector::Kind::NotAnEmbeddingsApi;
}
} // namespace

BatchProcessor::BatchProcessor(
    std::unique_ptr<Provider> provider, ProcessorSettings settings, QObject *parent)
    : QObject(parent)
    , m_provider(std::move(provider))
    , m_settings(settings)
    , m_limits(settings.limits)
    , m_retry(settings.retry)
    , m_rateLimiter(settings.rateLimits)
    , m_validator(m_provider->space().dimensions)
    , m_pumpTimer(this) // parented, so they follow the processor to its thread
    , m_progressTimer(this)
    , m_runTag(QUuid::createUuid().toString(QUuid::Id128).left(8))
    , m_concurrency(std::max(1, settings.concurrency))
{
    m_clock.start();
    m_pumpTimer.setSingleShot(true);
    m_pumpTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_pumpTimer, &QTimer::timeout, this, &BatchProcessor::pump);
    m_progressTimer.setInterval(ProgressIntervalMs);
    connect(&m_progressTimer, &QTimer::timeout, this, &BatchProcessor::emitProgress);
}

BatchProcessor::~BatchProcessor()
{
    m_provider.reset(); // aborts replies before the network manager goes
}

void BatchProcessor::ensureStarted()
{
    BackgroundPriority::lowerCurrentThread();
    if (m_network)
        return;
    // Created here, in the thread the processor lives in, as QNetworkAccessManager requires.
    m_network = new QNetworkAccessManager(this);
    const int ceiling
        = m_settings.adaptive ? std::max(m_settings.adaptiveCeiling, m_concurrency) : m_concurrency;
    m_provider->attach(m_network, ceiling);
    m_progressTimer.start();
}

void BatchProcessor::enqueue(QList<EmbedItem> items)
{
    assertOwnerThread(this);
    ensureStarted();
    m_batcher.add(std::move(items));
    m_progressDirty = true;
    pump();
}

void BatchProcessor::endOfInput()
{
    assertOwnerThread(this);
    ensureStarted();
    m_inputEnded = true;
    pump(); // a request that waited to be filled goes now
}

void BatchProcessor::pause()
{
    assertOwnerThread(this);
    m_paused = true;
    m_progressDirty = true;
}

void BatchProcessor::resume()
{
    assertOwnerThread(this);
    m_paused = false;
    m_progressDirty = true;
    pump();
}

void BatchProcessor::cancel()
{
    assertOwnerThread(this);
    stopAll(Outcome::Cancelled, tr("cancelled"));
}

void BatchProcessor::reprioritise(QList<qint64> ids, qint64 priority)
{
    assertOwnerThread(this);
    const QSet<qint64> wanted(ids.cbegin(), ids.cend());
    m_batcher.reprioritise(
        [&wanted](const EmbedItem &item) { return wanted.contains(item.id); }, priority);
}

qint64 BatchProcessor::pendingTokens() const
{
    qint64 tokens = m_batcher.tokens() + m_inFlightTokens;
    for (const Batch &batch : m_delayed)
        tokens += batch.tokens;
    return tokens + (m_booked ? m_booked->tokens : 0);
}

bool BatchProcessor::takeNext(Batch *batch, qint64 now)
{
    if (m_booked) {
        if (m_booked->dueMs > now)
            return false;
        *batch = std::move(*m_booked);
        m_booked.reset();
        return true;
    }
    // Retries whose time has come go before new work: their chunks have waited longest.
    for (qsizetype i = 0; i < m_delayed.size(); ++i) {
        if (m_delayed[i].dueMs <= now) {
            *batch = m_delayed.takeAt(i);
            return true;
        }
    }
    if (waitingToFill(now))
        return false;
    ProviderLimits limits = m_limits;
    if (const qint64 paced = m_rateLimiter.maxTokensPerRequest(); paced > 0)
        limits.maxTokensPerRequest = int(std::min<qint64>(
            limits.maxTokensPerRequest, std::max<qint64>(paced, limits.maxTokensPerInput)));
    QList<EmbedItem> tooLong;
    SmartBatcher::Batch next = m_batcher.take(limits, &tooLong);
    for (const EmbedItem &item : std::as_const(tooLong))
        fail({ item }, tooLongReason(item.tokens, limits.maxTokensPerInput), 0, 0);
    if (next.items.isEmpty())
        return false;
    batch->items = std::move(next.items);
    batch->tokens = next.tokens;
    batch->attempt = 1;
    return true;
}

void BatchProcessor::pump()
{
    if (m_stopped || m_paused || !m_network)
        return;
    const qint64 now = nowMs();
    while (m_inFlight.size() < m_concurrency) {
        // A batch is formed only when it may go: formed earlier, it would hold only what was
        // queued then, and each of the scarce requests would go out part-empty.
        if (const qint64 wait = m_rateLimiter.waitMs(now); wait > 0) {
            schedulePump(wait);
            break;
        }
        Batch batch;
        if (!takeNext(&batch, now))
            break;
        if (!batch.booked)
            m_rateLimiter.consume(batch.tokens);
        if (!bookTurn(batch, now))
            break;
        send(std::move(batch));
    }
    qint64 nextDue = m_booked ? m_booked->dueMs : -1;
    for (const Batch &batch : std::as_const(m_delayed))
        nextDue = nextDue < 0 ? batch.dueMs : std::min(nextDue, batch.dueMs);
    if (nextDue >= 0 && m_inFlight.size() < m_concurrency)
        schedulePump(nextDue - now);
    checkFinished();
}

bool BatchProcessor::bookTurn(Batch &batch, qint64 now)
{
    if (!m_settings.sharedPace || batch.booked)
        return true;
    batch.booked = true;
    const qint64 turn = m_settings.sharedPace(batch.tokens, m_rateLimiter.limits());
    if (turn <= 0)
        return true;
    batch.dueMs = now + turn;
    m_booked = std::move(batch);
    return false;
}

bool BatchProcessor::waitingToFill(qint64 now)
{
    const bool full = m_batcher.size() >= m_limits.maxInputs
        || m_batcher.tokens() >= m_limits.maxTokensPerRequest;
    if (m_inputEnded || full || m_batcher.isEmpty()
        || m_rateLimiter.limits().requestsPerMinute <= 0) {
        m_fillSinceMs = -1;
        return false;
    }
    if (m_fillSinceMs < 0)
        m_fillSinceMs = now;
    const qint64 left = m_fillSinceMs + FillWaitMs - now;
    if (left <= 0) {
        m_fillSinceMs = -1;
        return false;
    }
    schedulePump(left);
    return true;
}

void BatchProcessor::schedulePump(qint64 delayMs)
{
    delayMs = std::max<qint64>(0, delayMs);
    if (!m_pumpTimer.isActive() || m_pumpTimer.remainingTime() > delayMs)
        m_pumpTimer.start(std::chrono::milliseconds(delayMs));
}

void BatchProcessor::send(Batch batch)
{
    InFlight flight;
    flight.requestId = m_runTag + u'-' + QString::number(++m_requestCounter) + u'-'
        + QString::number(batch.attempt);
    flight.startedMs = nowMs();
    flight.startedEpochMs = QDateTime::currentMSecsSinceEpoch();
    Attempt attempt;
    attempt.inputs.reserve(batch.items.size());
    for (const EmbedItem &item : std::as_const(batch.items))
        attempt.inputs.append(item.text);
    attempt.requestId = flight.requestId;
    attempt.number = batch.attempt;
    attempt.timeoutMs = m_settings.timeoutMs;
    m_inFlightTokens += batch.tokens;
    flight.batch = std::move(batch);
    m_requests += 1;
    m_progressDirty = true;
    // The handle is only known once start() returns; the callback never runs before that.
    auto handle = std::make_shared<quint64>(0);
    *handle = m_provider->start(attempt,
        [this, handle](AttemptResult result) { onAttemptFinished(*handle, std::move(result)); });
    m_inFlight.insert(*handle, std::move(flight));
}

void BatchProcessor::onAttemptFinished(quint64 handle, AttemptResult result)
{
    assertOwnerThread(this);
    auto it = m_inFlight.find(handle);
    if (it == m_inFlight.end())
        return;
    InFlight flight = std::move(*it);
    m_inFlight.erase(it);
    m_inFlightTokens -= flight.batch.tokens;
    m_progressDirty = true;
    const qint64 now = nowMs();

    AttemptRecord record;
    record.requestId = flight.requestId;
    record.startedMs = flight.startedEpochMs;
    record.finishedMs = QDateTime::currentMSecsSinceEpoch();
    record.inputs = int(flight.batch.items.size());
    record.tokens = result.promptTokens >= 0 ? result.promptTokens : flight.batch.tokens;
    record.tokensFromServer = result.promptTokens >= 0;
    record.billed = result.kind == AttemptResult::Kind::Success
        || (result.httpStatus >= 200 && result.httpStatus < 300);
    record.httpStatus = result.httpStatus;
    record.attempt = flight.batch.attempt;
    if (result.kind != AttemptResult::Kind::Success)
        record.error = result.message;

    if (result.rateLimits.any())
        m_rateLimiter.learn(result.rateLimits, now);
    if (record.billed)
        m_costUsd += record.tokens * m_settings.usdPerMillionTokens / 1e6;

    using Kind = AttemptResult::Kind;
    switch (result.kind) {
    case Kind::Success: {
        const QString invalid = m_validator.check(result.vectors, flight.batch.items.size());
        if (!invalid.isEmpty()) {
            record.error = invalid;
            Q_EMIT requestFinished(record);
            const int expected = m_validator.dimensions();
            if (const int answered = uniformOtherSize(result.vectors, expected); answered > 0
                && stopIfSystematic(SetupFaultDetector::Kind::WrongDimensions, flight.batch.items,
                    tr("the server answers %1-dimensional vectors, but this run expects %2 "
                       "(model %3). Set the dimensions to %1 (--dimensions, or Settings), or "
                       "choose the model that makes %2-dimensional vectors.")
                        .arg(answered)
                        .arg(expected)
                        .arg(m_provider->space().model)))
                return;
            retryOrFail(std::move(flight.batch), invalid, result.httpStatus, -1);
            break;
        }
        Q_EMIT requestFinished(record);
        m_setup.goodAnswer();
        releaseHeldFailures();
        onSuccess(flight, result);
        adaptConcurrency(false, now - flight.startedMs);
        break;
    }
    case Kind::Retryable:
        Q_EMIT requestFinished(record);
        if (result.setupFault != SetupFault::None
            && stopIfSystematic(detectorKind(result.setupFault), flight.batch.items,
                tr("%1. Check the base URL (--base-url, or Settings) and that the server is "
                   "running.")
                    .arg(result.message)))
            return;
        retryOrFail(
            std::move(flight.batch), result.message, result.httpStatus, result.retryAfterMs);
        break;
    case Kind::RateLimited: {
        Q_EMIT requestFinished(record);
        m_rateLimited += 1;
        // One shared cool-down: every sender waits, not only the one that was told.
        const qint64 wait = result.retryAfterMs >= 0 ? result.retryAfterMs
                                                     : m_retry.delayMs(flight.batch.attempt);
        m_rateLimiter.coolDown(now + wait);
        qCInfo(lcEmbed) << "429: every request waits" << wait << "ms";
        adaptConcurrency(true, now - flight.startedMs);
        retryOrFail(std::move(flight.batch), result.message, result.httpStatus, wait, true);
        break;
    }
    case Kind::Rejected:
        Q_EMIT requestFinished(record);
        onRejected(std::move(flight.batch), result);
        break;
    case Kind::Fatal:
        Q_EMIT requestFinished(record);
        m_batcher.addFront(std::move(flight.batch.items)); // pending, not failed
        stopAll(Outcome::Fatal, result.message);
        return;
    case Kind::Cancelled:
        m_batcher.addFront(std::move(flight.batch.items));
        break;
    }
    pump();
}

void BatchProcessor::onSuccess(const InFlight &flight, AttemptResult &result)
{
    QList<EmbeddedItem> stored;
    stored.reserve(flight.batch.items.size());
    for (qsizetype i = 0; i < flight.batch.items.size(); ++i)
        stored.append(EmbeddedItem { flight.batch.items[i].id, std::move(result.vectors[i]) });
    const qint64 tokens = result.promptTokens >= 0 ? result.promptTokens : flight.batch.tokens;
    m_done += stored.size();
    m_tokensDone += flight.batch.tokens;
    m_tracker.addCompletion(nowMs(), stored.size(), flight.batch.tokens);
    Q_EMIT embedded(stored, tokens);
}

void BatchProcessor::retryOrFail(
    Batch batch, const QString &reason, int status, qint64 retryAfterMs, bool rateLimited)
{
    // A 429 says "not now", not "not this": with C senders sharing a limit, a batch may meet
    // several before its turn, so 429s get a budget of their own, four times the retries.
    const int failures = batch.attempt - batch.rateLimited;
    const bool mayRetry = rateLimited ? batch.rateLimited < 4 * m_retry.settings().maxRetries
                                      : m_retry.mayRetry(failures);
    if (!mayRetry) {
        fail(batch.items, reason, status, batch.attempt);
        return;
    }
    m_retries += 1;
    batch.dueMs
        = nowMs() + m_retry.delayMs(rateLimited ? batch.rateLimited + 1 : failures, retryAfterMs);
    batch.rateLimited += rateLimited ? 1 : 0;
    batch.attempt += 1;
    batch.booked = false; // each attempt counts against the limits again
    qCDebug(lcNetwork) << "retry" << batch.attempt << "in" << batch.dueMs - nowMs()
                       << "ms:" << reason;
    m_delayed.append(std::move(batch));
}

QString BatchProcessor::tooLongReason(int tokens, int limit) const
{
    if (!m_inputLimitLearned)
        return tr("%1 tokens > limit %2").arg(tokens).arg(limit);
    return tr("%1 tokens > the server's limit of %2 per input; re-index with smaller chunks "
              "(--chunk-tokens below %2)")
        .arg(tokens)
        .arg(limit);
}

// A per-input limit the server named holds for the rest of the run. The chunks over it go back
// to the queue, where the batcher fails them with that reason; the others are sent again.
bool BatchProcessor::requeueOverInputLimit(Batch &batch, const AttemptResult &result)
{
    const int limit = result.learnedMaxTokensPerInput;
    if (limit <= 0)
        return false;
    if (limit < m_limits.maxTokensPerInput) {
        m_limits.maxTokensPerInput = limit;
        m_inputLimitLearned = true;
        qCInfo(lcEmbed) << "the server's limit per input is" << limit << "tokens";
        Q_EMIT inputLimitLearned(limit, result.message);
    }
    // Every input within the limit by our count, yet refused: the server counts differently,
    // and bisecting finds the input it means.
    const bool anyOver = std::any_of(batch.items.cbegin(), batch.items.cend(),
        [this](const EmbedItem &item) { return item.tokens > m_limits.maxTokensPerInput; });
    if (!anyOver)
        return false;
    m_batcher.addFront(std::move(batch.items));
    return true;
}

void BatchProcessor::onRejected(Batch batch, const AttemptResult &result)
{
    if (requeueOverInputLimit(batch, result))
        return;
    const int size = int(batch.items.size());
    if (result.learnedMaxInputs > 0 && result.learnedMaxInputs < size) {
        // The server named its limit: keep it for the rest of the run and lose nothing. The
        // other requests of the first wave say the same again: tell it once.
        if (result.learnedMaxInputs < m_limits.maxInputs) {
            m_limits.maxInputs = result.learnedMaxInputs;
            qCInfo(lcEmbed) << "the server's batch limit is" << m_limits.maxInputs << "inputs";
            Q_EMIT batchLimitLearned(m_limits.maxInputs, result.message);
        }
        requeueSplit(std::move(batch), m_limits.maxInputs);
        return;
    }
    if (result.payloadTooLarge && size > 1) {
        const int half = std::max(1, size / 2);
        m_limits.maxTokensPerRequest = int(std::min<qint64>(m_limits.maxTokensPerRequest,
            std::max<qint64>(m_limits.maxTokensPerInput, batch.tokens / 2)));
        if (half < m_limits.maxInputs) {
            m_limits.maxInputs = half;
            qCInfo(lcEmbed) << "request too large: at most" << half << "inputs and"
                            << m_limits.maxTokensPerRequest << "tokens from now on";
            Q_EMIT batchLimitLearned(m_limits.maxInputs, result.message);
        }
        requeueSplit(std::move(batch), std::min(half, m_limits.maxInputs));
        return;
    }
    if (size == 1) {
        const int tokens = batch.items.first().tokens;
        if (result.httpStatus == 400
            && stopIfSystematic(SetupFaultDetector::Kind::InputRejected, batch.items,
                tr("the server rejects even single chunks (%1). Its limit per input is "
                   "probably below this run's chunks of up to %2 tokens: set it with "
                   "--max-input-tokens (or in Settings).")
                    .arg(result.message)
                    .arg(std::max(tokens, m_limits.maxTokensPerInput))))
            return;
        fail(batch.items, result.message, result.httpStatus, batch.attempt);
        return;
    }
    // Bisect until the offending input(s) stand alone; the rest goes through.
    qCDebug(lcEmbed) << "rejected batch of" << size << "inputs split in two:" << result.message;
    requeueSplit(std::move(batch), (size + 1) / 2);
}

void BatchProcessor::requeueSplit(Batch batch, int maxInputs)
{
    const qint64 now = nowMs();
    QList<Batch> pieces;
    for (qsizetype start = 0; start < batch.items.size(); start += maxInputs) {
        Batch piece;
        piece.items = batch.items.mid(start, maxInputs);
        for (const EmbedItem &item : std::as_const(piece.items))
            piece.tokens += item.tokens;
        piece.attempt = 1;
        piece.dueMs = now;
        pieces.append(std::move(piece));
    }
    m_delayed = pieces + m_delayed;
}

void BatchProcessor::fail(
    const QList<EmbedItem> &items, const QString &reason, int status, int attempts)
{
    QList<FailedItem> failures;
    failures.reserve(items.size());
    for (const EmbedItem &item : items)
        failures.append(FailedItem { item.id, reason, status, attempts });
    m_failed += failures.size();
    m_progressDirty = true;
    if (!m_setup.settled()) {
        m_heldFailures += failures;
        return;
    }
    Q_EMIT failed(failures);
}

void BatchProcessor::releaseHeldFailures()
{
    if (!m_heldFailures.isEmpty())
        Q_EMIT failed(std::exchange(m_heldFailures, {}));
}

bool BatchProcessor::stopIfSystematic(
    SetupFaultDetector::Kind kind, QList<EmbedItem> items, const QString &message)
{
    if (!m_setup.systematic(kind))
        return false;
    qCInfo(lcEmbed) << "stopping: the same failure" << SetupFaultDetector::streak(kind)
                    << "times before any good answer:" << message;
    m_batcher.addFront(std::move(items));
    stopAll(Outcome::Fatal, message);
    return true;
}

void BatchProcessor::stopAll(Outcome outcome, const QString &message)
{
    if (m_stopped)
        return;
    m_stopped = true;
    m_pumpTimer.stop();
    if (outcome == Outcome::Fatal) {
        // Nothing good came back yet: what failed so far failed for the same cause.
        m_failed -= m_heldFailures.size();
        m_heldFailures.clear();
    }
    releaseHeldFailures();
    const auto handles = m_inFlight.keys();
    for (quint64 handle : handles)
        m_provider->abort(handle); // their items go back to pending through Cancelled
    m_inFlight.clear();
    m_inFlightTokens = 0;
    m_progressDirty = true;
    emitProgress();
    m_progressTimer.stop();
    Q_EMIT finished(outcome, message);
}

void BatchProcessor::checkFinished()
{
    if (m_stopped || !m_inputEnded || !m_inFlight.isEmpty() || !m_delayed.isEmpty() || m_booked
        || !m_batcher.isEmpty())
        return;
    m_stopped = true;
    releaseHeldFailures();
    m_progressDirty = true;
    emitProgress();
    m_progressTimer.stop();
    Q_EMIT finished(Outcome::Completed, QString());
}

void BatchProcessor::adaptConcurrency(bool rateLimited, qint64 latencyMs)
{
    if (!m_settings.adaptive)
        return;
    const qint64 now = nowMs();
    if (rateLimited) {
        if (!m_roundSaw429) {
            m_concurrency = std::max(1, m_concurrency / 2);
            qCInfo(lcEmbed) << "adaptive concurrency halved to" << m_concurrency << "after a 429";
        }
        m_roundSaw429 = true;
        return;
    }
    m_bestLatencyMs = m_bestLatencyMs < 0 ? latencyMs : std::min(m_bestLatencyMs, latencyMs);
    m_roundLatencySumMs += latencyMs;
    if (++m_roundCompletions < m_concurrency)
        return;
    const double seconds = std::max<qint64>(1, now - m_roundStartMs) / 1000.0;
    const double rate = m_roundCompletions / seconds;
    const double meanLatency = double(m_roundLatencySumMs) / m_roundCompletions;
    const int ceiling = std::max(m_settings.adaptiveCeiling, m_settings.concurrency);
    const int before = m_concurrency;
    if (!m_roundSaw429 && meanLatency > 2.0 * std::max<qint64>(m_bestLatencyMs, 5)
        && rate <= m_lastRoundRate)
        m_concurrency = std::max(1, m_concurrency / 2); // latency climbs without more throughput
    else if (!m_roundSaw429 && rate >= m_lastRoundRate * 1.02)
        m_concurrency = std::min(ceiling, m_concurrency + 1);
    if (m_concurrency != before)
        qCInfo(lcEmbed) << "adaptive concurrency" << before << "->" << m_concurrency << "at" << rate
                        << "requests/s, mean latency" << meanLatency << "ms";
    m_lastRoundRate = rate;
    m_roundCompletions = 0;
    m_roundLatencySumMs = 0;
    m_roundStartMs = now;
    m_roundSaw429 = false;
}

ProgressSnapshot BatchProcessor::snapshot()
{
    const qint64 now = nowMs();
    ProgressSnapshot s;
    s.chunksDone = m_done;
    s.chunksFailed = m_failed;
    qint64 pending = m_batcher.size() + (m_booked ? m_booked->items.size() : 0);
    for (const Batch &batch : std::as_const(m_delayed))
        pending += batch.items.size();
    for (const InFlight &flight : std::as_const(m_inFlight))
        pending += flight.batch.items.size();
    s.chunksPending = pending;
    s.tokensDone = m_tokensDone;
    s.tokensPending = pendingTokens();
    s.chunksPerSecond = m_tracker.chunksPerSecond(now);
    s.tokensPerSecond = m_tracker.tokensPerSecond(now);
    s.etaSeconds = m_tracker.etaSeconds(s.tokensPending, now);
    s.costUsd = m_costUsd;
    s.projectedCostUsd = m_costUsd + s.tokensPending * m_settings.usdPerMillionTokens / 1e6;
    s.inFlight = int(m_inFlight.size());
    s.concurrency = m_concurrency;
    s.requests = m_requests;
    s.retries = m_retries;
    s.rateLimited = m_rateLimited;
    s.coolDownMs = m_rateLimiter.coolDownRemaining(now);
    s.paused = m_paused;
    s.elapsedMs = now;
    for (const InFlight &flight : std::as_const(m_inFlight))
        s.longestWaitMs = std::max(s.longestWaitMs, now - flight.startedMs);
    s.retriesWaiting = int(m_delayed.size());
    for (qsizetype i = 0; i < m_delayed.size(); ++i) {
        const qint64 due = std::max<qint64>(0, m_delayed.at(i).dueMs - now);
        s.nextRetryMs = i == 0 ? due : std::min(s.nextRetryMs, due);
    }
    const qint64 since
        = m_tracker.lastCompletionMs() < 0 ? now : now - m_tracker.lastCompletionMs();
    if (!m_stopped && !m_paused && s.coolDownMs == 0 && !m_inFlight.isEmpty()
        && since > m_settings.timeoutMs) {
        s.stalled = true;
        // Requests that fail fast and are retried also complete nothing: the wait of the
        // oldest one tells those apart from a server that does not answer.
        s.stalledReason = tr("nothing completed for %1 s; %n request(s) in flight, the oldest "
                             "for %2 s",
            nullptr, int(m_inFlight.size()))
                              .arg(since / 1000)
                              .arg(s.longestWaitMs / 1000);
    }
    return s;
}

void BatchProcessor::emitProgress()
{
    // Stalls and cool-downs change with time alone, so those are reported even without events.
    if (!m_progressDirty && m_inFlight.isEmpty() && m_delayed.isEmpty())
        return;
    m_progressDirty = false;
    Q_EMIT progress(snapshot());
}

} // namespace SignalHub::Core
