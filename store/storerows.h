#pragma once

#include "result.h"
#include "storetypes.h"

#include <QDateTime>
#include <QString>
#include <QVariant>
#include <optional>

class QSqlQuery;

namespace SignalHub::Core {

class StoreConnection;

// How the records of storetypes.h map to the store's columns, for the writer and the reader
// alike: when a column changes, this is the one place that reads or binds it.
class StoreRows
{
public:
    // The columns chunk() reads, for a query that names chunks c, files f, sources s and texts t.
    static const QString &chunkColumns();
    // A file's absolute path in SQL, for a query that names files f and sources s: files keep
    // their path relative to their source's root (see relativePath), so that an index follows
    // its folder to another place, machine or store.
    static const QString &absolutePathSql();
    // `path` relative to `root`: empty for the root itself (a source may be a single file),
    // else without a leading separator. Empty optional when the path is not inside the root.
    static std::optional<QString> relativePath(const QString &root, const QString &path);
    // The inverse of relativePath, as absolutePathSql() computes it.
    static QString absolutePath(const QString &root, const QString &relative);
    static constexpr int ChunkColumnCount = 12;
    // The chunk whose chunkColumns() start at column `first` of the query's current row.
    static ChunkRow chunk(const QSqlQuery &query, int first = 0);
    // Every row the query has left, then finishes it; the error when a step failed.
    static Result<QList<ChunkRow>> chunks(const StoreConnection &connection, QSqlQuery &query);

    // Every source with the space its chunk states refer to, for SourceChoice.
    static Result<QList<SourceSpace>> sources(StoreConnection &connection);

    // A vector as the connection's column takes it: float32 bytes in native order (SQLite's
    // BLOB), or pgvector's text form, whose shortest round-trip digits give the same floats
    // back.
    static QVariant vector(const StoreConnection &connection, const QList<float> &vector);
    // The column read back as float32 bytes in native order; empty when it is not a vector.
    static QByteArray vectorBytes(const StoreConnection &connection, const QVariant &value);

    // Chunk states are bound as values, never spelled in SQL: ChunkState is their one
    // definition (the schema's CHECK constraint repeats it, see StoreSchema).
    static QVariant state(ChunkState value) { return int(value); }

    // What identifies a space, in the order of its unique key: provider, base_url (normalised),
    // model, dimensions, asset_hash.
    static QVariantList spaceKey(const EmbeddingSpace &space);

    // Qt SQL binds a null QString as NULL, which TEXT NOT NULL refuses and which never
    // equals '': such columns get text(value).
    static QString text(const QString &value);
    // Times are stored as milliseconds since the epoch (UTC); an invalid time as now.
    static qint64 msecs(const QDateTime &time);
    // NULL reads as an invalid time.
    static QDateTime dateTime(const QVariant &msecs);
};

} // namespace SignalHub::Core
