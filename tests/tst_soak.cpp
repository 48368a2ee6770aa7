// The kill -9 soak (label slow: `tools/test --slow`, not in the default run): signalhub-cli
// indexes a corpus against a test server that fails on purpose (HTTP errors, broken and NaN
// answers, resets), and is killed with SIGKILL 20 times at seeded moments. After each kill the
// database passes integrity_check; at the end every chunk is stored, each text's vector once
// and the one the server made for that text, and what was paid twice stays within what each
// kill could lose: every text paid twice is one a kill lost, and of those, the answers that had
// reached the process before the kill are at most a batch per kill; the rest were requests in
// flight, answered while the process died. SIGNALHUB_SOAK_SEED picks other moments (the seed is
// printed). Then the database on a file system of its own (a 600 KiB tmpfs the test mounts) that
// fills up: the run stops saying so, the file stays sound, and once there is room the next run
// stores the rest; then a page of it is damaged: the next run and `check` name the damage, and
// the way out they give (salvage with sqlite3's .recover, check, index again with --rechunk)
// ends with every chunk stored.

#include "embeddingtestserver.h"
#include "pagedamage.h"
#include "testbackend.h"
#include "testserverthread.h"
#include "vectorgenerator.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <sys/mount.h>

using namespace Qt::StringLiterals;
using namespace SignalHub::Testing;

namespace {

constexpr int Dims = 32;
constexpr int BatchSize = 4;
constexpr int Concurrency = 2;
constexpr int Kills = 20;

QString cli()
{
    return qEnvironmentVariable("SIGNALHUB_BINARY_DIR") + u"/bin/signalhub-cli"_s;
}

QByteArray functions(const QByteArray &tag, int count)
{
    QByteArray out;
    for (int i = 0; i < count; ++i)
        out += "int " + tag + "_" + QByteArray::number(i) + "(int value)\n{\n    return value * "
            + QByteArray::number(i + 3) + " - " + QByteArray::number(i) + ";\n}\n\n";
    return out;
}

} // namespace

class TestSoak : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void twentyKillsWithFaults();
    void smallFileSystemFillsUpThenIsDamaged();

private:
    QStringList indexArguments(const QString &db) const;
    QProcessEnvironment environment() const;
    QProcess *startIndex();
    QString sql(const QString &statement) const
    {
        return TestBackend::value(m_db, statement).toString();
    }

    QTemporaryDir m_dir;
    QString m_root;
    QString m_db;
    std::unique_ptr<TestServerThread> m_server;
};

void TestSoak::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_root = m_dir.filePath(u"corpus"_s);
    m_db = m_dir.filePath(u"index.db"_s);
    QVERIFY(QDir().mkpath(m_root));
    for (int f = 0; f < 300; ++f) {
        QFile file(m_root + u"/soak%1.c"_s.arg(f));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(functions("soak" + QByteArray::number(f), 8));
    }
    TestServerConfig config;
    config.dimensions = Dims;
    config.apiKey = u"sk-soak"_s;
    config.latencyMinMs = 20;
    config.latencyMaxMs = 80;
    config.faultRates.httpError = 0.04;
    config.faultRates.malformedJson = 0.02;
    config.faultRates.nanValue = 0.02;
    config.faultRates.connectionReset = 0.02;
    m_server = std::make_unique<TestServerThread>(config);
    QVERIFY(m_server->start());
}

QProcessEnvironment TestSoak::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *variable :
        { "HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR" })
        env.insert(QString::fromLatin1(variable),
            m_dir.filePath(u"env/"_s + QString::fromLatin1(variable).toLower()));
    env.insert(u"SH_SOAK_KEY"_s, u"sk-soak"_s);
    return env;
}

QProcess *TestSoak::startIndex()
{
    auto *process = new QProcess(this);
    process->setProcessEnvironment(environment());
    process->start(cli(), indexArguments(m_db));
    return process;
}

QStringList TestSoak::indexArguments(const QString &db) const
{
    return { u"index"_s, m_root, u"--db"_s, db, u"--provider"_s, u"openai"_s, u"--base-url"_s,
        m_server->baseUrl().toString() + u"/v1"_s, u"--model"_s, u"text-embedding-3-small"_s,
        u"--dimensions"_s, QString::number(Dims), u"--api-key-env"_s, u"SH_SOAK_KEY"_s,
        u"--batch-size"_s, QString::number(BatchSize), u"--concurrency"_s,
        QString::number(Concurrency), u"--chunk-tokens"_s, u"48"_s, u"--max-retries"_s, u"12"_s,
        u"--backoff-base-ms"_s, u"20"_s, u"--backoff-cap-ms"_s, u"200"_s, u"--timeout"_s, u"5"_s,
        u"--quiet"_s, u"--json"_s };
}

void TestSoak::twentyKillsWithFaults()
{
    const quint32 seed = qEnvironmentVariableIsSet("SIGNALHUB_SOAK_SEED")
        ? quint32(qEnvironmentVariableIntValue("SIGNALHUB_SOAK_SEED"))
        : 20261204u;
    qInfo("seed %u (SIGNALHUB_SOAK_SEED)", seed);
    QRandomGenerator random(seed);
    EmbeddingTestServer *server = m_server->server();
    const auto vectors = [this] {
        return QFile::exists(m_db) ? sql(u"SELECT count(*) FROM embeddings"_s).toLongLong() : 0;
    };
    // Answers a kill lost: those that had reached the process (or were on their way) when it was
    // killed, and those the server sent while it died. A provider bills the second kind
    // whatever the client does; the first kind is what committing as it goes keeps small.
    qint64 lostArrived = 0;
    qint64 lostInFlight = 0;
    for (int kill = 0; kill < Kills; ++kill) {
        const qint64 answeredBefore = server->stats().answeredInputs;
        const qint64 storedBefore = vectors();
        std::unique_ptr<QProcess> process(startIndex());
        QVERIFY(process->waitForStarted());
        // A seeded moment: after some more answers, anywhere from the first batch to several.
        const qint64 after = server->stats().answeredInputs + random.bounded(1, 10 * BatchSize);
        QTRY_VERIFY_WITH_TIMEOUT(
            server->stats().answeredInputs >= after || process->state() == QProcess::NotRunning,
            60000);
        QVERIFY2(process->state() != QProcess::NotRunning,
            qPrintable(u"the corpus was done before kill %1"_s.arg(kill + 1)));
        const qint64 answeredAtKill = server->stats().answeredInputs;
        process->kill();
        QVERIFY(process->waitForFinished(10000));
        // Every request of the dead process is answered or dropped with its connection.
        QTRY_VERIFY_WITH_TIMEOUT(
            server->stats().currentConcurrency == 0 && server->stats().queued == 0, 10000);
        QCOMPARE(sql(u"PRAGMA integrity_check"_s), u"ok"_s);
        const qint64 answeredAfter = server->stats().answeredInputs;
        const qint64 lost = answeredAfter - answeredBefore - (vectors() - storedBefore);
        lostInFlight += answeredAfter - answeredAtKill;
        lostArrived += lost - (answeredAfter - answeredAtKill);
    }

    std::unique_ptr<QProcess> last(startIndex());
    QVERIFY(last->waitForFinished(300000));
    QVERIFY2(last->exitCode() == 0, last->readAllStandardError().constData());
    QCOMPARE(sql(u"PRAGMA integrity_check"_s), u"ok"_s);
    QCOMPARE(sql(u"SELECT count(*) FROM chunks WHERE state <> 1"_s), u"0"_s);
    QCOMPARE(sql(u"SELECT count(*) FROM embeddings"_s),
        sql(u"SELECT count(DISTINCT text_id) FROM chunks"_s));
    QCOMPARE(sql(u"SELECT count(*) FROM (SELECT text_id FROM embeddings GROUP BY space_id, "
                 "text_id HAVING count(*) > 1)"_s),
        u"0"_s);

    // Each vector is the one the server made for its text (it seeds them by the text's SHA-256,
    // which is the store's hash of the text).
    {
        QSqlDatabase db = TestBackend::open(m_db, u"soak-check"_s);
        QSqlQuery query(db);
        QVERIFY(query.exec(
            u"SELECT t.hash, e.vector FROM embeddings e JOIN texts t ON t.id = e.text_id"_s));
        int checked = 0;
        while (query.next()) {
            const QList<float> expected
                = VectorGenerator::fromDigest(query.value(0).toByteArray(), Dims);
            const QByteArray stored = query.value(1).toByteArray();
            QCOMPARE(stored.size(), qsizetype(Dims * sizeof(float)));
            for (int i = 0; i < Dims; ++i) {
                float value = 0;
                std::memcpy(&value, stored.constData() + i * sizeof(float), sizeof value);
                QVERIFY(std::abs(value - expected[i]) < 1e-6f);
            }
            ++checked;
        }
        QVERIFY(checked > 500);
    }
    QSqlDatabase::removeDatabase(u"soak-check"_s);

    const TestServerStats stats = server->stats();
    qInfo("%d kills: %lld inputs answered, %lld texts paid twice: %lld answers that had arrived "
          "(at most %d allowed), %lld answered while the process died; %lld requests, "
          "%lld resets",
        Kills, stats.answeredInputs, stats.reansweredInputs, lostArrived, Kills * BatchSize,
        lostInFlight, stats.requests, stats.resets);
    // Nothing but the kills made anyone pay twice: the last run lost nothing.
    QCOMPARE(stats.reansweredInputs, lostArrived + lostInFlight);
    QVERIFY(lostArrived <= Kills * BatchSize);
    QVERIFY(lostInFlight <= Kills * Concurrency * BatchSize);
}

void TestSoak::smallFileSystemFillsUpThenIsDamaged()
{
    m_server->server()->reset();
    const QString fs = m_dir.filePath(u"small"_s);
    QVERIFY(QDir().mkpath(fs));
    const QByteArray mountPoint = QFile::encodeName(fs);
    // 600 KiB: the files and chunks fit, the vectors and keywords of all of them do not. The
    // build root's mount namespace (tools/test) lets its root mount one.
    if (::mount("tmpfs", mountPoint.constData(), "tmpfs", 0, "size=600k") != 0)
        QSKIP(
            qPrintable(u"cannot mount a tmpfs here: "_s + QString::fromLocal8Bit(strerror(errno))));
    const auto unmount
        = qScopeGuard([&mountPoint] { ::umount2(mountPoint.constData(), MNT_DETACH); });
    const QString db = fs + u"/index.db"_s;
    const auto run = [this](const QStringList &arguments) {
        QProcess process;
        process.setProcessEnvironment(environment());
        process.start(cli(), arguments);
        process.waitForFinished(300000);
        return std::pair(process.exitCode(), process.readAllStandardError());
    };
    const auto index = [this, &db, &run] { return run(indexArguments(db)); };
    const auto [full, message] = index();
    QCOMPARE(full, 3);
    QVERIFY2(message.contains("is full"), message.constData());
    QCOMPARE(TestBackend::value(db, u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
    QVERIFY(TestBackend::value(db, u"SELECT count(*) FROM chunks WHERE state = 0"_s).toInt() > 0);

    QCOMPARE(::mount("tmpfs", mountPoint.constData(), "tmpfs", MS_REMOUNT, "size=64m"), 0);
    const auto [room, errors] = index();
    QVERIFY2(room == 0, errors.constData());
    QCOMPARE(TestBackend::value(db, u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
    QCOMPARE(TestBackend::value(db, u"SELECT count(*) FROM chunks WHERE state <> 1"_s).toInt(), 0);
    QCOMPARE(TestBackend::value(db,
                 u"SELECT count(*) FROM (SELECT text_id FROM embeddings GROUP BY text_id "
                 "HAVING count(*) > 1)"_s)
                 .toInt(),
        0);

    const int chunks = TestBackend::value(db, u"SELECT count(*) FROM chunks"_s).toInt();
    // A stray write over the chunk rows, which every command reads: the next run and `check`
    // stop, name the damage and say how to recover, and write nothing over the damaged page.
    const qint64 page = middleLeafPage(db, u"chunks"_s);
    QVERIFY(page > 0);
    const qint64 pageSize = TestBackend::value(db, u"PRAGMA page_size"_s).toLongLong();
    QVERIFY(scribble(db, (page - 1) * pageSize, pageSize));
    const auto damagedPage = [&db, page, pageSize] {
        QFile file(db);
        return file.open(QIODevice::ReadOnly) && file.seek((page - 1) * pageSize)
            ? file.read(pageSize)
            : QByteArray();
    };
    const QByteArray damage = damagedPage();
    QByteArray advice;
    for (const QStringList &arguments : { indexArguments(db), { u"check"_s, u"--db"_s, db } }) {
        const auto [code, said] = run(arguments);
        QVERIFY2(code == 3, said.constData());
        for (const QString &part : { db, u"damaged"_s, u".recover"_s })
            QVERIFY2(QString::fromUtf8(said).contains(part), said.constData());
        advice = said;
    }
    QCOMPARE(damagedPage(), damage);

    // The way out it gives, on the same small file system: salvage, check, index again.
    const QList<QByteArray> lines = advice.split('\n');
    const auto salvage = std::find_if(lines.cbegin(), lines.cend(),
        [](const QByteArray &line) { return line.trimmed().startsWith("sqlite3 "); });
    QVERIFY2(salvage != lines.cend(), advice.constData());
    QProcess shell;
    shell.setProcessChannelMode(QProcess::MergedChannels);
    shell.start(u"sh"_s, { u"-c"_s, QString::fromUtf8(salvage->trimmed()) });
    QVERIFY(shell.waitForFinished(60000));
    const QByteArray salvaged = shell.readAll();
    QVERIFY2(shell.exitCode() == 0, salvaged.constData());
    const QString recovered = db + u".recovered"_s;
    const auto [checked, report] = run({ u"check"_s, u"--db"_s, recovered });
    QVERIFY2(checked == 0, report.constData());
    m_server->server()->reset();
    const auto [again, said] = run(indexArguments(recovered) << u"--rechunk"_s);
    QVERIFY2(again == 0, said.constData());
    // Only chunk rows were lost: every text still has its vector, so nothing is paid again.
    QCOMPARE(m_server->server()->stats().answeredInputs, 0);
    QCOMPARE(
        TestBackend::value(recovered, u"SELECT count(*) FROM chunks WHERE state <> 1"_s).toInt(),
        0);
    QCOMPARE(TestBackend::value(recovered, u"SELECT count(*) FROM chunks"_s).toInt(), chunks);
}

QTEST_GUILESS_MAIN(TestSoak)
#include "tst_soak.moc"
