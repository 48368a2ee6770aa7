#pragma once

#include "result.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

class QSqlDatabase;

namespace SignalHub::Core {

// The team store's layout on PostgreSQL (pgvector) and its upgrades: the SQLite layout's tables
// where it can (StoreSchema), in a schema of their own (`signalhub`) so that a shared database
// can hold other applications' tables too. A table `signalhub.meta` holds the version; each
// migration runs in one transaction under an advisory lock, so two machines opening an empty
// database at once lay it out once (PostgreSQL's DDL is transactional).
//
// Where it differs from SQLite: a source is its identity (SourceIdentity; a folder without one
// is named by host and path), and each machine's folder of it is a row of source_roots, so
// teammates' checkouts in different places share its files. Texts carry their words as a
// tsvector (the keyword index). Vectors of every space share one table, each space with an
// HNSW index of its own (see addVectorIndex).
class PgSchema
{
    Q_DECLARE_TR_FUNCTIONS(SignalHub::Core::PgSchema)

public:
    static constexpr QLatin1StringView Schema { "signalhub" };

    struct Migration
    {
        int version = 0;
        QStringList statements;
    };
    static const QList<Migration> &migrations();
    static int currentVersion();

    // Lays out or upgrades the database `db` (open) to the latest version: pgvector is created
    // when missing and the role may, else named as what the database's owner must do. A
    // database of a newer Signal Hub is refused.
    static Status migrate(QSqlDatabase &db);
    static Status migrate(QSqlDatabase &db, const QList<Migration> &migrations);
    // The version `db` is at (0: not laid out).
    static Result<int> version(QSqlDatabase &db);

    // pgvector indexes up to 2,000 dimensions as vector and up to 4,000 as halfvec (half
    // precision, for the index only: the table keeps the full vectors).
    static constexpr int MaxVectorIndexDimensions = 2000;
    static constexpr int MaxHalfvecIndexDimensions = 4000;
    // pg_advisory_xact_lock's key while a space and its index are made ("SHSP").
    static constexpr qint64 SpacesLock = 0x53485350;
    // How many candidates an HNSW search keeps (hnsw.ef_search), chosen by bench_pgvector.
    static constexpr int SearchBreadth = 100;
    // What a space's HNSW index is built on, and what a query orders by to use it.
    static QString vectorExpression(int dimensions);
    // The type that expression casts to: what a query vector is cast to, to be compared.
    static QString indexedType(int dimensions);
    // Indexes the space's rows of signalhub.embeddings for cosine distance (HNSW at pgvector's
    // defaults: m 16, ef_construction 64) on vectorExpression(), unless they are already. Over
    // MaxHalfvecIndexDimensions no HNSW index fits: refused, naming the limit.
    static Status addVectorIndex(QSqlDatabase &db, qint64 spaceId, int dimensions);
};

} // namespace SignalHub::Core
