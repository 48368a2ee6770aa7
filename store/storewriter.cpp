#include "storewriter.h"

#include "backgroundpriority.h"
#include "logging.h"
#include "paths.h"
#include "storeconnection.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QPromise>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUrl>
#include <QVariant>
#include <QWaitCondition>
#include <bit>
#include <cmath>
#include <cstring>
#include <deque>
#include <exception>
#include <functional>
#include <optional>

static_assert(std::endian::native == std::endian::little,
    "vectors are stored as little-endian float32 without conversion");

namespace SignalHub::Core {

namespace {

// After a commit forced by the interval, leave the lock free this long so another process's
// writer (polling in its busy handler) can take it.
constexpr int FairnessPauseMs = 5;

QVariant nullInt()
{
    return QVariant(QMetaType::fromType<qint64>());
}

// Qt SQL binds a null QString as NULL; TEXT NOT NULL columns want ''.
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

qint64 msecs(const QDateTime &time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch();
}

// The connection plus what the current transaction has done, for `committed`.
class WriteSession
{
public:
    explicit WriteSession(StoreConnection &connection)
        : m_connection(connection)
    { }

    StoreConnection &connection() { return m_connection; }
    CommitSummary summary;

    // Runs a cached prepared statement with positional values. For SELECTs the caller reads
    // the rows, then calls finish().
    Result<QSqlQuery *> exec(const QString &sql, const QVariantList &values = {})
    {
        Result<QSqlQuery *> query = m_connection.prepared(sql);
        if (!query)
            return query;
        for (qsizetype i = 0; i < values.size(); ++i)
            (*query)->bindValue(int(i), values.at(i));
        if (Status status = m_connection.exec(**query); !status)
            return status.error();
        return query;
    }

    // For statements without rows: how many rows changed.
    Result<qint64> run(const QString &sql, const QVariantList &values = {})
    {
        Result<QSqlQuery *> query = exec(sql, values);
        if (!query)
            return query.error();
        const qint64 affected = (*query)->numRowsAffected();
        (*query)->finish();
        return affected;
    }

    Result<std::optional<QVariant>> value(const QString &sql, const QVariantList &values = {})
    {
        Result<QSqlQuery *> query = exec(sql, values);
        if (!query)
            return query.error();
        std::optional<QVariant> result;
        if ((*query)->next())
            result = (*query)->value(0);
        (*query)->finish();
        return result;
    }

    Result<qint64> insert(const QString &sql, const QVariantList &values)
    {
        Result<QSqlQuery *> query = exec(sql, values);
        if (!query)
            return query.error();
        const qint64 id = (*query)->lastInsertId().toLongLong();
        (*query)->finish();
        return id;
    }

private:
    StoreConnection &m_connection;
};

// --- secrets never reach the database --------------------------------------------------

bool isSecretKey(const QString &key)
{
    QString k = key.toLower();
    k.remove(QLatin1Char('_')).remove(QLatin1Char('-')).remove(QLatin1Char(' '));
    static const QStringList exact { QStringLiteral("key"), QStringLiteral("authorization"),
        QStringLiteral("auth"), QStringLiteral("bearer"), QStringLiteral("credentials"),
        QStringLiteral("cookie") };
    static const QStringList suffixes { QStringLiteral("apikey"), QStringLiteral("secret"),
        QStringLiteral("password"), QStringLiteral("passwd"), QStringLiteral("token"),
        QStringLiteral("privatekey") };
    if (exact.contains(k))
        return true;
    for (const QString &suffix : suffixes) {
        if (k.endsWith(suffix))
            return true;
    }
    return false;
}

bool looksLikeSecret(const QString &value)
{
    const QString v = value.trimmed();
    return v.startsWith(QLatin1StringView("sk-")) || v.startsWith(QLatin1StringView("Bearer "))
        || v.startsWith(QLatin1StringView("bearer "));
}

QJsonValue scrubValue(const QJsonValue &value);

QJsonObject scrubObject(const QJsonObject &object)
{
    QJsonObject clean;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (isSecretKey(it.key()) || (it->isString() && looksLikeSecret(it->toString())))
            continue;
        clean.insert(it.key(), scrubValue(*it));
    }
    return clean;
}

QJsonValue scrubValue(const QJsonValue &value)
{
    if (value.isObject())
        return scrubObject(value.toObject());
    if (value.isArray()) {
        QJsonArray clean;
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array) {
            if (!(item.isString() && looksLikeSecret(item.toString())))
                clean.append(scrubValue(item));
        }
        return clean;
    }
    if (value.isString()) {
        // user:password@host in a URL is a secret too.
        const QUrl url(value.toString(), QUrl::StrictMode);
        if (url.isValid() && !url.scheme().isEmpty() && !url.userInfo().isEmpty()) {
            QUrl stripped = url;
            stripped.setUserInfo(QString());
            return stripped.toString();
        }
    }
    return value;
}

// --- jobs ------------------------------------------------------------------------------

const QString ChunkColumns = QStringLiteral(
    "c.id, c.file_id, f.path, c.start_line, c.end_line, c.start_col, c.end_col, c.byte_start, "
    "c.byte_end, t.hash, c.tokens, c.state");

ChunkRow chunkFromQuery(const QSqlQuery &q)
{
    ChunkRow row;
    row.id = q.value(0).toLongLong();
    row.fileId = q.value(1).toLongLong();
    row.path = q.value(2).toString();
    row.startLine = q.value(3).toInt();
    row.endLine = q.value(4).toInt();
    row.startColumn = q.value(5).isNull() ? -1 : q.value(5).toInt();
    row.endColumn = q.value(6).isNull() ? -1 : q.value(6).toInt();
    row.byteStart = q.value(7).toLongLong();
    row.byteEnd = q.value(8).toLongLong();
    row.textHash = q.value(9).toByteArray();
    row.tokens = q.value(10).toInt();
    row.state = ChunkState(q.value(11).toInt());
    return row;
}

Result<QList<ChunkRow>> chunksOfFile(WriteSession &s, qint64 fileId)
{
    Result<QSqlQuery *> q = s.exec(QStringLiteral("SELECT ") + ChunkColumns
            + QStringLiteral(" FROM chunks c JOIN texts t ON t.id = c.text_id JOIN files f ON "
                             "f.id = c.file_id WHERE c.file_id = ? ORDER BY c.id"),
        { fileId });
    if (!q)
        return q.error();
    QList<ChunkRow> rows;
    while ((*q)->next())
        rows.append(chunkFromQuery(**q));
    (*q)->finish();
    return rows;
}

// The id of a text, created on first sight when `create` (else 0 when unknown).
Result<qint64> textId(WriteSession &s, const QByteArray &hash, bool create)
{
    Result<std::optional<QVariant>> found
        = s.value(QStringLiteral("SELECT id FROM texts WHERE hash = ?"), { hash });
    if (!found)
        return found.error();
    if (found->has_value())
        return (*found)->toLongLong();
    if (!create)
        return qint64(0);
    return s.insert(QStringLiteral("INSERT INTO texts (hash) VALUES (?)"), { hash });
}

// Marks chunks stored that just got a vector (or were found to have one): their open
// failures are resolved.
Status resolveFailures(WriteSession &s, qint64 chunkId)
{
    Result<qint64> done = s.run(
        QStringLiteral("UPDATE failures SET resolved = 1 WHERE chunk_id = ? AND resolved = 0"),
        { chunkId });
    return done ? Status() : Status(done.error());
}

Result<qint64> ensureSourceJob(WriteSession &s, const QString &root)
{
    if (root.isEmpty())
        return Error { QCoreApplication::translate(
            "SignalHub::Core::Store", "A source folder needs a path.") };
    Result<std::optional<QVariant>> found
        = s.value(QStringLiteral("SELECT id FROM sources WHERE root = ?"), { root });
    if (!found)
        return found.error();
    if (found->has_value())
        return (*found)->toLongLong();
    return s.insert(QStringLiteral("INSERT INTO sources (root, added) VALUES (?, ?)"),
        { root, QDateTime::currentMSecsSinceEpoch() });
}

// Below the folder, not the folder itself.
bool isInside(const QString &path, const QString &folder)
{
    return path != folder && isWithinFolder(path, folder);
}

Result<QList<std::pair<qint64, QString>>> allSources(WriteSession &s)
{
    Result<QSqlQuery *> q
        = s.exec(QStringLiteral("SELECT id, root FROM sources ORDER BY length(root)"), {});
    if (!q)
        return q.error();
    QList<std::pair<qint64, QString>> sources;
    while ((*q)->next())
        sources.append({ (*q)->value(0).toLongLong(), (*q)->value(1).toString() });
    (*q)->finish();
    return sources;
}

Status absorbSource(WriteSession &s, qint64 into, qint64 inner)
{
    // Rows the outer source has already (an overlap from before sources were claimed) win.
    const std::pair<QString, QVariantList> steps[] = {
        { QStringLiteral("DELETE FROM files WHERE source_id = ? AND path IN (SELECT path FROM "
                         "files WHERE source_id = ?)"),
            { inner, into } },
        { QStringLiteral("UPDATE files SET source_id = ? WHERE source_id = ?"), { into, inner } },
        { QStringLiteral("DELETE FROM sources WHERE id = ?"), { inner } },
    };
    for (const auto &[sql, values] : steps) {
        if (Result<qint64> done = s.run(sql, values); !done)
            return done.error();
    }
    return {};
}

Result<SourceClaim> claimSourceJob(WriteSession &s, const QString &path)
{
    Result<QList<std::pair<qint64, QString>>> sources = allSources(s);
    if (!sources)
        return sources.error();
    for (const auto &[id, root] : std::as_const(*sources)) { // outermost first
        if (isInside(path, root))
            return SourceClaim { id, root, 0 };
    }
    Result<qint64> id = ensureSourceJob(s, path);
    if (!id)
        return id.error();
    SourceClaim claim { *id, path, 0 };
    for (const auto &[inner, root] : std::as_const(*sources)) {
        if (!isInside(root, path))
            continue;
        if (const Status absorbed = absorbSource(s, *id, inner); !absorbed)
            return absorbed.error();
        ++claim.absorbed;
    }
    return claim;
}

Result<qint64> ensureSpaceJob(WriteSession &s, const SpaceKey &key)
{
    if (key.provider.isEmpty() || key.model.isEmpty() || key.dimensions <= 0)
        return Error { QCoreApplication::translate("SignalHub::Core::Store",
            "An embedding space needs a provider, a model and a positive number "
            "of dimensions.") };
    const QVariantList values { key.provider, text(SpaceKey::normaliseBaseUrl(key.baseUrl)),
        key.model, key.dimensions, text(key.assetHash) };
    Result<std::optional<QVariant>> found = s.value(
        QStringLiteral("SELECT id FROM spaces WHERE provider = ? AND base_url = ? AND model = ? "
                       "AND dimensions = ? AND asset_hash = ?"),
        values);
    if (!found)
        return found.error();
    if (found->has_value())
        return (*found)->toLongLong();
    return s.insert(QStringLiteral("INSERT INTO spaces (provider, base_url, model, dimensions, "
                                   "asset_hash, created) VALUES (?, ?, ?, ?, ?, ?)"),
        values + QVariantList { QDateTime::currentMSecsSinceEpoch() });
}

Result<qint64> useSpaceJob(WriteSession &s, qint64 sourceId, qint64 spaceId)
{
    Result<qint64> bound = s.run(
        QStringLiteral("UPDATE sources SET space_id = ? WHERE id = ?"), { spaceId, sourceId });
    if (!bound)
        return bound.error();
    if (*bound != 1)
        return Error { QCoreApplication::translate("SignalHub::Core::Store", "Unknown source %1.")
                .arg(sourceId) };
    const QString ofSource = QStringLiteral(
        " AND file_id IN (SELECT id FROM files WHERE source_id = ?) AND %1 EXISTS (SELECT 1 FROM "
        "embeddings e WHERE e.space_id = ? AND e.text_id = chunks.text_id)");
    Result<qint64> stored = s.run(
        QStringLiteral("UPDATE chunks SET state = 1 WHERE state = 0") + ofSource.arg(QString()),
        { sourceId, spaceId });
    if (!stored)
        return stored.error();
    s.summary.chunksStored += int(*stored);
    Result<qint64> unstored = s.run(QStringLiteral("UPDATE chunks SET state = 0 WHERE state = 1")
            + ofSource.arg(QStringLiteral("NOT")),
        { sourceId, spaceId });
    if (!unstored)
        return unstored.error();
    Result<qint64> resolved = s.run(
        QStringLiteral("UPDATE failures SET resolved = 1 WHERE resolved = 0 AND chunk_id IN "
                       "(SELECT c.id FROM chunks c JOIN files f ON f.id = c.file_id WHERE "
                       "f.source_id = ? AND c.state = 1)"),
        { sourceId });
    if (!resolved)
        return resolved.error();
    Result<std::optional<QVariant>> pending = s.value(
        QStringLiteral("SELECT count(*) FROM chunks c JOIN files f ON f.id = c.file_id WHERE "
                       "f.source_id = ? AND c.state = 0"),
        { sourceId });
    if (!pending)
        return pending.error();
    return pending->value_or(QVariant(0)).toLongLong();
}

Result<qint64> beginRunJob(WriteSession &s, const RunStart &run)
{
    QVariant price = nullInt();
    if (run.usdPerMillion) {
        price = *run.usdPerMillion;
    } else {
        Result<std::optional<QVariant>> known = s.value(
            QStringLiteral("SELECT usd_per_million FROM prices WHERE model = ?"), { run.model });
        if (!known)
            return known.error();
        if (known->has_value())
            price = **known;
    }
    const QByteArray settings
        = QJsonDocument(scrubObject(run.settings)).toJson(QJsonDocument::Compact);
    return s.insert(QStringLiteral("INSERT INTO runs (space_id, provider, model, settings, "
                                   "started, usd_per_million) VALUES (?, ?, ?, ?, ?, ?)"),
        { run.spaceId > 0 ? QVariant(run.spaceId) : nullInt(), run.provider, run.model,
            QString::fromUtf8(settings), QDateTime::currentMSecsSinceEpoch(), price });
}

Status finishRunJob(WriteSession &s, qint64 runId, const RunTotals &t, const QString &status)
{
    Result<qint64> done
        = s.run(QStringLiteral("UPDATE runs SET finished = ?, status = ?, files = ?, chunks = ?, "
                               "stored = ?, failed = ?, unchanged = ?, tokens = ?, requests = ?, "
                               "retries = ?, cost_usd = ? WHERE id = ?"),
            { QDateTime::currentMSecsSinceEpoch(), status, t.files, t.chunks, t.stored, t.failed,
                t.unchanged, t.tokens, t.requests, t.retries, t.costUsd, runId });
    if (!done)
        return done.error();
    if (*done != 1)
        return Error {
            QCoreApplication::translate("SignalHub::Core::Store", "Unknown run %1.").arg(runId)
        };
    return {};
}

Result<FileWrite> upsertFileJob(WriteSession &s, const FileRecord &file)
{
    if (file.path.isEmpty())
        return Error { QCoreApplication::translate(
            "SignalHub::Core::Store", "A file needs a path.") };
    Result<std::optional<QVariant>> found
        = s.value(QStringLiteral("SELECT id FROM files WHERE source_id = ? AND path = ?"),
            { file.sourceId, file.path });
    if (!found)
        return found.error();
    const QVariantList values { file.size, msecs(file.mtime),
        file.contentHash.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>())
                                   : QVariant(file.contentHash),
        text(file.language), fileStatusName(file.status), text(file.skipReason) };
    FileWrite write;
    if (found->has_value()) {
        write.fileId = (*found)->toLongLong();
        Result<QList<ChunkRow>> previous = chunksOfFile(s, write.fileId);
        if (!previous)
            return previous.error();
        write.previousChunks = *previous;
        Result<qint64> updated = s.run(
            QStringLiteral("UPDATE files SET size = ?, mtime = ?, content_hash = ?, language = ?, "
                           "status = ?, skip_reason = ? WHERE id = ?"),
            values + QVariantList { write.fileId });
        if (!updated)
            return updated.error();
    } else {
        Result<qint64> id = s.insert(
            QStringLiteral("INSERT INTO files (size, mtime, content_hash, language, status, "
                           "skip_reason, source_id, path) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
            values + QVariantList { file.sourceId, file.path });
        if (!id)
            return id.error();
        write.fileId = *id;
        write.created = true;
    }
    ++s.summary.filesWritten;
    return write;
}

Status checkChunk(const Chunk &chunk)
{
    if (chunk.textHash.isEmpty() || chunk.startLine < 1 || chunk.endLine < chunk.startLine
        || chunk.byteEnd < chunk.byteStart)
        return Error { QCoreApplication::translate(
            "SignalHub::Core::Store", "Invalid chunk (lines %1-%2) of %3.")
                .arg(chunk.startLine)
                .arg(chunk.endLine)
                .arg(chunk.path) };
    return {};
}

Result<QList<ChunkRow>> replaceChunksJob(WriteSession &s, qint64 fileId, const QList<Chunk> &chunks)
{
    Result<std::optional<QVariant>> space = s.value(
        QStringLiteral("SELECT coalesce(s.space_id, 0) FROM files f JOIN sources s ON s.id = "
                       "f.source_id WHERE f.id = ?"),
        { fileId });
    if (!space)
        return space.error();
    if (!space->has_value())
        return Error {
            QCoreApplication::translate("SignalHub::Core::Store", "Unknown file %1.").arg(fileId)
        };
    const qint64 spaceId = (*space)->toLongLong();

    // Unchanged text keeps its vector (vectors are keyed by text) and who paid for it.
    QHash<qint64, QVariant> paidBy;
    Result<QSqlQuery *> old = s.exec(
        QStringLiteral("SELECT text_id, paid_run FROM chunks WHERE file_id = ? AND state = 1 "
                       "AND paid_run IS NOT NULL"),
        { fileId });
    if (!old)
        return old.error();
    while ((*old)->next())
        paidBy.insert((*old)->value(0).toLongLong(), (*old)->value(1));
    (*old)->finish();

    if (Result<qint64> removed
        = s.run(QStringLiteral("DELETE FROM chunks WHERE file_id = ?"), { fileId });
        !removed)
        return removed.error();

    Result<std::optional<QVariant>> path
        = s.value(QStringLiteral("SELECT path FROM files WHERE id = ?"), { fileId });
    if (!path)
        return path.error();
    QList<ChunkRow> rows;
    rows.reserve(chunks.size());
    for (const Chunk &chunk : chunks) {
        if (Status valid = checkChunk(chunk); !valid)
            return valid.error();
        const Result<qint64> text = textId(s, chunk.textHash, true);
        if (!text)
            return text.error();
        bool hasVector = false;
        if (spaceId > 0) {
            Result<std::optional<QVariant>> vector = s.value(
                QStringLiteral("SELECT 1 FROM embeddings WHERE space_id = ? AND text_id = ?"),
                { spaceId, *text });
            if (!vector)
                return vector.error();
            hasVector = vector->has_value();
        }
        const QVariant paid = hasVector ? paidBy.value(*text, nullInt()) : nullInt();
        Result<qint64> id = s.insert(
            QStringLiteral("INSERT INTO chunks (file_id, start_line, end_line, start_col, end_col, "
                           "byte_start, byte_end, text_id, tokens, state, paid_run) VALUES "
                           "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            { fileId, chunk.startLine, chunk.endLine,
                chunk.startColumn >= 0 ? QVariant(chunk.startColumn) : nullInt(),
                chunk.endColumn >= 0 ? QVariant(chunk.endColumn) : nullInt(), chunk.byteStart,
                chunk.byteEnd, *text, chunk.tokens, hasVector ? 1 : 0, paid });
        if (!id)
            return id.error();
        ChunkRow row;
        row.id = *id;
        row.fileId = fileId;
        row.path = (*path)->toString();
        row.startLine = chunk.startLine;
        row.endLine = chunk.endLine;
        row.startColumn = chunk.startColumn;
        row.endColumn = chunk.endColumn;
        row.byteStart = chunk.byteStart;
        row.byteEnd = chunk.byteEnd;
        row.textHash = chunk.textHash;
        row.tokens = chunk.tokens;
        row.state = hasVector ? ChunkState::Stored : ChunkState::Pending;
        rows.append(row);
        if (hasVector)
            ++s.summary.chunksStored;
    }
    s.summary.chunksAdded += int(rows.size());
    return rows;
}

Result<FileWrite> writeFileJob(WriteSession &s, const FileRecord &file, const QList<Chunk> &chunks)
{
    Result<FileWrite> write = upsertFileJob(s, file);
    if (!write)
        return write;
    Result<QList<ChunkRow>> rows = replaceChunksJob(s, write->fileId, chunks);
    if (!rows)
        return rows.error();
    write->chunks = *rows;
    return write;
}

Result<qint64> removeMissingJob(
    WriteSession &s, qint64 sourceId, const QSet<QString> &seen, const QString &scope)
{
    Result<QSqlQuery *> q
        = s.exec(QStringLiteral("SELECT id, path FROM files WHERE source_id = ?"), { sourceId });
    if (!q)
        return q.error();
    QList<qint64> missing;
    while ((*q)->next()) {
        const QString path = (*q)->value(1).toString();
        if (!scope.isEmpty() && !isWithinFolder(path, scope))
            continue;
        if (!seen.contains(path))
            missing.append((*q)->value(0).toLongLong());
    }
    (*q)->finish();
    for (qint64 id : std::as_const(missing)) {
        if (Result<qint64> gone = s.run(QStringLiteral("DELETE FROM files WHERE id = ?"), { id });
            !gone)
            return gone.error();
    }
    s.summary.filesRemoved += int(missing.size());
    return qint64(missing.size());
}

Status checkVectors(int dimensions, const QList<EmbeddingWrite> &vectors)
{
    for (const EmbeddingWrite &v : vectors) {
        if (v.textHash.isEmpty())
            return Error { QCoreApplication::translate(
                "SignalHub::Core::Store", "A vector to store has no text hash.") };
        if (v.vector.size() != dimensions)
            return Error { QCoreApplication::translate("SignalHub::Core::Store",
                "A vector has %1 dimensions where its embedding space has %2; "
                "nothing of this batch was stored.")
                    .arg(v.vector.size())
                    .arg(dimensions) };
        for (float x : v.vector) {
            if (!std::isfinite(x))
                return Error { QCoreApplication::translate("SignalHub::Core::Store",
                    "A vector holds NaN or infinity; nothing of this batch was "
                    "stored.") };
        }
    }
    return {};
}

Result<QList<qint64>> chunkIds(WriteSession &s, const QString &sql, const QVariantList &values)
{
    Result<QSqlQuery *> q = s.exec(sql, values);
    if (!q)
        return q.error();
    QList<qint64> ids;
    while ((*q)->next())
        ids.append((*q)->value(0).toLongLong());
    (*q)->finish();
    return ids;
}

// Per vector, in one lookup: the text's id (no row when the text is new) and its chunks that
// this vector stores (not yet stored, in sources whose states refer to the space), each with
// whether it has an open failure. Only index and primary-key searches: set-based variants
// (IN lists, IN (SELECT …), RETURNING) build an ephemeral table per run, which cost more
// than the statements they save (measured with bench_store, see bench/RESULTS.md).
const QString TextAndStorableChunks = QStringLiteral(
    "SELECT t.id, c.id, EXISTS (SELECT 1 FROM failures x WHERE x.chunk_id = c.id AND "
    "x.resolved = 0) FROM texts t LEFT JOIN chunks c ON c.text_id = t.id AND c.state <> 1 AND "
    "EXISTS (SELECT 1 FROM files f JOIN sources s ON s.id = f.source_id WHERE f.id = c.file_id "
    "AND s.space_id = ?) WHERE t.hash = ?");

struct StorableChunk
{
    qint64 id = 0;
    bool openFailure = false;
};

// A storeEmbeddings job's arguments, kept with the job so that adjacent ones can run as one
// (see StoreWriter::Worker::runMerged).
struct StoreBatch
{
    qint64 spaceId = 0;
    qint64 runId = 0;
    QList<EmbeddingWrite> vectors;
};

// The checks that fail a whole batch before anything of it is written.
Status checkBatch(WriteSession &s, const StoreBatch &batch)
{
    Result<std::optional<QVariant>> dims
        = s.value(QStringLiteral("SELECT dimensions FROM spaces WHERE id = ?"), { batch.spaceId });
    if (!dims)
        return dims.error();
    if (!dims->has_value())
        return Error { QCoreApplication::translate(
            "SignalHub::Core::Store", "Unknown embedding space %1.")
                .arg(batch.spaceId) };
    return checkVectors((*dims)->toInt(), batch.vectors);
}

// Writes checked vectors: each once per space, and marks the chunks of their texts.
Status writeVectors(
    WriteSession &s, qint64 spaceId, qint64 runId, const QList<EmbeddingWrite> &vectors)
{
    const QVariant paidRun = runId > 0 ? QVariant(runId) : nullInt();
    QList<StorableChunk> chunks;
    for (const EmbeddingWrite &v : vectors) {
        Result<QSqlQuery *> q = s.exec(TextAndStorableChunks, { spaceId, v.textHash });
        if (!q)
            return q.error();
        qint64 text = 0;
        chunks.clear();
        while ((*q)->next()) {
            text = (*q)->value(0).toLongLong();
            if (!(*q)->value(1).isNull())
                chunks.append({ (*q)->value(1).toLongLong(), (*q)->value(2).toBool() });
        }
        (*q)->finish();
        if (text == 0) { // a new text has no chunks yet
            Result<qint64> created
                = s.insert(QStringLiteral("INSERT INTO texts (hash) VALUES (?)"), { v.textHash });
            if (!created)
                return created.error();
            text = *created;
        }
        const QByteArray blob(reinterpret_cast<const char *>(v.vector.constData()),
            v.vector.size() * qsizetype(sizeof(float)));
        Result<qint64> inserted = s.run(
            QStringLiteral("INSERT INTO embeddings (space_id, text_id, vector) VALUES (?, ?, ?) "
                           "ON CONFLICT (space_id, text_id) DO NOTHING"),
            { spaceId, text, blob });
        if (!inserted)
            return inserted.error();
        s.summary.vectorsWritten += int(*inserted);
        // The first chunk (lowest id) records the run that paid.
        qint64 first = 0;
        for (const StorableChunk &c : std::as_const(chunks))
            first = first == 0 ? c.id : std::min(first, c.id);
        for (const StorableChunk &c : std::as_const(chunks)) {
            Result<qint64> marked = c.id == first
                ? s.run(QStringLiteral("UPDATE chunks SET state = 1, paid_run = ? WHERE id = ?"),
                      { paidRun, c.id })
                : s.run(QStringLiteral("UPDATE chunks SET state = 1 WHERE id = ?"), { c.id });
            if (!marked)
                return marked.error();
            if (c.openFailure) {
                if (Status resolved = resolveFailures(s, c.id); !resolved)
                    return resolved;
            }
        }
        s.summary.chunksStored += int(chunks.size());
    }
    return {};
}

Status storeEmbeddingsJob(WriteSession &s, const StoreBatch &batch)
{
    if (Status valid = checkBatch(s, batch); !valid)
        return valid;
    return writeVectors(s, batch.spaceId, batch.runId, batch.vectors);
}

Status markStoredJob(WriteSession &s, const QList<qint64> &ids)
{
    for (qint64 id : ids) {
        Result<qint64> marked = s.run(
            QStringLiteral("UPDATE chunks SET state = 1 WHERE id = ? AND state <> 1"), { id });
        if (!marked)
            return marked.error();
        s.summary.chunksStored += int(*marked);
        if (Status resolved = resolveFailures(s, id); !resolved)
            return resolved;
    }
    return {};
}

Status markFailedJob(WriteSession &s, const QList<FailureRecord> &failures)
{
    for (const FailureRecord &f : failures) {
        if (f.reason.trimmed().isEmpty())
            return Error { QCoreApplication::translate(
                "SignalHub::Core::Store", "A failed chunk needs a reason a person can act on.") };
        QList<qint64> ids;
        if (f.chunkId > 0) {
            ids.append(f.chunkId);
        } else {
            const Result<qint64> text = textId(s, f.textHash, false);
            if (!text)
                return text.error();
            Result<QList<qint64>> found = chunkIds(s,
                QStringLiteral("SELECT c.id FROM chunks c JOIN files f ON f.id = c.file_id JOIN "
                               "sources s ON s.id = f.source_id WHERE c.text_id = ? AND "
                               "c.state <> 1 AND s.space_id = (SELECT space_id FROM runs WHERE "
                               "id = ?) ORDER BY c.id"),
                { *text, f.runId });
            if (!found)
                return found.error();
            ids = *found;
        }
        for (qint64 id : std::as_const(ids)) {
            Result<std::optional<QVariant>> state
                = s.value(QStringLiteral("SELECT state FROM chunks WHERE id = ?"), { id });
            if (!state)
                return state.error();
            if (!state->has_value())
                return Error { QCoreApplication::translate(
                    "SignalHub::Core::Store", "Unknown chunk %1.")
                        .arg(id) };
            if ((*state)->toInt() == int(ChunkState::Stored))
                continue; // its text got a vector by another way meanwhile
            if (Result<qint64> marked
                = s.run(QStringLiteral("UPDATE chunks SET state = 2 WHERE id = ?"), { id });
                !marked)
                return marked.error();
            Result<qint64> recorded = s.insert(
                QStringLiteral("INSERT INTO failures (chunk_id, run_id, reason, http_status, "
                               "attempts, at) VALUES (?, ?, ?, ?, ?, ?)"),
                { id, f.runId > 0 ? QVariant(f.runId) : nullInt(), f.reason, f.httpStatus,
                    f.attempts, QDateTime::currentMSecsSinceEpoch() });
            if (!recorded)
                return recorded.error();
            ++s.summary.chunksFailed;
        }
    }
    return {};
}

Result<qint64> requeueFailedJob(WriteSession &s, qint64 sourceId)
{
    if (sourceId > 0)
        return s.run(QStringLiteral("UPDATE chunks SET state = 0 WHERE state = 2 AND file_id IN "
                                    "(SELECT id FROM files WHERE source_id = ?)"),
            { sourceId });
    return s.run(QStringLiteral("UPDATE chunks SET state = 0 WHERE state = 2"));
}

Result<qint64> requeueFailedChunksJob(WriteSession &s, const QList<qint64> &chunkIds)
{
    qint64 requeued = 0;
    for (const qint64 id : chunkIds) {
        Result<qint64> one = s.run(
            QStringLiteral("UPDATE chunks SET state = 0 WHERE state = 2 AND id = ?"), { id });
        if (!one)
            return one.error();
        requeued += *one;
    }
    return requeued;
}

Status recordRequestJob(WriteSession &s, const RequestRecord &r)
{
    Result<qint64> id = s.insert(
        QStringLiteral("INSERT INTO requests (run_id, started, finished, inputs, tokens, "
                       "http_status, attempt, error, transport_resends) VALUES "
                       "(?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        { r.runId, msecs(r.started), msecs(r.finished), r.inputs, r.tokens, r.httpStatus, r.attempt,
            text(r.error), r.transportResends });
    if (!id)
        return id.error();
    ++s.summary.requests;
    return {};
}

Result<qint64> collectOrphansJob(WriteSession &s, qint64 spaceId)
{
    const QString unreferenced = QStringLiteral(
        "NOT EXISTS (SELECT 1 FROM chunks c WHERE c.text_id = embeddings.text_id)");
    Result<qint64> removed = spaceId > 0
        ? s.run(QStringLiteral("DELETE FROM embeddings WHERE space_id = ? AND ") + unreferenced,
              { spaceId })
        : s.run(QStringLiteral("DELETE FROM embeddings WHERE ") + unreferenced);
    if (!removed)
        return removed;
    s.summary.orphansRemoved += int(*removed);
    // Texts nothing refers to any more; EXCEPT sorts once instead of probing per row.
    Result<qint64> texts
        = s.run(QStringLiteral("DELETE FROM texts WHERE id IN (SELECT id FROM texts EXCEPT SELECT "
                               "text_id FROM chunks EXCEPT SELECT text_id FROM embeddings)"));
    if (!texts)
        return texts.error();
    return removed;
}

} // namespace

// --- the queue and its thread ------------------------------------------------------------

struct StoreWriter::Job
{
    quint64 sequence = 0;
    const char *name = "";
    std::function<Status(WriteSession &)> run;
    std::function<void(const Status &)> settle; // the final outcome: committed or not
    std::shared_ptr<const StoreBatch> store; // set for storeEmbeddings jobs
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
        job->sequence = m_nextSequence++;
        m_queue.push_back(job);
        startLocked();
        m_wake.wakeOne();
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

    void failQueued(const Error &error)
    {
        QList<std::pair<std::shared_ptr<Job>, Status>> done;
        while (std::shared_ptr<Job> job = take())
            done.append({ job, Status(error) });
        settle(done);
    }

    // Runs `write` in a savepoint: all of it stays, or none of it when it fails.
    template<typename Fn> static Status inSavepoint(WriteSession &session, Fn &&write)
    {
        // Cached prepared statements: a job may be only a few rows, so parsing these each
        // time is not free.
        if (Result<qint64> saved = session.run(QStringLiteral("SAVEPOINT job")); !saved)
            return saved.error();
        Status status = guarded(std::forward<Fn>(write));
        if (status) {
            Result<qint64> released = session.run(QStringLiteral("RELEASE job"));
            return released ? Status() : Status(released.error());
        }
        (void)session.connection().exec(QStringLiteral("ROLLBACK TO job"));
        (void)session.connection().exec(QStringLiteral("RELEASE job"));
        return status;
    }

    Status runJob(WriteSession &session, Job &job)
    {
        const CommitSummary before = session.summary;
        const Status status = inSavepoint(session, [&] { return job.run(session); });
        if (!status) {
            session.summary = before;
            ++session.summary.failedJobs;
            qCWarning(lcStore) << "write job" << job.name << "failed:" << status.errorMessage();
        }
        ++session.summary.jobs;
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
            const StoreBatch *next = m_queue.front()->store.get();
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
    void runMerged(WriteSession &session, const QList<std::shared_ptr<Job>> &group,
        QList<std::pair<std::shared_ptr<Job>, Status>> &done)
    {
        const CommitSummary before = session.summary;
        QList<Status> checks;
        QList<EmbeddingWrite> vectors;
        for (const std::shared_ptr<Job> &job : group) {
            checks.append(guarded([&] { return checkBatch(session, *job->store); }));
            if (checks.constLast())
                vectors.append(job->store->vectors);
        }
        const Status merged = inSavepoint(session, [&] {
            return writeVectors(
                session, group.first()->store->spaceId, group.first()->store->runId, vectors);
        });
        if (!merged) {
            session.summary = before;
            qCDebug(lcStore) << "merged write of" << group.size()
                             << "storeEmbeddings jobs failed, running them one by one:"
                             << merged.errorMessage();
            for (const std::shared_ptr<Job> &job : group)
                done.append({ job, runJob(session, *job) });
            return;
        }
        for (qsizetype i = 0; i < group.size(); ++i) {
            ++session.summary.jobs;
            if (!checks.at(i)) {
                ++session.summary.failedJobs;
                qCWarning(lcStore)
                    << "write job" << group.at(i)->name << "failed:" << checks.at(i).errorMessage();
            }
            done.append({ group.at(i), checks.at(i) });
        }
    }

    void runTransaction()
    {
        QElapsedTimer timer;
        timer.start();
        if (Status began = m_connection->beginImmediate(); !began) {
            failQueued(began.error());
            return;
        }
        WriteSession session(*m_connection);
        QList<std::pair<std::shared_ptr<Job>, Status>> done;
        bool capped = false;
        while (std::shared_ptr<Job> job = take()) {
            const QList<std::shared_ptr<Job>> group = takeMergeable(job);
            if (group.size() > 1)
                runMerged(session, group, done);
            else
                done.append({ job, runJob(session, *job) });
            if (timer.elapsed() >= CommitIntervalMs) {
                capped = true;
                break;
            }
        }
        Status committed = m_connection->exec(QStringLiteral("COMMIT"));
        if (!committed) {
            (void)m_connection->exec(QStringLiteral("ROLLBACK"));
            for (auto &entry : done)
                entry.second = committed;
        } else {
            session.summary.elapsedMs = timer.elapsed();
            qCDebug(lcStore) << "committed" << session.summary.jobs << "jobs in"
                             << session.summary.elapsedMs << "ms";
            StoreWriter *owner = m_owner;
            const CommitSummary summary = session.summary;
            QMetaObject::invokeMethod(
                owner, [owner, summary] { Q_EMIT owner->committed(summary); },
                Qt::QueuedConnection);
        }
        settle(done);
        if (capped && queued() > 0)
            QThread::msleep(FairnessPauseMs);
    }

    void settle(const QList<std::pair<std::shared_ptr<Job>, Status>> &done)
    {
        if (done.isEmpty())
            return;
        std::optional<Error> firstError;
        for (const auto &[job, status] : done) {
            job->settle(status);
            if (!status) {
                if (!firstError)
                    firstError = status.error();
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
    StoreConnection::LockPolicy m_lockPolicy;

    // Writer thread only.
    std::unique_ptr<StoreConnection> m_connection;
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
    job->run = [fn = std::forward<Fn>(fn), value](WriteSession &session) -> Status {
        Result<T> result = fn(session);
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

template<typename Fn> QFuture<Status> StoreWriter::enqueueStatus(const char *name, Fn &&fn)
{
    auto job = std::make_shared<Job>();
    job->name = name;
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

QFuture<Result<qint64>> StoreWriter::ensureSource(const QString &root)
{
    return enqueueResult<qint64>(
        "ensureSource", [root](WriteSession &s) { return ensureSourceJob(s, root); });
}

QFuture<Result<qint64>> StoreWriter::ensureSpace(const SpaceKey &key)
{
    return enqueueResult<qint64>(
        "ensureSpace", [key](WriteSession &s) { return ensureSpaceJob(s, key); });
}

QFuture<Result<SourceClaim>> StoreWriter::claimSource(const QString &path)
{
    return enqueueResult<SourceClaim>(
        "claimSource", [path](WriteSession &s) { return claimSourceJob(s, path); });
}

QFuture<Result<qint64>> StoreWriter::useSpaceForSource(qint64 sourceId, qint64 spaceId)
{
    return enqueueResult<qint64>("useSpaceForSource",
        [sourceId, spaceId](WriteSession &s) { return useSpaceJob(s, sourceId, spaceId); });
}

QFuture<Result<qint64>> StoreWriter::beginRun(const RunStart &run)
{
    return enqueueResult<qint64>(
        "beginRun", [run](WriteSession &s) { return beginRunJob(s, run); });
}

QFuture<Status> StoreWriter::finishRun(qint64 runId, const RunTotals &totals, const QString &status)
{
    return enqueueStatus("finishRun", [runId, totals, status](WriteSession &s) {
        return finishRunJob(s, runId, totals, status);
    });
}

QFuture<Status> StoreWriter::setPrice(const QString &model, double usdPerMillion)
{
    return enqueueStatus("setPrice", [model, usdPerMillion](WriteSession &s) -> Status {
        Result<qint64> done = s.run(
            QStringLiteral("INSERT INTO prices (model, usd_per_million) VALUES (?, ?) ON CONFLICT "
                           "(model) DO UPDATE SET usd_per_million = excluded.usd_per_million"),
            { model, usdPerMillion });
        return done ? Status() : Status(done.error());
    });
}

QFuture<Result<FileWrite>> StoreWriter::upsertFile(const FileRecord &file)
{
    return enqueueResult<FileWrite>(
        "upsertFile", [file](WriteSession &s) { return upsertFileJob(s, file); });
}

QFuture<Result<FileWrite>> StoreWriter::writeFile(
    const FileRecord &file, const QList<Chunk> &chunks)
{
    return enqueueResult<FileWrite>(
        "writeFile", [file, chunks](WriteSession &s) { return writeFileJob(s, file, chunks); });
}

QFuture<Result<QList<ChunkRow>>> StoreWriter::replaceChunks(
    qint64 fileId, const QList<Chunk> &chunks)
{
    return enqueueResult<QList<ChunkRow>>("replaceChunks",
        [fileId, chunks](WriteSession &s) { return replaceChunksJob(s, fileId, chunks); });
}

QFuture<Result<qint64>> StoreWriter::removeMissingFiles(
    qint64 sourceId, const QSet<QString> &seenPaths, const QString &scope)
{
    return enqueueResult<qint64>(
        "removeMissingFiles", [sourceId, seenPaths, scope](WriteSession &s) {
            return removeMissingJob(s, sourceId, seenPaths, scope);
        });
}

QFuture<Status> StoreWriter::storeEmbeddings(
    qint64 spaceId, qint64 runId, const QList<EmbeddingWrite> &vectors)
{
    auto batch = std::make_shared<const StoreBatch>(StoreBatch { spaceId, runId, vectors });
    auto job = std::make_shared<Job>();
    job->name = "storeEmbeddings";
    job->store = batch; // so that the worker can merge it with its neighbours
    job->run = [batch](WriteSession &s) { return storeEmbeddingsJob(s, *batch); };
    return enqueueStatus(std::move(job));
}

QFuture<Status> StoreWriter::markStored(const QList<qint64> &chunkIds)
{
    return enqueueStatus(
        "markStored", [chunkIds](WriteSession &s) { return markStoredJob(s, chunkIds); });
}

QFuture<Status> StoreWriter::markFailed(const QList<FailureRecord> &failures)
{
    return enqueueStatus(
        "markFailed", [failures](WriteSession &s) { return markFailedJob(s, failures); });
}

QFuture<Result<qint64>> StoreWriter::requeueFailed(qint64 sourceId)
{
    return enqueueResult<qint64>(
        "requeueFailed", [sourceId](WriteSession &s) { return requeueFailedJob(s, sourceId); });
}

QFuture<Result<qint64>> StoreWriter::requeueFailedChunks(const QList<qint64> &chunkIds)
{
    return enqueueResult<qint64>("requeueFailedChunks",
        [chunkIds](WriteSession &s) { return requeueFailedChunksJob(s, chunkIds); });
}

QFuture<Status> StoreWriter::recordRequest(const RequestRecord &request)
{
    return enqueueStatus(
        "recordRequest", [request](WriteSession &s) { return recordRequestJob(s, request); });
}

QFuture<Result<qint64>> StoreWriter::collectOrphans(qint64 spaceId)
{
    return enqueueResult<qint64>(
        "collectOrphans", [spaceId](WriteSession &s) { return collectOrphansJob(s, spaceId); });
}

} // namespace SignalHub::Core
