// The watcher with real files and real inotify: a folder indexed through the OpenAI provider
// against the in-process test server into a real SQLite file is kept current through a save,
// a burst, a checkout under git's index lock, a rename, a delete, new folders, ignored files,
// its own database inside the tree, a watch limit, and a second watcher of the same database.

#include "directorywatch.h"
#include "embeddingtestserver.h"
#include "rawnames.h"
#include "storereader.h"
#include "treewatch.h"
#include "watcher.h"
#include "watchlock.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSemaphore>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace SignalHub::Core;
using namespace SignalHub::Testing;

namespace {

constexpr int Dims = 16;
const QByteArray Key = "sk-test-key";
constexpr int Patience = 20000; // ms: bounds every wait; a run here takes well under a second

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    QCOMPARE(file.write(bytes), bytes.size());
}

QByteArray function(const QString &name)
{
    return "int " + name.toUtf8() + "(int value)\n{\n    return value * 3 + 1;\n}\n";
}

// What the watcher did, as its signals said.
struct Record
{
    QList<int> runPaths; // per run started: changed paths, 0 for the whole folder
    QList<IndexSummary> runs; // per run finished
    QStringList messages;
    QList<Watcher::Folder> states;
};

} // namespace

class TestWatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void catchesUpThenStoresASave();
    void burstUnderGitIndexLockIsOneRun();
    void undoingAnEditCostsNothing();
    void renameDeleteAndNewFolders();
    void ignoredFilesAndItsOwnDatabaseCauseNoRun();
    void foldersBeyondTheWatchLimitArePolled();
    void foldersBeyondTheKernelsLimitArePolled();
    void oneWatcherPerDatabase();
    void lostEventsAskForARescan();
    void refusedKeyStopsWatchingAndKeepsChunksPending();
    void paidChangesWaitAboveTheThresholdOrTheBudget();

private:
    WatchRequest request() const;
    // Starts `watcher` and waits for its first run (the catch-up) to end.
    void startAndCatchUp(Watcher &watcher, Record &record, const WatchRequest &request);
    bool waitForRuns(const Record &record, int count);
    // The store's view of `path`: whether it holds the file as it is on disk, every chunk
    // stored.
    bool isStoredAsOnDisk(const QString &path);
    bool isKnown(const QString &path);
    std::optional<FileRow> storedFile(const QString &path);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_root;
    QString m_db;
    std::unique_ptr<EmbeddingTestServer> m_server;
};

void TestWatcher::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qRegisterMetaType<IndexSummary>();
    qRegisterMetaType<Watcher::Folder>();
}

void TestWatcher::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_root = m_dir->filePath(QStringLiteral("repo"));
    m_db = m_dir->filePath(QStringLiteral("index.db"));
    QVERIFY(QDir().mkpath(m_root));
    // A real work tree: libgit2 finds where git keeps its index lock.
    QCOMPARE(QProcess::execute(
                 QStringLiteral("git"), { QStringLiteral("init"), QStringLiteral("-q"), m_root }),
        0);
    writeFile(m_root + QStringLiteral("/.gitignore"), "build/\n*.o\n");
    writeFile(m_root + QStringLiteral("/src/main.cpp"), function(QStringLiteral("start")));
    TestServerConfig config;
    config.dimensions = Dims;
    config.apiKey = QString::fromLatin1(Key);
    m_server = std::make_unique<EmbeddingTestServer>(config);
    QVERIFY(m_server->listen());
}

void TestWatcher::cleanup()
{
    m_server.reset();
    removeTree(m_dir->path());
    m_dir.reset();
}

WatchRequest TestWatcher::request() const
{
    WatchRequest r;
    r.roots = { m_root };
    r.databasePath = m_db;
    r.apiKey = Key;
    r.holder = QStringLiteral("tst_watcher");
    r.settings.provider = ProviderKind::OpenAi;
    r.settings.baseUrl = m_server->openAiUrl().toString();
    r.settings.model = QStringLiteral("text-embedding-3-small");
    r.settings.dimensions = Dims;
    r.settings.timeoutSeconds = 5;
    r.options.quiet = std::chrono::milliseconds(200);
    return r;
}

void TestWatcher::startAndCatchUp(Watcher &watcher, Record &record, const WatchRequest &request)
{
    connect(&watcher, &Watcher::runStarted, this,
        [&record](const QString &, int paths) { record.runPaths.append(paths); });
    connect(&watcher, &Watcher::runFinished, this,
        [&record](const IndexSummary &summary) { record.runs.append(summary); });
    connect(&watcher, &Watcher::message, this,
        [&record](const QString &text) { record.messages.append(text); });
    connect(&watcher, &Watcher::folderChanged, this,
        [&record](const Watcher::Folder &folder) { record.states.append(folder); });
    const Status started = watcher.start(request);
    QVERIFY2(started, qPrintable(started.errorMessage()));
    QVERIFY(waitForRuns(record, 1));
    QCOMPARE(record.runPaths.value(0, -1), 0); // the whole folder, once watched
    QCOMPARE(record.runs.first().outcome, IndexSummary::Outcome::Completed);
}

bool TestWatcher::waitForRuns(const Record &record, int count)
{
    return QTest::qWaitFor([&] { return record.runs.size() >= count; }, Patience);
}

std::optional<FileRow> TestWatcher::storedFile(const QString &path)
{
    auto reader = StoreReader::open(m_db);
    if (!reader)
        return std::nullopt;
    const QList<SourceSpace> sources = (*reader)->sources().value();
    for (const SourceSpace &source : sources) {
        const QList<FileRow> files = (*reader)->files(source.id).value();
        for (const FileRow &row : files)
            if (row.file.path == path)
                return row;
    }
    return std::nullopt;
}

bool TestWatcher::isKnown(const QString &path)
{
    return storedFile(path).has_value();
}

bool TestWatcher::isStoredAsOnDisk(const QString &path)
{
    const std::optional<FileRow> row = storedFile(path);
    QFile file(path);
    if (!row || !file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray hash = QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
    if (row->file.contentHash != hash)
        return false;
    auto reader = StoreReader::open(m_db);
    const QList<ChunkRow> chunks = (*reader)->chunks(row->id).value();
    return !chunks.isEmpty()
        && std::all_of(chunks.cbegin(), chunks.cend(),
            [](const ChunkRow &chunk) { return chunk.state == ChunkState::Stored; });
}

void TestWatcher::catchesUpThenStoresASave()
{
    Watcher watcher;
    Record record;
    startAndCatchUp(watcher, record, request());
    const QString main = m_root + QStringLiteral("/src/main.cpp");
    QVERIFY(isStoredAsOnDisk(main));
    QVERIFY(record.states.last().upToDate.isValid());
    QVERIFY(record.states.last().watching);

    writeFile(main, function(QStringLiteral("edited")));
    QVERIFY(waitForRuns(record, 2));
    QCOMPARE(record.runPaths.at(1), 1);
    QCOMPARE(record.runs.at(1).stored, 1);
    QVERIFY(isStoredAsOnDisk(main));

    // What changed while nothing watched is found by the next watcher's first run.
    QSignalSpy stopped(&watcher, &Watcher::stopped);
    watcher.stop();
    QVERIFY(!stopped.isEmpty() || stopped.wait(Patience));
    writeFile(main, function(QStringLiteral("offline")));
    Watcher next;
    Record again;
    startAndCatchUp(next, again, request());
    QCOMPARE(again.runs.first().stored, 1);
    QVERIFY(isStoredAsOnDisk(main));
}

void TestWatcher::burstUnderGitIndexLockIsOneRun()
{
    Watcher watcher;
    Record record;
    startAndCatchUp(watcher, record, request());
    // A checkout: git holds its index lock while it writes the files.
    const QString lock = m_root + QStringLiteral("/.git/index.lock");
    writeFile(lock, {});
    writeFile(m_root + QStringLiteral("/src/f0.cpp"), function(QStringLiteral("f0")));
    QVERIFY(QTest::qWaitFor(
        [&] { return !record.states.isEmpty() && record.states.last().waitingForGit; }, Patience));
    for (int i = 1; i < 120; ++i)
        writeFile(
            m_root + QStringLiteral("/src/f%1.cpp").arg(i), function(QStringLiteral("f%1").arg(i)));
    QCOMPARE(record.runs.size(), 1); // nothing ran while git worked
    QVERIFY(QFile::remove(lock));
    QVERIFY(waitForRuns(record, 2));
    QCOMPARE(record.runPaths.at(1), 120);
    QCOMPARE(record.runs.at(1).files, 120);
    QCOMPARE(record.runs.at(1).stored, 120);
    QVERIFY(!record.states.last().waitingForGit);
    QVERIFY(isStoredAsOnDisk(m_root + QStringLiteral("/src/f119.cpp")));
}

// A branch switched and back, or an edit undone: the text's vector was kept, nothing is sent.
void TestWatcher::undoingAnEditCostsNothing()
{
    Watcher watcher;
    Record record;
    startAndCatchUp(watcher, record, request());
    const QString main = m_root + QStringLiteral("/src/main.cpp");
    const QByteArray before = function(QStringLiteral("start"));
    writeFile(main, function(QStringLiteral("experiment")));
    QVERIFY(waitForRuns(record, 2));
    QCOMPARE(record.runs.at(1).stored, 1);
    const qint64 requests = m_server->requests();
    writeFile(main, before);
    QVERIFY(waitForRuns(record, 3));
    QVERIFY(isStoredAsOnDisk(main));
    QCOMPARE(m_server->requests(), requests);
    QCOMPARE(record.runs.at(2).tokens, 0);
}

void TestWatcher::renameDeleteAndNewFolders()
{
    writeFile(m_root + QStringLiteral("/src/old.cpp"), function(QStringLiteral("renamed")));
    writeFile(m_root + QStringLiteral("/src/gone.cpp"), function(QStringLiteral("deleted")));
    Watcher watcher;
    Record record;
    startAndCatchUp(watcher, record, request());
    const QString old = m_root + QStringLiteral("/src/old.cpp");
    const QString renamed = m_root + QStringLiteral("/src/new.cpp");
    QVERIFY(isStoredAsOnDisk(old));

    QVERIFY(QFile::rename(old, renamed));
    QVERIFY(QTest::qWaitFor([&] { return isStoredAsOnDisk(renamed) && !isKnown(old); }, Patience));
    const qint64 requestsBefore = m_server->requests();

    QVERIFY(QFile::remove(m_root + QStringLiteral("/src/gone.cpp")));
    QVERIFY(QTest::qWaitFor(
        [&] { return !isKnown(m_root + QStringLiteral("/src/gone.cpp")); }, Patience));
    // A rename and a delete cost nothing: the renamed text was embedded before.
    QCOMPARE(m_server->requests(), requestsBefore);

    // Folders made with files in them before a watch could exist, and files made later.
    const QString deep = m_root + QStringLiteral("/src/a/b/c");
    writeFile(deep + QStringLiteral("/early.cpp"), function(QStringLiteral("early")));
    QVERIFY(QTest::qWaitFor(
        [&] { return isStoredAsOnDisk(deep + QStringLiteral("/early.cpp")); }, Patience));
    writeFile(deep + QStringLiteral("/later.cpp"), function(QStringLiteral("later")));
    QVERIFY(QTest::qWaitFor(
        [&] { return isStoredAsOnDisk(deep + QStringLiteral("/later.cpp")); }, Patience));

    // A folder moved away takes its files out of the index.
    QVERIFY(QDir().rename(m_root + QStringLiteral("/src/a"), m_dir->filePath(QStringLiteral("a"))));
    QVERIFY(
        QTest::qWaitFor([&] { return !isKnown(deep + QStringLiteral("/later.cpp")); }, Patience));
    QVERIFY(!isKnown(deep + QStringLiteral("/early.cpp")));
}

void TestWatcher::ignoredFilesAndItsOwnDatabaseCauseNoRun()
{
    // The database inside the watched tree, not ignored: its writes are no change.
    m_db = m_root + QStringLiteral("/index.db");
    Watcher watcher;
    Record record;
    startAndCatchUp(watcher, record, request());
    const qint64 runsBefore = record.runs.size();

    writeFile(m_root + QStringLiteral("/build/out.o"), "object code");
    writeFile(m_root + QStringLiteral("/src/main.o"), "object code");
    writeFile(m_root + QStringLiteral("/build/gen/deep.cpp"), function(QStringLiteral("built")));
    // The last change is worth a run; the ones before it never make one of their own.
    const QString real = m_root + QStringLiteral("/src/real.cpp");
    writeFile(real, function(QStringLiteral("real")));
    QVERIFY(waitForRuns(record, int(runsBefore) + 1));
    QCOMPARE(record.runPaths.last(), 1);
    QVERIFY(isStoredAsOnDisk(real));
    QVERIFY(!isKnown(m_root + QStringLiteral("/src/main.o")));

    // That run wrote the database inside the tree; the next run is the next real change's.
    const QString second = m_root + QStringLiteral("/src/second.cpp");
    writeFile(second, function(QStringLiteral("second")));
    QVERIFY(waitForRuns(record, int(runsBefore) + 2));
    QCOMPARE(record.runs.size(), runsBefore + 2);
    QCOMPARE(record.runPaths.last(), 1);
    QVERIFY(isStoredAsOnDisk(second));
}

void TestWatcher::foldersBeyondTheWatchLimitArePolled()
{
    for (const QString &folder : { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") })
        writeFile(m_root + u'/' + folder + QStringLiteral("/x.cpp"), function(folder));
    WatchRequest r = request();
    r.options.maxWatches = 2; // the root and src/ (or a/): the rest is polled
    r.options.pollInterval = std::chrono::milliseconds(200);
    Watcher watcher;
    Record record;
    startAndCatchUp(watcher, record, r);
    const Watcher::Folder state = watcher.folders().first();
    QCOMPARE(state.watchedFolders, 2);
    QCOMPARE(state.polledFolders, 3);
    const auto limitMessages = record.messages.filter(QStringLiteral("checked every"));
    QCOMPARE(limitMessages.size(), 1);

    // Every folder is kept current, watched or polled.
    for (const QString &folder :
        { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("src") }) {
        const QString path = m_root + u'/' + folder + QStringLiteral("/x.cpp");
        writeFile(path, function(folder + QStringLiteral("_edited")));
        QVERIFY2(
            QTest::qWaitFor([&] { return isStoredAsOnDisk(path); }, Patience), qPrintable(path));
    }
    // A new folder beyond the limit is polled as well; the limit is said once.
    const QString fresh = m_root + QStringLiteral("/b/fresh/y.cpp");
    writeFile(fresh, function(QStringLiteral("fresh")));
    QVERIFY(QTest::qWaitFor([&] { return isStoredAsOnDisk(fresh); }, Patience));
    QCOMPARE(record.messages.filter(QStringLiteral("checked every")).size(), 1);
}

// tools/test runs the suite in a user namespace whose inotify watch limit is low (this test
// runs alone): a tree with more folders than that meets the kernel's own limit.
void TestWatcher::foldersBeyondTheKernelsLimitArePolled()
{
    const int limit = DirectoryWatch::kernelLimit();
    if (limit <= 0 || limit > 20000)
        QSKIP("the watch limit is too high to reach here; tools/test lowers it in a user "
              "namespace (unshare --user)");
    for (int i = 0; i < limit + 20; ++i)
        QVERIFY(
            QDir().mkpath(m_root + QStringLiteral("/tree/d%1").arg(i, 5, 10, QLatin1Char('0'))));
    const QString last
        = m_root + QStringLiteral("/tree/d%1/last.cpp").arg(limit + 19, 5, 10, QLatin1Char('0'));
    writeFile(last, function(QStringLiteral("last")));
    WatchRequest r = request();
    r.options.pollInterval = std::chrono::milliseconds(200);
    Watcher watcher;
    Record record;
    startAndCatchUp(watcher, record, r);
    const Watcher::Folder state = watcher.folders().first();
    QVERIFY2(state.polledFolders >= 20, qPrintable(QString::number(state.polledFolders)));
    QVERIFY(state.watchedFolders <= limit);
    const QStringList said = record.messages.filter(QStringLiteral("fs.inotify.max_user_watches"));
    QCOMPARE(said.size(), 1);
    QVERIFY2(said.first().contains(QStringLiteral("sudo sysctl")), qPrintable(said.first()));

    writeFile(last, function(QStringLiteral("last_edited")));
    QVERIFY(QTest::qWaitFor([&] { return isStoredAsOnDisk(last); }, Patience));
}

// More events than the kernel queues for one reader while its thread is busy: the overflow
// is answered by a scan of the whole tree.
void TestWatcher::lostEventsAskForARescan()
{
    QFile limitFile(QStringLiteral("/proc/sys/fs/inotify/max_queued_events"));
    QVERIFY(limitFile.open(QIODevice::ReadOnly));
    const int queued = limitFile.readAll().trimmed().toInt();
    QVERIFY(queued > 0);
    QThread thread;
    WatchOptions options;
    options.databasePath = m_db;
    auto *watch = new TreeWatch(m_root, options);
    watch->moveToThread(&thread);
    connect(&thread, &QThread::finished, watch, &QObject::deleteLater);
    int started = 0;
    int rescans = 0;
    connect(watch, &TreeWatch::started, this, [&] { ++started; });
    connect(watch, &TreeWatch::rescanNeeded, this, [&] { ++rescans; });
    thread.start();
    QMetaObject::invokeMethod(watch, &TreeWatch::start);
    QVERIFY(QTest::qWaitFor([&] { return started == 1; }, Patience));

    QSemaphore held;
    QSemaphore release;
    QMetaObject::invokeMethod(watch, [&] {
        held.release();
        release.acquire();
    });
    held.acquire(); // the watch's thread is busy: the kernel queues what happens now
    // Two files in turn, so that the kernel cannot merge an event with the one before it.
    for (int i = 0; i < queued; ++i)
        writeFile(m_root + QStringLiteral("/src/%1.txt").arg(i % 2), QByteArray::number(i));
    release.release();
    QVERIFY(QTest::qWaitFor([&] { return rescans > 0; }, Patience));
    thread.quit();
    thread.wait();
}

// A fault no later change can get past (the key is refused): watching stops with the server's
// reason and lets go of the database; every chunk stays pending for the next run, none is
// stored or failed.
void TestWatcher::refusedKeyStopsWatchingAndKeepsChunksPending()
{
    WatchRequest r = request();
    r.apiKey = "sk-wrong";
    Watcher watcher;
    QSignalSpy stopped(&watcher, &Watcher::stopped);
    const Status started = watcher.start(r);
    QVERIFY2(started, qPrintable(started.errorMessage()));
    QVERIFY(stopped.wait(Patience));
    QVERIFY2(stopped.first().first().toString().contains(QStringLiteral("401")),
        qPrintable(stopped.first().first().toString()));
    QVERIFY(WatchLock::holder(m_db).isEmpty());
    QVERIFY(!watcher.folders().first().watching);
    auto reader = StoreReader::open(m_db);
    QVERIFY(reader);
    const QList<SourceSpace> sources = (*reader)->sources().value();
    QCOMPARE(sources.size(), 1);
    const QList<ChunkRow> pending = (*reader)->pendingChunks(sources.first().id).value();
    QVERIFY(!pending.isEmpty());
    QCOMPARE((*reader)->failedChunks().value().size(), 0);
    QCOMPARE(storedFile(m_root + QStringLiteral("/src/main.cpp")).has_value(), true);
    QVERIFY(!isStoredAsOnDisk(m_root + QStringLiteral("/src/main.cpp")));
}

void TestWatcher::oneWatcherPerDatabase()
{
    Watcher first;
    Record record;
    startAndCatchUp(first, record, request());
    QVERIFY(WatchLock::holder(m_db).startsWith(QStringLiteral("tst_watcher (pid ")));

    Watcher second;
    const Status refused = second.start(request());
    QVERIFY(!refused);
    QVERIFY2(refused.errorMessage().contains(QStringLiteral("tst_watcher (pid ")),
        qPrintable(refused.errorMessage()));

    QSignalSpy stopped(&first, &Watcher::stopped);
    first.stop();
    QVERIFY(!stopped.isEmpty() || stopped.wait(Patience));
    QVERIFY(WatchLock::holder(m_db).isEmpty());
    Record taken;
    startAndCatchUp(second, taken, request());
}

void TestWatcher::paidChangesWaitAboveTheThresholdOrTheBudget()
{
    WatchRequest r = request();
    r.settings.usdPerMillionTokens = 100000; // a dime per token: every file costs dollars
    r.settings.estimateThresholdUsd = 1e9;
    r.settings.watchBudgetUsdPerDay = 1e9;
    double spent = 0;
    double oneFile = 0;
    {
        Watcher watcher;
        Record record;
        startAndCatchUp(watcher, record, r);
        writeFile(m_root + QStringLiteral("/src/f1.cpp"), function(QStringLiteral("f1")));
        QVERIFY(waitForRuns(record, 2));
        oneFile = record.runs.at(1).costUsd;
        QVERIFY(oneFile > 0.5);
        for (const IndexSummary &run : std::as_const(record.runs))
            spent += run.costUsd;
        QSignalSpy stopped(&watcher, &Watcher::stopped);
        watcher.stop();
        QVERIFY(!stopped.isEmpty() || stopped.wait(Patience));
    }
    // Another day's watcher would start afresh; today's knows what was spent today.
    r.settings.watchBudgetUsdPerDay = spent + oneFile / 2;
    r.settings.estimateThresholdUsd = oneFile * 3;
    Watcher watcher;
    Record record;
    startAndCatchUp(watcher, record, r);
    QCOMPARE(record.runs.first().costUsd, 0.0);
    const auto heldFor = [&](const QString &words) {
        return QTest::qWaitFor([&] { return record.states.last().held.contains(words); }, Patience);
    };
    const QString f2 = m_root + QStringLiteral("/src/f2.cpp");
    writeFile(f2, function(QStringLiteral("f2")));
    QVERIFY2(heldFor(QStringLiteral("budget")), qPrintable(record.states.last().held));
    QCOMPARE(record.runs.size(), 1);
    QVERIFY(!isKnown(f2));
    QCOMPARE(record.messages.filter(QStringLiteral("budget")).size(), 1);

    // More changes are estimated together with those waiting: too much for one run unasked.
    QByteArray big;
    for (int i = 0; i < 10; ++i)
        big += function(QStringLiteral("big%1").arg(i));
    writeFile(m_root + QStringLiteral("/src/big.cpp"), big);
    QVERIFY2(heldFor(QStringLiteral("estimate threshold")), qPrintable(record.states.last().held));
    QCOMPARE(record.runs.size(), 1);
    QVERIFY(!isKnown(f2));
}

QTEST_GUILESS_MAIN(TestWatcher)
#include "tst_watcher.moc"
