#include "watcher.h"

#include "filename.h"
#include "logging.h"
#include "paths.h"
#include "watchlock.h"

namespace SignalHub::Core {

Watcher::Watcher(QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("signalhub-watch"));
    connect(&m_indexer, &Indexer::message, this, &Watcher::message);
    connect(&m_indexer, &Indexer::progress, this, &Watcher::progress);
    connect(&m_indexer, &Indexer::finished, this, &Watcher::onRunFinished);
}

Watcher::~Watcher()
{
    shutDownThread();
}

Status Watcher::start(const WatchRequest &request)
{
    Q_ASSERT(!m_lock);
    auto lock = WatchLock::take(request.databasePath, request.holder);
    if (!lock)
        return lock.error();
    if (!*lock)
        return Error { tr("%1 is kept current by %2: this process does not watch it too.")
                .arg(FileName::display(request.databasePath),
                    WatchLock::holder(request.databasePath)) };
    m_lock = std::move(*lock);
    m_request = request;
    WatchOptions options = request.options;
    options.scan = ScanOptions::forRun(request.settings);
    options.databasePath = request.databasePath;
    for (const QString &root : outermostFolders(request.roots)) {
        Folder state;
        state.root = root;
        m_folders.append(state);
        auto *watch = new TreeWatch(root, options);
        watch->moveToThread(&m_thread);
        connect(&m_thread, &QThread::finished, watch, &QObject::deleteLater);
        connect(watch, &TreeWatch::started, this, &Watcher::onStarted);
        connect(watch, &TreeWatch::failed, this, &Watcher::onFailed);
        connect(watch, &TreeWatch::message, this, &Watcher::message);
        connect(watch, &TreeWatch::changesReady, this, &Watcher::enqueue);
        connect(watch, &TreeWatch::rescanNeeded, this, &Watcher::enqueueWhole);
        connect(
            watch, &TreeWatch::waitingForGit, this, [this](const QString &watched, bool waiting) {
                Folder &f = folder(watched);
                f.waitingForGit = waiting;
                Q_EMIT folderChanged(f);
            });
        QMetaObject::invokeMethod(watch, &TreeWatch::start, Qt::QueuedConnection);
    }
    m_thread.start(QThread::LowPriority);
    return {};
}

void Watcher::stop()
{
    m_stopping = true;
    m_queue.clear();
    m_queueOrder.clear();
    if (m_indexer.isRunning())
        m_indexer.cancel(); // stopped() follows its end
    else
        finishStopping(QString());
}

Watcher::Folder &Watcher::folder(const QString &root)
{
    const auto it = std::find_if(m_folders.begin(), m_folders.end(),
        [&root](const Folder &folder) { return folder.root == root; });
    Q_ASSERT(it != m_folders.end());
    return *it;
}

void Watcher::onStarted(const QString &root, int watchedFolders, int polledFolders)
{
    Folder &f = folder(root);
    f.watching = true;
    f.watchedFolders = watchedFolders;
    f.polledFolders = polledFolders;
    Q_EMIT folderChanged(f);
    // Watched from now on: one run finds what changed while nothing watched.
    enqueueWhole(root);
}

void Watcher::onFailed(const QString &root, const QString &text)
{
    Q_EMIT message(text);
    Folder &f = folder(root);
    f.watching = false;
    Q_EMIT folderChanged(f);
}

void Watcher::enqueue(const QString &root, const QStringList &paths)
{
    if (m_stopping)
        return;
    if (!m_queue.contains(root))
        m_queueOrder.append(root);
    Pending &pending = m_queue[root];
    for (const QString &path : paths)
        pending.paths.insert(path);
    Folder &f = folder(root);
    f.indexing = true;
    Q_EMIT folderChanged(f);
    startNext();
}

void Watcher::enqueueWhole(const QString &root)
{
    if (m_stopping)
        return;
    enqueue(root, {});
    m_queue[root].whole = true;
}

void Watcher::startNext()
{
    if (m_stopping || m_indexer.isRunning() || m_queueOrder.isEmpty())
        return;
    // Later, not now: an enqueueWhole() that called this completes its batch first.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_stopping || m_indexer.isRunning() || m_queueOrder.isEmpty())
                return;
            const QString root = m_queueOrder.takeFirst();
            const Pending pending = m_queue.take(root);
            IndexRequest request;
            request.roots = { root };
            request.settings = m_request.settings;
            request.apiKey = m_request.apiKey;
            request.databasePath = m_request.databasePath;
            if (!pending.whole)
                request.onlyPaths = QStringList(pending.paths.cbegin(), pending.paths.cend());
            m_running = root;
            qCInfo(lcWatcher) << "run of" << root << "for"
                              << (pending.whole ? QStringLiteral("the whole folder")
                                                : QString::number(pending.paths.size())
                                             + QStringLiteral(" paths"));
            Q_EMIT runStarted(root, int(request.onlyPaths.size()));
            m_indexer.start(request);
        },
        Qt::QueuedConnection);
}

void Watcher::onRunFinished(const IndexSummary &summary)
{
    const QString root = std::exchange(m_running, QString());
    Q_EMIT runFinished(summary);
    if (summary.outcome == IndexSummary::Outcome::Fatal) {
        // Every later change would meet the same wall (a key refused, a full disk).
        m_stopping = true;
        finishStopping(summary.message);
        return;
    }
    if (m_stopping) {
        finishStopping(QString());
        return;
    }
    Folder &f = folder(root);
    f.indexing = m_queue.contains(root);
    if (summary.outcome == IndexSummary::Outcome::Completed && !f.indexing)
        f.upToDate = QDateTime::currentDateTimeUtc();
    Q_EMIT folderChanged(f);
    startNext();
}

void Watcher::finishStopping(const QString &reason)
{
    shutDownThread();
    m_lock.reset();
    for (Folder &f : m_folders) {
        f.watching = false;
        f.indexing = false;
        Q_EMIT folderChanged(f);
    }
    Q_EMIT stopped(reason);
}

void Watcher::shutDownThread()
{
    m_thread.quit();
    m_thread.wait();
}

} // namespace SignalHub::Core
