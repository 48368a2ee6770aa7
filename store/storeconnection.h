#pragma once

#include "result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QString>
#include <functional>
#include <memory>

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
    };

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

    // A user-facing error for a failed statement on this database.
    Error error(const QSqlError &error) const;
    static bool isBusy(const QSqlError &error);

private:
    StoreConnection(const QString &path, Mode mode);
    Status configure();

    QString m_path;
    QString m_name;
    Mode m_mode;
    QSqlDatabase m_db;
    QHash<QString, QSqlQuery *> m_prepared;
    LockPolicy m_lockPolicy;
    std::function<void(const QString &)> m_onWaiting;
};

} // namespace SignalHub::Core
