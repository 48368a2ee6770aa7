#pragma once

#include "scanner.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>
#include <chrono>
#include <memory>

namespace SignalHub::Core {

class DirectoryWatch;
class FolderPoller;
class StoreReader;

// How a folder tree is watched.
struct WatchOptions
{
    ScanOptions scan; // the runs' rules: ignored and excluded folders are not watched
    QString databasePath; // its files (and locks) never count as changes
    int maxWatches = 0; // DirectoryWatch::setMaxWatches
    // A burst of events becomes one batch once the tree has been quiet this long, or at the
    // latest after maxDelay (a tree that never rests is still indexed).
    std::chrono::milliseconds quiet { 500 };
    std::chrono::milliseconds maxDelay { 5000 };
    std::chrono::milliseconds pollInterval { 5000 }; // folders beyond the watch limit
    // While git holds its index lock (a checkout, a rebase), batches wait, at most this long.
    std::chrono::milliseconds gitLockWait { 120'000 };
};

// Watches one folder tree (the folders a scan walks) and turns its file events into batches of
// changed paths worth a run: ignored files, the database's own files and files that come and
// go unindexed are dropped here, so they cause no run at all. Folders beyond the kernel's
// watch limit are polled (said once, with the sysctl to raise it). Blocking I/O: lives on a
// worker thread.
class TreeWatch : public QObject
{
    Q_OBJECT

public:
    TreeWatch(QString root, WatchOptions options, QObject *parent = nullptr);
    ~TreeWatch() override;

public Q_SLOTS:
    // Watches the tree; started() or failed() follows.
    void start();
    // Reports every change the kernel has seen so far at once, without waiting for the tree
    // to rest; settled() follows (after changesReady(), if there were changes).
    void settle();

Q_SIGNALS:
    void started(const QString &root, int watchedFolders, int polledFolders);
    void failed(const QString &root, const QString &message);
    void message(const QString &text);
    // Files and folders (absolute) that changed, were created or are gone.
    void changesReady(const QString &root, const QStringList &paths);
    // Events were lost: only a scan of the whole tree finds what changed.
    void rescanNeeded(const QString &root);
    // Changes wait while git works on the tree (a checkout, a rebase), and go on after.
    void waitingForGit(const QString &root, bool waiting);
    void settled(const QString &root);

private:
    void watchFolders(const QStringList &onlyPaths);
    void note(const QStringList &paths);
    void onFoldersAppeared(const QStringList &folders);
    void onOverflow();
    void flush();
    bool gitIsBusy() const;
    QStringList worthARun(const QStringList &paths);
    QStringList knownToTheStore(const QStringList &paths);
    void sayLimitReached(int polled);

    QString m_root;
    WatchOptions m_options;
    DirectoryWatch *m_watch = nullptr;
    FolderPoller *m_poller = nullptr;
    std::unique_ptr<StoreReader> m_reader;
    QString m_gitIndexLock; // empty outside git work trees
    QSet<QString> m_pending;
    QElapsedTimer m_pendingSince;
    QElapsedTimer m_gitWaitSince;
    QTimer m_flushTimer;
    bool m_limitSaid = false;
};

} // namespace SignalHub::Core
