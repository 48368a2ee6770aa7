#include "storeschema.h"

#include "logging.h"
#include "storeconnection.h"
#include "storetypes.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

namespace SignalHub::Core {

namespace {

// A released migration never changes, so its SQL spells chunk states as numbers; the code
// binds them from ChunkState, which therefore must keep these values.
static_assert(
    int(ChunkState::Pending) == 0 && int(ChunkState::Stored) == 1 && int(ChunkState::Failed) == 2,
    "chunks.state holds ChunkState values: version 1 of the schema fixed them");

// Version 1. Times are milliseconds since the epoch (UTC). Chunk state: 0 pending, 1 stored,
// 2 failed. Text is never stored, only its SHA-256.
const QStringList &schemaV1()
{
    static const QStringList statements {
        QStringLiteral(R"(CREATE TABLE spaces (
            id INTEGER PRIMARY KEY,
            provider TEXT NOT NULL,
            base_url TEXT NOT NULL DEFAULT '',
            model TEXT NOT NULL,
            dimensions INTEGER NOT NULL CHECK (dimensions > 0),
            asset_hash TEXT NOT NULL DEFAULT '',
            created INTEGER NOT NULL,
            UNIQUE (provider, base_url, model, dimensions, asset_hash)))"),
        // space_id: the space the states of this source's chunks refer to (its last run's).
        QStringLiteral(R"(CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            root TEXT NOT NULL UNIQUE,
            space_id INTEGER REFERENCES spaces(id),
            added INTEGER NOT NULL))"),
        QStringLiteral(R"(CREATE TABLE files (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            size INTEGER NOT NULL,
            mtime INTEGER NOT NULL,
            content_hash BLOB,
            language TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL CHECK (status IN ('indexed', 'skipped', 'unreadable')),
            skip_reason TEXT NOT NULL DEFAULT '',
            UNIQUE (source_id, path)))"),
        QStringLiteral(R"(CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            space_id INTEGER REFERENCES spaces(id),
            provider TEXT NOT NULL,
            model TEXT NOT NULL,
            settings TEXT NOT NULL DEFAULT '{}',
            started INTEGER NOT NULL,
            finished INTEGER,
            status TEXT NOT NULL DEFAULT 'running',
            usd_per_million REAL,
            files INTEGER NOT NULL DEFAULT 0,
            chunks INTEGER NOT NULL DEFAULT 0,
            stored INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0,
            unchanged INTEGER NOT NULL DEFAULT 0,
            tokens INTEGER NOT NULL DEFAULT 0,
            requests INTEGER NOT NULL DEFAULT 0,
            retries INTEGER NOT NULL DEFAULT 0,
            cost_usd REAL NOT NULL DEFAULT 0))"),
        // Each distinct text (by SHA-256) once: chunks and vectors refer to it by a small
        // integer assigned in arrival order, so their indexes grow at the end instead of taking
        // random inserts, and the 32-byte hash is stored twice in all (row and index) rather
        // than four times.
        QStringLiteral(R"(CREATE TABLE texts (
            id INTEGER PRIMARY KEY,
            hash BLOB NOT NULL UNIQUE))"),
        // paid_run: the run whose request produced this chunk's vector (NULL when the text
        // was already embedded): what the per-file cost report adds up.
        QStringLiteral(R"(CREATE TABLE chunks (
            id INTEGER PRIMARY KEY,
            file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
            start_line INTEGER NOT NULL,
            end_line INTEGER NOT NULL,
            start_col INTEGER,
            end_col INTEGER,
            byte_start INTEGER NOT NULL,
            byte_end INTEGER NOT NULL,
            text_id INTEGER NOT NULL REFERENCES texts(id),
            tokens INTEGER NOT NULL,
            state INTEGER NOT NULL DEFAULT 0 CHECK (state IN (0, 1, 2)),
            paid_run INTEGER REFERENCES runs(id)))"),
        QStringLiteral("CREATE INDEX chunks_file ON chunks(file_id)"),
        // Marks every chunk of a text stored at once, and finds orphaned vectors.
        QStringLiteral("CREATE INDEX chunks_text ON chunks(text_id)"),
        // text_id is not declared a foreign key: deleting a text would then scan this table.
        // Texts are only deleted when neither a chunk nor a vector refers to them.
        QStringLiteral(R"(CREATE TABLE embeddings (
            id INTEGER PRIMARY KEY,
            space_id INTEGER NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
            text_id INTEGER NOT NULL,
            vector BLOB NOT NULL))"),
        QStringLiteral("CREATE UNIQUE INDEX embeddings_key ON embeddings(space_id, text_id)"),
        QStringLiteral(R"(CREATE TABLE requests (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            started INTEGER NOT NULL,
            finished INTEGER NOT NULL,
            inputs INTEGER NOT NULL,
            tokens INTEGER NOT NULL DEFAULT 0,
            http_status INTEGER NOT NULL DEFAULT 0,
            attempt INTEGER NOT NULL DEFAULT 1,
            error TEXT NOT NULL DEFAULT '',
            transport_resends INTEGER NOT NULL DEFAULT 0))"),
        QStringLiteral("CREATE INDEX requests_run ON requests(run_id)"),
        QStringLiteral(R"(CREATE TABLE failures (
            id INTEGER PRIMARY KEY,
            chunk_id INTEGER NOT NULL REFERENCES chunks(id) ON DELETE CASCADE,
            run_id INTEGER REFERENCES runs(id) ON DELETE CASCADE,
            reason TEXT NOT NULL,
            http_status INTEGER NOT NULL DEFAULT 0,
            attempts INTEGER NOT NULL DEFAULT 0,
            resolved INTEGER NOT NULL DEFAULT 0,
            at INTEGER NOT NULL))"),
        QStringLiteral("CREATE INDEX failures_chunk ON failures(chunk_id)"),
        QStringLiteral(R"(CREATE TABLE prices (
            model TEXT PRIMARY KEY,
            usd_per_million REAL NOT NULL) WITHOUT ROWID)"),
        QStringLiteral(R"(INSERT INTO prices (model, usd_per_million) VALUES
            ('text-embedding-3-small', 0.02),
            ('text-embedding-3-large', 0.13),
            ('text-embedding-ada-002', 0.10),
            ('local', 0))"),
        QStringLiteral("PRAGMA application_id = %1").arg(StoreSchema::ApplicationId),
    };
    return statements;
}

Result<qint64> pragmaValue(StoreConnection &connection, const QString &pragma)
{
    QSqlQuery query(connection.database());
    if (!query.exec(QStringLiteral("PRAGMA ") + pragma) || !query.next())
        return connection.error(query.lastError());
    return query.value(0).toLongLong();
}

Result<qint64> tableCount(StoreConnection &connection)
{
    QSqlQuery query(connection.database());
    if (!query.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table'"))
        || !query.next())
        return connection.error(query.lastError());
    return query.value(0).toLongLong();
}

// Called inside the migration transaction, so another process cannot change the answer.
Status checkOwnership(StoreConnection &connection, qint64 version, int latest)
{
    const QString file = QDir::toNativeSeparators(connection.path());
    Result<qint64> applicationId = pragmaValue(connection, QStringLiteral("application_id"));
    if (!applicationId)
        return applicationId.error();
    const bool ours = *applicationId == StoreSchema::ApplicationId;
    if (!ours && *applicationId != 0)
        return Error { QCoreApplication::translate("SignalHub::Core::Store",
            "%1 is an SQLite database of another application, not a Signal Hub "
            "database. Choose another file with --db.")
                .arg(file) };
    if (version > latest)
        return Error { QCoreApplication::translate("SignalHub::Core::Store",
            "%1 was written by a newer Signal Hub (database version %2; this "
            "version reads up to %3). Use a newer Signal Hub, or another database "
            "with --db.")
                .arg(file)
                .arg(version)
                .arg(latest) };
    if (version == 0) {
        Result<qint64> tables = tableCount(connection);
        if (!tables)
            return tables.error();
        if (*tables > 0)
            return Error { QCoreApplication::translate("SignalHub::Core::Store",
                "%1 is an SQLite database of another application, not a Signal "
                "Hub database. Choose another file with --db.")
                    .arg(file) };
    } else if (!ours) {
        return Error { QCoreApplication::translate("SignalHub::Core::Store",
            "%1 is an SQLite database of another application, not a Signal Hub "
            "database. Choose another file with --db.")
                .arg(file) };
    }
    return {};
}

Status applyMigration(StoreConnection &connection, const StoreSchema::Migration &migration)
{
    for (const QString &statement : migration.statements) {
        if (Status status = connection.exec(statement); !status)
            return status;
    }
    return connection.exec(QStringLiteral("PRAGMA user_version = %1").arg(migration.version));
}

Error copyError(const QString &target, const QString &detail)
{
    return Error { QCoreApplication::translate(
        "SignalHub::Core::Store", "Could not copy it to %1 first (%2).")
            .arg(QDir::toNativeSeparators(target), detail) };
}

// A consistent copy of the database as last committed, at `target`. The migration's own
// connection cannot make it (VACUUM does not run inside a transaction), so a read-only
// connection of its own does while the migration holds the write lock: the copy is exactly
// what the migration starts from.
Status copyAside(const StoreConnection &connection, const QString &target)
{
    // Left by an earlier attempt that failed, which changed nothing: this copy supersedes it.
    if (QFile file(target); file.exists() && !file.remove())
        return copyError(target, file.errorString());
    static QAtomicInteger<quint64> counter;
    const QString name = QStringLiteral("signalhub-copy-%1").arg(counter.fetchAndAddRelaxed(1));
    QSqlError error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(connection.path());
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (db.open()) {
            QSqlQuery query(db);
            if (query.prepare(QStringLiteral("VACUUM INTO ?"))) {
                query.addBindValue(target);
                query.exec();
            }
            error = query.lastError();
        } else {
            error = db.lastError();
        }
    }
    QSqlDatabase::removeDatabase(name);
    if (error.type() == QSqlError::NoError)
        return {};
    QFile::remove(target); // half a copy would mislead whoever finds it
    return copyError(target, error.databaseText().isEmpty() ? error.text() : error.databaseText());
}

// `copy` is the copy made before the migration, empty when there is none.
Error upgradeError(
    const StoreConnection &connection, int version, const Status &status, const QString &copy)
{
    const QString file = QDir::toNativeSeparators(connection.path());
    if (copy.isEmpty())
        return Error { QCoreApplication::translate(
            "SignalHub::Core::Store", "Could not upgrade the database %1 to version %2: %3")
                .arg(file)
                .arg(version)
                .arg(status.errorMessage()) };
    qCWarning(lcStore) << "upgrading" << connection.path() << "to version" << version
                       << "failed; keeping the copy" << copy;
    return Error { QCoreApplication::translate("SignalHub::Core::Store",
        "Could not upgrade the database %1 to version %2 (its copy from before the upgrade is "
        "kept at %3): %4")
            .arg(file, QString::number(version), QDir::toNativeSeparators(copy),
                status.errorMessage()) };
}

// Applies one migration in a transaction of its own, first copying the database aside when
// the migration rewrites data and `mayCopy`. The copy is removed once the migration has
// committed and kept (and named in the error) when it failed.
Status runMigration(
    StoreConnection &connection, const StoreSchema::Migration &migration, int latest, bool mayCopy)
{
    if (Status began = connection.beginImmediate(); !began)
        return began;
    Result<qint64> current = pragmaValue(connection, QStringLiteral("user_version"));
    Status status
        = current ? checkOwnership(connection, *current, latest) : Status(current.error());
    QString copy; // set once the copy is made
    const bool applies = status && *current < migration.version;
    if (applies) {
        if (migration.rewritesData && mayCopy) {
            const QString target
                = connection.path() + QStringLiteral(".before-v%1").arg(migration.version);
            status = copyAside(connection, target);
            if (status) {
                copy = target;
                qCInfo(lcStore) << "copied" << connection.path() << "to" << copy
                                << "before migrating it to version" << migration.version;
            }
        }
        if (status) {
            qCInfo(lcStore) << "migrating" << connection.path() << "to version"
                            << migration.version;
            status = applyMigration(connection, migration);
        }
    }
    if (status)
        status = connection.exec(QStringLiteral("COMMIT"));
    if (!status) {
        (void)connection.exec(QStringLiteral("ROLLBACK"));
        return upgradeError(connection, migration.version, status, copy);
    }
    if (applies)
        qCInfo(lcStore) << "migrated" << connection.path() << "to version" << migration.version;
    if (!copy.isEmpty() && !QFile::remove(copy))
        qCWarning(lcStore) << "could not remove the copy" << copy << "after the migration";
    else if (!copy.isEmpty())
        qCInfo(lcStore) << "removed the copy" << copy;
    return {};
}

} // namespace

const QList<StoreSchema::Migration> &StoreSchema::migrations()
{
    static const QList<Migration> all {
        { 1, schemaV1() },
        // Why a run stopped before its end (status 'stopped' or 'failed'), for status.
        { 2,
            { QStringLiteral(
                "ALTER TABLE runs ADD COLUMN stop_reason TEXT NOT NULL DEFAULT ''") } },
        // Search queries embedded with a paid provider cost money too; they are not runs (a
        // run changes what the index holds), so they have a table of their own.
        { 3, { QStringLiteral(R"(CREATE TABLE queries (
                id INTEGER PRIMARY KEY,
                at INTEGER NOT NULL,
                space_id INTEGER REFERENCES spaces(id) ON DELETE SET NULL,
                provider TEXT NOT NULL,
                model TEXT NOT NULL,
                requests INTEGER NOT NULL,
                tokens INTEGER NOT NULL,
                usd_per_million REAL))") } },
        // How each file's bytes were decoded: 'utf-8', 'utf-8-bom', 'windows-1252'; empty for
        // files not read, and for those indexed before encodings were recorded (as UTF-8).
        { 4, { QStringLiteral("ALTER TABLE files ADD COLUMN encoding TEXT NOT NULL DEFAULT ''") } },
        // How a file's chunks were cut (RunPlan::chunking()): a run with other chunking cuts the
        // file again, as its estimate does. Empty before it was recorded: cut again once.
        { 5, { QStringLiteral("ALTER TABLE files ADD COLUMN chunking TEXT NOT NULL DEFAULT ''") } },
        // The keyword index: the words of each distinct text (IdentifierSplitter), keyed by the
        // text's id. Contentless, because the text itself stays in the files (a snippet is read
        // from there and checked against the hash); texts.keywords says whose words are in it,
        // so texts from before this version are filled in from their files by the next run.
        { 6,
            { QStringLiteral("ALTER TABLE texts ADD COLUMN keywords INTEGER NOT NULL DEFAULT 0"),
                QStringLiteral(
                    "CREATE VIRTUAL TABLE text_words USING fts5(words, content='', "
                    "contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2')") } },
        // What started a run: '' a person (index, retry), 'watch' a watcher, whose spending
        // per day has a budget.
        { 7,
            { QStringLiteral("ALTER TABLE runs ADD COLUMN started_by TEXT NOT NULL DEFAULT ''") } },
        // Portable sources. identity: what the folder is wherever it lies (SourceIdentity: a
        // git work tree's remote and branch, or a name the user gave), '' for a folder known
        // only by its path. Files keep their path relative to their source's root (StoreRows::
        // relativePath: '' for a source that is one file), so that a moved checkout, another
        // machine or another store matches them. A row outside its root cannot be placed; none
        // is written so, and any found is dropped (the next run finds the file again).
        { 8,
            { QStringLiteral("ALTER TABLE sources ADD COLUMN identity TEXT NOT NULL DEFAULT ''"),
                QStringLiteral(R"(DELETE FROM files WHERE NOT EXISTS (SELECT 1 FROM sources s
                    WHERE s.id = files.source_id AND (files.path = s.root
                    OR substr(files.path, 1, length(rtrim(s.root, '/')) + 1)
                        = rtrim(s.root, '/') || '/')))"),
                QStringLiteral(R"(UPDATE files SET path = (SELECT CASE WHEN files.path = s.root
                    THEN '' ELSE substr(files.path, length(rtrim(s.root, '/')) + 2) END
                    FROM sources s WHERE s.id = files.source_id))") },
            true },
    };
    return all;
}

int StoreSchema::currentVersion()
{
    return migrations().constLast().version;
}

QString StoreSchema::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/signalhub.sqlite");
}

qint64 StoreSchema::bytesToStore(qint64 vectors, int dimensions)
{
    constexpr double FileOverVectorBytes = 1.05;
    constexpr qint64 RowAndIndexBytes = 64; // rowid, keys, cell and index entry per vector
    const qint64 data = qint64(double(vectors) * (double(dimensions) * 4 * FileOverVectorBytes))
        + vectors * RowAndIndexBytes;
    return data + std::min(data, qint64(CheckpointPages) * PageSize);
}

Status StoreSchema::migrate(StoreConnection &connection, const QList<Migration> &migrations)
{
    const int latest = migrations.isEmpty() ? 0 : migrations.constLast().version;
    Result<qint64> version = pragmaValue(connection, QStringLiteral("user_version"));
    if (!version)
        return version.error();
    if (*version == latest)
        return checkOwnership(connection, *version, latest);
    if (*version > latest)
        return checkOwnership(connection, *version, latest);
    // Only the writer creates a database: a reader arriving before it must not lay out a file
    // without WAL and with the wrong page size.
    if (*version == 0 && connection.mode() == StoreConnection::Mode::Read) {
        if (Status ours = checkOwnership(connection, 0, latest); !ours)
            return ours;
        return Error { QCoreApplication::translate("SignalHub::Core::Store",
            "There is no Signal Hub database at %1 yet: index a folder first.")
                .arg(QDir::toNativeSeparators(connection.path())) };
    }

    // A database that this call creates has no data to lose, so no copies are made of it.
    const bool hadData = *version > 0;
    for (const Migration &migration : migrations) {
        if (migration.version <= *version)
            continue;
        if (Status done = runMigration(connection, migration, latest, hadData); !done)
            return done;
        *version = migration.version;
    }
    return {};
}

} // namespace SignalHub::Core
