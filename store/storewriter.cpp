#include "storewriter.h"

#include "backgroundpriority.h"
#include "logging.h"
#include "storeconnection.h"
#include "storejobs.h"
#include "writesession.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QMutex>
#include <QPromise>
#include <QThread>
#include <QWaitCondition>
#include <algorithm>
#include <deque>
#include <exception>
#include <functional>
#include <optional>

namespace SignalHub::Core {

namespace {

// After writing for CommitIntervalMs with jobs queued, leave the lock free this long so another
// process's writer (polling in its busy handler) can take it.
constexpr int FairnessPauseMs = 5;
// How often a team store job given up in a deadlock runs again before it fails.
constexpr int ConflictAttempts = 5;

} // namespace

// --- the queue and its thread ------------------------------------------------------------

struct StoreWriter::Job
{
    quint64 sequence = 0;
    Kind kind = Kind::Local;
    const char *name = "";
    std::function<Status(StoreJobs &)> run;
    std::function<void(const Status &)> settle; // the final outcome: committed or not
    std::shared_ptr<const StoreJobs::VectorBatch> store; // set for storeEmbeddings jobs
    bool endsRun = false; // finishRun: still tried after the disk filled (see halt)
};

class StoreWriter::Worker : public QThread
{
public:
    // Adjacent storeEmbeddings jobs are written together up to this many vectors (~12 MB at
    // 1536 dimensions), which keeps a merged write well inside CommitIntervalMs.
    static constexpr qsizetype MaxMergedVectors = 2000;

    Worker(StoreWriter *owner, const QString &path)
        : m_owner(owner)
        , m_path(path)
    {
        setObjectName(QStringLiteral("StoreWriter"));
        m_openPromise.start();
    }

    ~Worker() override { stop(); }

    QString path() const { return m_path; }

    QFuture<Status> start()
    {
        QMutexLocker lock(&m_mutex);
        startLocked();
        return m_openPromise.future();
    }

    void setLockPolicy(const StoreConnection::LockPolicy &policy)
    {
        QMutexLocker lock(&m_mutex);
        m_lockPolicy = policy;
    }

    void push(const std::shared_ptr<Job> &job)
    {
        QMutexLocker lock(&m_mutex);
        if (m_stopping) {
            lock.unlock();
            job->settle(Error { QCoreApplication::translate(
                "SignalHub::Core::Store", "The database writer has been closed.") });
            return;
        }
        if (refusesLocked(*job)) {
            const Error refusal = m_halt->second;
            lock.unlock();
            job->settle(refusal);
            return;
        }
        job->sequence = m_nextSequence++;
        m_queue.push_back(job);
        startLocked();
        m_wake.wakeOne();
    }

    std::optional<StoreFault> fault() const
    {
        QMutexLocker lock(&m_mutex);
        return m_halt ? std::optional<StoreFault>(m_halt->first) : std::nullopt;
    }

    // Stops writing for good: every job queued or to come fails with `error` without touching
    // the database, but a run's end (finishRun) when the disk is full: it changes one row and
    // may still fit, and if it does not, the next start finds the run dead (RunLock).
    void halt(StoreFault fault, const Error &error)
    {
        {
            QMutexLocker lock(&m_mutex);
            if (m_halt)
                return;
            m_halt = std::make_pair(fault, error);
            if (!m_errorSinceFlush)
                m_errorSinceFlush = error;
        }
        qCInfo(lcStore) << "stopped writing to" << m_path << ":" << error.message;
        report(error.message);
    }

    int queued() const
    {
        QMutexLocker lock(&m_mutex);
        return int(m_queue.size());
    }

    Status flush(QDeadlineTimer deadline)
    {
        QMutexLocker lock(&m_mutex);
        const quint64 target = m_nextSequence - 1;
        if (target > m_settledSequence)
            startLocked();
        while (m_settledSequence < target) {
            if (!m_settled.wait(&m_mutex, deadline))
                return Error { QCoreApplication::translate("SignalHub::Core::Store",
                    "Timed out waiting for the database writer to commit.") };
        }
        const std::optional<Error> error = std::exchange(m_errorSinceFlush, std::nullopt);
        return error ? Status(*error) : Status();
    }

    void stop()
    {
        {
            QMutexLocker lock(&m_mutex);
            m_stopping = true;
            m_wake.wakeAll();
        }
        wait();
    }

protected:
    void run() override
    {
        BackgroundPriority::lowerCurrentThread();
        StoreConnection::LockPolicy policy;
        {
            QMutexLocker lock(&m_mutex);
            policy = m_lockPolicy;
        }
        const Status opened = openConnection(policy);
        m_openPromise.addResult(opened);
        m_openPromise.finish();
        if (!opened)
            report(opened.errorMessage());
        while (waitForWork()) {
            if (opened)
                runTransaction();
            else
                failQueued(opened.error());
        }
        m_connection.reset();
    }

private:
    void startLocked()
    {
        if (!m_started) {
            m_started = true;
            QThread::start();
        }
    }

    Status openConnection(const StoreConnection::LockPolicy &policy)
    {
        Result<std::unique_ptr<StoreConnection>> connection
            = StoreConnection::open(m_path, StoreConnection::Mode::Write);
        if (!connection)
            return connection.error();
        m_connection = std::move(*connection);
        m_connection->setLockPolicy(policy, [this](const QString &message) {
            StoreWriter *owner = m_owner;
            QMetaObject::invokeMethod(
                owner, [owner, message] { Q_EMIT owner->lockWait(message); }, Qt::QueuedConnection);
        });
        return {};
    }

    // False when stopping and nothing is left to do.
    bool waitForWork()
    {
        QMutexLocker lock(&m_mutex);
        while (m_queue.empty() && !m_stopping)
            m_wake.wait(&m_mutex);
        return !m_queue.empty();
    }

    std::shared_ptr<Job> take()
    {
        QMutexLocker lock(&m_mutex);
        if (m_queue.empty())
            return nullptr;
        std::shared_ptr<Job> job = m_queue.front();
        m_queue.pop_front();
        return job;
    }

    bool answerIsNext() const
    {
        QMutexLocker lock(&m_mutex);
        return !m_queue.empty() && m_queue.front()->kind == Kind::Answer;
    }

    bool refusesLocked(const Job &job) const
    {
        return m_halt && !(job.endsRun && m_halt->first == StoreFault::DiskFull);
    }

    bool refuses(const Job &job) const
    {
        QMutexLocker lock(&m_mutex);
        return refusesLocked(job);
    }

    // A job failed: when its error is a fault of the database itself, the writer stops.
    void haltOnFault(const Status &status)
    {
        if (const std::optional<StoreFault> fault = m_connection->fault(); fault && !status)
            halt(*fault, status.error());
    }

    void failQueued(const Error &error)
    {
        QList<std::pair<std::shared_ptr<Job>, Status>> done;
        while (std::shared_ptr<Job> job = take())
            done.append({ job, Status(error) });
        settle(done);
    }

    // Runs `write` in a savepoint: all of it stays, or none of it when it fails. On the team
    // store another machine's transaction may hold what this one needs while waiting for what
    // this one holds: the server gives up one of them, which runs again once the other is
    // through (each job is a transaction of its own there, see runTransaction).
    template<typename Fn> static Status inSavepoint(WriteSession &session, Fn &&write)
    {
        for (int attempt = 1;; ++attempt) {
            if (Status saved = session.control(QStringLiteral("SAVEPOINT job")); !saved)
                return saved;
            Status status = guarded(write);
            if (status)
                return session.control(QStringLiteral("RELEASE job"));
            session.connection().execQuietly(QStringLiteral("ROLLBACK TO job"));
            session.connection().execQuietly(QStringLiteral("RELEASE job"));
            if (!session.connection().takeConflict() || attempt == ConflictAttempts)
                return status;
            qCInfo(lcStore) << "a job met another writer's transaction; running it again,"
                            << "attempt" << attempt + 1;
        }
    }

    Status runJob(WriteSession &session, StoreJobs &jobs, Job &job)
    {
        const CommitSummary before = session.summary();
        const Status status = inSavepoint(session, [&] { return job.run(jobs); });
        if (!status) {
            session.summary() = before;
            ++session.summary().failedJobs;
            if (!m_connection->fault()) // else halt() tells, once
                qCWarning(lcStore) << "write job" << job.name << "failed:" << status.errorMessage();
        }
        ++session.summary().jobs;
        return status;
    }

    // No exception leaves the writer thread: it becomes the job's error.
    template<typename Fn> static Status guarded(Fn &&fn)
    {
        Status status;
        try {
            status = fn();
        } catch (const std::exception &e) {
            status = Error { QCoreApplication::translate(
                "SignalHub::Core::Store", "Internal error while writing to the database: %1")
                    .arg(QString::fromLocal8Bit(e.what())) };
        } catch (...) {
            status = Error { QCoreApplication::translate(
                "SignalHub::Core::Store", "Internal error while writing to the database.") };
        }
        return status;
    }

    // storeEmbeddings jobs of the same space and run queued right behind `first` (so FIFO
    // order is kept), up to MaxMergedVectors in all.
    QList<std::shared_ptr<Job>> takeMergeable(const std::shared_ptr<Job> &first)
    {
        QList<std::shared_ptr<Job>> group { first };
        if (!first->store)
            return group;
        QMutexLocker lock(&m_mutex);
        qsizetype vectors = first->store->vectors.size();
        while (!m_queue.empty()) {
            const StoreJobs::VectorBatch *next = m_queue.front()->store.get();
            if (!next || next->spaceId != first->store->spaceId
                || next->runId != first->store->runId
                || vectors + next->vectors.size() > MaxMergedVectors)
                break;
            vectors += next->vectors.size();
            group.append(m_queue.front());
            m_queue.pop_front();
        }
        return group;
    }

    // Adjacent storeEmbeddings jobs as one set of statements: the same outcome as running them
    // one after the other (same space and run, FIFO order), with the per-batch statements paid
    // once. A batch that fails its own checks fails alone before anything is written; if the
    // merged write fails, it is rolled back whole and the jobs run again one by one, so an error
    // fails only the job it belongs to.
    void runMerged(WriteSession &session, StoreJobs &jobs, const QList<std::shared_ptr<Job>> &group,
        QList<std::pair<std::shared_ptr<Job>, Status>> &done)
    {
        const CommitSummary before = session.summary();
        QList<Status> checks;
        QList<EmbeddingWrite> vectors;
        for (const std::shared_ptr<Job> &job : group) {
            checks.append(guarded([&] { return jobs.checkBatch(*job->store); }));
            if (checks.constLast())
                vectors.append(job->store->vectors);
        }
        const Status merged = inSavepoint(session, [&] {
            return jobs.writeVectors(
                group.first()->store->spaceId, group.first()->store->runId, vectors);
        });
        if (!merged && m_connection->fault()) {
            session.summary() = before;
            for (const std::shared_ptr<Job> &job : group)
                done.append({ job, merged });
            return;
        }
        if (!merged) {
            session.summary() = before;
            qCDebug(lcStore) << "merged write of" << group.size()
                             << "storeEmbeddings jobs failed, running them one by one:"
                             << merged.errorMessage();
            for (const std::shared_ptr<Job> &job : group)
                done.append({ job, runJob(session, jobs, *job) });
            return;
        }
        for (qsizetype i = 0; i < group.size(); ++i) {
            ++session.summary().jobs;
            if (!checks.at(i)) {
                ++session.summary().failedJobs;
                qCWarning(lcStore)
                    << "write job" << group.at(i)->name << "failed:" << checks.at(i).errorMessage();
            }
            done.append({ group.at(i), checks.at(i) });
        }
    }

    bool onlyRefusedQueued() const
    {
        QMutexLocker lock(&m_mutex);
        return std::all_of(m_queue.cbegin(), m_queue.cend(),
            [this](const std::shared_ptr<Job> &job) { return refusesLocked(*job); });
    }

    void runTransaction()
    {
        // A halted writer does not even take the write lock for jobs it refuses.
        if (fault() && onlyRefusedQueued()) {
            failQueued(haltError());
            return;
        }
        if (Status began = m_connection->beginImmediate(); !began) {
            haltOnFault(began);
            failQueued(began.error());
            return;
        }
        // Time holding the lock, not waiting for it.
        QElapsedTimer timer;
        timer.start();
        if (!m_busy.isValid())
            m_busy.start();
        WriteSession session(*m_connection);
        StoreJobs jobs(session);
        QList<std::pair<std::shared_ptr<Job>, Status>> done;
        bool holdsAnswers = false;
        while (std::shared_ptr<Job> job = take()) {
            holdsAnswers = holdsAnswers || job->kind == Kind::Answer;
            if (refuses(*job)) {
                done.append({ job, Status(haltError()) });
                continue;
            }
            const QList<std::shared_ptr<Job>> group = takeMergeable(job);
            if (group.size() > 1)
                runMerged(session, jobs, group, done);
            else
                done.append({ job, runJob(session, jobs, *job) });
            if (m_connection->fault())
                break; // the rest waits for halt() below, which refuses it
            // Other machines write to the team store too: its transactions stay short.
            if (m_connection->isPostgres())
                break;
            // Answers do not wait for the file rows queued behind them to be committed.
            if (holdsAnswers && !answerIsNext())
                break;
            if (timer.elapsed() >= CommitIntervalMs)
                break;
        }
        const Status committed = commit(done);
        if (committed) {
            session.summary().elapsedMs = timer.elapsed();
            qCDebug(lcStore) << "committed" << session.summary().jobs << "jobs in"
                             << session.summary().elapsedMs << "ms";
            StoreWriter *owner = m_owner;
            const CommitSummary summary = session.summary();
            QMetaObject::invokeMethod(
                owner, [owner, summary] { Q_EMIT owner->committed(summary); },
                Qt::QueuedConnection);
        }
        // Before the jobs settle, so that whoever hears of a failure can ask fault().
        for (const auto &[job, status] : std::as_const(done))
            haltOnFault(status);
        haltOnFault(committed);
        settle(done);
        pauseIfBusy();
    }

    // After CommitIntervalMs of transactions one after the other (a long one, or answers
    // committed one by one) with jobs still queued, the lock is left free a moment so that
    // another process's writer, polling in its busy handler, can take it.
    void pauseIfBusy()
    {
        if (queued() == 0) {
            m_busy.invalidate();
            return;
        }
        if (m_busy.elapsed() < CommitIntervalMs)
            return;
        qCDebug(lcStore) << "writing for" << m_busy.elapsed() << "ms with jobs queued; pausing"
                         << FairnessPauseMs << "ms for other writers";
        QThread::msleep(FairnessPauseMs);
        m_busy.invalidate();
    }

    // Commits the transaction, or rolls it back when that fails; a job that succeeded then
    // gets the commit's error. After a fault only a full disk commits what the jobs before it
    // wrote (the vectors are paid for); what a damaged or unreadable file held is not trusted.
    Status commit(QList<std::pair<std::shared_ptr<Job>, Status>> &done)
    {
        const std::optional<StoreFault> fault = m_connection->fault();
        Status committed;
        if (!fault)
            committed = m_connection->exec(QStringLiteral("COMMIT"));
        else if (*fault != StoreFault::DiskFull
            || !m_connection->execQuietly(QStringLiteral("COMMIT")))
            committed = firstError(done); // SQLite may have rolled it back already
        if (committed)
            return committed;
        m_connection->execQuietly(QStringLiteral("ROLLBACK"));
        for (auto &entry : done)
            if (entry.second)
                entry.second = committed;
        return committed;
    }

    static Status firstError(const QList<std::pair<std::shared_ptr<Job>, Status>> &done)
    {
        for (const auto &entry : done)
            if (!entry.second)
                return entry.second;
        return {};
    }

    Error haltError() const
    {
        QMutexLocker lock(&m_mutex);
        return m_halt->second;
    }

    void settle(const QList<std::pair<std::shared_ptr<Job>, Status>> &done)
    {
        if (done.isEmpty())
            return;
        std::optional<Error> firstError;
        const std::optional<StoreFault> halted = fault();
        for (const auto &[job, status] : done) {
            job->settle(status);
            if (!status) {
                if (!firstError)
                    firstError = status.error();
                // A fault was reported once, by halt(); its jobs fail with the same message.
                if (!halted)
                    report(status.errorMessage());
            }
        }
        QMutexLocker lock(&m_mutex);
        m_settledSequence = std::max(m_settledSequence, done.constLast().first->sequence);
        if (firstError && !m_errorSinceFlush)
            m_errorSinceFlush = firstError;
        m_settled.wakeAll();
    }

    void report(const QString &message)
    {
        StoreWriter *owner = m_owner;
        QMetaObject::invokeMethod(
            owner, [owner, message] { Q_EMIT owner->error(message); }, Qt::QueuedConnection);
    }

    StoreWriter *const m_owner;
    const QString m_path;
    QPromise<Status> m_openPromise;

    mutable QMutex m_mutex;
    QWaitCondition m_wake;
    QWaitCondition m_settled;
    std::deque<std::shared_ptr<Job>> m_queue;
    quint64 m_nextSequence = 1;
    quint64 m_settledSequence = 0;
    bool m_started = false;
    bool m_stopping = false;
    std::optional<Error> m_errorSinceFlush;
    std::optional<std::pair<StoreFault, Error>> m_halt;
    StoreConnection::LockPolicy m_lockPolicy;

    // Writer thread only.
    std::unique_ptr<StoreConnection> m_connection;
    QElapsedTimer m_busy; // since the writer last paused or found the queue empty
};

// --- public API --------------------------------------------------------------------------

StoreWriter::StoreWriter(const QString &path, QObject *parent)
    : QObject(parent)
    , m_worker(std::make_unique<Worker>(this, path))
{ }

StoreWriter::~StoreWriter()
{
    (void)m_worker->flush(QDeadlineTimer(QDeadlineTimer::Forever));
    m_worker->stop();
}

QString StoreWriter::path() const
{
    return m_worker->path();
}

QFuture<Status> StoreWriter::open()
{
    return m_worker->start();
}

void StoreWriter::setLockPolicy(int noticeAfterMs, int giveUpAfterMs)
{
    m_worker->setLockPolicy({ noticeAfterMs, giveUpAfterMs });
}

Status StoreWriter::flush(QDeadlineTimer deadline)
{
    return m_worker->flush(deadline);
}

int StoreWriter::queuedJobs() const
{
    return m_worker->queued();
}

std::optional<StoreFault> StoreWriter::fault() const
{
    return m_worker->fault();
}

void StoreWriter::halt(StoreFault fault, const Error &error)
{
    m_worker->halt(fault, error);
}

void StoreWriter::enqueue(std::shared_ptr<Job> job)
{
    m_worker->push(job);
}

template<typename T, typename Fn>
QFuture<Result<T>> StoreWriter::enqueueResult(const char *name, Fn &&fn)
{
    auto promise = std::make_shared<QPromise<Result<T>>>();
    auto value = std::make_shared<std::optional<Result<T>>>();
    promise->start();
    QFuture<Result<T>> future = promise->future();
    auto job = std::make_shared<Job>();
    job->name = name;
    job->run = [fn = std::forward<Fn>(fn), value](StoreJobs &jobs) -> Status {
        Result<T> result = fn(jobs);
        Status status = result ? Status() : Status(result.error());
        value->emplace(std::move(result));
        return status;
    };
    job->settle = [promise, value](const Status &outcome) {
        if (outcome && value->has_value())
            promise->addResult(std::move(**value));
        else
            promise->addResult(
                Result<T>(outcome ? Error { QCoreApplication::translate(
                                        "SignalHub::Core::Store", "The write did not run.") }
                                  : outcome.error()));
        promise->finish();
    };
    enqueue(std::move(job));
    return future;
}

template<typename Fn>
QFuture<Status> StoreWriter::enqueueStatus(const char *name, Fn &&fn, Kind kind)
{
    auto job = std::make_shared<Job>();
    job->name = name;
    job->kind = kind;
    job->run = std::forward<Fn>(fn);
    return enqueueStatus(std::move(job));
}

QFuture<Status> StoreWriter::enqueueStatus(std::shared_ptr<Job> job)
{
    auto promise = std::make_shared<QPromise<Status>>();
    promise->start();
    QFuture<Status> future = promise->future();
    job->settle = [promise](const Status &outcome) {
        promise->addResult(outcome);
        promise->finish();
    };
    enqueue(std::move(job));
    return future;
}

QFuture<Result<qint64>> StoreWriter::ensureSpace(const EmbeddingSpace &space)
{
    return enqueueResult<qint64>(
        "ensureSpace", [space](StoreJobs &jobs) { return jobs.ensureSpace(space); });
}

QFuture<Result<SourceClaim>> StoreWriter::claimSource(
    const QString &path, qint64 spaceId, const QString &identity)
{
    return enqueueResult<SourceClaim>("claimSource", [path, spaceId, identity](StoreJobs &jobs) {
        return jobs.claimSource(path, spaceId, identity);
    });
}

QFuture<Result<qint64>> StoreWriter::useSpaceForSource(qint64 sourceId, qint64 spaceId)
{
    return enqueueResult<qint64>("useSpaceForSource",
        [sourceId, spaceId](StoreJobs &jobs) { return jobs.useSpaceForSource(sourceId, spaceId); });
}

QFuture<Result<qint64>> StoreWriter::beginRun(const RunStart &run)
{
    return enqueueResult<qint64>("beginRun", [run](StoreJobs &jobs) { return jobs.beginRun(run); });
}

QFuture<Status> StoreWriter::markInterrupted(const QList<qint64> &runIds)
{
    return enqueueStatus(
        "markInterrupted", [runIds](StoreJobs &jobs) { return jobs.markInterrupted(runIds); });
}

QFuture<Status> StoreWriter::finishRun(
    qint64 runId, const RunTotals &totals, const QString &status, const QString &reason)
{
    auto job = std::make_shared<Job>();
    job->name = "finishRun";
    job->endsRun = true;
    job->run = [runId, totals, status, reason](
                   StoreJobs &jobs) { return jobs.finishRun(runId, totals, status, reason); };
    return enqueueStatus(std::move(job));
}

QFuture<Result<FileWrite>> StoreWriter::upsertFile(const FileRecord &file)
{
    return enqueueResult<FileWrite>(
        "upsertFile", [file](StoreJobs &jobs) { return jobs.upsertFile(file); });
}

QFuture<Result<FileWrite>> StoreWriter::writeFile(
    const FileRecord &file, const QList<Chunk> &chunks)
{
    return enqueueResult<FileWrite>(
        "writeFile", [file, chunks](StoreJobs &jobs) { return jobs.writeFile(file, chunks); });
}

QFuture<Result<qint64>> StoreWriter::removeMissingFiles(
    qint64 sourceId, const QSet<QString> &seenPaths, const QStringList &scopes)
{
    return enqueueResult<qint64>(
        "removeMissingFiles", [sourceId, seenPaths, scopes](StoreJobs &jobs) {
            return jobs.removeMissingFiles(sourceId, seenPaths, scopes);
        });
}

QFuture<Status> StoreWriter::storeEmbeddings(
    qint64 spaceId, qint64 runId, const QList<EmbeddingWrite> &vectors)
{
    auto batch = std::make_shared<const StoreJobs::VectorBatch>(
        StoreJobs::VectorBatch { spaceId, runId, vectors });
    auto job = std::make_shared<Job>();
    job->name = "storeEmbeddings";
    job->kind = Kind::Answer;
    job->store = batch; // so that the worker can merge it with its neighbours
    job->run = [batch](StoreJobs &jobs) { return jobs.storeEmbeddings(*batch); };
    return enqueueStatus(std::move(job));
}

QFuture<Status> StoreWriter::recordProgress(qint64 runId, const RunTotals &totals)
{
    return enqueueStatus("recordProgress",
        [runId, totals](StoreJobs &jobs) { return jobs.recordProgress(runId, totals); });
}

QFuture<Result<TextClaim>> StoreWriter::claimTexts(
    qint64 spaceId, qint64 runId, const QList<QByteArray> &hashes, int seconds)
{
    return enqueueResult<TextClaim>("claimTexts",
        [=](StoreJobs &jobs) { return jobs.claimTexts(spaceId, runId, hashes, seconds); });
}

QFuture<Status> StoreWriter::storeLeased(qint64 spaceId, qint64 runId,
    const QList<EmbeddingWrite> &vectors, std::shared_ptr<QList<QByteArray>> fenced)
{
    return enqueueStatus(
        "storeLeased",
        [=](StoreJobs &jobs) {
            fenced->clear(); // a job given up in a deadlock runs again
            return jobs.storeLeased(StoreJobs::VectorBatch { spaceId, runId, vectors }, *fenced);
        },
        Kind::Answer);
}

QFuture<Result<qint64>> StoreWriter::renewLeases(qint64 runId, int seconds)
{
    return enqueueResult<qint64>(
        "renewLeases", [=](StoreJobs &jobs) { return jobs.renewLeases(runId, seconds); });
}

QFuture<Result<qint64>> StoreWriter::releaseLeases(qint64 runId)
{
    return enqueueResult<qint64>(
        "releaseLeases", [=](StoreJobs &jobs) { return jobs.releaseLeases(runId); });
}

QFuture<Status> StoreWriter::markFailed(const QList<FailureRecord> &failures)
{
    return enqueueStatus(
        "markFailed", [failures](StoreJobs &jobs) { return jobs.markFailed(failures); });
}

QFuture<Result<qint64>> StoreWriter::requeueFailed(qint64 sourceId)
{
    return enqueueResult<qint64>(
        "requeueFailed", [sourceId](StoreJobs &jobs) { return jobs.requeueFailed(sourceId); });
}

QFuture<Result<qint64>> StoreWriter::requeueFailedChunks(const QList<qint64> &chunkIds)
{
    return enqueueResult<qint64>("requeueFailedChunks",
        [chunkIds](StoreJobs &jobs) { return jobs.requeueFailedChunks(chunkIds); });
}

QFuture<Status> StoreWriter::recordRequest(const RequestRecord &request)
{
    return enqueueStatus(
        "recordRequest", [request](StoreJobs &jobs) { return jobs.recordRequest(request); },
        Kind::Answer);
}

QFuture<Status> StoreWriter::recordQuery(const QueryRecord &query)
{
    return enqueueStatus(
        "recordQuery", [query](StoreJobs &jobs) { return jobs.recordQuery(query); });
}

QFuture<Result<RemovedSource>> StoreWriter::removeSource(qint64 sourceId)
{
    return enqueueResult<RemovedSource>(
        "removeSource", [sourceId](StoreJobs &jobs) { return jobs.removeSource(sourceId); });
}

QFuture<Result<qint64>> StoreWriter::collectOrphans(qint64 spaceId)
{
    return enqueueResult<qint64>(
        "collectOrphans", [spaceId](StoreJobs &jobs) { return jobs.collectOrphans(spaceId); });
}

QFuture<Status> StoreWriter::addKeywords(const QList<TextWords> &texts)
{
    return enqueueStatus(
        "addKeywords", [texts](StoreJobs &jobs) { return jobs.addKeywords(texts); });
}

} // namespace SignalHub::Core
