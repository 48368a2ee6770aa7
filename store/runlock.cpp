#include "runlock.h"

#include "storeconnection.h"
#include "storelocation.h"

#include <QCoreApplication>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace SignalHub::Core {

RunLock::RunLock(QString path, int fd)
    : m_path(std::move(path))
    , m_fd(fd)
{ }

RunLock::RunLock(std::unique_ptr<StoreConnection> session)
    : m_session(std::move(session))
{ }

RunLock::~RunLock()
{
    if (m_session)
        return; // the connection ends, and the server releases its lock
    // Removed while still held, so no other process can take a lock on a file about to go.
    QFile::remove(m_path);
    ::close(m_fd);
}

Result<std::unique_ptr<RunLock>> RunLock::takeShared(const QString &url, qint64 runId)
{
    auto session = StoreConnection::open(url, StoreConnection::Mode::Read);
    if (!session)
        return session.error();
    QSqlQuery query((*session)->database());
    if (!query.exec(QStringLiteral("SELECT pg_try_advisory_lock(%1, %2)").arg(SharedKey).arg(runId))
        || !query.next() || !query.value(0).toBool())
        return Error { QCoreApplication::translate(
            "SignalHub::Core::Store", "Cannot mark run %1 as running in %2: %3")
                .arg(QString::number(runId), url, query.lastError().databaseText()) };
    return std::unique_ptr<RunLock>(new RunLock(std::move(*session)));
}

QString RunLock::pathFor(const QString &databasePath, qint64 runId)
{
    return databasePath + QStringLiteral(".run-%1.lock").arg(runId);
}

Result<std::unique_ptr<RunLock>> RunLock::take(const QString &databasePath, qint64 runId)
{
    if (StoreLocation::isUrl(databasePath))
        return takeShared(databasePath, runId);
    const QString path = pathFor(databasePath, runId);
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0 || ::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const QString reason = QString::fromLocal8Bit(std::strerror(errno));
        if (fd >= 0)
            ::close(fd);
        return Error { QCoreApplication::translate(
            "SignalHub::Core::Store", "Cannot mark run %1 as running in %2: %3")
                .arg(QString::number(runId), path, reason) };
    }
    return std::unique_ptr<RunLock>(new RunLock(path, fd));
}

bool RunLock::isHeld(const QString &databasePath, qint64 runId)
{
    const QString path = pathFor(databasePath, runId);
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool held = ::flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    if (!held)
        QFile::remove(path); // left by a process that died; we hold its lock while removing
    ::close(fd);
    return held;
}

bool RunLock::isYoung(const QDateTime &started)
{
    return started.secsTo(QDateTime::currentDateTimeUtc()) < GraceSeconds;
}

bool RunLock::hasDied(const QString &databasePath, qint64 runId, const QDateTime &started)
{
    return !isYoung(started) && !isHeld(databasePath, runId);
}

bool RunLock::hasDied(StoreConnection &connection, qint64 runId, const QDateTime &started)
{
    if (!connection.isPostgres())
        return hasDied(connection.path(), runId, started);
    if (isYoung(started))
        return false;
    // Any session of this database, on whichever machine; an answer that cannot be had
    // leaves the run as its row says.
    QSqlQuery query(connection.database());
    const bool asked = query.exec(
        QStringLiteral("SELECT EXISTS (SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = "
                       "l.database WHERE d.datname = current_database() AND l.locktype = "
                       "'advisory' AND l.classid = %1 AND l.objid = %2 AND l.objsubid = 2)")
            .arg(SharedKey)
            .arg(runId));
    return asked && query.next() && !query.value(0).toBool();
}

} // namespace SignalHub::Core
