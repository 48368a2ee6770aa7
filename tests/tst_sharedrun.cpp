// Several signalhub-cli processes index one corpus into one team store at once, as teammates'
// machines do: each pays for texts the others do not, the work of one killed with SIGKILL goes
// to the others, and together they keep to one API key's limits. The real CLI binary, a
// PostgreSQL server and an embeddings test server, both started by the test.

#include "embeddingtestserver.h"
#include "indexer.h"
#include "testbackend.h"
#include "testserverthread.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SignalHub::Core;
using namespace SignalHub::Testing;

namespace {

constexpr int Dims = 24;
constexpr int BatchSize = 8;
constexpr int Concurrency = 2;
// What a worker claims ahead of its answers (IndexWorker::shareWork): all it can lose.
constexpr int ClaimedAhead = 2 * Concurrency * BatchSize;

QByteArray functions(const QByteArray &tag, int count)
{
    QByteArray out;
    for (int i = 0; i < count; ++i)
        out += "int " + tag + "_" + QByteArray::number(i)
            + "(int value)\n{\n    int twice = value * " + QByteArray::number(i + 2)
            + ";\n    return twice + " + QByteArray::number(i) + ";\n}\n\n";
    return out;
}

struct Worker
{
    std::unique_ptr<QProcess> process;
    QJsonObject summary;
};

} // namespace

class TestSharedRun : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void threeWorkersPayForEachTextOnce();
    void killedWorkersTextsGoToTheOthers();
    void workersKeepToOneSharedTokenLimit();
    void windowsRunSeesItsTeammates();

private:
    void startServer(TestServerConfig config);
    void startWorkers(int count, const QStringList &extra = {});
    // Waits for every worker still running; each must succeed.
    void finishWorkers();
    qint64 count(const QString &sql) const { return TestBackend::value(m_db, sql).toLongLong(); }
    // Every chunk stored, each text's vector once.
    void verifyEverythingStoredOnce();

    TestBackend m_store;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestServerThread> m_server;
    std::vector<Worker> m_workers;
    QString m_db;
    QString m_root;
};

void TestSharedRun::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(QFileInfo(qEnvironmentVariable("SIGNALHUB_BINARY_DIR") + u"/bin/signalhub-cli"_s)
                 .isExecutable(),
        "SIGNALHUB_BINARY_DIR must hold bin/signalhub-cli");
    if (const QString why = m_store.startPostgres(); !why.isEmpty())
        QSKIP(qPrintable(why));
}

void TestSharedRun::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_db = m_store.fresh(m_dir->path());
    QVERIFY(!m_db.isEmpty());
    m_root = m_dir->filePath(u"corpus"_s);
    QVERIFY(QDir().mkpath(m_root));
    for (int f = 0; f < 40; ++f) {
        QFile file(m_root + u"/unit%1.c"_s.arg(f));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(functions("unit" + QByteArray::number(f), 6));
    }
}

void TestSharedRun::cleanup()
{
    for (Worker &worker : m_workers) {
        if (worker.process->state() != QProcess::NotRunning) {
            worker.process->kill();
            worker.process->waitForFinished(5000);
        }
    }
    m_workers.clear();
    m_server.reset();
    m_dir.reset();
}

void TestSharedRun::startServer(TestServerConfig config)
{
    config.dimensions = Dims;
    config.apiKey = u"sk-shared-run"_s;
    m_server = std::make_unique<TestServerThread>(config);
    QVERIFY(m_server->start());
}

void TestSharedRun::startWorkers(int count, const QStringList &extra)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *variable : { "HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
             "XDG_STATE_HOME", "XDG_RUNTIME_DIR" })
        env.insert(QString::fromLatin1(variable),
            m_dir->filePath(u"env/"_s + QString::fromLatin1(variable).toLower()));
    env.remove(u"OPENAI_API_KEY"_s);
    env.insert(u"SH_SHARED_KEY"_s, u"sk-shared-run"_s);
    const QStringList arguments = QStringList { u"index"_s, m_root, u"--db"_s, m_db,
        u"--provider"_s, u"openai"_s, u"--base-url"_s, m_server->baseUrl().toString() + u"/v1"_s,
        u"--model"_s, u"text-embedding-3-small"_s, u"--dimensions"_s, QString::number(Dims),
        u"--api-key-env"_s, u"SH_SHARED_KEY"_s, u"--batch-size"_s, QString::number(BatchSize),
        u"--concurrency"_s, QString::number(Concurrency), u"--chunk-tokens"_s, u"48"_s,
        u"--timeout"_s, u"10"_s, u"--quiet"_s, u"--json"_s }
        + extra;
    for (int i = 0; i < count; ++i) {
        Worker worker { std::make_unique<QProcess>(), {} };
        worker.process->setProcessEnvironment(env);
        worker.process->start(
            qEnvironmentVariable("SIGNALHUB_BINARY_DIR") + u"/bin/signalhub-cli"_s, arguments);
        QVERIFY(worker.process->waitForStarted());
        m_workers.push_back(std::move(worker));
    }
}

void TestSharedRun::finishWorkers()
{
    for (Worker &worker : m_workers) {
        QProcess &process = *worker.process;
        if (process.state() == QProcess::NotRunning && process.exitStatus() == QProcess::CrashExit)
            continue; // the one the test killed
        // Well before a lease's deadline (SharedWork::LeaseSeconds): a run that finishes only
        // because a dead teammate's leases expired fails here.
        QVERIFY(process.state() == QProcess::NotRunning || process.waitForFinished(60000));
        const QByteArray err = process.readAllStandardError();
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QVERIFY2(process.exitCode() == 0, err.constData());
        worker.summary = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
        QVERIFY2(!worker.summary.isEmpty(), err.constData());
    }
}

void TestSharedRun::verifyEverythingStoredOnce()
{
    QVERIFY(count(u"SELECT count(*) FROM chunks"_s) > 200);
    QCOMPARE(count(u"SELECT count(*) FROM chunks WHERE state <> 1"_s), 0);
    QCOMPARE(count(u"SELECT count(*) FROM embeddings"_s),
        count(u"SELECT count(DISTINCT text_id) FROM chunks"_s));
    QCOMPARE(count(u"SELECT count(*) FROM text_leases WHERE owner <> 0"_s), 0);
}

// Three workers on one corpus: every text is sent once, by one of them, and each of them has
// its share.
void TestSharedRun::threeWorkersPayForEachTextOnce()
{
    TestServerConfig config;
    config.setLatency(40);
    startServer(config);
    startWorkers(3);
    finishWorkers();
    verifyEverythingStoredOnce();
    const TestServerStats stats = m_server->server()->stats();
    QCOMPARE(stats.resentInputs, 0);
    QCOMPARE(stats.distinctInputs, count(u"SELECT count(*) FROM embeddings"_s));
    int paying = 0;
    qint64 stored = 0;
    for (const Worker &worker : m_workers) {
        paying += worker.summary.value("requests"_L1).toInteger() > 0;
        stored += worker.summary.value("stored"_L1).toInteger();
    }
    QVERIFY2(paying >= 2, "the work was not shared");
    QCOMPARE(stored, count(u"SELECT count(*) FROM chunks"_s));
}

// SIGKILL of a worker mid-run: the server drops its connections and with them its run's lock,
// so its leases are free at once; the others claim its texts and the run completes, having
// paid again at most what the killed worker had claimed ahead.
void TestSharedRun::killedWorkersTextsGoToTheOthers()
{
    TestServerConfig config;
    config.setLatency(150);
    startServer(config);
    startWorkers(3);
    QTRY_VERIFY_WITH_TIMEOUT(m_server->server()->stats().answeredInputs >= 3 * ClaimedAhead, 60000);
    m_workers.front().process->kill();
    QVERIFY(m_workers.front().process->waitForFinished(10000));
    finishWorkers();
    verifyEverythingStoredOnce();
    const TestServerStats stats = m_server->server()->stats();
    qInfo("killed once %lld inputs were answered; %lld texts paid twice", qint64(3 * ClaimedAhead),
        stats.reansweredInputs);
    QVERIFY2(stats.reansweredInputs <= ClaimedAhead + BatchSize,
        qPrintable(u"%1 texts paid twice"_s.arg(stats.reansweredInputs)));
    QCOMPARE(count(u"SELECT count(*) FROM runs WHERE status = 'finished'"_s), 2);
}

// One API key's tokens-per-minute limit held by three workers together: each books its
// requests with the others, so the server answers almost none with 429.
void TestSharedRun::workersKeepToOneSharedTokenLimit()
{
    constexpr qint64 TokensPerSecond = 1500;
    TestServerConfig config;
    config.setLatency(20);
    config.tpmLimit = TokensPerSecond;
    config.rateWindowMs = 1000;
    startServer(config);
    // Small requests, so that a 429 in a hundred shows.
    startWorkers(
        3, { u"--tpm"_s, QString::number(TokensPerSecond * 60), u"--batch-size"_s, u"2"_s });
    finishWorkers();
    verifyEverythingStoredOnce();
    const TestServerStats stats = m_server->server()->stats();
    QVERIFY2(stats.rateLimited * 100 <= stats.requests,
        qPrintable(u"%1 of %2 requests answered 429"_s.arg(stats.rateLimited).arg(stats.requests)));
    QVERIFY2(stats.requests >= 100 && stats.receivedTokens > 3 * TokensPerSecond,
        "too short a run to tell");
}

// The window's run (an Indexer in this process, as MainWindow starts it) joins two command-line
// workers: it hears of both, by run and machine, with their rates for the chart, and counts
// what they embedded for it.
void TestSharedRun::windowsRunSeesItsTeammates()
{
    TestServerConfig config;
    config.setLatency(1000); // long enough for several of the teammates' progress records
    startServer(config);
    startWorkers(2);
    IndexRequest request;
    request.roots = { m_root };
    request.databasePath = m_db;
    request.apiKey = "sk-shared-run";
    request.settings.provider = ProviderKind::OpenAi;
    request.settings.baseUrl = m_server->baseUrl().toString() + u"/v1"_s;
    request.settings.model = u"text-embedding-3-small"_s;
    request.settings.dimensions = Dims;
    request.settings.batchSize = BatchSize;
    request.settings.concurrency = Concurrency;
    request.settings.chunkTokens = 48;
    request.settings.timeoutSeconds = 10;
    Indexer indexer;
    QSignalSpy teammates(&indexer, &Indexer::teammates);
    QSignalSpy finished(&indexer, &Indexer::finished);
    indexer.start(request);
    QVERIFY(finished.wait(120000));
    finishWorkers();
    const auto summary = finished.first().first().value<IndexSummary>();
    QCOMPARE(summary.exitCode(), 0);
    QCOMPARE(summary.stored + summary.storedByTeammates, summary.chunks);
    QVERIFY(summary.storedByTeammates > 0);

    QSet<qint64> heard;
    double fastest = 0;
    for (const QList<QVariant> &emitted : std::as_const(teammates)) {
        for (const TeammateProgress &worker : emitted.at(1).value<QList<TeammateProgress>>()) {
            QVERIFY(worker.runId != summary.runId);
            QVERIFY(!worker.host.isEmpty());
            heard.insert(worker.runId);
            fastest = std::max(fastest, worker.chunksPerSecond);
        }
    }
    QCOMPARE(heard.size(), 2);
    QVERIFY(fastest > 0);
}

QTEST_GUILESS_MAIN(TestSharedRun)
#include "tst_sharedrun.moc"
