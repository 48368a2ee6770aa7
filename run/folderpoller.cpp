#include "folderpoller.h"

#include "filename.h"
#include "ownerthread.h"
#include "paths.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

namespace SignalHub::Core {

namespace {

// Seldom enough that even 100k polled files cost little, soon enough to feel live.
constexpr auto DefaultInterval = std::chrono::seconds(5);

} // namespace

FolderPoller::FolderPoller(QObject *parent)
    : QObject(parent)
    , m_timer(this)
{
    m_timer.setInterval(DefaultInterval);
    connect(&m_timer, &QTimer::timeout, this, &FolderPoller::poll);
}

void FolderPoller::add(const QString &folder)
{
    assertOwnerThread(this);
    m_folders.insert(folder, list(folder).value_or(Listing()));
    if (!m_timer.isActive())
        m_timer.start();
}

void FolderPoller::removeTree(const QString &folder)
{
    assertOwnerThread(this);
    m_folders.removeIf([&folder](const auto &it) { return isWithinFolder(it.key(), folder); });
    if (m_folders.isEmpty())
        m_timer.stop();
}

std::optional<FolderPoller::Listing> FolderPoller::list(const QString &folder)
{
    Listing listing;
    const QByteArray encoded = FileName::encode(folder);
    DIR *dir = ::opendir(encoded.constData());
    if (!dir)
        return std::nullopt;
    const int dirFd = ::dirfd(dir);
    while (const dirent *entry = ::readdir(dir)) {
        const QByteArrayView name(entry->d_name);
        if (name == "." || name == ".." || name == ".git")
            continue;
        struct stat info;
        if (::fstatat(dirFd, entry->d_name, &info, AT_SYMLINK_NOFOLLOW) != 0)
            continue; // vanished between readdir and stat
        listing.insert(FileName::decode(name),
            Stamp { qint64(info.st_size),
                qint64(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec,
                S_ISDIR(info.st_mode) });
    }
    ::closedir(dir);
    return listing;
}

void FolderPoller::poll()
{
    QStringList changedPaths;
    QStringList appeared;
    for (auto it = m_folders.begin(); it != m_folders.end();) {
        const std::optional<Listing> listed = list(it.key());
        if (!listed) {
            changedPaths.append(it.key());
            it = m_folders.erase(it);
            continue;
        }
        const Listing &now = *listed;
        const Listing &before = it.value();
        for (auto entry = now.cbegin(); entry != now.cend(); ++entry) {
            const auto old = before.constFind(entry.key());
            const QString path = it.key() + u'/' + entry.key();
            if (entry->isFolder) {
                if (old == before.cend() || !old->isFolder)
                    appeared.append(path);
            } else if (old == before.cend() || !(*old == *entry)) {
                changedPaths.append(path);
            }
        }
        for (auto entry = before.cbegin(); entry != before.cend(); ++entry) {
            if (!now.contains(entry.key()))
                changedPaths.append(it.key() + u'/' + entry.key());
        }
        it.value() = now;
        ++it;
    }
    if (!appeared.isEmpty())
        Q_EMIT foldersAppeared(appeared);
    if (!changedPaths.isEmpty())
        Q_EMIT changed(changedPaths);
}

} // namespace SignalHub::Core
