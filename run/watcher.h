#pragma once

#include "indexer.h"
#include "result.h"
#include "treewatch.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QThread>
#include <functional>
#include <memory>

namespace SignalHub::Core {

class WatchLock;

// What to keep current, with what, in which database.
struct WatchRequest
{
    QStringList roots; // folders
    RunSettings settings;
    QByteArray apiKey; // kept in memory only
    QString databasePath; // absolute
    QString holder; // names this process to others that find the database watched
    WatchOptions options; // its scan rules and database come from the fields above
};

// Keeps indexed folders current: each folder's TreeWatch (on a thread of their own) reports
// batches of changed paths, and each batch becomes an incremental run of just those paths,
// one run at a time; batches that arrive meanwhile are merged for the next. The first run of
// each folder, once it is watched, finds what changed while nothing watched. One watcher per
// database: start() takes the database's WatchLock.
// With a paid provider each batch is estimated first: one that would cost more than the
// estimate threshold, or than what is left of the day's budget for watching, waits for a
// person (Folder::held) until more changes come; the built-in model needs no budget.
class Watcher : public QObject
{
    Q_OBJECT

public:
    struct Folder
    {
        QString root;
        bool watching = false;
        bool indexing = false; // a run of it goes on or waits
        bool waitingForGit = false; // changes wait for git to finish (a checkout, a rebase)
        // Why its changes wait for a person: they would cost more than the estimate threshold,
        // or than what is left of the day's budget. Empty when they do not wait.
        QString held;
        int watchedFolders = 0;
        int polledFolders = 0; // beyond the watch limit
        QDateTime upToDate; // when its last run ended with nothing left to do (UTC)
    };

    explicit Watcher(QObject *parent = nullptr);
    ~Watcher() override;

    // An error names who holds the database's watch lock, or why the lock cannot be taken.
    Status start(const WatchRequest &request);
    // Cancels the run that goes on (what was answered is kept) and stops watching; stopped()
    // follows.
    void stop();
    QList<Folder> folders() const { return m_folders; }
    // Indexes `path` (a file or folder inside a watched folder, or one itself) again, as if
    // it had changed. False when no folder watched here holds it.
    bool reindex(const QString &path);
    // Calls `done` (on this thread) once every change the kernel saw before this call has
    // reached pendingPaths(): a search can then wait for exactly what was saved before it.
    void settle(std::function<void()> done);
    // Changed paths (or whole folders) whose runs have not committed yet, held ones included.
    QStringList pendingPaths() const;

Q_SIGNALS:
    void folderChanged(const SignalHub::Core::Watcher::Folder &folder);
    void message(const QString &text);
    // `paths` changed paths in `root`, or 0 for the whole folder.
    void runStarted(const QString &root, int paths);
    void progress(const SignalHub::Core::ProgressSnapshot &snapshot);
    void runFinished(const SignalHub::Core::IndexSummary &summary);
    // After stop(), or a run that could not go on (its message says why; nothing is watched).
    void stopped(const QString &reason);

private:
    struct Pending
    {
        bool whole = false;
        QSet<QString> paths;
        bool held = false;

        // What a run of it looks at: nothing named, for the whole folder.
        QStringList onlyPaths() const;
    };
    struct Outlay
    {
        double costUsd = 0; // of the batch, estimated
        double spentTodayUsd = 0; // by watching, today
    };

    void onStarted(const QString &root, int watchedFolders, int polledFolders);
    void onFailed(const QString &root, const QString &text);
    void enqueue(const QString &root, const QStringList &paths);
    void enqueueWhole(const QString &root);
    void startNext();
    void checkOutlay(const QString &root, Pending pending);
    void onOutlay();
    void startRun(const QString &root, const Pending &pending);
    void hold(const QString &root, const Pending &pending, const QString &reason);
    // Blocking: an estimate of the batch and the day's spending, on the thread pool.
    static Result<Outlay> outlay(
        const WatchRequest &request, const QString &root, const QStringList &onlyPaths);
    void onRunFinished(const IndexSummary &summary);
    void finishStopping(const QString &reason);
    void startSettling();
    void onSettled(const QString &root);
    Folder &folder(const QString &root);
    void shutDownThread();

    WatchRequest m_request;
    std::unique_ptr<WatchLock> m_lock;
    QThread m_thread;
    Indexer m_indexer;
    QList<Folder> m_folders;
    QStringList m_queueOrder; // roots with pending changes, oldest first
    QHash<QString, Pending> m_queue;
    QString m_running; // the root of the run that goes on
    QStringList m_runningPaths; // what it indexes: its paths, or the root for all of it
    QList<QPointer<TreeWatch>> m_trees;
    int m_unsettled = 0; // trees that have not answered the settle round going on
    QList<std::function<void()>> m_settling; // waiting for the round going on
    QList<std::function<void()>> m_settleNext; // came during it: the events may be newer
    QString m_checking; // the root whose batch is being estimated
    Pending m_checked;
    QFutureWatcher<Result<Outlay>> m_outlay;
    bool m_stopping = false;
};

} // namespace SignalHub::Core

Q_DECLARE_METATYPE(SignalHub::Core::Watcher::Folder)
