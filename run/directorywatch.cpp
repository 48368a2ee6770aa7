#include "directorywatch.h"

#include "filename.h"
#include "logging.h"
#include "ownerthread.h"
#include "paths.h"

#include <QCoreApplication>
#include <QFile>
#include <QSocketNotifier>
#include <cerrno>
#include <cstring>
#include <sys/inotify.h>
#include <unistd.h>

namespace SignalHub::Core {

namespace {

// Content written (also by editors that keep the file open), attributes (touch, chmod), and
// entries coming and going. Not IN_OPEN or IN_ACCESS: reading, ours included, is no change.
constexpr uint32_t WatchedEvents = IN_MODIFY | IN_CLOSE_WRITE | IN_ATTRIB | IN_CREATE | IN_DELETE
    | IN_MOVED_FROM | IN_MOVED_TO | IN_ONLYDIR | IN_EXCL_UNLINK;

QString osError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace

DirectoryWatch::DirectoryWatch(QObject *parent)
    : QObject(parent)
{ }

DirectoryWatch::~DirectoryWatch()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

Status DirectoryWatch::open()
{
    assertOwnerThread(this);
    m_fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (m_fd < 0)
        return Error { QCoreApplication::translate("SignalHub::Core::Watcher",
            "Cannot watch folders for changes (inotify: %1); raise fs.inotify.max_user_instances "
            "or close other programs that watch files.")
                .arg(osError(errno)) };
    auto *notifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, this, &DirectoryWatch::readEvents);
    return {};
}

Result<DirectoryWatch::Added> DirectoryWatch::add(const QString &folder)
{
    assertOwnerThread(this);
    if (m_descriptors.contains(folder))
        return Added::Watching;
    if (m_maxWatches > 0 && m_folders.size() >= m_maxWatches)
        return Added::LimitReached;
    const int wd = ::inotify_add_watch(m_fd, FileName::encode(folder).constData(), WatchedEvents);
    if (wd < 0) {
        if (errno == ENOSPC)
            return Added::LimitReached;
        return Error { QCoreApplication::translate(
            "SignalHub::Core::Watcher", "Cannot watch %1: %2")
                .arg(FileName::display(folder), osError(errno)) };
    }
    // The same folder reached by two paths has one descriptor: the later path wins.
    m_descriptors.remove(m_folders.value(wd));
    m_folders.insert(wd, folder);
    m_descriptors.insert(folder, wd);
    return Added::Watching;
}

void DirectoryWatch::removeTree(const QString &folder)
{
    assertOwnerThread(this);
    for (auto it = m_descriptors.begin(); it != m_descriptors.end();) {
        if (isWithinFolder(it.key(), folder)) {
            ::inotify_rm_watch(m_fd, it.value());
            m_folders.remove(it.value());
            it = m_descriptors.erase(it);
        } else {
            ++it;
        }
    }
}

int DirectoryWatch::kernelLimit()
{
    // The sysctl, and the limit of this user namespace (a container's may be lower).
    int limit = 0;
    for (const QString &path : { QStringLiteral("/proc/sys/fs/inotify/max_user_watches"),
             QStringLiteral("/proc/sys/user/max_inotify_watches") }) {
        QFile file(path);
        const int value = file.open(QIODevice::ReadOnly) ? file.readAll().trimmed().toInt() : 0;
        if (value > 0)
            limit = limit > 0 ? std::min(limit, value) : value;
    }
    return limit;
}

void DirectoryWatch::readEvents()
{
    QStringList changedPaths;
    QStringList appeared;
    bool overflow = false;
    alignas(inotify_event) char buffer[64 * 1024];
    for (;;) {
        const ssize_t length = ::read(m_fd, buffer, sizeof buffer);
        if (length <= 0)
            break; // EAGAIN: all read
        for (ssize_t at = 0; at < length;) {
            const auto *event = reinterpret_cast<const inotify_event *>(buffer + at);
            at += ssize_t(sizeof(inotify_event) + event->len);
            if (event->mask & IN_Q_OVERFLOW) {
                overflow = true;
                continue;
            }
            const QString folder = m_folders.value(event->wd);
            if (folder.isEmpty())
                continue; // a watch removed since
            if (event->mask & IN_IGNORED) {
                // The folder is gone (or unmounted): the kernel dropped its watch.
                m_folders.remove(event->wd);
                if (m_descriptors.value(folder) == event->wd)
                    m_descriptors.remove(folder);
                continue;
            }
            if (event->len == 0)
                continue; // about the folder itself: its parent reports it by name
            const QString path = folder + u'/'
                + FileName::decode(QByteArrayView(event->name, qstrnlen(event->name, event->len)));
            const bool isFolder = event->mask & IN_ISDIR;
            if (isFolder && (event->mask & (IN_DELETE | IN_MOVED_FROM)))
                removeTree(path);
            if (isFolder && (event->mask & (IN_CREATE | IN_MOVED_TO)))
                appeared.append(path);
            else if (!isFolder || (event->mask & (IN_DELETE | IN_MOVED_FROM)))
                changedPaths.append(path);
        }
    }
    if (overflow) {
        qCWarning(lcWatcher) << "the kernel's queue of file events overflowed";
        Q_EMIT overflowed();
    }
    if (!appeared.isEmpty())
        Q_EMIT foldersAppeared(appeared);
    if (!changedPaths.isEmpty())
        Q_EMIT changed(changedPaths);
}

} // namespace SignalHub::Core
