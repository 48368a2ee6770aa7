#include "watcher.h"

#include "estimator.h"
#include "filename.h"
#include "logging.h"
#include "paths.h"
#include "storelocation.h"
#include "storereader.h"
#include "watchlock.h"

#include <QtConcurrent>

namespace SignalHub::Core {

namespace {

const QString StartedByWatch = QStringLiteral("watch");

QString dollars(double usd)
{
    return QStringLiteral("$%1").arg(usd, 0, 'f', 2);
}

} // namespace

Watcher::Watcher(QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("signalhub-watch"));
    connect(&m_indexer, &Indexer::message, this, &Watcher::message);
    connect(&m_indexer, &Indexer::progress, this, &Watcher::progress);
    connect(&m_indexer, &Indexer::finished, this, &Watcher::onRunFinished);
    connect(&m_outlay, &QFutureWatcherBase::finished, this, &Watcher::onOutlay);
}

Watcher::~Watcher()
{
    // The Indexer cancels its run and waits for it when it is destroyed, after this object's
    // other members: the end of that run must not reach them.
    disconnect(&m_indexer, nullptr, this, nullptr);
    m_outlay.waitForFinished();
    shutDownThread();
}

Status Watcher::start(const WatchRequest &request)
{
    Q_ASSERT(!m_lock);
    if (StoreLocation::isUrl(request.databasePath))
        return Error { tr("Watching folders into the team store %1 is not built yet; index them "
                          "again after changes (only what changed is read).")
                .arg(request.databasePath) };
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
        connect(watch, &TreeWatch::settled, this, &Watcher::onSettled);
        m_trees.append(watch);
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
    else if (m_checking.isEmpty())
        finishStopping(QString());
    // else: stopped() follows the estimate
}

QStringList Watcher::Pending::onlyPaths() const
{
    return whole ? QStringList() : QStringList(paths.cbegin(), paths.cend());
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
    pending.held = false; // more changes: estimated again, together
    Folder &f = folder(root);
    f.indexing = true;
    f.held.clear();
    Q_EMIT folderChanged(f);
    startNext();
}

bool Watcher::reindex(const QString &path)
{
    if (m_stopping)
        return false;
    for (const Folder &f : std::as_const(m_folders)) {
        if (path == f.root) {
            enqueueWhole(f.root);
            return true;
        }
        if (path.startsWith(f.root + u'/')) {
            enqueue(f.root, { path });
            return true;
        }
    }
    return false;
}

void Watcher::settle(std::function<void()> done)
{
    if (m_stopping || m_trees.isEmpty()) {
        done();
        return;
    }
    if (m_unsettled > 0) {
        m_settleNext.append(std::move(done));
        return;
    }
    m_settling.append(std::move(done));
    startSettling();
}

void Watcher::startSettling()
{
    m_unsettled = 0;
    for (const QPointer<TreeWatch> &tree : std::as_const(m_trees))
        if (tree && QMetaObject::invokeMethod(tree, &TreeWatch::settle, Qt::QueuedConnection))
            ++m_unsettled;
    if (m_unsettled == 0)
        onSettled(QString());
}

void Watcher::onSettled(const QString &)
{
    if (m_unsettled > 0 && --m_unsettled > 0)
        return;
    // Queued signals keep their order: each tree's changes were enqueued before its answer.
    for (const auto &done : std::exchange(m_settling, {}))
        done();
    if (!m_settleNext.isEmpty()) {
        m_settling = std::exchange(m_settleNext, {});
        startSettling();
    }
}

QStringList Watcher::pendingPaths() const
{
    QStringList paths = m_runningPaths;
    if (!m_checking.isEmpty())
        paths.append(m_checked.whole ? QStringList { m_checking } : m_checked.onlyPaths());
    for (auto it = m_queue.cbegin(); it != m_queue.cend(); ++it) {
        if (it->whole)
            paths.append(it.key());
        else
            paths.append(QStringList(it->paths.cbegin(), it->paths.cend()));
    }
    paths.sort();
    paths.removeDuplicates();
    return paths;
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
    // Later, not now: an enqueueWhole() that called this completes its batch first.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_stopping || m_indexer.isRunning() || !m_checking.isEmpty())
                return;
            const auto next = std::find_if(m_queueOrder.cbegin(), m_queueOrder.cend(),
                [this](const QString &root) { return !m_queue.value(root).held; });
            if (next == m_queueOrder.cend())
                return;
            const QString root = *next;
            m_queueOrder.removeOne(root);
            Pending pending = m_queue.take(root);
            if (m_request.settings.provider == ProviderKind::Local)
                startRun(root, pending);
            else
                checkOutlay(root, std::move(pending));
        },
        Qt::QueuedConnection);
}

Result<Watcher::Outlay> Watcher::outlay(
    const WatchRequest &request, const QString &root, const QStringList &onlyPaths)
{
    Estimator::Options options;
    options.onlyPaths = onlyPaths;
    auto estimate = Estimator::run({ root }, request.settings, request.databasePath, options);
    if (!estimate)
        return estimate.error();
    if (!StoreReader::exists(request.databasePath))
        return Outlay { estimate->costUsd(), 0.0 }; // nothing was spent in a database not made
    auto reader = StoreReader::open(request.databasePath);
    if (!reader)
        return reader.error();
    const QDateTime midnight(QDate::currentDate(), QTime(0, 0));
    auto spent = (*reader)->spentSince(StartedByWatch, midnight);
    if (!spent)
        return spent.error();
    return Outlay { estimate->costUsd(), *spent };
}

void Watcher::checkOutlay(const QString &root, Pending pending)
{
    m_checking = root;
    m_checked = std::move(pending);
    m_outlay.setFuture(QtConcurrent::run(&Watcher::outlay, m_request, root, m_checked.onlyPaths()));
}

void Watcher::onOutlay()
{
    const QString root = std::exchange(m_checking, QString());
    const Pending pending = std::exchange(m_checked, Pending());
    if (m_stopping) {
        finishStopping(QString());
        return;
    }
    const Result<Outlay> outlay = m_outlay.result();
    if (!outlay) {
        hold(root, pending, outlay.errorMessage());
        return;
    }
    const RunSettings &settings = m_request.settings;
    const QString cost = dollars(outlay->costUsd);
    if (outlay->costUsd > settings.estimateThresholdUsd) {
        hold(root, pending,
            tr("its changes would cost about %1, more than the %2 a run may cost without asking "
               "(the estimate threshold); index it to send them.")
                .arg(cost, dollars(settings.estimateThresholdUsd)));
        return;
    }
    if (outlay->spentTodayUsd + outlay->costUsd > settings.watchBudgetUsdPerDay) {
        hold(root, pending,
            tr("its changes would cost about %1, and watching has spent %2 of its %3 budget "
               "today; they wait for tomorrow's budget, or index it to send them now.")
                .arg(cost, dollars(outlay->spentTodayUsd), dollars(settings.watchBudgetUsdPerDay)));
        return;
    }
    startRun(root, pending);
}

void Watcher::hold(const QString &root, const Pending &pending, const QString &reason)
{
    qCInfo(lcWatcher) << "changes of" << root << "wait:" << reason;
    if (!m_queue.contains(root))
        m_queueOrder.append(root);
    Pending &queued = m_queue[root];
    queued.whole = queued.whole || pending.whole;
    queued.paths.unite(pending.paths);
    queued.held = true;
    Folder &f = folder(root);
    f.indexing = false;
    f.held = reason;
    Q_EMIT folderChanged(f);
    Q_EMIT message(tr("Not indexing the changes of %1: %2").arg(FileName::display(root), reason));
    startNext();
}

void Watcher::startRun(const QString &root, const Pending &pending)
{
    IndexRequest request;
    request.roots = { root };
    request.settings = m_request.settings;
    request.apiKey = m_request.apiKey;
    request.databasePath = m_request.databasePath;
    request.startedBy = StartedByWatch;
    request.onlyPaths = pending.onlyPaths();
    m_running = root;
    m_runningPaths = pending.whole ? QStringList { root } : request.onlyPaths;
    qCInfo(lcWatcher) << "run of" << root << "for"
                      << (pending.whole ? QStringLiteral("the whole folder")
                                        : QString::number(pending.paths.size())
                                     + QStringLiteral(" paths"));
    Q_EMIT runStarted(root, int(request.onlyPaths.size()));
    m_indexer.start(request);
}

void Watcher::onRunFinished(const IndexSummary &summary)
{
    const QString root = std::exchange(m_running, QString());
    m_runningPaths.clear();
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
