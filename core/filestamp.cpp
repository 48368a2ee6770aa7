#include "filestamp.h"

#include "filename.h"

#include <QTimeZone>
#include <sys/stat.h>

namespace SignalHub::Core {

namespace {

qint64 nanoseconds(const struct timespec &time)
{
    return qint64(time.tv_sec) * 1000000000 + time.tv_nsec;
}

FileStamp stampOf(const struct stat &status)
{
    FileStamp stamp;
    stamp.size = qint64(status.st_size);
    stamp.modifiedNs = nanoseconds(status.st_mtim);
    stamp.changedNs = nanoseconds(status.st_ctim);
    stamp.device = quint64(status.st_dev);
    stamp.inode = quint64(status.st_ino);
    return stamp;
}

} // namespace

QDateTime FileStamp::modified() const
{
    return QDateTime::fromMSecsSinceEpoch(modifiedNs / 1000000, QTimeZone::UTC);
}

FileStamp FileStamp::ofDescriptor(int fd)
{
    struct stat status;
    return ::fstat(fd, &status) == 0 ? stampOf(status) : FileStamp();
}

FileStamp FileStamp::ofPath(const QString &path)
{
    struct stat status;
    return ::stat(FileName::encode(path).constData(), &status) == 0 ? stampOf(status) : FileStamp();
}

} // namespace SignalHub::Core
