#pragma once

#include "result.h"
#include "storetypes.h"

#include <QString>
#include <QVariant>
#include <optional>

class QSqlQuery;

namespace SignalHub::Core {

class StoreConnection;

// The writer's connection for one transaction, plus what that transaction has done (for
// StoreWriter::committed). Statements go through the connection's cache of prepared
// statements: a job may be only a few rows, so parsing its SQL each time is not free.
class WriteSession
{
public:
    explicit WriteSession(StoreConnection &connection);

    StoreConnection &connection() { return m_connection; }
    CommitSummary &summary() { return m_summary; }

    // Runs a cached prepared statement with positional values. For SELECTs the caller reads
    // the rows, then calls finish().
    Result<QSqlQuery *> exec(const QString &sql, const QVariantList &values = {});
    // For statements without rows: how many rows changed.
    Result<qint64> run(const QString &sql, const QVariantList &values = {});
    // The first column of the first row, if there is a row.
    Result<std::optional<QVariant>> value(const QString &sql, const QVariantList &values = {});
    // A transaction control statement (SAVEPOINT, RELEASE): cached like the others on SQLite,
    // where a job may be only a few rows and parsing it each time is not free; PostgreSQL
    // cannot prepare them.
    Status control(const QString &sql);
    // The id of the inserted row.
    Result<qint64> insert(const QString &sql, const QVariantList &values);
    // After reading the rows of exec(): the error when a step failed (StoreConnection::finish).
    Status finish(QSqlQuery &query);

private:
    StoreConnection &m_connection;
    CommitSummary m_summary;
};

} // namespace SignalHub::Core
