#pragma once

// Plain records exchanged with the store (StoreWriter, StoreReader). No logic beyond keys.

#include "embeddingspace.h"
#include "filestamp.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <optional>

namespace SignalHub::Core {

// What a chunk is, as far as the current run of its source is concerned (stored as 0/1/2).
enum class ChunkState
{
    Pending = 0,
    Stored = 1,
    Failed = 2
};

// Why a database cannot take writes for now: after one of these the writer stops (see
// StoreWriter::fault).
enum class StoreFault
{
    DiskFull, // SQLITE_FULL: the disk (or the test cap on pages) has no room left
    Damaged, // SQLITE_CORRUPT: a page does not read back as SQLite wrote it
    IoError, // SQLITE_IOERR: the operating system failed a read or a write
};

// Why a file has (or has no) chunks.
enum class FileStatus
{
    Indexed,
    Skipped,
    Unreadable
};

QString fileStatusName(FileStatus status);
FileStatus fileStatusFromName(const QString &name);

// The store keeps vectors apart by embedding space; its rows refer to a space by `id`.
struct SpaceRow
{
    qint64 id = 0;
    EmbeddingSpace key;
};

// One file as the scanner saw it.
struct FileRecord
{
    qint64 sourceId = 0;
    QString path; // absolute
    qint64 size = 0;
    QDateTime mtime; // stored in milliseconds since the epoch
    QByteArray contentHash; // SHA-256 of the file's bytes (may be empty for skipped files)
    QString language;
    // How its bytes were decoded (TextDecoder::name()); empty for a file not read.
    QString encoding;
    // How its chunks were cut (RunPlan::chunking()); empty for a file without chunks.
    QString chunking;
    FileStatus status = FileStatus::Indexed;
    QString skipReason; // why a file is skipped or unreadable, for a person to read
    // The file as it was read, for an indexed file: if the file on disk no longer matches it
    // when the write runs, nothing of the record is written (see FileWrite::changedSinceRead).
    FileStamp readStamp;
};

struct FileRow
{
    qint64 id = 0;
    FileRecord file;
};

// A chunk as stored: the lines/bytes it covers and its text hash, never its text.
struct ChunkRow
{
    qint64 id = 0;
    qint64 fileId = 0;
    QString path; // filled by queries that join the file
    int startLine = 0;
    int endLine = 0;
    int startColumn = -1;
    int endColumn = -1;
    qint64 byteStart = 0;
    qint64 byteEnd = 0;
    QByteArray textHash;
    int tokens = 0;
    ChunkState state = ChunkState::Pending;
};

// A source as far as choosing one is concerned: where it is and the space its chunk states
// refer to (0 when it has none yet).
struct SourceSpace
{
    qint64 id = 0;
    QString root;
    qint64 spaceId = 0;
    QString identity; // SourceIdentity; empty for a folder known by its path
};

// Where a run keeps the files of a path (see SourceChoice).
struct SourceClaim
{
    qint64 sourceId = 0;
    QString root; // the path itself, or the indexed folder of the run's space that contains it
    int absorbed = 0; // sources of the run's space inside the path whose files it took over
    qint64 previousSpaceId = 0; // the source's space before the run; 0 for a new source
    QString nestedIn; // a new source inside this folder of another space, which keeps its index
    QString movedFrom; // the folder this source was found in before (a moved checkout)
};

// What dropping a source from the store took with it.
struct RemovedSource
{
    qint64 files = 0;
    qint64 chunks = 0;
    qint64 vectors = 0; // those no other source's chunks used
};

// Result of writing a file: its id, the chunks it had before and the ones it has now.
struct FileWrite
{
    qint64 fileId = 0;
    bool created = false;
    // The file changed between being read and this write: nothing was written (fileId is 0),
    // the store still holds what it held, and the next run reads the file again.
    bool changedSinceRead = false;
    QList<ChunkRow> previousChunks;
    QList<ChunkRow> chunks; // only filled when chunks were replaced
};

// A vector to store: identical text is stored once per space, whatever file it came from.
struct EmbeddingWrite
{
    QByteArray textHash;
    QList<float> vector;
    qint64 lease = 0; // on a shared run: the token of the claim the text was embedded under
};

// What a claim of texts for a shared run on the team store found (StoreWriter::claimTexts).
struct TextClaim
{
    qint64 token = 0; // the claim's lease: a write of these texts' vectors must still hold it
    QList<QByteArray> claimed; // leased to this run now: embed them
    QList<QByteArray> stored; // embedded by a teammate meanwhile (their chunks here are marked)
    QList<QByteArray> leased; // a live teammate's run is embedding them: ask again later
};

// The words of a stored text, for the keyword index.
struct TextWords
{
    qint64 textId = 0;
    QString words; // IdentifierSplitter::words of the text
};

struct FailureRecord
{
    qint64 chunkId = 0; // the chunk that failed, or 0 to fail every pending chunk with textHash
    QByteArray textHash;
    qint64 runId = 0;
    QString reason; // what a person can do about it
    int httpStatus = 0; // 0 when no HTTP response was received
    int attempts = 0;
};

struct FailedChunk
{
    ChunkRow chunk;
    qint64 runId = 0;
    QString reason;
    int httpStatus = 0;
    int attempts = 0;
    QDateTime at;
};

struct RunStart
{
    qint64 spaceId = 0;
    QString provider;
    QString model;
    QJsonObject settings; // secrets are removed again before writing, see StoreWriter
    std::optional<double> usdPerMillion; // price when the run started; else from the prices table
    QString startedBy; // empty: a person; "watch": a watcher
};

struct RunTotals
{
    qint64 files = 0;
    qint64 chunks = 0;
    qint64 stored = 0;
    qint64 failed = 0;
    qint64 unchanged = 0;
    qint64 tokens = 0;
    qint64 requests = 0;
    qint64 retries = 0;
    double costUsd = 0;
};

struct RunRow
{
    qint64 id = 0;
    qint64 spaceId = 0;
    QString provider;
    QString model;
    QJsonObject settings;
    QDateTime started;
    QDateTime finished; // invalid while running (or when the process was killed)
    QString status; // running, finished, failed, stopped, cancelled, interrupted
    QString stopReason; // why a failed or stopped run ended early
    std::optional<double> usdPerMillion;
    RunTotals totals;
    QString host; // on the team store: the machine it runs on
};

struct RequestRecord
{
    qint64 runId = 0;
    QDateTime started;
    QDateTime finished;
    int inputs = 0;
    qint64 tokens = 0; // billed tokens reported by the provider (0 for failures)
    int httpStatus = 0;
    int attempt = 1; // 1 for the first try; > 1 are retries
    QString error;
    int transportResends = 0;
};

// What embedding one search query cost: its requests' billed tokens, at the price of the day.
struct QueryRecord
{
    qint64 spaceId = 0;
    QString provider;
    QString model;
    QDateTime at;
    qint64 requests = 0;
    qint64 tokens = 0;
    std::optional<double> usdPerMillion; // else from the prices table
};

struct StatusSummary
{
    qint64 sources = 0;
    qint64 files = 0;
    qint64 filesSkipped = 0;
    qint64 filesUnreadable = 0;
    qint64 chunks = 0;
    qint64 pending = 0;
    qint64 stored = 0;
    qint64 failed = 0;
    qint64 vectors = 0;
    qint64 spaces = 0;
    qint64 runs = 0;
    qint64 tokens = 0; // billed, all runs
    double costUsd = 0; // of the tokens whose price is known
    bool priceKnown = true; // false: some tokens were billed at a price nobody knows
    std::optional<RunRow> lastRun;
};

// One indexed folder's files and the states of its chunks.
struct FolderCounts
{
    QString root;
    qint64 files = 0; // indexed
    qint64 chunks = 0;
    qint64 stored = 0;
    qint64 pending = 0;
    qint64 failed = 0;
};

enum class ReportBy
{
    Run,
    Model,
    Folder,
    File,
    Day
};

// One line of a cost report. For File and Folder, requests and retries cannot be attributed
// (one request carries chunks of many files), so they are empty and tokens are those of the
// chunks whose vector the key paid for (text found already embedded costs nothing).
struct ReportRow
{
    // By run, the row of every search query's cost (queries are not runs).
    static constexpr QLatin1StringView QueriesKey { "queries" };
    QString key; // run id or QueriesKey, model, folder path, file path or yyyy-MM-dd (local)
    qint64 tokens = 0;
    std::optional<qint64> requests;
    std::optional<qint64> retries;
    double costUsd = 0;
    bool priceKnown = true; // false when a model has no price: costUsd counts it as 0
};

// A text that matched a keyword query, with its BM25 rank (lower is better, as FTS5 gives it).
struct KeywordMatch
{
    qint64 textId = 0;
    double rank = 0;
};

// A text of a space near a query vector.
struct NearText
{
    qint64 textId = 0;
    float similarity = 0; // cosine
};

// A chunk whose text is not in the keyword index yet, with where to read it.
struct KeywordGap
{
    qint64 textId = 0;
    QByteArray textHash;
    qint64 byteStart = 0;
    qint64 byteEnd = 0;
};

// Rows of the export/search stream: one per chunk that has a vector in the space.
struct VectorRow
{
    qint64 chunkId = 0;
    QString path;
    QString root; // the folder (source) the file was indexed in
    QString language;
    qint64 fileSize = 0; // as indexed
    QDateTime fileMtime;
    int startLine = 0;
    int endLine = 0;
    int startColumn = -1;
    int endColumn = -1;
    qint64 textId = 0;
    QByteArray textHash;
    QByteArray vector; // float32, native (little-endian) order, dimensions × 4 bytes

    QList<float> values() const;
};

// What one commit of the writer made durable; emitted once per transaction.
struct CommitSummary
{
    int jobs = 0;
    int failedJobs = 0;
    int filesWritten = 0;
    int filesRemoved = 0;
    int chunksAdded = 0;
    int chunksStored = 0; // chunks that became stored
    int chunksFailed = 0; // chunks that became failed
    int vectorsWritten = 0; // new vectors (deduplicated texts are not counted)
    int requests = 0;
    int orphansRemoved = 0;
    qint64 elapsedMs = 0; // from BEGIN to COMMIT
};

} // namespace SignalHub::Core

Q_DECLARE_METATYPE(SignalHub::Core::CommitSummary)
