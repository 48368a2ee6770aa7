#include "storereader.h"

#include "filename.h"
#include "paths.h"
#include "pgschema.h"
#include "runlock.h"
#include "storeconnection.h"
#include "storerows.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonDocument>
#include <QMap>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace SignalHub::Core {

namespace {

// SQLite allows 32766 parameters; 256 keeps statements short and the cache small.
constexpr int LookupBatch = 256;

// Runs a cached statement; the caller reads rows and then calls finish().
Result<QSqlQuery *> query(StoreConnection &c, const QString &sql, const QVariantList &values = {})
{
    Result<QSqlQuery *> q = c.prepared(sql);
    if (!q)
        return q;
    for (qsizetype i = 0; i < values.size(); ++i)
        (*q)->bindValue(int(i), values.at(i));
    if (Status status = c.exec(**q); !status)
        return status.error();
    return q;
}

Result<qint64> scalar(StoreConnection &c, const QString &sql, const QVariantList &values = {})
{
    Result<QSqlQuery *> q = query(c, sql, values);
    if (!q)
        return q.error();
    const qint64 value = (*q)->next() ? (*q)->value(0).toLongLong() : 0;
    if (Status read = c.finish(**q); !read)
        return read.error();
    return value;
}

Result<QList<ChunkRow>> chunkList(
    StoreConnection &c, const QString &sql, const QVariantList &values)
{
    Result<QSqlQuery *> q = query(c, sql, values);
    if (!q)
        return q.error();
    return StoreRows::chunks(c, **q);
}

const QString SpaceColumns
    = QStringLiteral("id, provider, base_url, model, dimensions, asset_hash FROM spaces");

SpaceRow spaceAt(const QSqlQuery &q)
{
    SpaceRow row;
    row.id = q.value(0).toLongLong();
    row.key.provider = q.value(1).toString();
    row.key.baseUrl = q.value(2).toString();
    row.key.model = q.value(3).toString();
    row.key.dimensions = q.value(4).toInt();
    row.key.assetHash = q.value(5).toString();
    return row;
}

Result<std::optional<SpaceRow>> oneSpace(
    StoreConnection &c, const QString &sql, const QVariantList &values)
{
    Result<QSqlQuery *> q = query(c, sql, values);
    if (!q)
        return q.error();
    std::optional<SpaceRow> row;
    if ((*q)->next())
        row = spaceAt(**q);
    if (Status read = c.finish(**q); !read)
        return read.error();
    return row;
}

// The machine's name only on the team store: an SQLite file has one.
QString runColumns(const StoreConnection &c)
{
    return QStringLiteral(
        "SELECT id, coalesce(space_id, 0), provider, model, settings, started, finished, status, "
        "usd_per_million, files, chunks, stored, failed, unchanged, tokens, requests, retries, "
        "cost_usd, stop_reason, %1 FROM runs")
        .arg(c.isPostgres() ? QStringLiteral("host") : QStringLiteral("''"));
}

RunRow runAt(const QSqlQuery &q)
{
    RunRow row;
    row.id = q.value(0).toLongLong();
    row.spaceId = q.value(1).toLongLong();
    row.provider = q.value(2).toString();
    row.model = q.value(3).toString();
    row.settings = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object();
    row.started = StoreRows::dateTime(q.value(5));
    row.finished = StoreRows::dateTime(q.value(6));
    row.status = q.value(7).toString();
    if (!q.value(8).isNull())
        row.usdPerMillion = q.value(8).toDouble();
    row.totals.files = q.value(9).toLongLong();
    row.totals.chunks = q.value(10).toLongLong();
    row.totals.stored = q.value(11).toLongLong();
    row.totals.failed = q.value(12).toLongLong();
    row.totals.unchanged = q.value(13).toLongLong();
    row.totals.tokens = q.value(14).toLongLong();
    row.totals.requests = q.value(15).toLongLong();
    row.totals.retries = q.value(16).toLongLong();
    row.totals.costUsd = q.value(17).toDouble();
    row.stopReason = q.value(18).toString();
    row.host = q.value(19).toString();
    return row;
}

// Rows of (key, tokens, requests, retries, price or NULL) folded into report lines by key.
// Each input row belongs to one run, so each has one price.
Result<QList<ReportRow>> fold(StoreConnection &c, const QString &sql, bool withRequests,
    const std::function<QString(const QVariant &)> &keyOf)
{
    Result<QSqlQuery *> q = query(c, sql);
    if (!q)
        return q.error();
    QMap<QString, ReportRow> rows;
    while ((*q)->next()) {
        const QString key = keyOf((*q)->value(0));
        ReportRow &row = rows[key];
        row.key = key;
        const qint64 tokens = (*q)->value(1).toLongLong();
        row.tokens += tokens;
        if (withRequests) {
            row.requests = row.requests.value_or(0) + (*q)->value(2).toLongLong();
            row.retries = row.retries.value_or(0) + (*q)->value(3).toLongLong();
        }
        const QVariant price = (*q)->value(4);
        if (price.isNull())
            row.priceKnown = row.priceKnown && tokens == 0;
        else
            row.costUsd += double(tokens) * price.toDouble() / 1e6;
    }
    if (Status read = c.finish(**q); !read)
        return read.error();
    return rows.values();
}

const QString RunPrice
    = QStringLiteral("coalesce(r.usd_per_million, (SELECT p.usd_per_million FROM prices p WHERE "
                     "p.model = r.model))");

} // namespace

StoreReader::StoreReader(std::unique_ptr<StoreConnection> connection)
    : m_connection(std::move(connection))
{ }

StoreReader::~StoreReader() = default;

Result<std::unique_ptr<StoreReader>> StoreReader::open(const QString &path)
{
    Result<std::unique_ptr<StoreConnection>> connection
        = StoreConnection::open(path, StoreConnection::Mode::Read);
    if (!connection)
        return connection.error();
    return std::unique_ptr<StoreReader>(new StoreReader(std::move(*connection)));
}

bool StoreReader::exists(const QString &path)
{
    return StoreConnection::exists(path);
}

QString StoreReader::path() const
{
    return m_connection->path();
}

std::optional<StoreFault> StoreReader::fault() const
{
    return m_connection->fault();
}

Error StoreReader::wrongVectorSize(qsizetype bytes, int dimensions) const
{
    return m_connection->damaged(QCoreApplication::translate(
        "SignalHub::Core::Store", "a vector of %1 bytes where %2 dimensions take %3")
            .arg(bytes)
            .arg(dimensions)
            .arg(qsizetype(dimensions) * qsizetype(sizeof(float))));
}

Result<QSet<QByteArray>> StoreReader::existingVectors(
    qint64 spaceId, const QList<QByteArray> &textHashes)
{
    QSet<QByteArray> found;
    if (textHashes.isEmpty())
        return found;
    // One statement for every batch: a short last batch repeats its last hash.
    static const QString sql
        = QStringLiteral("SELECT t.hash FROM texts t CROSS JOIN embeddings e ON e.space_id = ? AND "
                         "e.text_id = t.id WHERE t.hash IN (?")
        + QStringLiteral(", ?").repeated(LookupBatch - 1) + QStringLiteral(")");
    for (qsizetype start = 0; start < textHashes.size(); start += LookupBatch) {
        QVariantList values { spaceId };
        for (qsizetype i = start; i < start + LookupBatch; ++i)
            values.append(textHashes.at(std::min(i, textHashes.size() - 1)));
        Result<QSqlQuery *> q = query(*m_connection, sql, values);
        if (!q)
            return q.error();
        while ((*q)->next())
            found.insert((*q)->value(0).toByteArray());
        if (Status read = m_connection->finish(**q); !read)
            return read.error();
    }
    return found;
}

Result<QList<SpaceRow>> StoreReader::spaces()
{
    Result<QSqlQuery *> q = query(
        *m_connection, QStringLiteral("SELECT ") + SpaceColumns + QStringLiteral(" ORDER BY id"));
    if (!q)
        return q.error();
    QList<SpaceRow> rows;
    while ((*q)->next())
        rows.append(spaceAt(**q));
    if (Status read = m_connection->finish(**q); !read)
        return read.error();
    return rows;
}

Result<std::optional<SpaceRow>> StoreReader::findSpace(const EmbeddingSpace &space)
{
    const QString sameModel = QStringLiteral("SELECT ") + SpaceColumns
        + QStringLiteral(" WHERE provider = ? AND base_url = ? AND model = ? AND ");
    if (space.dimensions > 0)
        return oneSpace(*m_connection,
            sameModel + QStringLiteral("dimensions = ? AND asset_hash = ?"),
            StoreRows::spaceKey(space));
    QVariantList key = StoreRows::spaceKey(space);
    key.removeAt(3);
    Result<std::optional<SpaceRow>> first = oneSpace(
        *m_connection, sameModel + QStringLiteral("asset_hash = ? ORDER BY id LIMIT 1"), key);
    if (!first || !first->has_value())
        return first;
    Result<qint64> count = scalar(*m_connection,
        QStringLiteral("SELECT count(*) FROM spaces WHERE provider = ? AND base_url = ? AND "
                       "model = ? AND asset_hash = ?"),
        key);
    if (!count)
        return count.error();
    return *count == 1 ? first : std::optional<SpaceRow>();
}

Result<QList<SourceSpace>> StoreReader::sources()
{
    return StoreRows::sources(*m_connection);
}

Result<std::optional<SpaceRow>> StoreReader::lastRunSpace()
{
    return oneSpace(*m_connection,
        QStringLiteral("SELECT ") + SpaceColumns
            + QStringLiteral(" WHERE id = (SELECT space_id FROM runs WHERE space_id "
                             "IS NOT NULL ORDER BY started DESC, id DESC LIMIT 1)"),
        {});
}

Result<std::optional<qint64>> StoreReader::sourceId(const QString &root)
{
    Result<QSqlQuery *> q
        = query(*m_connection, QStringLiteral("SELECT id FROM sources WHERE root = ?"), { root });
    if (!q)
        return q.error();
    std::optional<qint64> id;
    if ((*q)->next())
        id = (*q)->value(0).toLongLong();
    if (Status read = m_connection->finish(**q); !read)
        return read.error();
    return id;
}

Result<QStringList> StoreReader::knownPaths(const QStringList &paths)
{
    auto sources = this->sources();
    if (!sources)
        return sources.error();
    QStringList known;
    for (const QString &path : paths) {
        for (const SourceSpace &source : std::as_const(*sources)) {
            if (!isWithinFolder(path, source.root) && !isWithinFolder(source.root, path))
                continue;
            // Any file of the source is below a folder that holds its root.
            const QString below = StoreRows::relativePath(source.root, path).value_or(QString());
            // The files below a folder sort between "folder/" and "folder0" ('0' follows '/').
            Result<QSqlQuery *> q = query(*m_connection,
                QStringLiteral("SELECT 1 FROM files WHERE source_id = ? AND (? = '' OR path = ? OR "
                               "(path > ? AND path < ?)) LIMIT 1"),
                { source.id, StoreRows::text(below), below, QString(below + u'/'),
                    QString(below + u'0') });
            if (!q)
                return q.error();
            const bool found = (*q)->next();
            if (Status read = m_connection->finish(**q); !read)
                return read.error();
            if (found) {
                known.append(path);
                break;
            }
        }
    }
    return known;
}

Result<double> StoreReader::spentSince(const QString &startedBy, const QDateTime &since)
{
    Result<QSqlQuery *> q = query(*m_connection,
        QStringLiteral("SELECT coalesce(sum(cost_usd), 0) FROM runs WHERE started_by = ? AND "
                       "started >= ?"),
        { startedBy, since.toMSecsSinceEpoch() });
    if (!q)
        return q.error();
    const double spent = (*q)->next() ? (*q)->value(0).toDouble() : 0.0;
    if (Status read = m_connection->finish(**q); !read)
        return read.error();
    return spent;
}

Result<QList<FolderCounts>> StoreReader::folderCounts()
{
    Result<QSqlQuery *> q = query(*m_connection,
        QStringLiteral("SELECT s.root, count(DISTINCT f.id) FILTER (WHERE f.status = 'indexed'), "
                       "count(c.id), count(c.id) FILTER (WHERE c.state = ?), count(c.id) FILTER "
                       "(WHERE c.state = ?), count(c.id) FILTER (WHERE c.state = ?) FROM sources s "
                       "LEFT JOIN files f ON f.source_id = s.id LEFT JOIN chunks c ON c.file_id = "
                       "f.id GROUP BY s.id ORDER BY s.root"),
        { StoreRows::state(ChunkState::Stored), StoreRows::state(ChunkState::Pending),
            StoreRows::state(ChunkState::Failed) });
    if (!q)
        return q.error();
    QList<FolderCounts> folders;
    while ((*q)->next()) {
        FolderCounts folder;
        folder.root = (*q)->value(0).toString();
        folder.files = (*q)->value(1).toLongLong();
        folder.chunks = (*q)->value(2).toLongLong();
        folder.stored = (*q)->value(3).toLongLong();
        folder.pending = (*q)->value(4).toLongLong();
        folder.failed = (*q)->value(5).toLongLong();
        folders.append(folder);
    }
    if (Status read = m_connection->finish(**q); !read)
        return read.error();
    return folders;
}

Result<QList<SourceSpace>> StoreReader::sourcesToRetry(qint64 spaceId)
{
    Result<QSqlQuery *> q = query(*m_connection,
        QStringLiteral(
            "SELECT id, root, identity FROM sources WHERE space_id = ? AND EXISTS (SELECT 1 "
            "FROM files f JOIN chunks c ON c.file_id = f.id WHERE f.source_id = "
            "sources.id AND c.state IN (?, ?)) ORDER BY id"),
        { spaceId, StoreRows::state(ChunkState::Pending), StoreRows::state(ChunkState::Failed) });
    if (!q)
        return q.error();
    QList<SourceSpace> sources;
    while ((*q)->next())
        sources.append({ (*q)->value(0).toLongLong(), (*q)->value(1).toString(), spaceId,
            (*q)->value(2).toString() });
    if (Status read = m_connection->finish(**q); !read)
        return read.error();
    return sources;
}

Result<QSet<qint64>> StoreReader::spacesOfChunks(const QList<qint64> &chunkIds)
{
    QSet<qint64> spaces;
    for (const qint64 id : chunkIds) {
        Result<qint64> space = scalar(*m_connection,
            QStringLiteral("SELECT coalesce(s.space_id, 0) FROM chunks c JOIN files f ON f.id = "
                           "c.file_id JOIN sources s ON s.id = f.source_id WHERE c.id = ?"),
            { id });
        if (!space)
            return space.error();
        spaces.insert(*space);
    }
    return spaces;
}

Result<QList<FileRow>> StoreReader::files(qint64 sourceId)
{
    return fileRows(QStringLiteral("f.source_id = ? ORDER BY f.path"), sourceId);
}

Result<std::optional<FileRow>> StoreReader::file(qint64 fileId)
{
    Result<QList<FileRow>> rows = fileRows(QStringLiteral("f.id = ?"), fileId);
    if (!rows)
        return rows.error();
    return rows->isEmpty() ? std::optional<FileRow>() : std::optional(rows->constFirst());
}

Result<QList<FileRow>> StoreReader::fileRows(const QString &where, qint64 value)
{
    Result<QSqlQuery *> q = query(*m_connection,
        QStringLiteral(
            "SELECT f.id, f.source_id, %1, f.size, f.mtime, f.content_hash, f.language, "
            "f.status, f.skip_reason, f.encoding, f.chunking FROM files f JOIN sources s "
            "ON s.id = f.source_id WHERE ")
                .arg(StoreRows::absolutePathSql())
            + where,
        { value });
    if (!q)
        return q.error();
    QList<FileRow> rows;
    while ((*q)->next()) {
        FileRow row;
        row.id = (*q)->value(0).toLongLong();
        row.file.sourceId = (*q)->value(1).toLongLong();
        row.file.path = (*q)->value(2).toString();
        row.file.size = (*q)->value(3).toLongLong();
        row.file.mtime = StoreRows::dateTime((*q)->value(4));
        row.file.contentHash = (*q)->value(5).toByteArray();
        row.file.language = (*q)->value(6).toString();
        row.file.status = fileStatusFromName((*q)->value(7).toString());
        row.file.skipReason = (*q)->value(8).toString();
        row.file.encoding = (*q)->value(9).toString();
        row.file.chunking = (*q)->value(10).toString();
        rows.append(row);
    }
    if (Status read = m_connection->finish(**q); !read)
        return read.error();
    return rows;
}

Result<QList<ChunkRow>> StoreReader::chunks(qint64 fileId)
{
    return chunkList(*m_connection,
        QStringLiteral("SELECT ") + StoreRows::chunkColumns()
            + QStringLiteral(" FROM chunks c JOIN texts t ON t.id = c.text_id JOIN files f ON "
                             "f.id = c.file_id JOIN sources s ON s.id = f.source_id WHERE "
                             "c.file_id = ? ORDER BY c.id"),
        { fileId });
}

Result<qint64> StoreReader::chunkCount(qint64 fileId)
{
    return scalar(
        *m_connection, QStringLiteral("SELECT count(*) FROM chunks WHERE file_id = ?"), { fileId });
}

Result<qint64> StoreReader::failedChunkCount(qint64 fileId)
{
    return scalar(*m_connection,
        QStringLiteral("SELECT count(*) FROM chunks WHERE file_id = ? AND state = ?"),
        { fileId, StoreRows::state(ChunkState::Failed) });
}

Result<QList<ChunkRow>> StoreReader::pendingChunks(qint64 sourceId)
{
    return chunkList(*m_connection,
        QStringLiteral("SELECT ") + StoreRows::chunkColumns()
            + QStringLiteral(" FROM files f JOIN sources s ON s.id = f.source_id JOIN chunks c "
                             "ON c.file_id = f.id JOIN texts t ON t.id = c.text_id WHERE "
                             "f.source_id = ? AND c.state = ? ORDER BY f.id, c.id"),
        { sourceId, StoreRows::state(ChunkState::Pending) });
}

Result<QList<FailedChunk>> StoreReader::failedChunks(qint64 sourceId)
{
    Result<QSqlQuery *> q = query(*m_connection,
        QStringLiteral("SELECT ") + StoreRows::chunkColumns()
            + QStringLiteral(
                ", coalesce(x.run_id, 0), coalesce(x.reason, ''), "
                "coalesce(x.http_status, 0), coalesce(x.attempts, 0), x.at FROM "
                "chunks c JOIN texts t ON t.id = c.text_id JOIN files f ON f.id = "
                "c.file_id JOIN sources s ON s.id = f.source_id LEFT JOIN failures x ON "
                "x.id = (SELECT max(id) FROM failures WHERE chunk_id = c.id) WHERE "
                "c.state = ? AND (? = 0 OR f.source_id = ?) ORDER BY s.root, f.path, "
                "c.start_line, c.id"),
        { StoreRows::state(ChunkState::Failed), sourceId, sourceId });
    if (!q)
        return q.error();
    constexpr int failure = StoreRows::ChunkColumnCount; // its columns follow the chunk's
    QList<FailedChunk> rows;
    while ((*q)->next()) {
        FailedChunk row;
        row.chunk = StoreRows::chunk(**q);
        row.runId = (*q)->value(failure).toLongLong();
        row.reason = (*q)->value(failure + 1).toString();
        row.httpStatus = (*q)->value(failure + 2).toInt();
        row.attempts = (*q)->value(failure + 3).toInt();
        row.at = StoreRows::dateTime((*q)->value(failure + 4));
        rows.append(row);
    }
    if (Status read = m_connection->finish(**q); !read)
        return read.error();
    return rows;
}

Result<QList<RunRow>> StoreReader::runs()
{
    return runsWhere(QStringLiteral(" ORDER BY id"));
}

Result<QList<RunRow>> StoreReader::runningRuns()
{
    auto rows = runsWhere(QStringLiteral(" WHERE status = 'running' ORDER BY id"));
    if (!rows)
        return rows.error();
    rows->removeIf([](const RunRow &row) { return row.status != u"running"; });
    return rows;
}

Result<QList<RunRow>> StoreReader::runsWhere(const QString &condition)
{
    Result<QSqlQuery *> q = query(*m_connection, runColumns(*m_connection) + condition);
    if (!q)
        return q.error();
    QList<RunRow> rows;
    while ((*q)->next())
        rows.append(runAt(**q));
    if (Status read = m_connection->finish(**q); !read)
        return read.error();
    // After the rows: on the team store, asking for a run's lock is a query of its own, and a
    // connection streams one query's rows at a time.
    for (RunRow &row : rows)
        row = withLiveness(row);
    return rows;
}

Result<std::optional<RunRow>> StoreReader::run(qint64 runId)
{
    Result<QSqlQuery *> q = query(
        *m_connection, runColumns(*m_connection) + QStringLiteral(" WHERE id = ?"), { runId });
    if (!q)
        return q.error();
    std::optional<RunRow> row;
    if ((*q)->next())
        row = runAt(**q);
    if (Status read = m_connection->finish(**q); !read)
        return read.error();
    if (row)
        row = withLiveness(*row);
    return row;
}

RunRow StoreReader::withLiveness(RunRow row) const
{
    if (row.status == u"running" && RunLock::hasDied(*m_connection, row.id, row.started))
        row.status = QStringLiteral("interrupted");
    return row;
}

Result<StatusSummary> StoreReader::summary()
{
    // One read transaction: every count comes from the same snapshot.
    if (Status began = m_connection->exec(QStringLiteral("BEGIN")); !began)
        return began.error();
    StatusSummary s;
    const auto count
        = [this](const QString &sql, const QVariantList &values, qint64 &into) -> Status {
        Result<qint64> value = scalar(*m_connection, sql, values);
        if (!value)
            return value.error();
        into = *value;
        return {};
    };
    struct Count
    {
        QString sql;
        QVariantList values;
        qint64 *into;
    };
    const QString chunksIn = QStringLiteral("SELECT count(*) FROM chunks WHERE state = ?");
    Status status;
    const Count counts[] = {
        { QStringLiteral("SELECT count(*) FROM sources"), {}, &s.sources },
        { QStringLiteral("SELECT count(*) FROM files"), {}, &s.files },
        { QStringLiteral("SELECT count(*) FROM files WHERE status = 'skipped'"), {},
            &s.filesSkipped },
        { QStringLiteral("SELECT count(*) FROM files WHERE status = 'unreadable'"), {},
            &s.filesUnreadable },
        { QStringLiteral("SELECT count(*) FROM chunks"), {}, &s.chunks },
        { chunksIn, { StoreRows::state(ChunkState::Pending) }, &s.pending },
        { chunksIn, { StoreRows::state(ChunkState::Stored) }, &s.stored },
        { chunksIn, { StoreRows::state(ChunkState::Failed) }, &s.failed },
        { QStringLiteral("SELECT count(*) FROM embeddings"), {}, &s.vectors },
        { QStringLiteral("SELECT count(*) FROM spaces"), {}, &s.spaces },
        { QStringLiteral("SELECT count(*) FROM runs"), {}, &s.runs },
        { QStringLiteral("SELECT (SELECT coalesce(sum(tokens), 0) FROM requests) + (SELECT "
                         "coalesce(sum(tokens), 0) FROM queries)"),
            {}, &s.tokens },
    };
    for (const Count &c : counts) {
        if (status = count(c.sql, c.values, *c.into); !status)
            break;
    }
    if (status) {
        Result<QList<ReportRow>> byRun = report(ReportBy::Run);
        if (!byRun)
            status = byRun.error();
        else
            for (const ReportRow &row : *byRun) {
                s.costUsd += row.costUsd;
                s.priceKnown = s.priceKnown && row.priceKnown;
            }
    }
    if (status) {
        Result<qint64> last
            = scalar(*m_connection, QStringLiteral("SELECT coalesce(max(id), 0) FROM runs"));
        if (!last) {
            status = last.error();
        } else if (*last > 0) {
            Result<std::optional<RunRow>> lastRun = run(*last);
            if (!lastRun)
                status = lastRun.error();
            else
                s.lastRun = *lastRun;
        }
    }
    (void)m_connection->exec(QStringLiteral("COMMIT"));
    if (!status)
        return status.error();
    return s;
}

Result<QList<ReportRow>> StoreReader::report(ReportBy by)
{
    const QString perRun
        = QStringLiteral("SELECT %1, coalesce(sum(q.tokens), 0), count(q.id), "
                         "coalesce(sum(CASE WHEN q.attempt > 1 THEN 1 ELSE 0 END), 0), ")
        + RunPrice
        + QStringLiteral(" FROM runs r LEFT JOIN requests q ON q.run_id = r.id GROUP BY r.id%2");
    const QString perFile = QStringLiteral("SELECT ") + StoreRows::absolutePathSql()
        + QStringLiteral(", sum(c.tokens), 0, 0, ") + RunPrice
        + QStringLiteral(
            " FROM chunks c JOIN files f ON f.id = c.file_id JOIN sources s ON s.id = "
            "f.source_id JOIN runs r ON r.id = c.paid_run GROUP BY f.id, s.root, r.id");
    // Search queries, one row each, in the same columns; by run they add up under "queries".
    const QString perQuery = QStringLiteral(" UNION ALL SELECT %1, y.tokens, y.requests, 0, "
                                            "coalesce(y.usd_per_million, (SELECT "
                                            "p.usd_per_million FROM prices p WHERE p.model = "
                                            "y.model)) FROM queries y");
    const auto asText = [](const QVariant &v) { return v.toString(); };
    switch (by) {
    case ReportBy::Run: {
        Result<QList<ReportRow>> rows = fold(*m_connection,
            perRun.arg(QStringLiteral("CAST(r.id AS TEXT)"), QString())
                + perQuery.arg(QStringLiteral("'%1'").arg(ReportRow::QueriesKey)),
            true, asText);
        if (rows) // numeric order, not text order; the queries last
            std::sort(rows->begin(), rows->end(), [](const ReportRow &a, const ReportRow &b) {
                const auto order = [](const ReportRow &row) {
                    return row.key == ReportRow::QueriesKey ? std::numeric_limits<qint64>::max()
                                                            : row.key.toLongLong();
                };
                return order(a) < order(b);
            });
        return rows;
    }
    case ReportBy::Model:
        return fold(*m_connection,
            perRun.arg(QStringLiteral("r.model"), QString())
                + perQuery.arg(QStringLiteral("y.model")),
            true, asText);
    case ReportBy::Day:
        return fold(*m_connection,
            perRun.arg(localDay(QStringLiteral("q.started")), QStringLiteral(", 1"))
                    .replace(QStringLiteral("LEFT JOIN requests"), QStringLiteral("JOIN requests"))
                + perQuery.arg(localDay(QStringLiteral("y.at"))),
            true, asText);
    // Paths as every output shows them (FileName::display).
    case ReportBy::File:
        return fold(*m_connection, perFile, false,
            [](const QVariant &v) { return FileName::display(v.toString()); });
    case ReportBy::Folder:
        return fold(*m_connection, perFile, false,
            [](const QVariant &v) { return FileName::display(QFileInfo(v.toString()).path()); });
    }
    return QList<ReportRow>();
}

QString StoreReader::localDay(const QString &msecsColumn) const
{
    // The team store's session runs in this machine's time zone (StoreConnection).
    return m_connection->isPostgres()
        ? QStringLiteral("to_char(to_timestamp(%1 / 1000.0), 'YYYY-MM-DD')").arg(msecsColumn)
        : QStringLiteral("date(%1 / 1000, 'unixepoch', 'localtime')").arg(msecsColumn);
}

QString StoreReader::tsquery(const QString &expression)
{
    // KeywordQuery's expressions are FTS5 phrases of plain words joined by OR or AND.
    static const QRegularExpression phrase(QStringLiteral(R"re("([^"]*)")re"));
    QString out = expression;
    out.replace(QStringLiteral(" OR "), QStringLiteral(" | "))
        .replace(QStringLiteral(" AND "), QStringLiteral(" & "));
    QString result;
    qsizetype last = 0;
    for (const QRegularExpressionMatch &m : phrase.globalMatch(out)) {
        result += out.mid(last, m.capturedStart() - last);
        result += u'(' + m.captured(1).split(u' ', Qt::SkipEmptyParts).join(QStringLiteral(" <-> "))
            + u')';
        last = m.capturedEnd();
    }
    return result + out.mid(last);
}

Status StoreReader::forEachVector(
    qint64 spaceId, const std::function<bool(const VectorRow &)> &row, qint64 sourceId)
{
    return walkVectors(spaceId, row, sourceId, true);
}

Status StoreReader::forEachVectorRow(
    qint64 spaceId, const std::function<bool(const VectorRow &)> &row)
{
    return walkVectors(spaceId, row, 0, false);
}

Status StoreReader::walkVectors(qint64 spaceId, const std::function<bool(const VectorRow &)> &row,
    qint64 sourceId, bool withVectors)
{
    // Walks files, keeps those of the space's sources, walks their chunks (chunks_file) and
    // looks each text up (embeddings_key): no sort, so nothing is buffered. CROSS JOIN fixes
    // that order for SQLite's planner. A source of another space may hold the same files
    // (nested in one of this space's) and texts with vectors here: its chunks are not this
    // space's.
    const QString sql = QStringLiteral(
        "SELECT c.id, %1, s.root, f.language, c.start_line, c.end_line, c.start_col, c.end_col, "
        "t.id, t.hash, %2, f.size, f.mtime FROM files f CROSS JOIN sources s ON s.id = "
        "f.source_id AND s.space_id = ? AND (? = 0 OR s.id = ?) CROSS JOIN chunks c ON c.file_id "
        "= f.id CROSS JOIN embeddings e ON e.space_id = s.space_id AND e.text_id = c.text_id "
        "CROSS JOIN texts t ON t.id = c.text_id ORDER BY f.id, c.id")
                            .arg(StoreRows::absolutePathSql(),
                                withVectors ? QStringLiteral("e.vector") : QStringLiteral("NULL"));
    Result<QSqlQuery *> q = query(*m_connection, sql, { spaceId, sourceId, sourceId });
    if (!q)
        return q.error();
    VectorRow out;
    while ((*q)->next()) {
        const QSqlQuery &r = **q;
        out.chunkId = r.value(0).toLongLong();
        out.path = r.value(1).toString();
        out.root = r.value(2).toString();
        out.language = r.value(3).toString();
        out.startLine = r.value(4).toInt();
        out.endLine = r.value(5).toInt();
        out.startColumn = r.value(6).isNull() ? -1 : r.value(6).toInt();
        out.endColumn = r.value(7).isNull() ? -1 : r.value(7).toInt();
        out.textId = r.value(8).toLongLong();
        out.textHash = r.value(9).toByteArray();
        if (withVectors)
            out.vector = StoreRows::vectorBytes(*m_connection, r.value(10));
        out.fileSize = r.value(11).toLongLong();
        out.fileMtime = StoreRows::dateTime(r.value(12));
        if (!row(out))
            break;
    }
    if (Status read = m_connection->finish(**q); !read)
        return read.error();
    return {};
}

bool StoreReader::searchesVectors() const
{
    return m_connection->isPostgres();
}

Result<QList<NearText>> StoreReader::nearestTexts(
    const SpaceRow &space, const QList<float> &target, int limit, const QList<qint64> &among)
{
    if (!searchesVectors())
        return Error { QStringLiteral("nearestTexts: %1 keeps no vector index").arg(path()) };
    // The space's id is spelled out, not bound: only then can the planner see that its partial
    // HNSW index applies (PgSchema::addVectorIndex), and the ordering is on the very expression
    // the index is built on.
    const int dims = space.key.dimensions;
    const QString distance
        = QStringLiteral("%1 <=> CAST(? AS %2)")
              .arg(PgSchema::vectorExpression(dims), PgSchema::indexedType(dims));
    QString sql = QStringLiteral("SELECT text_id, %1 FROM embeddings WHERE space_id = %2")
                      .arg(distance)
                      .arg(space.id);
    const QVariant vector = StoreRows::vector(*m_connection, target);
    QVariantList values { vector };
    if (!among.isEmpty()) {
        QStringList ids;
        ids.reserve(among.size());
        for (const qint64 id : among)
            ids.append(QString::number(id));
        sql += QStringLiteral(" AND text_id = ANY (CAST(? AS bigint[]))");
        values.append(QString(u'{' + ids.join(u',') + u'}'));
    }
    sql += QStringLiteral(" ORDER BY %1 LIMIT ?").arg(distance);
    values << vector << limit;
    Result<QSqlQuery *> q = query(*m_connection, sql, values);
    if (!q)
        return q.error();
    QList<NearText> near;
    while ((*q)->next())
        near.append(NearText { (*q)->value(0).toLongLong(), 1.0f - (*q)->value(1).toFloat() });
    if (Status read = m_connection->finish(**q); !read)
        return read.error();
    // The iterative scan may hand them back slightly out of order (relaxed_order).
    std::stable_sort(near.begin(), near.end(),
        [](const NearText &a, const NearText &b) { return a.similarity > b.similarity; });
    return near;
}

Result<qint64> StoreReader::vectorCount(qint64 spaceId)
{
    return scalar(*m_connection,
        QStringLiteral("SELECT count(*) FROM embeddings WHERE space_id = ?"), { spaceId });
}

Result<qint64> StoreReader::vectorRowCount(qint64 spaceId)
{
    return scalar(*m_connection,
        QStringLiteral("SELECT count(*) FROM sources s JOIN files f ON f.source_id = s.id JOIN "
                       "chunks c ON c.file_id = f.id JOIN embeddings e ON e.space_id = s.space_id "
                       "AND e.text_id = c.text_id WHERE s.space_id = ?"),
        { spaceId });
}

Result<QList<KeywordMatch>> StoreReader::keywordMatches(const QString &expression, int limit)
{
    // Lower ranks first on both: FTS5's rank is the negated BM25; PostgreSQL's cover density
    // is negated to match.
    Result<QSqlQuery *> q = m_connection->isPostgres()
        ? query(*m_connection,
              QStringLiteral(
                  "SELECT id, -ts_rank_cd(words, q) AS rank FROM texts, "
                  "to_tsquery('simple', ?) q WHERE words @@ q ORDER BY rank, id LIMIT ?"),
              { tsquery(expression), limit })
        : query(*m_connection,
              QStringLiteral("SELECT rowid, rank FROM text_words WHERE text_words MATCH ? ORDER BY "
                             "rank LIMIT ?"),
              { expression, limit });
    if (!q)
        return q.error();
    QList<KeywordMatch> matches;
    while ((*q)->next())
        matches.append(KeywordMatch { (*q)->value(0).toLongLong(), (*q)->value(1).toDouble() });
    if (Status read = m_connection->finish(**q); !read)
        return read.error();
    return matches;
}

Result<qint64> StoreReader::keywordMatchCount(const QString &expression, qint64 cap)
{
    if (m_connection->isPostgres())
        return scalar(*m_connection,
            QStringLiteral("SELECT count(*) FROM (SELECT id FROM texts WHERE words @@ "
                           "to_tsquery('simple', ?) LIMIT ?) m"),
            { tsquery(expression), cap + 1 });
    return scalar(*m_connection,
        QStringLiteral("SELECT count(*) FROM (SELECT rowid FROM text_words WHERE text_words "
                       "MATCH ? LIMIT ?)"),
        { expression, cap + 1 });
}

Result<QList<FileRow>> StoreReader::filesWithoutKeywords(qint64 sourceId)
{
    return fileRows(QStringLiteral("f.status = 'indexed' AND EXISTS (SELECT 1 FROM chunks c JOIN "
                                   "texts t ON t.id = c.text_id WHERE c.file_id = f.id AND "
                                   "t.keywords = 0) AND f.source_id = ?"),
        sourceId);
}

Result<QList<KeywordGap>> StoreReader::keywordGaps(qint64 fileId)
{
    Result<QSqlQuery *> q = query(*m_connection,
        QStringLiteral("SELECT t.id, t.hash, c.byte_start, c.byte_end FROM chunks c JOIN texts t "
                       "ON t.id = c.text_id WHERE c.file_id = ? AND t.keywords = 0 ORDER BY c.id"),
        { fileId });
    if (!q)
        return q.error();
    QList<KeywordGap> gaps;
    while ((*q)->next())
        gaps.append(KeywordGap { (*q)->value(0).toLongLong(), (*q)->value(1).toByteArray(),
            (*q)->value(2).toLongLong(), (*q)->value(3).toLongLong() });
    if (Status read = m_connection->finish(**q); !read)
        return read.error();
    return gaps;
}

Result<qint64> StoreReader::textsWithoutKeywords(qint64 spaceId)
{
    return scalar(*m_connection,
        QStringLiteral("SELECT count(*) FROM embeddings e JOIN texts t ON t.id = e.text_id WHERE "
                       "e.space_id = ? AND t.keywords = 0"),
        { spaceId });
}

} // namespace SignalHub::Core
