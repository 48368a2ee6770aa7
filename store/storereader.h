#pragma once

#include "result.h"
#include "storetypes.h"

#include <QList>
#include <QSet>
#include <functional>
#include <memory>
#include <optional>

namespace SignalHub::Core {

class StoreConnection;

// Queries on a connection of its own. Not thread-safe: create one per thread and use it only
// there (the GUI's models should create theirs on a worker thread). Thanks to WAL, reading
// never waits for the writer, and each call sees committed data only.
class StoreReader
{
public:
    // The database must exist; it is migrated if it is older. An empty path means
    // StoreSchema::defaultPath().
    static Result<std::unique_ptr<StoreReader>> open(const QString &path = QString());
    // Whether there is an index to open at `path`: a file, or a laid out team store (URL).
    static bool exists(const QString &path);
    ~StoreReader();
    StoreReader(const StoreReader &) = delete;
    StoreReader &operator=(const StoreReader &) = delete;

    QString path() const;
    // Set once a query met a damaged page or an I/O error (StoreConnection::fault).
    std::optional<StoreFault> fault() const;
    // The error for a vector whose size does not match its space: the file is damaged.
    Error wrongVectorSize(qsizetype bytes, int dimensions) const;

    // Which of `textHashes` already have a vector in the space (the dedupe before sending).
    // Batched, so 100k hashes take well under a second.
    Result<QSet<QByteArray>> existingVectors(qint64 spaceId, const QList<QByteArray> &textHashes);

    Result<QList<SpaceRow>> spaces();
    // A space not given its dimensions (0) matches the one space of that provider, URL and
    // model, when there is exactly one.
    Result<std::optional<SpaceRow>> findSpace(const EmbeddingSpace &space);
    // The space of the most recent run: what search and estimate use by default.
    Result<std::optional<SpaceRow>> lastRunSpace();

    Result<std::optional<qint64>> sourceId(const QString &root);
    // Every source with the space its chunk states refer to.
    Result<QList<SourceSpace>> sources();
    // Per source, by root: what index_status shows.
    Result<QList<FolderCounts>> folderCounts();
    // The sources kept in a space that have failed or pending chunks: what retry-failed
    // indexes again.
    Result<QList<SourceSpace>> sourcesToRetry(qint64 spaceId);
    // The spaces the sources of these chunks are kept in (0 for none yet).
    Result<QSet<qint64>> spacesOfChunks(const QList<qint64> &chunkIds);
    Result<std::optional<FileRow>> file(qint64 fileId);
    // Files of a source with size, mtime and content hash, for change detection.
    Result<QList<FileRow>> files(qint64 sourceId);
    // Those of `paths` (absolute) that name a file the store knows, or a folder holding one.
    Result<QStringList> knownPaths(const QStringList &paths);
    Result<QList<ChunkRow>> chunks(qint64 fileId);
    // How many chunks the file has, without reading them.
    Result<qint64> chunkCount(qint64 fileId);
    // How many of them failed (and were not queued again): the file is not done.
    Result<qint64> failedChunkCount(qint64 fileId);
    // Chunks still to embed, ordered by file and position.
    Result<QList<ChunkRow>> pendingChunks(qint64 sourceId);
    // Failed chunks with the reason of their latest failure (all sources when sourceId is 0).
    Result<QList<FailedChunk>> failedChunks(qint64 sourceId = 0);

    // A run whose row says "running" but whose process is gone reads as "interrupted" (RunLock).
    Result<QList<RunRow>> runs();
    // The runs going on now (their process lives), oldest first: on the team store, teammates'
    // too.
    Result<QList<RunRow>> runningRuns();
    // What the runs started by `startedBy` ("watch") since `since` cost, as each recorded at
    // its end.
    Result<double> spentSince(const QString &startedBy, const QDateTime &since);
    Result<std::optional<RunRow>> run(qint64 runId);
    Result<StatusSummary> summary();
    // Tokens, requests, retries and dollars. Dollars use the price a run recorded when it
    // started, else the prices table. Day is the local date of a request's start.
    Result<QList<ReportRow>> report(ReportBy by);

    // Streams one row per chunk of the sources kept in the space (only of `sourceId` unless 0)
    // that has a vector there, `row` returns false to stop early. Memory stays flat whatever
    // the size.
    Status forEachVector(
        qint64 spaceId, const std::function<bool(const VectorRow &)> &row, qint64 sourceId = 0);
    // The same rows without their vectors, for a store that searches them itself.
    Status forEachVectorRow(qint64 spaceId, const std::function<bool(const VectorRow &)> &row);

    // Whether the store finds a space's nearest vectors itself (the team store's HNSW index),
    // so that a search need not hold them in memory.
    bool searchesVectors() const;
    // The texts of `space` nearest to `target`, best first: at most `limit` through the space's
    // HNSW index, whose iterative scan goes on past texts a caller skips when asked for more;
    // or, when `among` is given, exactly those texts' best, compared one by one.
    Result<QList<NearText>> nearestTexts(const SpaceRow &space, const QList<float> &target,
        int limit, const QList<qint64> &among = {});
    Result<qint64> vectorCount(qint64 spaceId);
    // The rows forEachVector() yields: one per chunk, so identical text in two files counts
    // twice (vectorCount() counts it once).
    Result<qint64> vectorRowCount(qint64 spaceId);

    // Texts whose words match an FTS5 query expression, best first.
    Result<QList<KeywordMatch>> keywordMatches(const QString &expression, int limit);
    // How many texts match, counting no further than `cap` + 1 (cheap: nothing is ranked).
    Result<qint64> keywordMatchCount(const QString &expression, qint64 cap);
    // Indexed files of a source with chunks whose text has no words in the keyword index yet
    // (stored before it existed), and those chunks of one file.
    Result<QList<FileRow>> filesWithoutKeywords(qint64 sourceId);
    Result<QList<KeywordGap>> keywordGaps(qint64 fileId);
    // How many texts with a vector in the space the keyword index does not know yet.
    Result<qint64> textsWithoutKeywords(qint64 spaceId);

private:
    explicit StoreReader(std::unique_ptr<StoreConnection> connection);
    RunRow withLiveness(RunRow row) const;
    // Runs of `condition` (SQL after FROM runs), each live or interrupted as its lock says.
    Result<QList<RunRow>> runsWhere(const QString &condition);
    Status walkVectors(qint64 spaceId, const std::function<bool(const VectorRow &)> &row,
        qint64 sourceId, bool withVectors);
    // The local date of a time in milliseconds, in SQL, as YYYY-MM-DD.
    QString localDay(const QString &msecsColumn) const;
    // An FTS5 expression of KeywordQuery's as a PostgreSQL tsquery.
    static QString tsquery(const QString &expression);
    Result<QList<FileRow>> fileRows(const QString &where, qint64 value);
    std::unique_ptr<StoreConnection> m_connection;
};

} // namespace SignalHub::Core
