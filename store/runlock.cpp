#include "runlock.h"

#include <QCoreApplication>
#include <QFile>
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

RunLock::~RunLock()
{
    // Removed while still held, so no other process can take a lock on a file about to go.
    QFile::remove(m_path);
    ::close(m_fd);
}

QString RunLock::pathFor(const QString &databasePath, qint64 runId)
{
    return databasePath + QStringLiteral(".run-%1.lock").arg(runId);
}

Result<std::unique_ptr<RunLock>> RunLock::take(const QString &databasePath, qint64 runId)
{
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

bool RunLock::hasDied(const QString &databasePath, qint64 runId, const QDateTime &started)
{
    const bool young = started.secsTo(QDateTime::currentDateTimeUtc()) < GraceSeconds;
    return !young && !isHeld(databasePath, runId);
}

} // namespace SignalHub::Core
