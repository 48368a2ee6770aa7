// What only the team store does, on a PostgreSQL server the test starts itself: two machines
// (one host playing both through SIGNALHUB_TEST_HOST) share a source by what it is, a
// teammate's clone elsewhere takes the index over without paying again, a teammate on another
// branch keeps files of their own, an SQLite index moves in whole, a read-only user searches,
// and a run whose machine went away reads as interrupted. The behaviour both stores share is
// tested on both by tst_indexer and tst_searcher.

#include "embeddingtestserver.h"
#include "gitcommand.h"
#include "indexer.h"
#include "indextransfer.h"
#include "runlock.h"
#include "searcher.h"
#include "storereader.h"
#include "storewriter.h"
#include "testbackend.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace SignalHub::Core;
using namespace SignalHub::Testing;

namespace {

const QByteArray Key = "sk-team-key";
const QString Remote = u"https://git.example.com/team/app.git"_s;

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    QCOMPARE(file.write(bytes), bytes.size());
}

QByteArray functions(const QByteArray &tag, int count)
{
    QByteArray out;
    for (int i = 0; i < count; ++i)
        out += "int " + tag + "_" + QByteArray::number(i) + "(int v)\n{\n    return v * "
            + QByteArray::number(i + 2) + ";\n}\n\n";
    return out;
}

template<typename T> T await(QFuture<T> future)
{
    return future.result();
}

// A space, two live runs in it and a file of `texts` pending chunks, written through `writer`.
struct Leasing
{
    qint64 space = 0;
    qint64 first = 0;
    qint64 second = 0;
    QList<QByteArray> hashes;
    std::unique_ptr<RunLock> firstLive; // the runs' processes, as far as the server can tell
    std::unique_ptr<RunLock> secondLive;
};

Leasing prepareLeasing(StoreWriter &writer, const QString &db, const QString &root, int texts)
{
    Leasing l;
    const qint64 source = await(writer.claimSource(root)).value().sourceId;
    l.space = await(
        writer.ensureSpace({ u"openai"_s, QString(), u"text-embedding-3-small"_s, 24,
            {} })).value();
    (void)await(writer.useSpaceForSource(source, l.space)).value();
    RunStart run { l.space, u"openai"_s, u"text-embedding-3-small"_s, {}, std::nullopt, {} };
    l.first = await(writer.beginRun(run)).value();
    l.second = await(writer.beginRun(run)).value();
    FileRecord file;
    file.sourceId = source;
    file.path = root + u"/a.c";
    file.size = 100;
    file.mtime = QDateTime::currentDateTimeUtc();
    file.contentHash = "content";
    QList<Chunk> chunks;
    for (int i = 0; i < texts; ++i) {
        Chunk chunk;
        chunk.path = file.path;
        chunk.startLine = i + 1;
        chunk.endLine = i + 1;
        chunk.byteStart = i * 10;
        chunk.byteEnd = i * 10 + 10;
        chunk.textHash
            = QCryptographicHash::hash(QByteArray::number(i), QCryptographicHash::Sha256);
        chunk.tokens = 3;
        chunks.append(chunk);
        l.hashes.append(chunk.textHash);
    }
    (void)await(writer.writeFile(file, chunks)).value();
    l.firstLive = RunLock::take(db, l.first).value();
    l.secondLive = RunLock::take(db, l.second).value();
    return l;
}

QList<EmbeddingWrite> vectorsOf(const QList<QByteArray> &hashes, qint64 lease)
{
    QList<EmbeddingWrite> out;
    for (const QByteArray &hash : hashes)
        out.append({ hash, QList<float>(24, 0.5f), lease });
    return out;
}

// This process is `host` to the team store from now on.
void beHost(const QString &host)
{
    qputenv(StoreConnection::HostVariable, host.toUtf8());
}

} // namespace

class TestTeamStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void teammatesCloneTakesTheIndexOverWithoutPaying();
    void teammateOnAnotherBranchKeepsFilesOfTheirOwn();
    void searchFindsOnlyWhatThisMachineHas();
    void twoMachinesIndexingAtOnceShareTheirTexts();
    void sqliteIndexMovesInWhole();
    void readOnlyUserSearchesButCannotIndex();
    void runOfAMachineGoneReadsAsInterrupted();
    void leasesGiveEachTextToOneRunAtATime();
    void lateWriteUnderALeaseTakenOverIsFencedOff();

private:
    // A checkout of Remote at `branch` in `folder`, with two files.
    void makeCheckout(const QString &folder, const QString &branch);
    IndexRequest request(const QString &root, const QString &db) const;
    IndexSummary index(const QString &root, const QString &db);
    QList<SearchHit> search(const QString &db, const QString &query);

    TestBackend m_store;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EmbeddingTestServer> m_server;
    QString m_db;
};

void TestTeamStore::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qRegisterMetaType<IndexSummary>();
    qputenv("GIT_CONFIG_NOSYSTEM", "1");
    if (const QString why = m_store.startPostgres(); !why.isEmpty())
        QSKIP(qPrintable(why));
}

void TestTeamStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    TestServerConfig config;
    config.dimensions = 24;
    config.apiKey = QString::fromLatin1(Key);
    m_server = std::make_unique<EmbeddingTestServer>(config);
    QVERIFY(m_server->listen());
    m_db = m_store.fresh(m_dir->path());
    QVERIFY(!m_db.isEmpty());
    beHost(u"alice-laptop"_s);
}

void TestTeamStore::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

void TestTeamStore::makeCheckout(const QString &folder, const QString &branch)
{
    QVERIFY(QDir().mkpath(folder));
    QCOMPARE(git(folder, { u"init"_s, u"-q"_s, u"-b"_s, branch }), QString());
    QCOMPARE(git(folder, { u"remote"_s, u"add"_s, u"origin"_s, Remote }), QString());
    writeFile(folder + u"/parse.c", functions("parse", 4));
    writeFile(folder + u"/print.c", functions("print", 4));
}

IndexRequest TestTeamStore::request(const QString &root, const QString &db) const
{
    IndexRequest r;
    r.roots = { root };
    r.databasePath = db;
    r.apiKey = Key;
    r.settings.provider = ProviderKind::OpenAi;
    r.settings.baseUrl = m_server->openAiUrl().toString();
    r.settings.model = u"text-embedding-3-small"_s;
    r.settings.dimensions = 24;
    r.settings.maxRetries = 1;
    r.settings.timeoutSeconds = 5;
    return r;
}

IndexSummary TestTeamStore::index(const QString &root, const QString &db)
{
    Indexer indexer;
    QSignalSpy finished(&indexer, &Indexer::finished);
    indexer.start(request(root, db));
    if (!finished.wait(60000))
        return {};
    return finished.first().first().value<IndexSummary>();
}

QList<SearchHit> TestTeamStore::search(const QString &db, const QString &query)
{
    Searcher searcher(db);
    Searcher::Request request;
    request.query = query;
    request.k = 4;
    request.mode = Searcher::Mode::Hybrid;
    request.settings.timeoutSeconds = 5;
    request.keyFor = [](const RunSettings &) { return Key; };
    const auto answer = searcher.search(request);
    if (!answer) {
        qWarning() << answer.errorMessage();
        return {};
    }
    return answer->hits;
}

// The index follows what the folder is, not where it lies: Bob's clone in another place takes
// Alice's index over at once, and each of them finds the hits in their own clone.
void TestTeamStore::teammatesCloneTakesTheIndexOverWithoutPaying()
{
    const QString alice = m_dir->filePath(u"alice/app"_s);
    const QString bob = m_dir->filePath(u"bob/work/app"_s);
    makeCheckout(alice, u"main"_s);
    makeCheckout(bob, u"main"_s);
    const IndexSummary first = index(alice, m_db);
    QCOMPARE(first.exitCode(), 0);
    QVERIFY(first.stored > 0);

    beHost(u"bob-desktop"_s);
    m_server->reset();
    const IndexSummary second = index(bob, m_db);
    QCOMPARE(second.exitCode(), 0);
    QCOMPARE(m_server->inputs(), qint64(0));
    QCOMPARE(second.unchanged, first.stored);
    QCOMPARE(TestBackend::value(m_db, u"SELECT count(*) FROM source_ids"_s).toInt(), 1);

    const QList<SearchHit> bobs = search(m_db, u"print_2"_s);
    QVERIFY(!bobs.isEmpty());
    QCOMPARE(bobs.first().path, bob + u"/print.c");
    beHost(u"alice-laptop"_s);
    const QList<SearchHit> alices = search(m_db, u"print_2"_s);
    QVERIFY(!alices.isEmpty());
    QCOMPARE(alices.first().path, alice + u"/print.c");
}

// Bob's checkout of another branch is a source of its own: Alice's files of main are left as
// they are, and when Bob's folder goes back to main it is main's source again.
void TestTeamStore::teammateOnAnotherBranchKeepsFilesOfTheirOwn()
{
    const QString alice = m_dir->filePath(u"alice/app"_s);
    const QString bob = m_dir->filePath(u"bob/app"_s);
    makeCheckout(alice, u"main"_s);
    makeCheckout(bob, u"feature"_s);
    writeFile(bob + u"/feature.c", functions("feature", 3));
    QCOMPARE(index(alice, m_db).exitCode(), 0);
    beHost(u"bob-desktop"_s);
    QCOMPARE(index(bob, m_db).exitCode(), 0);

    const auto filesOf = [this](const QString &branch) {
        return TestBackend::value(m_db,
            u"SELECT string_agg(f.path, ',' ORDER BY f.path) FROM files f JOIN source_ids s ON "
            "s.id = f.source_id WHERE s.identity = 'git:git.example.com/team/app@%1'"_s.arg(branch))
            .toString();
    };
    QCOMPARE(filesOf(u"main"_s), u"parse.c,print.c"_s);
    QCOMPARE(filesOf(u"feature"_s), u"feature.c,parse.c,print.c"_s);

    // Back on main, without the feature's file: main's source, and only its own files change.
    QVERIFY(QFile::remove(bob + u"/feature.c"));
    QCOMPARE(git(bob, { u"symbolic-ref"_s, u"HEAD"_s, u"refs/heads/main"_s }), QString());
    m_server->reset();
    QCOMPARE(index(bob, m_db).exitCode(), 0);
    QCOMPARE(m_server->inputs(), qint64(0));
    QCOMPARE(filesOf(u"main"_s), u"parse.c,print.c"_s);
    QCOMPARE(filesOf(u"feature"_s), u"feature.c,parse.c,print.c"_s);
    QCOMPARE(
        TestBackend::value(m_db, u"SELECT count(*) FROM source_roots WHERE host = 'bob-desktop'"_s)
            .toInt(),
        1);
}

// The store's HNSW index answers with the nearest texts of the whole team; a machine's search
// keeps asking until it has its own k, however many nearer ones only others have.
void TestTeamStore::searchFindsOnlyWhatThisMachineHas()
{
    const QString alice = m_dir->filePath(u"alice/app"_s);
    makeCheckout(alice, u"main"_s);
    for (int f = 0; f < 24; ++f) // far more texts than Bob's, most of them nearer than his
        writeFile(alice + u"/print%1.c"_s.arg(f), functions("print" + QByteArray::number(f), 2));
    QCOMPARE(index(alice, m_db).exitCode(), 0);
    beHost(u"bob-desktop"_s);
    const QString bob = m_dir->filePath(u"bob/tool"_s);
    for (int f = 0; f < 3; ++f)
        writeFile(bob + u"/tool%1.c"_s.arg(f), functions("tool" + QByteArray::number(f), 2));
    QCOMPARE(index(bob, m_db).exitCode(), 0);

    Searcher searcher(m_db);
    Searcher::Request request;
    request.query = u"int print_3(int v)"_s;
    request.k = 3;
    request.mode = Searcher::Mode::Vector;
    request.settings.timeoutSeconds = 5;
    request.keyFor = [](const RunSettings &) { return Key; };
    const auto answer = searcher.search(request);
    QVERIFY2(answer, qPrintable(answer.errorMessage()));
    QCOMPARE(answer->hits.size(), 3);
    for (const SearchHit &hit : answer->hits)
        QVERIFY2(hit.path.startsWith(bob + u'/'), qPrintable(hit.path));
}

// Two teammates index at the same moment, on two branches whose files are the same: each text
// is kept once, and neither run fails on the other's rows.
void TestTeamStore::twoMachinesIndexingAtOnceShareTheirTexts()
{
    const QString main = m_dir->filePath(u"main/app"_s);
    const QString feature = m_dir->filePath(u"feature/app"_s);
    makeCheckout(main, u"main"_s);
    makeCheckout(feature, u"feature"_s);
    for (const QString &root : { main, feature })
        for (int f = 0; f < 30; ++f)
            writeFile(
                root + u"/shared%1.c"_s.arg(f), functions("shared" + QByteArray::number(f), 3));
    QList<IndexSummary> summaries;
    std::vector<std::unique_ptr<Indexer>> indexers;
    for (const QString &root : { main, feature }) {
        IndexRequest r = request(root, m_db);
        r.settings.batchSize = 4; // many small commits from each, interleaved
        auto indexer = std::make_unique<Indexer>();
        connect(indexer.get(), &Indexer::finished, this,
            [&summaries](const IndexSummary &summary) { summaries.append(summary); });
        indexer->start(r);
        indexers.push_back(std::move(indexer));
    }
    QTRY_COMPARE_WITH_TIMEOUT(summaries.size(), 2, 60000);
    for (const IndexSummary &summary : std::as_const(summaries))
        QVERIFY2(summary.exitCode() == 0, qPrintable(summary.message));
    const qint64 texts = TestBackend::value(m_db, u"SELECT count(*) FROM texts"_s).toLongLong();
    const qint64 distinct = TestBackend::value(
        m_db, u"SELECT count(DISTINCT t.hash) FROM texts t JOIN chunks c ON c.text_id = t.id"_s)
                                .toLongLong();
    QCOMPARE(texts, distinct);
    QCOMPARE(
        TestBackend::value(m_db, u"SELECT count(*) FROM chunks WHERE state <> 1"_s).toInt(), 0);
}

// An index made on one machine's SQLite file moves into the team store in whole: the same
// search finds the same places in both.
void TestTeamStore::sqliteIndexMovesInWhole()
{
    const QString root = m_dir->filePath(u"app"_s);
    makeCheckout(root, u"main"_s);
    writeFile(root + u"/notes.md", "# Notes\n\nThe printer prints one page at a time.\n");
    const QString file = m_dir->filePath(u"local.db"_s);
    QCOMPARE(index(root, file).exitCode(), 0);
    const auto copied = IndexTransfer::copy(file, m_db, {});
    QVERIFY2(copied, qPrintable(copied.errorMessage()));
    QCOMPARE(copied->size(), 1);

    m_server->reset();
    QCOMPARE(index(root, m_db).exitCode(), 0);
    QCOMPARE(m_server->inputs(), qint64(0)); // nothing left to pay for
    for (const QString &query : { u"print_1"_s, u"parse"_s, u"one page at a time"_s }) {
        const QList<SearchHit> local = search(file, query);
        const QList<SearchHit> team = search(m_db, query);
        QVERIFY(!local.isEmpty());
        QCOMPARE(team.size(), local.size());
        for (qsizetype i = 0; i < local.size(); ++i) {
            QCOMPARE(team[i].path, local[i].path);
            QCOMPARE(team[i].startLine, local[i].startLine);
        }
    }
}

// A role that may only read searches the team's index; indexing with it is refused as such.
void TestTeamStore::readOnlyUserSearchesButCannotIndex()
{
    const QString root = m_dir->filePath(u"app"_s);
    makeCheckout(root, u"main"_s);
    QCOMPARE(index(root, m_db).exitCode(), 0);
    const QString database = QUrl(m_db).path().mid(1);
    for (const QString &grant :
        { u"CREATE ROLE viewer LOGIN"_s, u"GRANT USAGE ON SCHEMA signalhub TO viewer"_s,
            u"GRANT SELECT ON ALL TABLES IN SCHEMA signalhub TO viewer"_s })
        QVERIFY(TestBackend::exec(m_db, grant));
    const QString viewer = m_store.databaseUrl(database, u"viewer"_s);

    const QList<SearchHit> hits = search(viewer, u"parse_3"_s);
    QVERIFY(!hits.isEmpty());
    QCOMPARE(hits.first().path, root + u"/parse.c");

    writeFile(root + u"/more.c", functions("more", 2));
    const IndexSummary refused = index(root, viewer);
    QVERIFY(refused.exitCode() != 0);
    QVERIFY2(refused.message.contains(u"may only read"_s), qPrintable(refused.message));
}

// A run is live while its machine holds its lock on the server: a run left "running" by a
// machine that went away (its connection ended) reads as interrupted on every machine.
void TestTeamStore::runOfAMachineGoneReadsAsInterrupted()
{
    const QString root = m_dir->filePath(u"app"_s);
    makeCheckout(root, u"main"_s);
    QCOMPARE(index(root, m_db).exitCode(), 0);
    const qint64 started = QDateTime::currentMSecsSinceEpoch() - 60000;
    for (int run = 0; run < 2; ++run)
        QVERIFY(TestBackend::exec(m_db,
            u"INSERT INTO runs (provider, model, started, status) VALUES ('openai', 'm', %1, "
            "'running')"_s.arg(started)));
    const qint64 live = TestBackend::value(m_db, u"SELECT max(id) FROM runs"_s).toLongLong();
    auto lock = RunLock::take(m_db, live);
    QVERIFY2(lock, qPrintable(lock.errorMessage()));

    beHost(u"bob-desktop"_s);
    auto reader = StoreReader::open(m_db);
    QVERIFY2(reader, qPrintable(reader.errorMessage()));
    const auto runs = (*reader)->runs();
    QVERIFY(runs);
    QHash<qint64, QString> status;
    for (const RunRow &row : *runs)
        status.insert(row.id, row.status);
    QCOMPARE(status.value(live), u"running"_s);
    QCOMPARE(status.value(live - 1), u"interrupted"_s);
    // Its machine goes away: the server ends the session, and with it the lock.
    lock->reset();
    QTRY_COMPARE_WITH_TIMEOUT(
        (*reader)->run(live).value().value_or(RunRow()).status, u"interrupted"_s, 10000);
}

// Workers of one run claim texts, not chunks: a text is leased to one run at a time, until
// the run stores it, its deadline passes on the server's clock, or its process dies.
void TestTeamStore::leasesGiveEachTextToOneRunAtATime()
{
    StoreWriter writer(m_db);
    QVERIFY(await(writer.open()));
    Leasing l = prepareLeasing(writer, m_db, m_dir->filePath(u"app"_s), 6);

    const TextClaim first
        = await(writer.claimTexts(l.space, l.first, l.hashes.first(4), 60)).value();
    QCOMPARE(first.claimed, l.hashes.first(4));
    QVERIFY(first.token > 0);
    const TextClaim second = await(writer.claimTexts(l.space, l.second, l.hashes, 60)).value();
    QCOMPARE(second.claimed, l.hashes.mid(4));
    QCOMPARE(second.leased, l.hashes.first(4));
    QVERIFY(second.token != first.token);

    // The first run stores two of its texts: they are stored for the second run's chunks too.
    auto fenced = std::make_shared<QList<QByteArray>>();
    QVERIFY(await(
        writer.storeLeased(l.space, l.first, vectorsOf(l.hashes.first(2), first.token), fenced)));
    QVERIFY(fenced->isEmpty());
    const TextClaim again
        = await(writer.claimTexts(l.space, l.second, l.hashes.first(4), 60)).value();
    QCOMPARE(again.stored, l.hashes.first(2));
    QCOMPARE(again.leased, l.hashes.mid(2, 2));

    // Its process dies: its other leases are free at once, long before their deadline.
    // (once the server has ended its session, which it does on its own time).
    l.firstLive.reset();
    const auto claimAgain = [&] {
        return await(writer.claimTexts(l.space, l.second, l.hashes.mid(2, 2), 60)).value().claimed;
    };
    QTRY_COMPARE_WITH_TIMEOUT(claimAgain(), l.hashes.mid(2, 2), 10000);

    // Leases end with their run.
    QVERIFY(await(writer.releaseLeases(l.second)));
    QCOMPARE(
        TestBackend::value(m_db, u"SELECT count(*) FROM text_leases WHERE owner <> 0"_s).toInt(),
        0);
}

// A worker whose lease ran out while it was still embedding (a stall, a long wait for the
// limits) meets a teammate who took the text over: its late write stores nothing, the
// teammate's does, and the text is paid into the store once.
void TestTeamStore::lateWriteUnderALeaseTakenOverIsFencedOff()
{
    StoreWriter writer(m_db);
    QVERIFY(await(writer.open()));
    const Leasing l = prepareLeasing(writer, m_db, m_dir->filePath(u"app"_s), 3);

    const TextClaim late = await(writer.claimTexts(l.space, l.first, l.hashes, 0)).value();
    QCOMPARE(late.claimed, l.hashes);
    // Renewing keeps a lease; these are past their deadline on the server's clock already.
    const TextClaim taker = await(writer.claimTexts(l.space, l.second, l.hashes, 60)).value();
    QCOMPARE(taker.claimed, l.hashes);

    auto fenced = std::make_shared<QList<QByteArray>>();
    QVERIFY(await(writer.storeLeased(l.space, l.first, vectorsOf(l.hashes, late.token), fenced)));
    QCOMPARE(*fenced, l.hashes);
    QCOMPARE(TestBackend::value(m_db, u"SELECT count(*) FROM embeddings"_s).toInt(), 0);
    QCOMPARE(TestBackend::value(m_db, u"SELECT count(*) FROM chunks WHERE state = 1"_s).toInt(), 0);

    QVERIFY(await(writer.storeLeased(l.space, l.second, vectorsOf(l.hashes, taker.token), fenced)));
    QVERIFY(fenced->isEmpty());
    QCOMPARE(TestBackend::value(m_db, u"SELECT count(*) FROM embeddings"_s).toInt(), 3);
    QCOMPARE(TestBackend::value(m_db, u"SELECT count(*) FROM chunks WHERE state = 1"_s).toInt(), 3);
    QCOMPARE(TestBackend::value(m_db, u"SELECT count(*) FROM text_leases"_s).toInt(), 0);
    QCOMPARE(
        TestBackend::value(m_db, u"SELECT count(*) FROM chunks WHERE paid_run = %1"_s.arg(l.second))
            .toInt(),
        3);
}

QTEST_GUILESS_MAIN(TestTeamStore)
#include "tst_teamstore.moc"
