#include "treewatch.h"

#include "directorywatch.h"
#include "filename.h"
#include "folderpoller.h"
#include "logging.h"
#include "paths.h"
#include "storereader.h"

#include <QFileInfo>
#include <algorithm>

namespace SignalHub::Core {

TreeWatch::TreeWatch(QString root, WatchOptions options, QObject *parent)
    : QObject(parent)
    , m_root(std::move(root))
    , m_options(std::move(options))
    , m_flushTimer(this) // a child, so that it moves to the watch's thread with it
{
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &TreeWatch::flush);
}

TreeWatch::~TreeWatch() = default;

void TreeWatch::start()
{
    m_watch = new DirectoryWatch(this);
    if (const Status opened = m_watch->open(); !opened) {
        Q_EMIT failed(m_root, opened.errorMessage());
        return;
    }
    m_watch->setMaxWatches(m_options.maxWatches);
    m_poller = new FolderPoller(this);
    m_poller->setInterval(m_options.pollInterval);
    connect(m_watch, &DirectoryWatch::changed, this, &TreeWatch::note);
    connect(m_watch, &DirectoryWatch::foldersAppeared, this, &TreeWatch::onFoldersAppeared);
    connect(m_watch, &DirectoryWatch::overflowed, this, &TreeWatch::onOverflow);
    connect(m_poller, &FolderPoller::changed, this, &TreeWatch::note);
    connect(m_poller, &FolderPoller::foldersAppeared, this, &TreeWatch::onFoldersAppeared);
    m_gitIndexLock = Scanner::gitIndexLock(m_root);
    watchFolders({});
    qCInfo(lcWatcher) << "watching" << m_watch->count() << "folders of" << m_root << "and polling"
                      << m_poller->count();
    Q_EMIT started(m_root, m_watch->count(), m_poller->count());
}

void TreeWatch::watchFolders(const QStringList &onlyPaths)
{
    ScanOptions options = m_options.scan;
    options.onlyPaths = onlyPaths;
    Scanner scanner(options);
    int polled = 0;
    scanner.walkFolders(m_root, [this, &polled](const QString &folder) {
        const Result<DirectoryWatch::Added> added = m_watch->add(folder);
        if (!added) {
            // Unreadable (no permission): the scan reports its files as unreadable too.
            qCWarning(lcWatcher) << added.errorMessage();
            return;
        }
        if (*added == DirectoryWatch::Added::LimitReached) {
            m_poller->add(folder);
            ++polled;
        }
    });
    if (polled > 0)
        sayLimitReached(polled);
}

void TreeWatch::sayLimitReached(int polled)
{
    if (m_limitSaid)
        return;
    m_limitSaid = true;
    const int seconds
        = int(std::chrono::ceil<std::chrono::seconds>(m_options.pollInterval).count());
    const QString folder = FileName::display(m_root);
    if (m_options.maxWatches > 0 && m_watch->count() >= m_options.maxWatches) {
        Q_EMIT message(tr("%n folder(s) of %1 are beyond the %2 folder watches allowed by the "
                          "settings: they are checked every %3 s instead.",
            nullptr, polled)
                .arg(folder)
                .arg(m_options.maxWatches)
                .arg(seconds));
        return;
    }
    const int limit = DirectoryWatch::kernelLimit();
    Q_EMIT message(tr("The system's limit of folder watches (fs.inotify.max_user_watches = %2) is "
                      "reached: %n folder(s) of %1 are checked every %3 s instead of watched. To "
                      "watch them all, raise it: sudo sysctl fs.inotify.max_user_watches=%4 (and "
                      "put that setting in /etc/sysctl.d/ to keep it).",
        nullptr, polled)
            .arg(folder)
            .arg(limit)
            .arg(seconds)
            .arg(std::max(limit * 2, 524288)));
}

void TreeWatch::note(const QStringList &paths)
{
    for (const QString &path : paths) {
        // The store's own writes (database, journal, locks) are no change of the tree.
        if (!m_options.databasePath.isEmpty() && path.startsWith(m_options.databasePath))
            continue;
        m_pending.insert(path);
    }
    if (m_pending.isEmpty())
        return;
    if (!m_pendingSince.isValid())
        m_pendingSince.start();
    const auto waited = std::chrono::milliseconds(m_pendingSince.elapsed());
    m_flushTimer.start(
        std::clamp(m_options.maxDelay - waited, std::chrono::milliseconds(0), m_options.quiet));
}

void TreeWatch::onFoldersAppeared(const QStringList &folders)
{
    // Files may have been made in a folder before its watch was: its whole content is a change.
    watchFolders(folders);
    note(folders);
}

void TreeWatch::onOverflow()
{
    m_pending.clear();
    m_pendingSince.invalidate();
    m_flushTimer.stop();
    watchFolders({}); // the folders made meanwhile
    Q_EMIT rescanNeeded(m_root);
}

bool TreeWatch::gitIsBusy() const
{
    return !m_gitIndexLock.isEmpty() && QFileInfo::exists(m_gitIndexLock);
}

void TreeWatch::settle()
{
    if (m_watch)
        m_watch->readEvents();
    if (!m_pending.isEmpty()) {
        m_flushTimer.stop();
        flush();
    }
    Q_EMIT settled(m_root);
}

void TreeWatch::flush()
{
    if (gitIsBusy()) {
        if (!m_gitWaitSince.isValid()) {
            qCInfo(lcWatcher) << "git is busy in" << m_root << ": waiting for it";
            m_gitWaitSince.start();
            Q_EMIT waitingForGit(m_root, true);
        }
        if (std::chrono::milliseconds(m_gitWaitSince.elapsed()) < m_options.gitLockWait) {
            m_flushTimer.start(m_options.quiet);
            return;
        }
        qCWarning(lcWatcher) << m_gitIndexLock << "stayed for" << m_options.gitLockWait.count()
                             << "ms: indexing anyway";
    }
    if (m_gitWaitSince.isValid()) {
        m_gitWaitSince.invalidate();
        Q_EMIT waitingForGit(m_root, false);
    }
    const QStringList paths(m_pending.cbegin(), m_pending.cend());
    m_pending.clear();
    m_pendingSince.invalidate();
    const QStringList worth = worthARun(paths);
    qCInfo(lcWatcher) << paths.size() << "paths changed in" << m_root << "," << worth.size()
                      << "worth a run";
    if (!worth.isEmpty())
        Q_EMIT changesReady(m_root, worth);
}

QStringList TreeWatch::worthARun(const QStringList &paths)
{
    QSet<QString> present;
    QStringList gone;
    for (const QString &path : paths) {
        if (FileName::exists(path))
            present.insert(path);
        else
            gone.append(path);
    }
    QStringList worth = knownToTheStore(gone);
    if (present.isEmpty())
        return worth;
    // What a run would look at: ignored and excluded files are not reported.
    ScanOptions options = m_options.scan;
    options.onlyPaths = QStringList(present.cbegin(), present.cend());
    Scanner scanner(options);
    QSet<QString> reported;
    scanner.scan({ m_root }, [&](const ScannedFile &file) {
        for (QString at = file.absolutePath; isWithinFolder(at, m_root);
            at = QFileInfo(at).path()) {
            if (present.contains(at)) {
                reported.insert(at);
                break;
            }
            if (at == m_root)
                break;
        }
    });
    worth.append(QStringList(reported.cbegin(), reported.cend()));
    return worth;
}

QStringList TreeWatch::knownToTheStore(const QStringList &paths)
{
    if (paths.isEmpty())
        return {};
    if (!m_reader) {
        auto reader = StoreReader::open(m_options.databasePath);
        if (!reader) {
            qCInfo(lcWatcher) << "no store to ask about removed paths:" << reader.errorMessage();
            return paths; // a run finds out
        }
        m_reader = std::move(*reader);
    }
    auto known = m_reader->knownPaths(paths);
    if (!known) {
        qCWarning(lcWatcher) << known.errorMessage();
        return paths;
    }
    return *known;
}

} // namespace SignalHub::Core
