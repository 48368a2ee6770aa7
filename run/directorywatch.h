#pragma once

#include "result.h"

#include <QHash>
#include <QObject>
#include <QStringList>

namespace SignalHub::Core {

// The kernel's file events of chosen folders: inotify, one watch per folder, read through a
// QSocketNotifier on the thread the object lives in. Not recursive: its owner adds the folders
// it wants, also those that appear later (foldersAppeared). Linux only.
class DirectoryWatch : public QObject
{
    Q_OBJECT

public:
    enum class Added
    {
        Watching,
        LimitReached, // fs.inotify.max_user_watches, or setMaxWatches()
    };

    explicit DirectoryWatch(QObject *parent = nullptr);
    ~DirectoryWatch() override;

    Status open();
    Result<Added> add(const QString &folder);
    // Stops watching `folder` and the folders below it.
    void removeTree(const QString &folder);
    int count() const { return int(m_folders.size()); }
    // At most this many watches (0: as many as the kernel grants), to leave the user's other
    // tools their share of fs.inotify.max_user_watches.
    void setMaxWatches(int count) { m_maxWatches = count; }

    // The kernel's limit for this user, read from /proc; 0 if unknown.
    static int kernelLimit();

    // Reads the events the kernel holds now: the notifier calls it, and so does whoever must
    // know of every change made before this moment.
    void readEvents();

Q_SIGNALS:
    // Files written, created, deleted or moved, and folders deleted or moved, in one read.
    void changed(const QStringList &paths);
    // Folders created or moved in: not watched yet.
    void foldersAppeared(const QStringList &paths);
    // The kernel's queue overflowed: events were lost, what changed is unknown.
    void overflowed();

private:
    int m_fd = -1;
    QHash<int, QString> m_folders; // watch descriptor -> folder
    QHash<QString, int> m_descriptors;
    int m_maxWatches = 0;
};

} // namespace SignalHub::Core
