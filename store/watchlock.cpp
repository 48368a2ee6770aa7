#include "watchlock.h"

#include "logging.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QLocale>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace SignalHub::Core {

namespace {

int openLockFile(const QString &path)
{
    return ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
}

QString osError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace

WatchLock::WatchLock(int fd)
    : m_fd(fd)
{ }

WatchLock::~WatchLock()
{
    // The file stays: removing it could let a second process lock a file a third one is
    // about to open anew. Emptied, it names nobody.
    (void)::ftruncate(m_fd, 0);
    ::close(m_fd);
}

QString WatchLock::pathFor(const QString &databasePath)
{
    return databasePath + QStringLiteral(".watch.lock");
}

Result<std::unique_ptr<WatchLock>> WatchLock::take(
    const QString &databasePath, const QString &holder)
{
    const QString path = pathFor(databasePath);
    const int fd = openLockFile(path);
    if (fd < 0)
        return Error { QCoreApplication::translate(
            "SignalHub::Core::Store", "Cannot open the watch lock %1: %2")
                .arg(path, osError()) };
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const bool held = errno == EWOULDBLOCK;
        const QString reason = osError();
        ::close(fd);
        if (held)
            return std::unique_ptr<WatchLock>();
        return Error { QCoreApplication::translate(
            "SignalHub::Core::Store", "Cannot take the watch lock %1: %2")
                .arg(path, reason) };
    }
    const QByteArray who
        = QStringLiteral("%1 (pid %2) since %3")
              .arg(holder)
              .arg(QCoreApplication::applicationPid())
              .arg(QLocale().toString(QDateTime::currentDateTime(), QLocale::ShortFormat))
              .toUtf8();
    if (::ftruncate(fd, 0) != 0 || ::write(fd, who.constData(), size_t(who.size())) != who.size())
        qCWarning(lcStore) << "cannot name this process in the watch lock:" << osError();
    return std::unique_ptr<WatchLock>(new WatchLock(fd));
}

QString WatchLock::holder(const QString &databasePath)
{
    QFile file(pathFor(databasePath));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    if (::flock(file.handle(), LOCK_SH | LOCK_NB) == 0)
        return {}; // nobody holds it: a shared lock is granted
    return QString::fromUtf8(file.readAll()).trimmed();
}

} // namespace SignalHub::Core
