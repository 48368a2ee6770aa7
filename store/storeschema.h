#pragma once

#include "result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace SignalHub::Core {

class StoreConnection;

// The database layout and its upgrades. `PRAGMA user_version` is the schema version; each
// migration runs in its own BEGIN IMMEDIATE transaction and is rolled back whole on failure,
// so a database is always at one version or the next, never in between. Two processes opening
// a new file at once are fine: the version is read again inside the transaction.
//
// A migration that rewrites data is preceded by a copy of the database, <db>.before-v<N> next
// to it, taken under the migration's write lock (VACUUM INTO on a read-only connection of its
// own), so the copy is exactly what the migration starts from. It is removed once the
// migration has committed; when the migration fails it is kept and the error names it. A
// database that the same migrate() call has just created gets no copies.
//
// Adding a migration (a table, a column, an index, or a change to existing rows):
//  1. Append { N, statements } (or { N, statements, true }, see 3.) to migrations() in
//     storeschema.cpp, N being the last version + 1. Never edit a migration that has been
//     released: databases out there are past it.
//  2. The statements run in order inside the migration's transaction (SQLite's DDL is
//     transactional); nothing that refuses to run in a transaction, such as VACUUM or
//     PRAGMA journal_mode. Values are literals: a chunk state is the number it has at that
//     version (see the static_assert on ChunkState in storeschema.cpp).
//  3. Set rewritesData when a statement changes or moves existing rows (UPDATE, DELETE,
//     INSERT … SELECT, rebuilding a table to change a column); adding tables, columns or
//     indexes needs no copy.
//  4. Test it in tst_store on a database of the previous version (as
//     migrationsKeepACopyUntilTheyCommit does) and add a new table to migratesEmptyFile's list.
//     StoreJobs, StoreReader and StoreRows follow the new layout in the same change, since
//     opening a database migrates it.
//
// Sizes: no text is stored, only its SHA-256, once, in `texts`; chunks and vectors refer to it
// by an integer given in arrival order, so every per-chunk index grows at its end. Vectors live
// in a rowid table appended in arrival order with a unique (space_id, text_id) index; 2 KiB
// pages let a 6,144-byte vector (1536 float32) fill three overflow pages almost exactly, so the
// file is ~1.05 × the raw vector bytes, and cost ~30 % less CPU per vector than 1 KiB pages
// (1.03 ×) in bench_engine's floor (see bench/RESULTS.md; 4 KiB pages give 1.34 ×, WITHOUT
// ROWID keyed by the hash 1.44 × and more writes).
class StoreSchema
{
public:
    static constexpr int PageSize = 2048;
    static constexpr qint32 ApplicationId = 0x53484442; // "SHDB" in the file header
    // The writer checkpoints the write-ahead log into the file after this many pages.
    static constexpr int CheckpointPages = 65536;

    struct Migration
    {
        int version = 0;
        QStringList statements;
        bool rewritesData = false; // copy the database aside first (see above)
    };

    static const QList<Migration> &migrations();
    static int currentVersion();

    // <AppDataLocation>/signalhub.sqlite
    static QString defaultPath();

    // About how much more disk storing `vectors` new vectors of `dimensions` takes: the vectors
    // as the file holds them (see Sizes above), their rows and index entries, and the
    // write-ahead log, which holds each written page until a checkpoint copies it back.
    static qint64 bytesToStore(qint64 vectors, int dimensions);

    // Brings the connection's database up to the last of `migrations`, in order from its
    // user_version. Refuses files of other applications and of newer Signal Hub versions with
    // a message saying what to do.
    static Status migrate(StoreConnection &connection, const QList<Migration> &migrations);
    static Status migrate(StoreConnection &connection) { return migrate(connection, migrations()); }
};

} // namespace SignalHub::Core
