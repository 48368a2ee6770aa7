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

    struct Migration
    {
        int version = 0;
        QStringList statements;
    };

    static const QList<Migration> &migrations();
    static int currentVersion();

    // <AppDataLocation>/signalhub.sqlite
    static QString defaultPath();

    // Brings the connection's database up to the last of `migrations`. Refuses files of other
    // applications and of newer Signal Hub versions with a message saying what to do.
    static Status migrate(StoreConnection &connection, const QList<Migration> &migrations);
    static Status migrate(StoreConnection &connection) { return migrate(connection, migrations()); }
};

} // namespace SignalHub::Core
