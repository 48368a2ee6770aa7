#pragma once

#include "result.h"
#include "storetypes.h"

#include <QHash>
#include <QSqlDatabase>
#include <QString>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

class QSqlError;
class QSqlQuery;

namespace SignalHub::Core {

class StoreLocation;

// One named connection to a Signal Hub database, with its schema brought up to date: an
// SQLite file (QSQLITE, with the pragmas every connection needs: WAL, foreign_keys=ON,
// synchronous=NORMAL, busy_timeout), or the team store on PostgreSQL (QPSQL, PgSchema; the
// session knows this machine's name, which its `sources` are). A connection belongs to the
// thread that opened it: use it there only, and destroy it there (the connection is removed
// from QSqlDatabase's registry on destruction).
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
    // For tests only: the machine's name in the team store, so that one host plays two.
    static constexpr const char *HostVariable = "SIGNALHUB_TEST_HOST";

    // The name this machine's folders go by in the team store.
    static QString hostName();

    // How long a writer waits for another process that holds the write lock.
    struct LockPolicy
    {
        int noticeAfterMs = 2000; // then onWaiting(message) is called once
        int giveUpAfterMs = 120000; // then the statement fails with a clear message
    };

    static Result<std::unique_ptr<StoreConnection>> open(const QString &path, Mode mode);
    // Whether `location` holds an index to read: the file exists, or the team store is laid
    // out. A server that cannot be asked counts as holding one, so that opening it tells why.
    static bool exists(const QString &location);
    ~StoreConnection();
    StoreConnection(const StoreConnection &) = delete;
    StoreConnection &operator=(const StoreConnection &) = delete;

    QSqlDatabase database() const { return m_db; }
    // The file, or the team store's URL (which holds no secret).
    QString path() const { return m_path; }
    Mode mode() const { return m_mode; }
    bool isPostgres() const { return m_postgres; }

    void setLockPolicy(const LockPolicy &policy, std::function<void(const QString &)> onWaiting);

    // Prepared once per connection and reused: most statements run thousands of times.
    Result<QSqlQuery *> prepared(const QString &sql);
    Status exec(QSqlQuery &query) const;
    Status exec(const QString &sql);
    // Runs sql, waiting (per LockPolicy) while another process holds the write lock.
    Status execWaitingForLock(const QString &sql);
    // A write transaction: on SQLite it takes the write lock at once (waiting per LockPolicy);
    // PostgreSQL locks rows as they are written.
    Status beginImmediate();
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

    // Whether the last error was the team store giving this transaction up for another's (a
    // deadlock or a serialization failure), which a retry gets past; reading clears it.
    bool takeConflict() { return std::exchange(m_conflict, false); }
    // The first error on this connection that means the database cannot take writes now.
    std::optional<StoreFault> fault() const { return m_fault; }
    // A user-facing error for a failed statement on this database.
    Error error(const QSqlError &error) const;
    static bool isBusy(const QSqlError &error);

private:
    StoreConnection(const QString &path, Mode mode);
    static Result<std::unique_ptr<StoreConnection>> openPostgres(
        const StoreLocation &location, Mode mode);
    Status configure();
    Status configureWriter();
    Status configurePostgres();
    Error postgresError(const QSqlError &error, const QString &detail) const;

    QString m_path;
    QString m_name;
    Mode m_mode;
    bool m_postgres = false;
    QSqlDatabase m_db;
    QHash<QString, QSqlQuery *> m_prepared;
    LockPolicy m_lockPolicy;
    std::function<void(const QString &)> m_onWaiting;
    mutable std::optional<StoreFault> m_fault; // recorded by error()
    mutable bool m_conflict = false; // recorded by error()
};

} // namespace SignalHub::Core
