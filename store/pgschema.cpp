#include "pgschema.h"

#include "logging.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace SignalHub::Core {

namespace {

// pg_advisory_xact_lock's key for laying out the schema: "SHDB", as the SQLite file's id.
constexpr qint64 MigrationLock = 0x53484442;

// Version 1: the SQLite layout at its version 8 (see storeschema.cpp for what each column
// means). Times are milliseconds since the epoch, as there, so rows read the same.
const QStringList &schemaV1()
{
    static const QStringList statements {
        QStringLiteral(R"(CREATE TABLE spaces (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            provider text NOT NULL,
            base_url text NOT NULL DEFAULT '',
            model text NOT NULL,
            dimensions integer NOT NULL CHECK (dimensions > 0),
            asset_hash text NOT NULL DEFAULT '',
            created bigint NOT NULL,
            UNIQUE (provider, base_url, model, dimensions, asset_hash)))"),
        QStringLiteral(R"(CREATE TABLE sources (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            identity text NOT NULL UNIQUE,
            space_id bigint REFERENCES spaces(id),
            added bigint NOT NULL))"),
        // Where each machine has the source: its own checkout, its own path.
        QStringLiteral(R"(CREATE TABLE source_roots (
            source_id bigint NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            host text NOT NULL,
            root text NOT NULL,
            PRIMARY KEY (source_id, host),
            UNIQUE (host, root)))"),
        QStringLiteral(R"(CREATE TABLE files (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            source_id bigint NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            path text NOT NULL,
            size bigint NOT NULL,
            mtime bigint NOT NULL,
            content_hash bytea,
            language text NOT NULL DEFAULT '',
            status text NOT NULL CHECK (status IN ('indexed', 'skipped', 'unreadable')),
            skip_reason text NOT NULL DEFAULT '',
            encoding text NOT NULL DEFAULT '',
            chunking text NOT NULL DEFAULT '',
            UNIQUE (source_id, path)))"),
        QStringLiteral(R"(CREATE TABLE runs (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            space_id bigint REFERENCES spaces(id),
            provider text NOT NULL,
            model text NOT NULL,
            settings text NOT NULL DEFAULT '{}',
            started bigint NOT NULL,
            finished bigint,
            status text NOT NULL DEFAULT 'running',
            stop_reason text NOT NULL DEFAULT '',
            started_by text NOT NULL DEFAULT '',
            usd_per_million double precision,
            files bigint NOT NULL DEFAULT 0,
            chunks bigint NOT NULL DEFAULT 0,
            stored bigint NOT NULL DEFAULT 0,
            failed bigint NOT NULL DEFAULT 0,
            unchanged bigint NOT NULL DEFAULT 0,
            tokens bigint NOT NULL DEFAULT 0,
            requests bigint NOT NULL DEFAULT 0,
            retries bigint NOT NULL DEFAULT 0,
            cost_usd double precision NOT NULL DEFAULT 0))"),
        // words: the keyword index (IdentifierSplitter's words, as the 'simple' configuration
        // keeps them); NULL until a run has read the text.
        QStringLiteral(R"(CREATE TABLE texts (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            hash bytea NOT NULL UNIQUE,
            words tsvector))"),
        QStringLiteral("CREATE INDEX texts_words ON texts USING gin (words)"),
        QStringLiteral(R"(CREATE TABLE chunks (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            file_id bigint NOT NULL REFERENCES files(id) ON DELETE CASCADE,
            start_line integer NOT NULL,
            end_line integer NOT NULL,
            start_col integer,
            end_col integer,
            byte_start bigint NOT NULL,
            byte_end bigint NOT NULL,
            text_id bigint NOT NULL REFERENCES texts(id),
            tokens integer NOT NULL,
            state smallint NOT NULL DEFAULT 0 CHECK (state IN (0, 1, 2)),
            paid_run bigint REFERENCES runs(id)))"),
        QStringLiteral("CREATE INDEX chunks_file ON chunks(file_id)"),
        QStringLiteral("CREATE INDEX chunks_text ON chunks(text_id)"),
        QStringLiteral(R"(CREATE TABLE requests (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            run_id bigint NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            started bigint NOT NULL,
            finished bigint NOT NULL,
            inputs integer NOT NULL,
            tokens bigint NOT NULL DEFAULT 0,
            http_status integer NOT NULL DEFAULT 0,
            attempt integer NOT NULL DEFAULT 1,
            error text NOT NULL DEFAULT '',
            transport_resends integer NOT NULL DEFAULT 0))"),
        QStringLiteral("CREATE INDEX requests_run ON requests(run_id)"),
        QStringLiteral(R"(CREATE TABLE failures (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            chunk_id bigint NOT NULL REFERENCES chunks(id) ON DELETE CASCADE,
            run_id bigint REFERENCES runs(id) ON DELETE CASCADE,
            reason text NOT NULL,
            http_status integer NOT NULL DEFAULT 0,
            attempts integer NOT NULL DEFAULT 0,
            resolved boolean NOT NULL DEFAULT false,
            at bigint NOT NULL))"),
        QStringLiteral("CREATE INDEX failures_chunk ON failures(chunk_id)"),
        QStringLiteral(R"(CREATE TABLE queries (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at bigint NOT NULL,
            space_id bigint REFERENCES spaces(id) ON DELETE SET NULL,
            provider text NOT NULL,
            model text NOT NULL,
            requests bigint NOT NULL,
            tokens bigint NOT NULL,
            usd_per_million double precision))"),
        QStringLiteral(R"(CREATE TABLE prices (
            model text PRIMARY KEY,
            usd_per_million double precision NOT NULL))"),
        QStringLiteral(R"(INSERT INTO prices (model, usd_per_million) VALUES
            ('text-embedding-3-small', 0.02),
            ('text-embedding-3-large', 0.13),
            ('text-embedding-ada-002', 0.10),
            ('local', 0))"),
    };
    return statements;
}

Error databaseError(const QSqlDatabase &db, const QSqlError &error)
{
    return Error { PgSchema::tr("Database error in %1 on %2: %3")
            .arg(db.databaseName(),
                db.hostName().isEmpty() ? PgSchema::tr("the local socket") : db.hostName(),
                error.databaseText().isEmpty() ? error.text() : error.databaseText()) };
}

Status exec(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        return databaseError(db, query.lastError());
    return {};
}

// pgvector, created by this role when missing and allowed, else what the owner must do.
Status ensureVector(QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT 1 FROM pg_extension WHERE extname = 'vector'")))
        return databaseError(db, query.lastError());
    if (query.next())
        return {};
    if (query.exec(QStringLiteral("CREATE EXTENSION vector")))
        return {};
    return Error { PgSchema::tr(
        "The database %1 lacks the pgvector extension, and user %2 may not create it (%3). "
        "Its owner can: psql -d %1 -c 'CREATE EXTENSION vector' (Debian: postgresql-17-pgvector).")
            .arg(db.databaseName(),
                db.userName().isEmpty() ? PgSchema::tr("(default)") : db.userName(),
                query.lastError().databaseText()) };
}

Result<int> readVersion(QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT to_regclass('signalhub.meta') IS NOT NULL")))
        return databaseError(db, query.lastError());
    if (!query.next() || !query.value(0).toBool())
        return 0;
    if (!query.exec(
            QStringLiteral("SELECT value FROM signalhub.meta WHERE key = 'schema_version'")))
        return databaseError(db, query.lastError());
    return query.next() ? query.value(0).toInt() : 0;
}

Status apply(QSqlDatabase &db, const PgSchema::Migration &migration)
{
    for (const QString &statement : migration.statements) {
        if (Status done = exec(db, statement); !done)
            return done;
    }
    return exec(db,
        QStringLiteral("INSERT INTO meta (key, value) VALUES ('schema_version', '%1') ON CONFLICT "
                       "(key) DO UPDATE SET value = excluded.value")
            .arg(migration.version));
}

Status migrateLocked(QSqlDatabase &db, const QList<PgSchema::Migration> &migrations)
{
    const int latest = migrations.isEmpty() ? 0 : migrations.constLast().version;
    if (Status locked
        = exec(db, QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(MigrationLock));
        !locked)
        return locked;
    Result<int> version = readVersion(db);
    if (!version)
        return version.error();
    if (*version > latest)
        return Error { PgSchema::tr("The database %1 was laid out by a newer Signal Hub (version "
                                    "%2; this version reads up to %3). Use a newer Signal Hub.")
                .arg(db.databaseName())
                .arg(*version)
                .arg(latest) };
    if (*version == latest)
        return {};
    if (Status vector = ensureVector(db); !vector)
        return vector;
    for (const QString &setup : { QStringLiteral("CREATE SCHEMA IF NOT EXISTS signalhub"),
             QStringLiteral("SET LOCAL search_path TO signalhub, public"),
             QStringLiteral("CREATE TABLE IF NOT EXISTS meta (key text PRIMARY KEY, value text NOT "
                            "NULL)") }) {
        if (Status done = exec(db, setup); !done)
            return done;
    }
    for (const PgSchema::Migration &migration : migrations) {
        if (migration.version <= *version)
            continue;
        qCInfo(lcStore) << "laying out" << db.databaseName() << "at version" << migration.version;
        if (Status done = apply(db, migration); !done)
            return done;
    }
    return {};
}

} // namespace

const QList<PgSchema::Migration> &PgSchema::migrations()
{
    static const QList<Migration> all { { 1, schemaV1() } };
    return all;
}

int PgSchema::currentVersion()
{
    return migrations().constLast().version;
}

Status PgSchema::migrate(QSqlDatabase &db)
{
    return migrate(db, migrations());
}

Status PgSchema::migrate(QSqlDatabase &db, const QList<Migration> &migrations)
{
    if (!db.transaction())
        return databaseError(db, db.lastError());
    Status status = migrateLocked(db, migrations);
    if (status && !db.commit())
        status = databaseError(db, db.lastError());
    if (!status)
        db.rollback();
    return status;
}

Result<int> PgSchema::version(QSqlDatabase &db)
{
    return readVersion(db);
}

QString PgSchema::vectorTable(qint64 spaceId)
{
    return QStringLiteral("signalhub.vectors_%1").arg(spaceId);
}

Status PgSchema::addVectorTable(QSqlDatabase &db, qint64 spaceId, int dimensions)
{
    if (dimensions > MaxHalfvecIndexDimensions)
        return Error { tr("A model of %1 dimensions is more than pgvector can index (%2 at most): "
                          "choose fewer dimensions (--dimensions, for models that can shorten "
                          "their vectors) or another model for the team store.")
                .arg(dimensions)
                .arg(MaxHalfvecIndexDimensions) };
    const QString table = vectorTable(spaceId);
    const QString indexed = dimensions > MaxVectorIndexDimensions
        ? QStringLiteral("(embedding::halfvec(%1)) halfvec_cosine_ops").arg(dimensions)
        : QStringLiteral("embedding vector_cosine_ops");
    const QStringList statements {
        QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (text_id bigint PRIMARY KEY REFERENCES "
                       "signalhub.texts(id), embedding vector(%2) NOT NULL)")
            .arg(table)
            .arg(dimensions),
        QStringLiteral("CREATE INDEX IF NOT EXISTS vectors_%1_hnsw ON %2 USING hnsw (%3) WITH "
                       "(m = 16, ef_construction = 64)")
            .arg(spaceId)
            .arg(table, indexed),
    };
    for (const QString &statement : statements) {
        if (Status done = exec(db, statement); !done)
            return done;
    }
    return {};
}

} // namespace SignalHub::Core
