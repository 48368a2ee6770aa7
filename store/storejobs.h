#pragma once

#include "chunk.h"
#include "result.h"
#include "storetypes.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QVariant>
#include <optional>
#include <utility>

namespace SignalHub::Core {

class WriteSession;

// The SQL behind StoreWriter's jobs (see there for what each one means), on the writer
// thread. Each job runs inside a savepoint that the writer rolls back when the job returns an
// error, so a job may stop half-way; it counts what it did in the session's summary.
class StoreJobs
{
public:
    // A storeEmbeddings job's arguments, kept with the job so that adjacent ones can run as
    // one (see StoreWriter::Worker::runMerged).
    struct VectorBatch
    {
        qint64 spaceId = 0;
        qint64 runId = 0;
        QList<EmbeddingWrite> vectors;
    };

    explicit StoreJobs(WriteSession &session);

    Result<SourceClaim> claimSource(const QString &path, qint64 spaceId, const QString &identity);
    Result<qint64> ensureSpace(const EmbeddingSpace &space);
    Result<qint64> useSpaceForSource(qint64 sourceId, qint64 spaceId);
    Result<qint64> beginRun(const RunStart &run);
    Status finishRun(
        qint64 runId, const RunTotals &t, const QString &status, const QString &reason);
    Status markInterrupted(const QList<qint64> &runIds);
    Status recordProgress(qint64 runId, const RunTotals &t);

    Result<FileWrite> upsertFile(const FileRecord &file);
    Result<FileWrite> writeFile(const FileRecord &file, const QList<Chunk> &chunks);
    Result<qint64> removeMissingFiles(
        qint64 sourceId, const QSet<QString> &seen, const QStringList &scopes);

    Status storeEmbeddings(const VectorBatch &batch);
    // The checks that fail a whole batch before anything of it is written.
    Status checkBatch(const VectorBatch &batch);
    // Writes checked vectors: each once per space, and marks the chunks of their texts. A
    // vector whose lease a teammate holds now is left out, and its text added to `fenced`.
    Status writeVectors(qint64 spaceId, qint64 runId, const QList<EmbeddingWrite> &vectors,
        QList<QByteArray> *fenced = nullptr);

    // A shared run on the team store (see StoreWriter::claimTexts).
    Result<TextClaim> claimTexts(
        qint64 spaceId, qint64 runId, const QList<QByteArray> &hashes, int seconds);
    Status storeLeased(const VectorBatch &batch, QList<QByteArray> &fenced);
    Result<qint64> markTextsStored(qint64 spaceId, const QList<QByteArray> &hashes);
    Result<qint64> renewLeases(qint64 runId, int seconds);
    Result<qint64> releaseLeases(qint64 runId);
    Status markFailed(const QList<FailureRecord> &failures);
    Result<qint64> requeueFailed(qint64 sourceId);
    Result<qint64> requeueFailedChunks(const QList<qint64> &chunkIds);
    Status recordRequest(const RequestRecord &r);
    Status recordQuery(const QueryRecord &q);
    Result<qint64> collectOrphans(qint64 spaceId);
    Result<RemovedSource> removeSource(qint64 sourceId);
    // The words of texts indexed before the keyword index existed (see KeywordBackfill).
    Status addKeywords(const QList<TextWords> &texts);

private:
    struct StorableChunk
    {
        qint64 id = 0;
        bool openFailure = false;
    };

    // The text's id (0: none yet) and its chunks in the space's sources that are not stored.
    Result<qint64> storableChunks(
        qint64 spaceId, const QByteArray &hash, QList<StorableChunk> &chunks);
    // The first chunk records `paidRun` (when not null) as the run that paid for the text.
    Status markStored(const QList<StorableChunk> &chunks, const QVariant &paidRun);
    // Whether a write under `lease` may store the text's vector: nobody else holds it since.
    // The lease ends with the write.
    Result<bool> endLease(qint64 spaceId, qint64 textId, qint64 lease);
    // `given`, else the prices table's, else NULL: no price known.
    Result<QVariant> price(const QString &model, std::optional<double> given);
    Result<qint64> ensureSource(const QString &root, const QString &identity);
    // The team store's source of this identity, now also at `path` on this machine; none when
    // no one has indexed it yet.
    Result<std::optional<SourceClaim>> claimSharedSource(
        const QString &path, const QString &identity);
    Result<QString> rootOf(qint64 sourceId);
    // A file's path as the store keeps it (StoreRows::relativePath), or why it cannot.
    Result<QString> relativePath(qint64 sourceId, const QString &path);
    Result<QList<ChunkRow>> replaceChunks(qint64 fileId, const QList<Chunk> &chunks);
    Result<QList<ChunkRow>> chunksOfFile(qint64 fileId);
    // The id of a text, created on first sight when `create` (else 0 when unknown).
    Result<qint64> textId(const QByteArray &hash, bool create);
    Result<qint64> createText(const QByteArray &hash);
    // Puts a text's words in the keyword index unless they are there already.
    Status addWords(qint64 textId, const QString &words);
    Status resolveFailures(qint64 chunkId);
    Status absorbSource(qint64 into, qint64 inner);
    // The first column of every row.
    Result<QList<qint64>> selectIds(const QString &sql, const QVariantList &values);

    WriteSession &m_session;
};

} // namespace SignalHub::Core
