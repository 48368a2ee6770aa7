#pragma once

#include "result.h"
#include "storetypes.h"

#include <QHash>
#include <QSqlDatabase>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

class QSqlError;
class QSqlQuery;

namespace SignalHub::Core {

// One named QSQLITE connection to a Signal Hub database, with the pragmas every connection
// needs (WAL, foreign_keys=ON, synchronous=NORMAL, busy_timeout) and the schema brought up to
// date. A connection belongs to the thread that opened it: use it there only, and destroy it
// there (the connection is removed from QSqlDatabase's registry on destruction).
class StoreConnection
{
public:
    enum class Mode
    {
        Write, // creates the file (and its folder) if missing; the single writer uses this
        Read, // the file must exist; query_only, so a reader can never write by mistake
        Inspect, // opened read-only as found, not migrated: for verifying a file (StoreCheck)
    };

    // For tests only: caps a writer's database at this many pages (PRAGMA max_page_count), so
    // that a write beyond fails with SQLITE_FULL exactly as on a full disk.
    static constexpr const char *MaxPagesVariable = "SIGNALHUB_TEST_MAX_PAGE_COUNT";

    // How long a writer waits for another process that holds the write lock.
    struct LockPolicy
    {
        int noticeAfterMs = 2000; // then onWaiting(message) is called once
        int giveUpAfterMs = 120000; // then the statement fails with a clear message
    };

    static Result<std::unique_ptr<StoreConnection>> open(const QString &path, Mode mode);
    ~StoreConnection();
    StoreConnection(const StoreConnection &) = delete;
    StoreConnection &operator=(const StoreConnection &) = delete;

    QSqlDatabase database() const { return m_db; }
    QString path() const { return m_path; }
    Mode mode() const { return m_mode; }

    void setLockPolicy(const LockPolicy &policy, std::function<void(const QString &)> onWaiting);

    // Prepared once per connection and reused: most statements run thousands of times.
    Result<QSqlQuery *> prepared(const QString &sql);
    Status exec(QSqlQuery &query) const;
    Status exec(const QString &sql);
    // Runs sql, waiting (per LockPolicy) while another process holds the write lock.
    Status execWaitingForLock(const QString &sql);
    Status beginImmediate() { return execWaitingForLock(QStringLiteral("BEGIN IMMEDIATE")); }
    // For cleaning up after a failure (ROLLBACK TO, ROLLBACK): its own failure, such as "no
    // transaction is active" after SQLite rolled back by itself, adds nothing, so it is only
    // logged for developers.
    bool execQuietly(const QString &sql);

    // Ends reading the rows of `query` and finishes it: the error when a step failed (a
    // damaged page, an I/O error) rather than the rows running out. A query that stopped
    // early is not an answer, so every loop over rows ends here.
    Status finish(QSqlQuery &query) const;

    // The error for damage found on this connection (a vector of the wrong size, say); it is
    // recorded as its fault like a damaged page.
    Error damaged(const QString &detail) const;

    // The first error on this connection that means the database cannot take writes now.
    std::optional<StoreFault> fault() const { return m_fault; }
    // A user-facing error for a failed statement on this database.
    Error error(const QSqlError &error) const;
    static bool isBusy(const QSqlError &error);

private:
    StoreConnection(const QString &path, Mode mode);
    Status configure();
    Status configureWriter();

    QString m_path;
    QString m_name;
    Mode m_mode;
    QSqlDatabase m_db;
    QHash<QString, QSqlQuery *> m_prepared;
    LockPolicy m_lockPolicy;
    std::function<void(const QString &)> m_onWaiting;
    mutable std::optional<StoreFault> m_fault; // recorded by error()
};

} // namespace SignalHub::Core
