#include "storejobs.h"

#include "logging.h"
#include "paths.h"
#include "pgschema.h"
#include "runlock.h"
#include "secretscrubber.h"
#include "sourcechoice.h"
#include "storeconnection.h"
#include "storerows.h"
#include "writesession.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>
#include <bit>
#include <cmath>

static_assert(std::endian::native == std::endian::little,
    "vectors are stored as little-endian float32 without conversion");

namespace SignalHub::Core {

namespace {

QVariant nullInt()
{
    return QVariant(QMetaType::fromType<qint64>());
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

// Per vector, in one lookup: the text's id (no row when the text is new) and its chunks that
// this vector stores (not yet stored, in sources whose states refer to the space), each with
// whether it has an open failure. Only index and primary-key searches: set-based variants
// (IN lists, IN (SELECT …), RETURNING) build an ephemeral table per run, which cost more
// than the statements they save (measured with bench_store, see bench/RESULTS.md).
// A run's totals, as finishRun and recordProgress write them.
const QString RunTotalsAssignment = QStringLiteral(
    "files = ?, chunks = ?, stored = ?, failed = ?, unchanged = ?, tokens = ?, requests = ?, "
    "retries = ?, cost_usd = ?");

QVariantList runTotalsValues(const RunTotals &t)
{
    return { t.files, t.chunks, t.stored, t.failed, t.unchanged, t.tokens, t.requests, t.retries,
        t.costUsd };
}

const QString TextAndStorableChunks = QStringLiteral(
    "SELECT t.id, c.id, EXISTS (SELECT 1 FROM failures x WHERE x.chunk_id = c.id AND "
    "x.resolved = 0) FROM texts t LEFT JOIN chunks c ON c.text_id = t.id AND c.state <> ? AND "
    "EXISTS (SELECT 1 FROM files f JOIN sources s ON s.id = f.source_id WHERE f.id = c.file_id "
    "AND s.space_id = ?) WHERE t.hash = ?");

} // namespace

StoreJobs::StoreJobs(WriteSession &session)
    : m_session(session)
{ }

Result<QList<ChunkRow>> StoreJobs::chunksOfFile(qint64 fileId)
{
    Result<QSqlQuery *> q = m_session.exec(QStringLiteral("SELECT ") + StoreRows::chunkColumns()
            + QStringLiteral(" FROM chunks c JOIN texts t ON t.id = c.text_id JOIN files f ON "
                             "f.id = c.file_id JOIN sources s ON s.id = f.source_id WHERE "
                             "c.file_id = ? ORDER BY c.id"),
        { fileId });
    if (!q)
        return q.error();
    return StoreRows::chunks(m_session.connection(), **q);
}

Result<qint64> StoreJobs::textId(const QByteArray &hash, bool create)
{
    Result<std::optional<QVariant>> found
        = m_session.value(QStringLiteral("SELECT id FROM texts WHERE hash = ?"), { hash });
    if (!found)
        return found.error();
    if (found->has_value())
        return (*found)->toLongLong();
    if (!create)
        return qint64(0);
    return createText(hash);
}

Result<qint64> StoreJobs::createText(const QByteArray &hash)
{
    if (!m_session.connection().isPostgres())
        return m_session.insert(QStringLiteral("INSERT INTO texts (hash) VALUES (?)"), { hash });
    // A teammate's run may be adding the same text at this moment: the insert waits for its
    // transaction, and then finds the text there.
    Result<qint64> created = m_session.insert(
        QStringLiteral("INSERT INTO texts (hash) VALUES (?) ON CONFLICT (hash) DO NOTHING"),
        { hash });
    if (!created || *created > 0)
        return created;
    Result<std::optional<QVariant>> found
        = m_session.value(QStringLiteral("SELECT id FROM texts WHERE hash = ?"), { hash });
    if (!found)
        return found.error();
    return found->value_or(QVariant(0)).toLongLong();
}

Status StoreJobs::addWords(qint64 textId, const QString &words)
{
    // The team store keeps a text's words beside it, as a tsvector of the words as they are.
    if (m_session.connection().isPostgres()) {
        Result<qint64> added = m_session.run(
            QStringLiteral("UPDATE texts SET keywords = 1, words = to_tsvector('simple', ?) "
                           "WHERE id = ? AND keywords = 0"),
            { StoreRows::text(words), textId });
        return added ? Status() : Status(added.error());
    }
    Result<qint64> marked = m_session.run(
        QStringLiteral("UPDATE texts SET keywords = 1 WHERE id = ? AND keywords = 0"), { textId });
    if (!marked)
        return marked.error();
    if (*marked == 0 || words.isEmpty())
        return {};
    Result<qint64> added = m_session.insert(
        QStringLiteral("INSERT INTO text_words (rowid, words) VALUES (?, ?)"), { textId, words });
    return added ? Status() : Status(added.error());
}

Status StoreJobs::addKeywords(const QList<TextWords> &texts)
{
    for (const TextWords &text : texts)
        if (Status added = addWords(text.textId, text.words); !added)
            return added;
    return {};
}

// Marks chunks stored that just got a vector (or were found to have one): their open
// failures are resolved.
Status StoreJobs::resolveFailures(qint64 chunkId)
{
    Result<qint64> done = m_session.run(
        QStringLiteral("UPDATE failures SET resolved = 1 WHERE chunk_id = ? AND resolved = 0"),
        { chunkId });
    return done ? Status() : Status(done.error());
}

Result<qint64> StoreJobs::ensureSource(const QString &root, const QString &identity)
{
    if (root.isEmpty())
        return Error { QCoreApplication::translate(
            "SignalHub::Core::Store", "A source folder needs a path.") };
    Result<std::optional<QVariant>> found
        = m_session.value(QStringLiteral("SELECT id FROM sources WHERE root = ?"), { root });
    if (!found)
        return found.error();
    if (found->has_value())
        return (*found)->toLongLong();
    return m_session.insert(
        QStringLiteral("INSERT INTO sources (root, identity, added) VALUES (?, ?, ?)"),
        { root, StoreRows::text(identity), QDateTime::currentMSecsSinceEpoch() });
}

Result<QString> StoreJobs::rootOf(qint64 sourceId)
{
    Result<std::optional<QVariant>> root
        = m_session.value(QStringLiteral("SELECT root FROM sources WHERE id = ?"), { sourceId });
    if (!root)
        return root.error();
    if (!root->has_value())
        return Error { QCoreApplication::translate("SignalHub::Core::Store", "Unknown source %1.")
                .arg(sourceId) };
    return (*root)->toString();
}

Result<QString> StoreJobs::relativePath(qint64 sourceId, const QString &path)
{
    Result<QString> root = rootOf(sourceId);
    if (!root)
        return root;
    if (std::optional<QString> relative = StoreRows::relativePath(*root, path))
        return *relative;
    return Error { QCoreApplication::translate(
        "SignalHub::Core::Store", "%1 is not inside the indexed folder %2.")
            .arg(path, *root) };
}

Status StoreJobs::absorbSource(qint64 into, qint64 inner)
{
    Result<QString> outerRoot = rootOf(into);
    if (!outerRoot)
        return outerRoot.error();
    Result<QString> innerRoot = rootOf(inner);
    if (!innerRoot)
        return innerRoot.error();
    // The inner source's paths, relative to the outer root.
    const QString prefix = StoreRows::relativePath(*outerRoot, *innerRoot).value_or(QString());
    const QString moved = QStringLiteral("CASE path WHEN '' THEN ? ELSE ? || '/' || path END");
    // Rows the outer source has already (an overlap from before sources were claimed) win.
    const std::pair<QString, QVariantList> steps[] = {
        { QStringLiteral("DELETE FROM files WHERE source_id = ? AND ") + moved
                + QStringLiteral(" IN (SELECT path FROM files WHERE source_id = ?)"),
            { inner, prefix, prefix, into } },
        { QStringLiteral("UPDATE files SET source_id = ?, path = ") + moved
                + QStringLiteral(" WHERE source_id = ?"),
            { into, prefix, prefix, inner } },
        { QStringLiteral("DELETE FROM sources WHERE id = ?"), { inner } },
    };
    for (const auto &[sql, values] : steps) {
        if (Result<qint64> done = m_session.run(sql, values); !done)
            return done.error();
    }
    return {};
}

Result<std::optional<SourceClaim>> StoreJobs::claimSharedSource(
    const QString &path, const QString &identity)
{
    const QString here = QStringLiteral("current_setting('signalhub.host')");
    // What this machine had at this folder is something else now (another branch): it stays
    // for the teammates who have that.
    Result<QList<qint64>> other
        = selectIds(QStringLiteral("SELECT id FROM sources WHERE root = ? AND identity <> ?"),
            { path, identity });
    if (!other)
        return other.error();
    for (const qint64 id : std::as_const(*other)) {
        Result<qint64> left = m_session.run(
            QStringLiteral("DELETE FROM source_roots WHERE source_id = ? AND host = ") + here,
            { id });
        if (!left)
            return left.error();
        qCInfo(lcStore) << "the folder" << path << "is" << identity << "now, no longer source"
                        << id;
    }
    Result<QSqlQuery *> shared = m_session.exec(
        QStringLiteral("SELECT s.id, coalesce(s.space_id, 0), r.root FROM source_ids s LEFT JOIN "
                       "source_roots r ON r.source_id = s.id AND r.host = ")
            + here + QStringLiteral(" WHERE s.identity = ?"),
        { identity });
    if (!shared)
        return shared.error();
    std::optional<SourceClaim> claim;
    if ((*shared)->next()) {
        claim = SourceClaim { (*shared)->value(0).toLongLong(), path, 0,
            (*shared)->value(1).toLongLong(), QString(), QString() };
        if (const QString before = (*shared)->value(2).toString(); before != path)
            claim->movedFrom = before;
    }
    if (Status read = m_session.finish(**shared); !read)
        return read.error();
    if (!claim)
        return claim;
    Result<qint64> rooted = m_session.run(
        QStringLiteral("INSERT INTO source_roots (source_id, host, root) VALUES (?, ") + here
            + QStringLiteral(", ?) ON CONFLICT (source_id, host) DO UPDATE SET root = "
                             "EXCLUDED.root"),
        { claim->sourceId, path });
    if (!rooted)
        return rooted.error();
    return claim;
}

Result<SourceClaim> StoreJobs::claimSource(
    const QString &path, qint64 spaceId, const QString &identity)
{
    // On the team store a source is what it is: a teammate's, or this machine's from another
    // folder, is taken up by identity; what is not found so is chosen by path as on SQLite.
    const bool shared = m_session.connection().isPostgres();
    if (shared && !identity.isEmpty()) {
        Result<std::optional<SourceClaim>> claim = claimSharedSource(path, identity);
        if (!claim)
            return claim.error();
        if (*claim)
            return **claim;
    }
    Result<QList<SourceSpace>> sources = StoreRows::sources(m_session.connection());
    if (!sources)
        return sources.error();
    const SourceChoice choice = SourceChoice::make(*sources, path, spaceId, identity);
    SourceClaim claim { choice.sourceId, choice.root, 0, choice.previousSpaceId, choice.nestedIn,
        choice.movedFrom };
    if (!choice.movedFrom.isEmpty()) {
        Result<qint64> moved = m_session.run(
            QStringLiteral("UPDATE sources SET root = ? WHERE id = ?"), { path, claim.sourceId });
        if (!moved)
            return moved.error();
        qCInfo(lcStore) << "the source" << identity << "moved from" << choice.movedFrom << "to"
                        << path;
    }
    if (claim.sourceId == 0) {
        Result<qint64> id = ensureSource(path, identity);
        if (!id)
            return id.error();
        claim.sourceId = *id;
    } else if (claim.root == path && !identity.isEmpty() && !shared) {
        // The folder is what it is now: a checkout that switched branches keeps its rows, and
        // only its changed files are read again. A folder that git cannot name keeps the name
        // it was given.
        Result<qint64> named
            = m_session.run(QStringLiteral("UPDATE sources SET identity = ? WHERE id = ?"),
                { StoreRows::text(identity), claim.sourceId });
        if (!named)
            return named.error();
    }
    for (const qint64 inner : choice.absorbed) {
        if (const Status absorbed = absorbSource(claim.sourceId, inner); !absorbed)
            return absorbed.error();
        ++claim.absorbed;
    }
    if (claim.absorbed > 0)
        qCInfo(lcStore) << "the source" << claim.root << "takes over the files of" << claim.absorbed
                        << "source(s) of its space inside it";
    return claim;
}

Result<qint64> StoreJobs::ensureSpace(const EmbeddingSpace &space)
{
    if (space.provider.isEmpty() || space.model.isEmpty() || space.dimensions <= 0)
        return Error { QCoreApplication::translate("SignalHub::Core::Store",
            "An embedding space needs a provider, a model and a positive number "
            "of dimensions.") };
    const QVariantList values = StoreRows::spaceKey(space);
    // Two machines starting with a new model at once make its space (and index) once; the
    // lock ends with this job's transaction.
    if (m_session.connection().isPostgres())
        if (Result<qint64> locked = m_session.run(
                QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(PgSchema::SpacesLock));
            !locked)
            return locked.error();
    Result<std::optional<QVariant>> found = m_session.value(
        QStringLiteral("SELECT id FROM spaces WHERE provider = ? AND base_url = ? AND model = ? "
                       "AND dimensions = ? AND asset_hash = ?"),
        values);
    if (!found)
        return found.error();
    if (found->has_value())
        return (*found)->toLongLong();
    Result<qint64> id = m_session.insert(
        QStringLiteral("INSERT INTO spaces (provider, base_url, model, dimensions, "
                       "asset_hash, created) VALUES (?, ?, ?, ?, ?, ?)"),
        values + QVariantList { QDateTime::currentMSecsSinceEpoch() });
    if (!id || !m_session.connection().isPostgres())
        return id;
    QSqlDatabase db = m_session.connection().database();
    if (Status indexed = PgSchema::addVectorIndex(db, *id, space.dimensions); !indexed)
        return indexed.error();
    return id;
}

Result<qint64> StoreJobs::useSpaceForSource(qint64 sourceId, qint64 spaceId)
{
    Result<qint64> bound = m_session.run(
        QStringLiteral("UPDATE sources SET space_id = ? WHERE id = ?"), { spaceId, sourceId });
    if (!bound)
        return bound.error();
    if (*bound != 1)
        return Error { QCoreApplication::translate("SignalHub::Core::Store", "Unknown source %1.")
                .arg(sourceId) };
    const QString ofSource = QStringLiteral(
        " AND file_id IN (SELECT id FROM files WHERE source_id = ?) AND %1 EXISTS (SELECT 1 FROM "
        "embeddings e WHERE e.space_id = ? AND e.text_id = chunks.text_id)");
    Result<qint64> stored = m_session.run(
        QStringLiteral("UPDATE chunks SET state = ? WHERE state = ?") + ofSource.arg(QString()),
        { StoreRows::state(ChunkState::Stored), StoreRows::state(ChunkState::Pending), sourceId,
            spaceId });
    if (!stored)
        return stored.error();
    m_session.summary().chunksStored += int(*stored);
    Result<qint64> unstored
        = m_session.run(QStringLiteral("UPDATE chunks SET state = ? WHERE state = ?")
                + ofSource.arg(QStringLiteral("NOT")),
            { StoreRows::state(ChunkState::Pending), StoreRows::state(ChunkState::Stored), sourceId,
                spaceId });
    if (!unstored)
        return unstored.error();
    qCDebug(lcStore) << "source" << sourceId << "follows space" << spaceId << "now:" << *stored
                     << "chunks became stored," << *unstored << "pending";
    Result<qint64> resolved = m_session.run(
        QStringLiteral("UPDATE failures SET resolved = 1 WHERE resolved = 0 AND chunk_id IN "
                       "(SELECT c.id FROM chunks c JOIN files f ON f.id = c.file_id WHERE "
                       "f.source_id = ? AND c.state = ?)"),
        { sourceId, StoreRows::state(ChunkState::Stored) });
    if (!resolved)
        return resolved.error();
    Result<std::optional<QVariant>> pending = m_session.value(
        QStringLiteral("SELECT count(*) FROM chunks c JOIN files f ON f.id = c.file_id WHERE "
                       "f.source_id = ? AND c.state = ?"),
        { sourceId, StoreRows::state(ChunkState::Pending) });
    if (!pending)
        return pending.error();
    return pending->value_or(QVariant(0)).toLongLong();
}

Result<QVariant> StoreJobs::price(const QString &model, std::optional<double> given)
{
    if (given)
        return QVariant(*given);
    Result<std::optional<QVariant>> known = m_session.value(
        QStringLiteral("SELECT usd_per_million FROM prices WHERE model = ?"), { model });
    if (!known)
        return known.error();
    return known->value_or(nullInt());
}

Result<qint64> StoreJobs::beginRun(const RunStart &run)
{
    Result<QVariant> price = this->price(run.model, run.usdPerMillion);
    if (!price)
        return price.error();
    const QByteArray settings
        = QJsonDocument(SecretScrubber::scrubObject(run.settings)).toJson(QJsonDocument::Compact);
    return m_session.insert(
        QStringLiteral("INSERT INTO runs (space_id, provider, model, settings, started, "
                       "usd_per_million, started_by) VALUES (?, ?, ?, ?, ?, ?, ?)"),
        { run.spaceId > 0 ? QVariant(run.spaceId) : nullInt(), run.provider, run.model,
            QString::fromUtf8(settings), QDateTime::currentMSecsSinceEpoch(), *price,
            StoreRows::text(run.startedBy) });
}

Status StoreJobs::finishRun(
    qint64 runId, const RunTotals &t, const QString &status, const QString &reason)
{
    Result<qint64> done = m_session.run(
        QStringLiteral("UPDATE runs SET finished = ?, status = ?, stop_reason = ?, ")
            + RunTotalsAssignment + QStringLiteral(" WHERE id = ?"),
        QVariantList { QDateTime::currentMSecsSinceEpoch(), status, StoreRows::text(reason) }
            + runTotalsValues(t) + QVariantList { runId });
    if (!done)
        return done.error();
    if (*done != 1)
        return Error {
            QCoreApplication::translate("SignalHub::Core::Store", "Unknown run %1.").arg(runId)
        };
    return {};
}

Status StoreJobs::recordProgress(qint64 runId, const RunTotals &t)
{
    Result<qint64> done = m_session.run(QStringLiteral("UPDATE runs SET ") + RunTotalsAssignment
            + QStringLiteral(" WHERE id = ? AND status = 'running'"),
        runTotalsValues(t) + QVariantList { runId });
    return done ? Status() : Status(done.error());
}

Status StoreJobs::markInterrupted(const QList<qint64> &runIds)
{
    for (const qint64 runId : runIds) {
        // Its last commit is when it last wrote; its totals are left as they were.
        Result<qint64> done = m_session.run(
            QStringLiteral("UPDATE runs SET status = 'interrupted', finished = coalesce(finished, "
                           "started) WHERE id = ? AND status = 'running'"),
            { runId });
        if (!done)
            return done.error();
    }
    return {};
}

Result<FileWrite> StoreJobs::upsertFile(const FileRecord &file)
{
    if (file.path.isEmpty())
        return Error { QCoreApplication::translate(
            "SignalHub::Core::Store", "A file needs a path.") };
    // Checked inside the transaction that would hold the write: the last moment before the
    // file's chunks become what the store says the file is.
    if (file.readStamp.isValid() && FileStamp::ofPath(file.path) != file.readStamp) {
        qCInfo(lcStore) << "not storing" << file.path
                        << "changed after it was read (size, times or inode differ); the next "
                           "run reads it again";
        FileWrite write;
        write.changedSinceRead = true;
        return write;
    }
    Result<QString> relative = relativePath(file.sourceId, file.path);
    if (!relative)
        return relative.error();
    const bool shared = m_session.connection().isPostgres();
    // On the team store a teammate's worker may write the same file at this moment: its row is
    // locked until this job commits, and an insert that meets a row just committed updates it.
    const QString find = shared
        ? QStringLiteral("SELECT id FROM files WHERE source_id = ? AND path = ? FOR UPDATE")
        : QStringLiteral("SELECT id FROM files WHERE source_id = ? AND path = ?");
    Result<std::optional<QVariant>> found = m_session.value(find, { file.sourceId, *relative });
    if (!found)
        return found.error();
    const QVariantList values { file.size, StoreRows::msecs(file.mtime),
        file.contentHash.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>())
                                   : QVariant(file.contentHash),
        StoreRows::text(file.language), StoreRows::text(file.encoding),
        StoreRows::text(file.chunking), fileStatusName(file.status),
        StoreRows::text(file.skipReason) };
    FileWrite write;
    if (!found->has_value()) {
        Result<qint64> id = m_session.insert(
            QStringLiteral("INSERT INTO files (size, mtime, content_hash, language, encoding, "
                           "chunking, status, skip_reason, source_id, path) VALUES (?, ?, ?, ?, "
                           "?, ?, ?, ?, ?, ?)")
                + (shared ? QStringLiteral(" ON CONFLICT (source_id, path) DO NOTHING")
                          : QString()),
            values + QVariantList { file.sourceId, *relative });
        if (!id)
            return id.error();
        if (*id > 0) {
            write.fileId = *id;
            write.created = true;
            ++m_session.summary().filesWritten;
            return write;
        }
        found = m_session.value(find, { file.sourceId, *relative });
        if (!found)
            return found.error();
        if (!found->has_value())
            return Error { QCoreApplication::translate("SignalHub::Core::Store",
                "The file %1 was written and removed at once by another run; index again.")
                    .arg(file.path) };
    }
    write.fileId = (*found)->toLongLong();
    Result<QList<ChunkRow>> previous = chunksOfFile(write.fileId);
    if (!previous)
        return previous.error();
    write.previousChunks = *previous;
    Result<qint64> updated = m_session.run(
        QStringLiteral("UPDATE files SET size = ?, mtime = ?, content_hash = ?, language = ?, "
                       "encoding = ?, chunking = ?, status = ?, skip_reason = ? WHERE id = ?"),
        values + QVariantList { write.fileId });
    if (!updated)
        return updated.error();
    ++m_session.summary().filesWritten;
    return write;
}

Result<QList<ChunkRow>> StoreJobs::replaceChunks(qint64 fileId, const QList<Chunk> &chunks)
{
    Result<std::optional<QVariant>> space = m_session.value(
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
    Result<QSqlQuery *> old = m_session.exec(
        QStringLiteral("SELECT text_id, paid_run FROM chunks WHERE file_id = ? AND state = ? "
                       "AND paid_run IS NOT NULL"),
        { fileId, StoreRows::state(ChunkState::Stored) });
    if (!old)
        return old.error();
    while ((*old)->next())
        paidBy.insert((*old)->value(0).toLongLong(), (*old)->value(1));
    if (Status read = m_session.finish(**old); !read)
        return read.error();

    if (Result<qint64> removed
        = m_session.run(QStringLiteral("DELETE FROM chunks WHERE file_id = ?"), { fileId });
        !removed)
        return removed.error();

    Result<std::optional<QVariant>> path = m_session.value(QStringLiteral("SELECT ")
            + StoreRows::absolutePathSql()
            + QStringLiteral(" FROM files f JOIN sources s ON s.id = f.source_id WHERE f.id = ?"),
        { fileId });
    if (!path)
        return path.error();
    QList<ChunkRow> rows;
    rows.reserve(chunks.size());
    for (const Chunk &chunk : chunks) {
        if (Status valid = checkChunk(chunk); !valid)
            return valid.error();
        const Result<qint64> text = textId(chunk.textHash, true);
        if (!text)
            return text.error();
        if (chunk.words)
            if (Status added = addWords(*text, *chunk.words); !added)
                return added.error();
        bool hasVector = false;
        if (spaceId > 0) {
            Result<std::optional<QVariant>> vector = m_session.value(
                QStringLiteral("SELECT 1 FROM embeddings WHERE space_id = ? AND text_id = ?"),
                { spaceId, *text });
            if (!vector)
                return vector.error();
            hasVector = vector->has_value();
        }
        const ChunkState state = hasVector ? ChunkState::Stored : ChunkState::Pending;
        const QVariant paid = hasVector ? paidBy.value(*text, nullInt()) : nullInt();
        Result<qint64> id = m_session.insert(
            QStringLiteral("INSERT INTO chunks (file_id, start_line, end_line, start_col, end_col, "
                           "byte_start, byte_end, text_id, tokens, state, paid_run) VALUES "
                           "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            { fileId, chunk.startLine, chunk.endLine,
                chunk.startColumn >= 0 ? QVariant(chunk.startColumn) : nullInt(),
                chunk.endColumn >= 0 ? QVariant(chunk.endColumn) : nullInt(), chunk.byteStart,
                chunk.byteEnd, *text, chunk.tokens, StoreRows::state(state), paid });
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
        row.state = state;
        rows.append(row);
        if (hasVector)
            ++m_session.summary().chunksStored;
    }
    m_session.summary().chunksAdded += int(rows.size());
    return rows;
}

Result<FileWrite> StoreJobs::writeFile(const FileRecord &file, const QList<Chunk> &chunks)
{
    Result<FileWrite> write = upsertFile(file);
    if (!write || write->changedSinceRead)
        return write;
    Result<QList<ChunkRow>> rows = replaceChunks(write->fileId, chunks);
    if (!rows)
        return rows.error();
    write->chunks = *rows;
    return write;
}

Result<qint64> StoreJobs::removeMissingFiles(
    qint64 sourceId, const QSet<QString> &seen, const QStringList &scopes)
{
    Result<QSqlQuery *> q
        = m_session.exec(QStringLiteral("SELECT f.id, ") + StoreRows::absolutePathSql()
                + QStringLiteral(" FROM files f JOIN sources s ON s.id = f.source_id WHERE "
                                 "f.source_id = ?"),
            { sourceId });
    if (!q)
        return q.error();
    QList<qint64> missing;
    while ((*q)->next()) {
        const QString path = (*q)->value(1).toString();
        const auto holds = [&path](const QString &scope) { return isWithinFolder(path, scope); };
        if (std::none_of(scopes.cbegin(), scopes.cend(), holds))
            continue;
        if (!seen.contains(path))
            missing.append((*q)->value(0).toLongLong());
    }
    if (Status read = m_session.finish(**q); !read)
        return read.error();
    for (qint64 id : std::as_const(missing)) {
        if (Result<qint64> gone
            = m_session.run(QStringLiteral("DELETE FROM files WHERE id = ?"), { id });
            !gone)
            return gone.error();
    }
    m_session.summary().filesRemoved += int(missing.size());
    return qint64(missing.size());
}

Result<QList<qint64>> StoreJobs::selectIds(const QString &sql, const QVariantList &values)
{
    Result<QSqlQuery *> q = m_session.exec(sql, values);
    if (!q)
        return q.error();
    QList<qint64> ids;
    while ((*q)->next())
        ids.append((*q)->value(0).toLongLong());
    if (Status read = m_session.finish(**q); !read)
        return read.error();
    return ids;
}
Status StoreJobs::checkBatch(const VectorBatch &batch)
{
    Result<std::optional<QVariant>> dims = m_session.value(
        QStringLiteral("SELECT dimensions FROM spaces WHERE id = ?"), { batch.spaceId });
    if (!dims)
        return dims.error();
    if (!dims->has_value())
        return Error { QCoreApplication::translate(
            "SignalHub::Core::Store", "Unknown embedding space %1.")
                .arg(batch.spaceId) };
    return checkVectors((*dims)->toInt(), batch.vectors);
}

Result<qint64> StoreJobs::storableChunks(
    qint64 spaceId, const QByteArray &hash, QList<StorableChunk> &chunks)
{
    Result<QSqlQuery *> q = m_session.exec(
        TextAndStorableChunks, { StoreRows::state(ChunkState::Stored), spaceId, hash });
    if (!q)
        return q.error();
    qint64 text = 0;
    chunks.clear();
    while ((*q)->next()) {
        text = (*q)->value(0).toLongLong();
        if (!(*q)->value(1).isNull())
            chunks.append({ (*q)->value(1).toLongLong(), (*q)->value(2).toBool() });
    }
    if (Status read = m_session.finish(**q); !read)
        return read.error();
    return text;
}

Status StoreJobs::markStored(const QList<StorableChunk> &chunks, const QVariant &paidRun)
{
    qint64 first = 0;
    for (const StorableChunk &c : chunks)
        first = first == 0 ? c.id : std::min(first, c.id);
    for (const StorableChunk &c : chunks) {
        Result<qint64> marked = c.id == first && !paidRun.isNull()
            ? m_session.run(
                  QStringLiteral("UPDATE chunks SET state = ?, paid_run = ? WHERE id = ?"),
                  { StoreRows::state(ChunkState::Stored), paidRun, c.id })
            : m_session.run(QStringLiteral("UPDATE chunks SET state = ? WHERE id = ?"),
                  { StoreRows::state(ChunkState::Stored), c.id });
        if (!marked)
            return marked.error();
        if (c.openFailure) {
            if (Status resolved = resolveFailures(c.id); !resolved)
                return resolved;
        }
    }
    m_session.summary().chunksStored += int(chunks.size());
    return {};
}

Status StoreJobs::writeVectors(
    qint64 spaceId, qint64 runId, const QList<EmbeddingWrite> &vectors, QList<QByteArray> *fenced)
{
    const QVariant paidRun = runId > 0 ? QVariant(runId) : nullInt();
    QList<StorableChunk> chunks;
    for (const EmbeddingWrite &v : vectors) {
        Result<qint64> text = storableChunks(spaceId, v.textHash, chunks);
        if (!text)
            return text.error();
        if (*text == 0) { // a new text has no chunks yet
            text = createText(v.textHash);
            if (!text)
                return text.error();
        }
        if (v.lease != 0 && fenced) {
            Result<bool> held = endLease(spaceId, *text, v.lease);
            if (!held)
                return held.error();
            if (!*held) {
                fenced->append(v.textHash);
                continue;
            }
        }
        Result<qint64> inserted = m_session.run(
            QStringLiteral("INSERT INTO embeddings (space_id, text_id, vector) VALUES (?, ?, ?) "
                           "ON CONFLICT (space_id, text_id) DO NOTHING"),
            { spaceId, *text, StoreRows::vector(m_session.connection(), v.vector) });
        if (!inserted)
            return inserted.error();
        m_session.summary().vectorsWritten += int(*inserted);
        if (Status marked = markStored(chunks, paidRun); !marked)
            return marked;
    }
    return {};
}

Result<bool> StoreJobs::endLease(qint64 spaceId, qint64 textId, qint64 lease)
{
    // The row lock orders this write after a teammate's claim of the same text, or before it.
    Result<std::optional<QVariant>> token = m_session.value(
        QStringLiteral(
            "SELECT token FROM text_leases WHERE space_id = ? AND text_id = ? FOR UPDATE"),
        { spaceId, textId });
    if (!token)
        return token.error();
    if (!token->has_value())
        return true; // stored and let go by a teammate: the vector is there already
    if ((*token)->toLongLong() != lease) {
        qCInfo(lcStore) << "lease" << lease << "of text" << textId
                        << "was taken over: its vector is left to the teammate holding it";
        return false;
    }
    Result<qint64> ended = m_session.run(
        QStringLiteral("DELETE FROM text_leases WHERE space_id = ? AND text_id = ?"),
        { spaceId, textId });
    if (!ended)
        return ended.error();
    return true;
}

Status StoreJobs::storeEmbeddings(const VectorBatch &batch)
{
    if (Status valid = checkBatch(batch); !valid)
        return valid;
    return writeVectors(batch.spaceId, batch.runId, batch.vectors);
}

Status StoreJobs::storeLeased(const VectorBatch &batch, QList<QByteArray> &fenced)
{
    if (Status valid = checkBatch(batch); !valid)
        return valid;
    return writeVectors(batch.spaceId, batch.runId, batch.vectors, &fenced);
}

Result<TextClaim> StoreJobs::claimTexts(
    qint64 spaceId, qint64 runId, const QList<QByteArray> &hashes, int seconds)
{
    QStringList hex;
    for (const QByteArray &hash : hashes)
        hex.append(QString::fromLatin1(hash.toHex()));
    Result<QSqlQuery *> q = m_session.exec(
        QStringLiteral("SELECT t.hash, t.id, EXISTS (SELECT 1 FROM embeddings e WHERE "
                       "e.space_id = ? AND e.text_id = t.id) FROM unnest(?::text[]) WITH "
                       "ORDINALITY AS h(hex, n) JOIN texts t ON t.hash = decode(h.hex, 'hex') "
                       "ORDER BY h.n"),
        { spaceId, QString(u'{' + hex.join(u',') + u'}') });
    if (!q)
        return q.error();
    TextClaim claim;
    QHash<qint64, QByteArray> open;
    QList<qint64> openIds; // in the order asked
    while ((*q)->next()) {
        const QByteArray hash = (*q)->value(0).toByteArray();
        if ((*q)->value(2).toBool()) {
            claim.stored.append(hash);
            continue;
        }
        open.insert((*q)->value(1).toLongLong(), hash);
        openIds.append((*q)->value(1).toLongLong());
    }
    if (Status read = m_session.finish(**q); !read)
        return read.error();
    if (Result<qint64> marked = markTextsStored(spaceId, claim.stored); !marked)
        return marked.error();
    if (open.isEmpty())
        return claim;
    QStringList idTexts;
    for (qint64 id : std::as_const(openIds))
        idTexts.append(QString::number(id));
    const QString ids = u'{' + idTexts.join(u',') + u'}';
    // In the order of the texts' ids, so that two claims of the same texts queue up on their
    // rows instead of deadlocking.
    if (Result<qint64> added = m_session.run(
            QStringLiteral("INSERT INTO text_leases (space_id, text_id) SELECT ?, id FROM "
                           "unnest(?::bigint[]) AS id ORDER BY id ON CONFLICT DO NOTHING"),
            { spaceId, ids });
        !added)
        return added.error();
    Result<std::optional<QVariant>> token
        = m_session.value(QStringLiteral("SELECT nextval('lease_tokens')"));
    if (!token)
        return token.error();
    claim.token = token->value_or(QVariant(0)).toLongLong();
    // Free: without a vector (asked again: a teammate's write may have committed while the
    // insert above waited for it), and nobody's, expired on the server's clock, this run's own,
    // or of a run whose connection is gone (its process died: the server dropped its RunLock).
    // Rows a teammate's claim or write has locked at this moment are skipped, not waited for.
    q = m_session.exec(
        QStringLiteral(
            "WITH free AS (SELECT l.text_id FROM text_leases l "
            "WHERE l.space_id = ? AND l.text_id = ANY(?::bigint[]) "
            "AND NOT EXISTS (SELECT 1 FROM embeddings e "
            "WHERE e.space_id = l.space_id AND e.text_id = l.text_id) "
            "AND (l.owner = ? OR l.deadline < clock_timestamp() "
            "OR NOT EXISTS (SELECT 1 FROM pg_locks k WHERE k.locktype = 'advisory' "
            "AND k.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
            "AND k.classid = %1 AND k.objid = l.owner::oid AND k.objsubid = 2 AND k.granted)) "
            "FOR UPDATE OF l SKIP LOCKED) "
            "UPDATE text_leases l SET owner = ?, token = ?, "
            "deadline = clock_timestamp() + make_interval(secs => ?) "
            "FROM free WHERE l.space_id = ? AND l.text_id = free.text_id RETURNING l.text_id")
            .arg(RunLock::SharedKey),
        { spaceId, ids, runId, runId, claim.token, seconds, spaceId });
    if (!q)
        return q.error();
    while ((*q)->next())
        claim.claimed.append(open.take((*q)->value(0).toLongLong()));
    if (Status read = m_session.finish(**q); !read)
        return read.error();
    for (qint64 id : std::as_const(openIds)) {
        if (auto left = open.constFind(id); left != open.cend())
            claim.leased.append(*left);
    }
    return claim;
}

Result<qint64> StoreJobs::markTextsStored(qint64 spaceId, const QList<QByteArray> &hashes)
{
    qint64 marked = 0;
    QList<StorableChunk> chunks;
    for (const QByteArray &hash : hashes) {
        if (Result<qint64> text = storableChunks(spaceId, hash, chunks); !text)
            return text.error();
        if (Status done = markStored(chunks, nullInt()); !done)
            return done.error();
        marked += chunks.size();
    }
    return marked;
}

Result<qint64> StoreJobs::renewLeases(qint64 runId, int seconds)
{
    return m_session.run(QStringLiteral("UPDATE text_leases SET deadline = clock_timestamp() + "
                                        "make_interval(secs => ?) WHERE owner = ?"),
        { seconds, runId });
}

Result<qint64> StoreJobs::releaseLeases(qint64 runId)
{
    return m_session.run(QStringLiteral("DELETE FROM text_leases WHERE owner = ?"), { runId });
}

Status StoreJobs::markFailed(const QList<FailureRecord> &failures)
{
    for (const FailureRecord &f : failures) {
        if (f.reason.trimmed().isEmpty())
            return Error { QCoreApplication::translate(
                "SignalHub::Core::Store", "A failed chunk needs a reason a person can act on.") };
        QList<qint64> ids;
        if (f.chunkId > 0) {
            ids.append(f.chunkId);
        } else {
            const Result<qint64> text = textId(f.textHash, false);
            if (!text)
                return text.error();
            Result<QList<qint64>> found = selectIds(
                QStringLiteral("SELECT c.id FROM chunks c JOIN files f ON f.id = c.file_id JOIN "
                               "sources s ON s.id = f.source_id WHERE c.text_id = ? AND "
                               "c.state <> ? AND s.space_id = (SELECT space_id FROM runs WHERE "
                               "id = ?) ORDER BY c.id"),
                { *text, StoreRows::state(ChunkState::Stored), f.runId });
            if (!found)
                return found.error();
            ids = *found;
        }
        for (qint64 id : std::as_const(ids)) {
            Result<std::optional<QVariant>> state
                = m_session.value(QStringLiteral("SELECT state FROM chunks WHERE id = ?"), { id });
            if (!state)
                return state.error();
            if (!state->has_value())
                return Error { QCoreApplication::translate(
                    "SignalHub::Core::Store", "Unknown chunk %1.")
                        .arg(id) };
            if ((*state)->toInt() == int(ChunkState::Stored))
                continue; // its text got a vector by another way meanwhile
            if (Result<qint64> marked
                = m_session.run(QStringLiteral("UPDATE chunks SET state = ? WHERE id = ?"),
                    { StoreRows::state(ChunkState::Failed), id });
                !marked)
                return marked.error();
            Result<qint64> recorded = m_session.insert(
                QStringLiteral("INSERT INTO failures (chunk_id, run_id, reason, http_status, "
                               "attempts, at) VALUES (?, ?, ?, ?, ?, ?)"),
                { id, f.runId > 0 ? QVariant(f.runId) : nullInt(), f.reason, f.httpStatus,
                    f.attempts, QDateTime::currentMSecsSinceEpoch() });
            if (!recorded)
                return recorded.error();
            ++m_session.summary().chunksFailed;
        }
    }
    return {};
}

Result<qint64> StoreJobs::requeueFailed(qint64 sourceId)
{
    if (sourceId > 0)
        return m_session.run(
            QStringLiteral("UPDATE chunks SET state = ? WHERE state = ? AND file_id IN "
                           "(SELECT id FROM files WHERE source_id = ?)"),
            { StoreRows::state(ChunkState::Pending), StoreRows::state(ChunkState::Failed),
                sourceId });
    return m_session.run(QStringLiteral("UPDATE chunks SET state = ? WHERE state = ?"),
        { StoreRows::state(ChunkState::Pending), StoreRows::state(ChunkState::Failed) });
}

Result<qint64> StoreJobs::requeueFailedChunks(const QList<qint64> &chunkIds)
{
    qint64 requeued = 0;
    for (const qint64 id : chunkIds) {
        Result<qint64> one = m_session.run(
            QStringLiteral("UPDATE chunks SET state = ? WHERE state = ? AND id = ?"),
            { StoreRows::state(ChunkState::Pending), StoreRows::state(ChunkState::Failed), id });
        if (!one)
            return one.error();
        requeued += *one;
    }
    return requeued;
}

Status StoreJobs::recordRequest(const RequestRecord &r)
{
    Result<qint64> id = m_session.insert(
        QStringLiteral("INSERT INTO requests (run_id, started, finished, inputs, tokens, "
                       "http_status, attempt, error, transport_resends) VALUES "
                       "(?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        { r.runId, StoreRows::msecs(r.started), StoreRows::msecs(r.finished), r.inputs, r.tokens,
            r.httpStatus, r.attempt, StoreRows::text(r.error), r.transportResends });
    if (!id)
        return id.error();
    ++m_session.summary().requests;
    return {};
}

Status StoreJobs::recordQuery(const QueryRecord &q)
{
    Result<QVariant> price = this->price(q.model, q.usdPerMillion);
    if (!price)
        return price.error();
    Result<qint64> id = m_session.insert(
        QStringLiteral("INSERT INTO queries (at, space_id, provider, model, requests, tokens, "
                       "usd_per_million) VALUES (?, ?, ?, ?, ?, ?, ?)"),
        { StoreRows::msecs(q.at), q.spaceId > 0 ? QVariant(q.spaceId) : nullInt(), q.provider,
            q.model, q.requests, q.tokens, *price });
    if (!id)
        return id.error();
    return {};
}

Result<RemovedSource> StoreJobs::removeSource(qint64 sourceId)
{
    RemovedSource removed;
    for (auto [sql, count] : { std::pair(QStringLiteral("SELECT count(*) FROM files WHERE "
                                                        "source_id = ?"),
                                   &removed.files),
             std::pair(QStringLiteral("SELECT count(*) FROM chunks WHERE file_id IN (SELECT id "
                                      "FROM files WHERE source_id = ?)"),
                 &removed.chunks) }) {
        Result<std::optional<QVariant>> value = m_session.value(sql, { sourceId });
        if (!value)
            return value.error();
        *count = (*value)->toLongLong();
    }
    // Its files, their chunks and failures go with it (ON DELETE CASCADE).
    Result<qint64> gone
        = m_session.run(QStringLiteral("DELETE FROM sources WHERE id = ?"), { sourceId });
    if (!gone)
        return gone.error();
    if (*gone != 1)
        return Error { QCoreApplication::translate("SignalHub::Core::Store", "Unknown source %1.")
                .arg(sourceId) };
    m_session.summary().filesRemoved += int(removed.files);
    Result<qint64> orphans = collectOrphans(0);
    if (!orphans)
        return orphans.error();
    removed.vectors = *orphans;
    return removed;
}

Result<qint64> StoreJobs::collectOrphans(qint64 spaceId)
{
    const QString unreferenced = QStringLiteral(
        "NOT EXISTS (SELECT 1 FROM chunks c WHERE c.text_id = embeddings.text_id)");
    Result<qint64> removed = spaceId > 0
        ? m_session.run(
              QStringLiteral("DELETE FROM embeddings WHERE space_id = ? AND ") + unreferenced,
              { spaceId })
        : m_session.run(QStringLiteral("DELETE FROM embeddings WHERE ") + unreferenced);
    if (!removed)
        return removed;
    m_session.summary().orphansRemoved += int(*removed);
    // Texts nothing refers to any more, with their words; EXCEPT sorts once instead of probing
    // per row.
    const QString unused = QStringLiteral(
        "IN (SELECT id FROM texts EXCEPT SELECT text_id FROM chunks EXCEPT SELECT text_id FROM "
        "embeddings)");
    if (!m_session.connection().isPostgres()) { // there the words go with their text
        Result<qint64> words = m_session.run(
            QStringLiteral("DELETE FROM text_words WHERE rowid IN (SELECT id FROM texts WHERE "
                           "keywords = 1 AND id ")
            + unused + u')');
        if (!words)
            return words.error();
    }
    Result<qint64> texts = m_session.run(QStringLiteral("DELETE FROM texts WHERE id ") + unused);
    if (!texts)
        return texts.error();
    qCDebug(lcStore) << "collected" << *removed << "orphaned vectors and" << *texts << "texts";
    return removed;
}

} // namespace SignalHub::Core
