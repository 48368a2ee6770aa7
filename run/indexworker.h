#pragma once

#include "batchprocessor.h"
#include "chunker.h"
#include "chunkreuse.h"
#include "filechunker.h"
#include "indextypes.h"
#include "result.h"
#include "retryscope.h"
#include "scanner.h"
#include "storetypes.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QFutureWatcher>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QThread>
#include <QTimer>
#include <atomic>
#include <deque>
#include <memory>
#include <type_traits>

namespace SignalHub::Core {

class RunLock;
class RunPlan;
class SharedWork;
class StoreReader;
class StoreWriter;
class TokenCounter;

// The run itself, on a thread of its own: scans, chunks (on the global thread pool, one
// syntax repository per thread), writes files and chunks through the store's writer, feeds
// what is not embedded yet to a BatchProcessor on a third thread and stores what comes back.
// Bounded: at most MaxOutstanding chunks wait in the processor, so memory stays flat.
class IndexWorker : public QObject
{
    Q_OBJECT

public:
    explicit IndexWorker(IndexRequest request, QObject *parent = nullptr);
    ~IndexWorker() override;

public Q_SLOTS:
    void start();
    void pause();
    void resume();
    void cancel();

public:
    // Thread-safe. The queued cancel() is only delivered once the scan returns to the event
    // loop, which on a large tree can take many seconds: this also stops the scan at once.
    void requestCancel();

Q_SIGNALS:
    void progress(const SignalHub::Core::ProgressSnapshot &snapshot);
    void filesChanged(const QList<SignalHub::Core::FileProgress> &files);
    void message(const QString &text);
    void teammates(qint64 elapsedMs, const QList<SignalHub::Core::TeammateProgress> &workers);
    void finished(const SignalHub::Core::IndexSummary &summary);

private:
    struct WorkFile
    {
        ScannedFile scanned;
        qint64 sourceId = 0;
        std::optional<FileRow> previous;
        QList<ChunkRow> pendingChunks; // of an unchanged file, from an earlier run
        qint64 priority = 0;
        bool exactChunks = false; // a retry of chosen chunks: send pendingChunks, nothing else
    };
    struct FileRead
    {
        QString path;
        QString language;
        QByteArray unchangedHash; // the file's chunks are kept when its bytes still have it
    };
    struct Item
    {
        QByteArray textHash;
        qint64 fileId = 0;
        int tokens = 0;
    };
    struct FileState
    {
        FileProgress progress;
        bool dirty = true;
    };

    // Vectors handed to the writer in one storeEmbeddings job and the chunks they store (copies
    // of the same text included): counted as stored once committed, as pending when refused.
    struct StoreBatch
    {
        QFuture<Status> future;
        QList<QByteArray> hashes;
        qint64 chunks = 0;
        bool settled = false;
        // A shared run: texts whose lease a teammate took over, and each text's chunks here.
        std::shared_ptr<QList<QByteArray>> fenced;
        QHash<QByteArray, qint64> copies;
    };
    // A file whose chunks the writer is writing: its pending ones are sent once written.
    struct FileWriteTask
    {
        QFuture<Result<FileWrite>> future;
        WorkFile work;
        QByteArray bytes;
        TextDecoder::Encoding encoding = TextDecoder::Encoding::Utf8;
        bool settled = false;
    };

    Status setUp();
    // On the team store: this worker's share of a run others may run with it (SharedWork),
    // and the API key's limits booked with them.
    void shareWork(const RunPlan &plan, ProcessorSettings &processing);
    // The other runs going on now in this run's space: its teammates' workers.
    Result<QList<RunRow>> teammateRuns() const;
    // Says which teammates' workers this run shares its work with.
    void announceTeammates();
    RunTotals totals() const;
    // Writes this run's totals so far, and on the team store reads its teammates'.
    void recordProgress();
    void reportTeammates();
    Status prepareRetry();
    Status markInterruptedRuns();
    Status scan();
    // Words for the keyword index of texts stored before it existed, read from their files.
    Status buildKeywordIndex(const QString &root, qint64 sourceId);
    // What the store holds of a source before the scan: its files, and its pending chunks.
    Status loadPrevious(qint64 sourceId, QHash<QString, FileRow> &previous,
        QHash<qint64, QList<ChunkRow>> &pending);
    void scheduleMore();
    void processGroup();
    // Counts the unchanged files of the next group; returns the others, to be read.
    QList<WorkFile> countUnchanged();
    // Reads and cuts the files on the pool, while this thread goes on storing the answers
    // that arrive meanwhile.
    void readGroup(QList<WorkFile> toRead);
    void onGroupRead();
    void handleChunked(const WorkFile &work, const FileChunker::File &chunked);
    void sendChosen(const WorkFile &work, const FileChunker::File &chunked);
    void sendPending(const WorkFile &work, const FileChunker::File &chunked);
    void rememberPending(const QList<ChunkRow> &rows);
    void sendChunks(const WorkFile &work, qint64 fileId, const QByteArray &bytes,
        TextDecoder::Encoding encoding, const QList<ChunkRow> &rows);
    // Chunks written pending that this run no longer sends, because it stopped.
    void leavePending(const QList<ChunkRow> &rows);
    void settleFileWrite(FileWriteTask &task, const Result<FileWrite> &written);
    void enqueue(QList<EmbedItem> items);
    void onEmbedded(const QList<EmbeddedItem> &items);
    void onStoredByTeammate(const QList<EmbedItem> &items);
    // Its chunk and the copies of its text that wait for it are done; returns how many.
    qint64 markDone(qint64 chunkId, const Item &item);
    void onFailed(const QList<FailedItem> &items);
    void onAttempt(const AttemptRecord &record);
    void onProcessorFinished(BatchProcessor::Outcome outcome, const QString &message);
    void maybeEndInput();
    void settleStore(StoreBatch &batch, const Status &status);
    // After a flush: every batch has its outcome, even those whose continuation has not run.
    void settleStores();
    void settleFileWrites();
    void onWriteFailed(const Error &error);
    // A store that cannot take writes (full disk, damaged file, I/O error) or answer a read
    // stops the run at once: nothing more is sent, so nothing more is paid that cannot be kept.
    // The run ends as "stopped" with the message as its reason; pending chunks stay pending.
    void stopOnStoreError(const Error &error);
    // The message a store error stops the run with: for a full disk, with the space needed.
    QString stopMessage(const Error &error) const;
    QString diskFullMessage() const;
    void finish(IndexSummary::Outcome outcome, const QString &message);
    void recordEnd();
    FileState &fileState(qint64 fileId, const ScannedFile &scanned);
    // Where the scan of `root` looked: what it did not see there is gone.
    QStringList scopeOf(const QString &root) const;
    void reportClaim(const QString &root, const SourceClaim &claim);
    void recordSkipped(const ScannedFile &file, qint64 sourceId);
    void changedSinceRead(const ScannedFile &file);
    void emitFileChanges();
    void trackWrite(QFuture<Status> future, std::function<void()> settled = {});
    // `written` runs with the result when the write worked.
    template<typename T>
    void trackWrite(QFuture<Result<T>> future,
        std::function<void(const std::type_identity_t<T> &)> written = {});

    IndexRequest m_request;
    std::unique_ptr<StoreWriter> m_writer;
    std::unique_ptr<StoreReader> m_reader;
    std::unique_ptr<RunLock> m_runLock; // held while this run's row says "running"
    std::shared_ptr<const TokenCounter> m_counter;
    std::unique_ptr<Chunker> m_chunker;
    BatchProcessor *m_processor = nullptr;
    SharedWork *m_shared = nullptr; // on the team store
    // Teammates' stored counts as read, by run, for their rates: (elapsed ms, stored).
    QHash<qint64, std::deque<std::pair<qint64, qint64>>> m_teammatesSeen;
    QThread m_processorThread;
    QTimer m_fileTimer;
    QTimer m_progressTimer;
    QElapsedTimer m_clock;

    qint64 m_spaceId = 0;
    QString m_spaceName;
    std::optional<ChunkReuse> m_reuse; // from the run's plan
    std::optional<RetryScope> m_retry; // what a retry-failed run sends
    // Chunks written pending that this run does not send: chosen chunks of files changed
    // since, and those of files written after the run stopped.
    qint64 m_leftPending = 0;
    int m_dimensions = 0;
    qint64 m_runId = 0;
    double m_usdPerMillion = 0;
    bool m_priceKnown = true;
    std::deque<WorkFile> m_work;
    QHash<qint64, Item> m_items; // chunk id -> what was sent
    QHash<QByteArray, QList<qint64>> m_waitingOnText; // identical text sent once; these wait for it
    // Text hashes answered in this run whose vectors the writer has not committed yet, with
    // the batch storing each: only so long can a file written before that commit get such a
    // text back as pending (that batch then stores its chunk too). Flat however long the run.
    QHash<QByteArray, std::shared_ptr<StoreBatch>> m_storingTexts;
    std::deque<std::shared_ptr<StoreBatch>> m_storeBatches; // not settled yet, in queue order
    // Texts of the chunks pending when the run started, and those of them it has stored since:
    // as many as the pending chunks it holds anyway.
    QSet<QByteArray> m_pendingAtStart;
    QSet<QByteArray> m_storedSinceStart;
    std::deque<std::shared_ptr<FileWriteTask>> m_fileWrites; // not settled yet, in queue order
    qint64 m_unstored = 0; // chunks answered whose vectors the writer could not store
    QHash<qint64, FileState> m_files;
    qint64 m_outstanding = 0; // chunks sent to the processor and not answered yet
    qint64 m_storing = 0; // vectors answered and not yet committed by the writer
    bool m_scanDone = false;
    // A group is being read, or its files handled (continuations may run inside): no end yet.
    bool m_processingGroup = false;
    QFutureWatcher<FileChunker::File> m_reading; // a finished future still reports by event
    QList<WorkFile> m_readingFiles;
    bool m_inputEnded = false;
    bool m_cancelled = false;
    std::atomic<bool> m_cancelRequested { false };
    bool m_finished = false;
    bool m_paused = false;
    QString m_firstError;
    QString m_stopMessage; // set by stopOnStoreError
    IndexSummary m_summary;
};

} // namespace SignalHub::Core
