#pragma once

#include "chunk.h"
#include "result.h"
#include "storetypes.h"

#include <QDeadlineTimer>
#include <QFuture>
#include <QObject>
#include <QSet>
#include <memory>
#include <optional>

namespace SignalHub::Core {

// The one writer of a Signal Hub database. Its QSQLITE connection lives on a thread of its
// own; every method here is thread-safe and returns at once with a QFuture that is fulfilled
// after the write is durable (committed), or with the error that stopped it.
//
// Commit policy: the thread sleeps until a job is queued. On waking it opens one
// BEGIN IMMEDIATE transaction and runs queued jobs until the queue is empty, then commits. While
// jobs keep arriving it commits at least every 250 ms (CommitIntervalMs), so one transaction
// never holds the lock long and progress follows stored state; and a transaction that holds
// answers (vectors, request records: paid for, lost if the process dies before they are
// committed) commits as soon as the next job is not one, without waiting for the file rows
// queued behind them. Each job runs inside a savepoint: a job that fails is rolled back alone and
// the rest of its batch still commits. storeEmbeddings jobs queued right behind each other (same
// space and run) are written as one, with the same outcome as one after the other; each future
// still gets its own result. `committed` is emitted once per commit, in the thread that owns this
// object.
//
// Two processes (the window and the CLI) on one file: the write lock is taken with
// BEGIN IMMEDIATE and waited for in short busy_timeout slices, so "database is locked" is
// never surfaced. After 2 s of waiting `lockWait` reports "Waiting for another Signal Hub
// process that is writing to the database…"; after 2 minutes the jobs of that batch fail
// with a clear message (see setLockPolicy). After writing for 250 ms with jobs still queued
// (one transaction or several one after the other) the writer pauses a few milliseconds so a
// waiting process gets its turn.
//
// An indexing run: claimSource, ensureSpace, useSpaceForSource (chunk states follow the
// run's space), beginRun; per new or changed file writeFile (dedupe against the store is
// applied there: chunks whose text is embedded already come back stored); per response
// storeEmbeddings (marks every chunk with that text) or markFailed, and recordRequest;
// removeMissingFiles, finishRun, collectOrphans. On SIGINT/SIGTERM: flush(), exit.
//
// Crash safety: WAL with synchronous=NORMAL. After a kill at any moment the file is intact
// and holds exactly the committed transactions (power loss may drop the last few commits).
class StoreWriter : public QObject
{
    Q_OBJECT

public:
    static constexpr int CommitIntervalMs = 250;

    // An empty path means StoreSchema::defaultPath().
    explicit StoreWriter(const QString &path = QString(), QObject *parent = nullptr);
    // Commits what is queued (flush), then stops the thread.
    ~StoreWriter() override;

    QString path() const;

    // Opens (creating and migrating if needed) the database on the writer thread. Jobs queued
    // before it resolves wait for it; if it fails they all fail with its error.
    QFuture<Status> open();

    // Defaults: notice after 2 s, give up after 120 s. Call before open().
    void setLockPolicy(int noticeAfterMs, int giveUpAfterMs);

    // Blocks until every job queued so far is committed (or failed). Returns the first error
    // since the previous flush. For shutdown (SIGINT/SIGTERM) and worker threads; never call
    // it on the GUI thread.
    Status flush(QDeadlineTimer deadline = QDeadlineTimer(QDeadlineTimer::Forever));

    int queuedJobs() const;

    // Set once a write met a full disk, a damaged file or an I/O error (halt() was called):
    // the writer has stopped, and every later job fails with that error at once, reported
    // once through error(). The one exception: when the disk is full, finishRun still runs.
    // What was committed before stays; jobs of the same transaction that succeeded before
    // the fault are committed too when the disk is full (their vectors are paid for).
    std::optional<StoreFault> fault() const;
    // Stops writing for good, as if a write had met `fault`: for a damage a reader found.
    void halt(StoreFault fault, const Error &error);

    // --- sources, spaces, runs -------------------------------------------------------------
    // The source a run in `spaceId` indexes a path (folder or file) under, as SourceChoice
    // decides: an indexed folder of that space that contains it, else the path's own, created
    // when new, which takes over the files of the sources of its space inside it with their
    // chunk states (vectors are per text, so nothing is embedded again). Space 0: none yet.
    // `identity` (SourceIdentity) names what the folder is wherever it lies: a source of that
    // identity whose folder is gone is the one at `path` now, and takes over it.
    QFuture<Result<SourceClaim>> claimSource(
        const QString &path, qint64 spaceId = 0, const QString &identity = QString());
    // Finds or creates the space (base URL normalised).
    QFuture<Result<qint64>> ensureSpace(const EmbeddingSpace &space);
    // Makes the source's chunk states refer to `spaceId`: chunks whose text has a vector there
    // become stored, stored chunks without one become pending. Failed chunks stay failed.
    // Returns how many chunks are pending afterwards.
    QFuture<Result<qint64>> useSpaceForSource(qint64 sourceId, qint64 spaceId);
    // Settings are written as JSON without secrets (keys such as api_key, token, password,
    // authorization, secret are dropped whatever the caller passed).
    QFuture<Result<qint64>> beginRun(const RunStart &run);
    // The totals of a run going on so far, for teammates who watch it (status, the window).
    QFuture<Status> recordProgress(qint64 runId, const RunTotals &totals);
    // Runs whose process died while they were "running" (see RunLock) become "interrupted".
    QFuture<Status> markInterrupted(const QList<qint64> &runIds);
    // `reason`: why a run stopped before its end (a fatal error, a full disk), for status.
    QFuture<Status> finishRun(qint64 runId, const RunTotals &totals,
        const QString &status = QStringLiteral("finished"), const QString &reason = QString());

    // --- files and chunks ------------------------------------------------------------------
    // Inserts or updates the file row (keyed by source and path); chunks are left alone.
    // A record with a readStamp is first checked against the file on disk: if the file changed
    // since it was read, nothing is written and FileWrite::changedSinceRead says so (logged in
    // signalhub.store), so stale content is never stored as current.
    QFuture<Result<FileWrite>> upsertFile(const FileRecord &file);
    // Upsert plus the replacement of all the file's chunks, in one job: the usual call for a
    // new or changed file. New chunks whose text already has a vector in the source's space
    // are stored at once (and keep who paid for them); the others are pending. Vectors are
    // never deleted here, see collectOrphans. Checked against readStamp like upsertFile: a file
    // that changed since it was read keeps its old row and chunks.
    QFuture<Result<FileWrite>> writeFile(const FileRecord &file, const QList<Chunk> &chunks);
    // Deletes the files of a source at or under one of `scopes` (the folders and files a scan
    // looked at) whose paths are not in `seenPaths`; returns how many.
    QFuture<Result<qint64>> removeMissingFiles(
        qint64 sourceId, const QSet<QString> &seenPaths, const QStringList &scopes);

    // --- results ---------------------------------------------------------------------------
    // Stores each vector once per space (identical text is not stored twice) and marks stored
    // every not-yet-stored chunk with that text in the sources using this space, resolving
    // their failures. The first such chunk records `runId` as the one that paid for it.
    // Fails without writing anything if a vector's size differs from the space's dimensions
    // or holds NaN/infinity.
    QFuture<Status> storeEmbeddings(
        qint64 spaceId, qint64 runId, const QList<EmbeddingWrite> &vectors);
    QFuture<Status> markFailed(const QList<FailureRecord> &failures);

    // --- a run shared by several workers (team store only) ---------------------------------
    // Leases to `runId` for `seconds` on the server's clock those of the texts (by hash) that
    // have no vector in the space and no live lease of another run, skipping texts another
    // claim is taking at this moment. A lease of a run whose process died is free at once (its
    // RunLock is gone). Chunks here of texts a teammate stored meanwhile are marked stored.
    QFuture<Result<TextClaim>> claimTexts(
        qint64 spaceId, qint64 runId, const QList<QByteArray> &hashes, int seconds);
    // storeEmbeddings of claimed texts (EmbeddingWrite::lease set): a vector whose lease was
    // taken over by a teammate after it expired is not written (fenced off), and its text is
    // in `fenced` once the future is finished. Not merged with its neighbours.
    QFuture<Status> storeLeased(qint64 spaceId, qint64 runId, const QList<EmbeddingWrite> &vectors,
        std::shared_ptr<QList<QByteArray>> fenced);
    // Moves the deadline of every lease of the run `seconds` from now.
    QFuture<Result<qint64>> renewLeases(qint64 runId, int seconds);
    // Gives up every lease of the run (its end): teammates may claim those texts at once.
    QFuture<Result<qint64>> releaseLeases(qint64 runId);
    // retry-failed: failed chunks (of one source, or all when sourceId is 0) become pending.
    QFuture<Result<qint64>> requeueFailed(qint64 sourceId = 0);
    // retry-failed for a selection: these chunks become pending if they are failed.
    QFuture<Result<qint64>> requeueFailedChunks(const QList<qint64> &chunkIds);
    QFuture<Status> recordRequest(const RequestRecord &request);
    QFuture<Status> recordQuery(const QueryRecord &query);
    // Deletes vectors of the space (all spaces when 0) that no chunk references any more.
    QFuture<Result<qint64>> collectOrphans(qint64 spaceId);
    // Drops a source with its files, chunks and failures, and every vector and text that no
    // other source's chunks use (all spaces).
    QFuture<Result<RemovedSource>> removeSource(qint64 sourceId);
    // The words of texts stored before the keyword index existed.
    QFuture<Status> addKeywords(const QList<TextWords> &texts);

Q_SIGNALS:
    void committed(const SignalHub::Core::CommitSummary &summary);
    // A job or a commit failed; the job's future carries the same message.
    void error(const QString &message);
    // Non-empty while waiting for another process's write lock, empty when the wait ends.
    void lockWait(const QString &message);

private:
    // An Answer is paid for: see the commit policy.
    enum class Kind
    {
        Local,
        Answer
    };
    class Worker;
    struct Job;
    template<typename T, typename Fn> QFuture<Result<T>> enqueueResult(const char *name, Fn &&fn);
    template<typename Fn>
    QFuture<Status> enqueueStatus(const char *name, Fn &&fn, Kind kind = Kind::Local);
    QFuture<Status> enqueueStatus(std::shared_ptr<Job> job); // its outcome is the future's
    void enqueue(std::shared_ptr<Job> job);

    std::unique_ptr<Worker> m_worker;
};

} // namespace SignalHub::Core
