// signalhub-cli as users run it: the real binary (QProcess) against the standalone
// signalhub-testserver on 127.0.0.1, real folders and real SQLite files, with a temporary HOME
// and XDG folders so the real home is never touched. Exit codes and JSON fields follow
// DESIGN.md; signals, kill -9 and a second process on the same database included.

#include "chunker.h"
#include "embeddingtestserver.h"
#include "gitcommand.h"
#include "pagedamage.h"
#include "rawnames.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace SignalHub::Core;
using SignalHub::Testing::EmbeddingTestServer;
using SignalHub::Testing::middleLeafPage;
using SignalHub::Testing::scribble;

namespace {

constexpr int Dims = 32;
const QByteArray Key = "sk-cli-secret-4242";
const QString Marker = QStringLiteral("POISON_PILL");

QString binary(const QString &name)
{
    return qEnvironmentVariable("SIGNALHUB_BINARY_DIR") + u"/bin/" + name;
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    QCOMPARE(file.write(bytes), bytes.size());
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray functions(int count, const QByteArray &tag)
{
    QByteArray out;
    for (int i = 0; i < count; ++i) {
        out += "int " + tag + "_" + QByteArray::number(i) + "(int value)\n{\n";
        out += "    int total = value * " + QByteArray::number(i + 3) + ";\n";
        out += "    for (int step = 0; step < " + QByteArray::number(i + 7) + "; ++step)\n";
        out += "        total += step % " + QByteArray::number(i + 2) + ";\n";
        out += "    return total; // " + tag + "\n}\n\n";
    }
    return out;
}

struct Outcome
{
    int code = -1;
    QByteArray out;
    QByteArray err;
};

// The standalone test server, one process.
class ServerProcess
{
public:
    ~ServerProcess() { stop(); }
    bool start(const QStringList &arguments, quint16 port = 0)
    {
        QStringList args = arguments;
        if (port)
            args << QStringLiteral("--port") << QString::number(port);
        m_process.start(binary(QStringLiteral("signalhub-testserver")), args);
        if (!m_process.waitForStarted(10000))
            return false;
        QByteArray line;
        QDeadlineTimer deadline(15000);
        while (!line.contains('\n') && !deadline.hasExpired()) {
            if (!m_process.waitForReadyRead(500) && m_process.state() != QProcess::Running)
                return false;
            line += m_process.readAllStandardOutput();
        }
        m_port = quint16(line.trimmed().toUInt());
        return m_port != 0;
    }
    void stop()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    quint16 port() const { return m_port; }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1/v1").arg(m_port); }
    QJsonObject stats()
    {
        return QJsonDocument::fromJson(http("GET", QStringLiteral("/stats"))).object();
    }
    qint64 stat(const char *name) { return stats().value(QLatin1StringView(name)).toInteger(-1); }
    void reset() { http("POST", QStringLiteral("/stats/reset")); }

private:
    QByteArray http(const QByteArray &verb, const QString &path)
    {
        QNetworkAccessManager manager;
        QNetworkRequest request(
            QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        QNetworkReply *reply = manager.sendCustomRequest(request, verb, QByteArray("{}"));
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const QByteArray body = reply->readAll();
        reply->deleteLater();
        return body;
    }
    QProcess m_process;
    quint16 m_port = 0;
};

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void usageErrors_data();
    void usageErrors();
    void indexReportExportSearch();
    void jsonIsOneDocumentForEveryCommand();
    void countsUsePluralForms();
    void poisonExitsOneAndRetryFailedHeals();
    void wrongKeyExitsThree();
    void misconfigurationExitsThreeEarly();
    void unknownPriceIsReportedUnknown();
    void signalsStopCleanly_data();
    void signalsStopCleanly();
    void killNineThenResume();
    void secondProcessOnTheSameDatabase();
    void watchKeepsAFolderCurrentAndHoldsTheLock();
    void mcpOverStdioKeepsStdoutForTheProtocol();
    void mcpOverHttpKeepsItsTokenPrivate();
    void builtInModelFindsTheFunction();
    void latin1AndLongProseAreIndexed();
    void damagedDatabaseStopsEveryCommand();
    void oddNamesLinksAndSecretFiles();
    void fullDiskStopsTheRunOnce();
    void movedCheckoutKeepsItsIndex();
    void namedFolderKeepsItsIndexWhenMoved();
    void removeDropsAFolderAndTheVectorsOnlyItUsed();
    void exportedIndexIsImportedAndATeammatesCloneMatchesIt();

private:
    QProcessEnvironment environment() const;
    QStringList providerFlags(const QString &url) const;
    Outcome cli(const QStringList &arguments, int timeoutMs = 90000);
    QProcess *startCli(const QStringList &arguments);
    QJsonObject jsonOf(const Outcome &outcome);
    QVariant sql(const QString &query, const QString &db = {});
    void expectNoSecret(const Outcome &outcome);
    // Makes m_root a git work tree on branch main whose origin is `remote`.
    bool makeCheckout(const QString &remote);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_root;
    QString m_db;
    QList<Outcome> m_seen;
    QHash<QString, QString> m_extraEnvironment; // for one test, cleared by init()
};

void TestCli::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(QFileInfo(binary(QStringLiteral("signalhub-cli"))).isExecutable(),
        "build signalhub-cli first");
    QVERIFY2(QFileInfo(binary(QStringLiteral("signalhub-testserver"))).isExecutable(),
        "build signalhub-testserver first");
}

void TestCli::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_root = m_dir->filePath(QStringLiteral("repo"));
    m_db = m_dir->filePath(QStringLiteral("index.db"));
    for (const char *sub :
        { "home", "xdg/data", "xdg/config", "xdg/cache", "xdg/state", "xdg/runtime", "repo" })
        QVERIFY(QDir().mkpath(m_dir->filePath(QLatin1StringView(sub))));
    m_seen.clear();
    m_extraEnvironment.clear();
}

void TestCli::cleanup()
{
    // Whatever ran: the key never reached stdout, stderr or the database.
    for (const Outcome &o : std::as_const(m_seen))
        expectNoSecret(o);
    if (QFile::exists(m_db)) {
        QVERIFY(!readFile(m_db).contains(Key));
        QVERIFY(!readFile(m_db + u"-wal").contains(Key));
    }
    removeTree(m_dir->path());
    m_dir.reset();
}

QProcessEnvironment TestCli::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_dir->filePath(QStringLiteral("home")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir->filePath(QStringLiteral("xdg/data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir->filePath(QStringLiteral("xdg/config")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), m_dir->filePath(QStringLiteral("xdg/cache")));
    env.insert(QStringLiteral("XDG_STATE_HOME"), m_dir->filePath(QStringLiteral("xdg/state")));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_dir->filePath(QStringLiteral("xdg/runtime")));
    env.remove(QStringLiteral("OPENAI_API_KEY"));
    env.insert(QStringLiteral("SH_TEST_KEY"), QString::fromLatin1(Key));
    env.insert(QStringLiteral("SH_WRONG_KEY"), QStringLiteral("sk-wrong-1111"));
    for (auto it = m_extraEnvironment.cbegin(); it != m_extraEnvironment.cend(); ++it)
        env.insert(it.key(), it.value());
    return env;
}

QStringList TestCli::providerFlags(const QString &url) const
{
    return { QStringLiteral("--provider"), QStringLiteral("openai"), QStringLiteral("--base-url"),
        url, QStringLiteral("--model"), QStringLiteral("text-embedding-3-small"),
        QStringLiteral("--dimensions"), QString::number(Dims), QStringLiteral("--api-key-env"),
        QStringLiteral("SH_TEST_KEY"), QStringLiteral("--backoff-base-ms"), QStringLiteral("50"),
        QStringLiteral("--backoff-cap-ms"), QStringLiteral("500"), QStringLiteral("--timeout"),
        QStringLiteral("2"), QStringLiteral("--max-retries"), QStringLiteral("2"),
        QStringLiteral("--db"), m_db };
}

QProcess *TestCli::startCli(const QStringList &arguments)
{
    auto *process = new QProcess(this);
    process->setProcessEnvironment(environment());
    process->setWorkingDirectory(m_dir->path());
    process->start(binary(QStringLiteral("signalhub-cli")), arguments);
    return process;
}

Outcome TestCli::cli(const QStringList &arguments, int timeoutMs)
{
    std::unique_ptr<QProcess> process(startCli(arguments));
    Outcome o;
    if (!process->waitForFinished(timeoutMs)) {
        process->kill();
        process->waitForFinished(5000);
        qWarning("signalhub-cli %s did not finish", qPrintable(arguments.join(u' ')));
        return o;
    }
    o.out = process->readAllStandardOutput();
    o.err = process->readAllStandardError();
    o.code = process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -1;
    m_seen.append(o);
    return o;
}

QJsonObject TestCli::jsonOf(const Outcome &outcome)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(outcome.out, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON (%s): %s / %s", qPrintable(error.errorString()), outcome.out.constData(),
            outcome.err.constData());
    return doc.object();
}

QVariant TestCli::sql(const QString &query, const QString &db)
{
    QVariant value;
    {
        QSqlDatabase c
            = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tst_cli"));
        c.setDatabaseName(db.isEmpty() ? m_db : db);
        if (c.open()) {
            QSqlQuery q(c);
            if (q.exec(query) && q.next())
                value = q.value(0);
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tst_cli"));
    return value;
}

void TestCli::expectNoSecret(const Outcome &o)
{
    QVERIFY2(!o.out.contains(Key) && !o.err.contains(Key), "the API key was printed");
}

bool TestCli::makeCheckout(const QString &remote)
{
    m_extraEnvironment.insert(QStringLiteral("GIT_CONFIG_NOSYSTEM"), QStringLiteral("1"));
    return git(m_root,
               { QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"),
                   QStringLiteral("main") })
               .isEmpty()
        && git(m_root,
            { QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("origin"), remote })
               .isEmpty();
}

void TestCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("no command") << QStringList {} << QStringLiteral("Usage");
    QTest::newRow("unknown command")
        << QStringList { QStringLiteral("frobnicate") } << QStringLiteral("unknown command");
    QTest::newRow("password in the database URL") << QStringList { QStringLiteral("status"),
        QStringLiteral("--db"), QStringLiteral("postgresql://me:hunter2@127.0.0.1/team") }
                                                  << QStringLiteral("PGPASSWORD");
    QTest::newRow("watching into the team store") << QStringList { QStringLiteral("watch"),
        QStringLiteral("."), QStringLiteral("--db"), QStringLiteral("postgresql://127.0.0.1/team") }
                                                  << QStringLiteral("not built yet");
    QTest::newRow("index without path")
        << QStringList { QStringLiteral("index") } << QStringLiteral("PATH");
    QTest::newRow("missing path") << QStringList { QStringLiteral("index"),
        QStringLiteral("/nonexistent/folder") }
                                  << QStringLiteral("does not exist");
    QTest::newRow("bad provider") << QStringList { QStringLiteral("index"), QStringLiteral("."),
        QStringLiteral("--provider"), QStringLiteral("acme") }
                                  << QStringLiteral("unknown provider");
    QTest::newRow("bad number") << QStringList { QStringLiteral("index"), QStringLiteral("."),
        QStringLiteral("--batch-size"), QStringLiteral("many") }
                                << QStringLiteral("--batch-size");
    QTest::newRow("two key sources") << QStringList { QStringLiteral("embed"), QStringLiteral("x"),
        QStringLiteral("--api-key-env"), QStringLiteral("A"), QStringLiteral("--api-key-file"),
        QStringLiteral("B") } << QStringLiteral("either");
    QTest::newRow("unset key variable") << QStringList { QStringLiteral("embed"),
        QStringLiteral("x"), QStringLiteral("--provider"), QStringLiteral("openai"),
        QStringLiteral("--api-key-env"), QStringLiteral("SH_NOT_SET_ANYWHERE") }
                                        << QStringLiteral("SH_NOT_SET_ANYWHERE");
    // There is no flag that takes the key itself; the refusal does not echo it either.
    QTest::newRow("key as a flag") << QStringList { QStringLiteral("embed"), QStringLiteral("x"),
        QStringLiteral("--api-key"), QString::fromLatin1(Key) }
                                   << QStringLiteral("api-key");
    QTest::newRow("export without format")
        << QStringList { QStringLiteral("export") } << QStringLiteral("--format");
    QTest::newRow("report bad by") << QStringList { QStringLiteral("report"),
        QStringLiteral("--by"), QStringLiteral("planet") }
                                   << QStringLiteral("--by");
    QTest::newRow("local dims") << QStringList { QStringLiteral("index"), QStringLiteral("."),
        QStringLiteral("--dimensions"), QStringLiteral("100") }
                                << QStringLiteral("384");
}

void TestCli::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Outcome o = cli(arguments, 30000);
    QCOMPARE(o.code, 2);
    QVERIFY2(QString::fromUtf8(o.out + o.err).contains(message), o.err.constData());
    QVERIFY(!QFile::exists(m_db));
}

void TestCli::indexReportExportSearch()
{
    ServerProcess server;
    QVERIFY(server.start({ QStringLiteral("--dimensions"), QString::number(Dims),
        QStringLiteral("--api-key"), QString::fromLatin1(Key) }));
    writeFile(m_root + u"/src/alpha.cpp", functions(6, "alpha"));
    writeFile(m_root + u"/src/beta.cpp", functions(4, "beta"));
    writeFile(m_root + u"/=cmd.txt", "a file whose name looks like a formula\n");
    writeFile(m_root + u"/same-1.txt", "one text in two files\n");
    writeFile(m_root + u"/same-2.txt", "one text in two files\n");
    writeFile(m_root + u"/blob.bin", QByteArray("\0\x01\x02\x03\xff", 5).repeated(200));
    writeFile(m_root + u"/big.txt", QByteArray("0123456789abcdef\n").repeated(2000));
    QStringList flags = providerFlags(server.url());
    flags << QStringLiteral("--chunk-tokens") << QStringLiteral("48")
          << QStringLiteral("--max-file-size") << QStringLiteral("20000")
          << QStringLiteral("--quiet");

    // estimate: tokens before anything is sent; --files says why files are skipped.
    Outcome o = cli(QStringList { QStringLiteral("estimate"), m_root, QStringLiteral("--json"),
                        QStringLiteral("--files") }
        + flags);
    QCOMPARE(o.code, 0);
    QJsonObject before = jsonOf(o);
    QVERIFY(before.value(u"tokens").toInteger() > 0);
    QVERIFY(before.value(u"tokens_to_send").toInteger()
        < before.value(u"tokens").toInteger()); // same-1/2 once
    QVERIFY(before.value(u"chunks_to_send").toInteger() < before.value(u"chunks").toInteger());
    QCOMPARE(server.stat("requests"), 0);
    QHash<QString, QJsonObject> estimatedFiles;
    for (const QJsonValue &f : before.value(u"files").toArray())
        estimatedFiles.insert(
            QFileInfo(f.toObject().value(u"path").toString()).fileName(), f.toObject());
    QCOMPARE(estimatedFiles.value(QStringLiteral("blob.bin")).value(u"skip").toString(),
        QStringLiteral("binary"));
    QCOMPARE(estimatedFiles.value(QStringLiteral("big.txt")).value(u"skip").toString(),
        QStringLiteral("too-large"));
    QVERIFY(!estimatedFiles.value(QStringLiteral("big.txt")).value(u"reason").toString().isEmpty());
    QVERIFY(estimatedFiles.value(QStringLiteral("alpha.cpp")).value(u"indexed").toBool());

    // index --json: the fields DESIGN.md names, exit 0.
    o = cli(QStringList { QStringLiteral("index"), m_root, QStringLiteral("--json") } + flags);
    QCOMPARE(o.code, 0);
    const QJsonObject summary = jsonOf(o);
    for (const char *field : { "files", "chunks", "stored", "failed", "unchanged", "tokens",
             "cost_usd", "requests", "retries", "seconds", "chunks_per_s" })
        QVERIFY2(summary.contains(QLatin1StringView(field)), field);
    QCOMPARE(summary.value(u"files").toInteger(), 5);
    QCOMPARE(summary.value(u"chunks").toInteger(), before.value(u"chunks").toInteger());
    QCOMPARE(summary.value(u"stored").toInteger(), summary.value(u"chunks").toInteger());
    QCOMPARE(summary.value(u"failed").toInteger(), 0);
    QCOMPARE(summary.value(u"tokens").toInteger(), server.stat("total_tokens"));
    QCOMPARE(server.stat("inputs"), before.value(u"chunks_to_send").toInteger());
    QVERIFY(summary.value(u"cost_usd").toDouble() > 0);

    // After indexing, nothing is left to send.
    o = cli(QStringList { QStringLiteral("estimate"), m_root, QStringLiteral("--json") } + flags);
    QCOMPARE(o.code, 0);
    QCOMPARE(jsonOf(o).value(u"tokens_to_send").toInteger(), 0);
    QCOMPARE(jsonOf(o).value(u"chunks").toInteger(), summary.value(u"chunks").toInteger());
    // ... and without provider flags the estimate uses the database's last run.
    o = cli({ QStringLiteral("estimate"), m_root, QStringLiteral("--json"), QStringLiteral("--db"),
        m_db, QStringLiteral("--chunk-tokens"), QStringLiteral("48"),
        QStringLiteral("--max-file-size"), QStringLiteral("20000") });
    QCOMPARE(o.code, 0);
    QCOMPARE(jsonOf(o).value(u"tokens_to_send").toInteger(), 0);

    // status and failed
    o = cli({ QStringLiteral("status"), QStringLiteral("--db"), m_db, QStringLiteral("--json") });
    QCOMPARE(o.code, 0);
    const QJsonObject status = jsonOf(o);
    QCOMPARE(status.value(u"chunks").toInteger(), summary.value(u"chunks").toInteger());
    QCOMPARE(status.value(u"stored").toInteger(), summary.value(u"chunks").toInteger());
    QCOMPARE(status.value(u"pending").toInteger(), 0);
    QCOMPARE(status.value(u"failed").toInteger(), 0);
    QCOMPARE(status.value(u"files_skipped").toInteger(), 2);
    // The folders, for the launcher to show them inside its build root.
    QCOMPARE(status.value(u"folders").toArray(), QJsonArray { QDir(m_root).canonicalPath() });
    o = cli({ QStringLiteral("status"), QStringLiteral("--db"), m_db });
    QVERIFY2(
        o.out.contains(QByteArray("\nFolder: " + QDir(m_root).canonicalPath().toUtf8() + '\n')),
        o.out.constData());
    o = cli({ QStringLiteral("failed"), QStringLiteral("--db"), m_db, QStringLiteral("--json") });
    QCOMPARE(o.code, 0);
    QCOMPARE(QJsonDocument::fromJson(o.out).array().size(), 0);

    // report: every grouping, both formats; the tokens add up to what the server billed.
    for (const QString &by : { QStringLiteral("run"), QStringLiteral("model"),
             QStringLiteral("folder"), QStringLiteral("file"), QStringLiteral("day") }) {
        o = cli({ QStringLiteral("report"), QStringLiteral("--db"), m_db, QStringLiteral("--by"),
            by, QStringLiteral("--format"), QStringLiteral("json") });
        QCOMPARE(o.code, 0);
        const QJsonObject report = jsonOf(o);
        QCOMPARE(report.value(u"by").toString(), by);
        qint64 tokens = 0;
        for (const QJsonValue &row : report.value(u"rows").toArray())
            tokens += row.toObject().value(u"tokens").toInteger();
        if (by != u"file" && by != u"folder")
            QCOMPARE(tokens, summary.value(u"tokens").toInteger());
        else
            QVERIFY2(tokens > 0, qPrintable(by));
        const QString csvPath = m_dir->filePath(by + u".csv");
        o = cli({ QStringLiteral("report"), QStringLiteral("--db"), m_db, QStringLiteral("--by"),
            by, QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("-o"), csvPath });
        QCOMPARE(o.code, 0);
        const QList<QByteArray> lines = readFile(csvPath).split('\n');
        QVERIFY(lines.first().startsWith(QByteArray("\"" + by.toUtf8() + "\",tokens")));
        QCOMPARE(
            lines.size() - 2, report.value(u"rows").toArray().size()); // header, rows, empty tail
        if (by == u"file") {
            // A formula-looking name never starts a cell (CSV injection): it gets a quote mark.
            const QByteArray csv = readFile(csvPath);
            QVERIFY2(csv.contains("=cmd.txt"), csv.constData());
            for (const QByteArray &line : lines)
                for (QByteArray cell : line.split(',')) {
                    if (cell.startsWith('"'))
                        cell = cell.mid(1);
                    QVERIFY2(cell.isEmpty() || !QByteArrayView("=+@").contains(cell.front()),
                        line.constData());
                }
        }
    }

    // export --format jsonl: one object per chunk with the vector of its text.
    const QString jsonl = m_dir->filePath(QStringLiteral("vectors.jsonl"));
    o = cli({ QStringLiteral("export"), QStringLiteral("--db"), m_db, QStringLiteral("--format"),
        QStringLiteral("jsonl"), QStringLiteral("-o"), jsonl });
    QCOMPARE(o.code, 0);
    QList<QJsonObject> rows;
    for (const QByteArray &line : readFile(jsonl).split('\n'))
        if (!line.isEmpty())
            rows.append(QJsonDocument::fromJson(line).object());
    QCOMPARE(rows.size(), summary.value(u"chunks").toInteger());
    for (const QJsonObject &row : std::as_const(rows)) {
        QCOMPARE(row.value(u"model").toString(), QStringLiteral("text-embedding-3-small"));
        QCOMPARE(row.value(u"dimensions").toInt(), Dims);
        // The lines start_line..end_line of the file are exactly the embedded text.
        const QList<QByteArray> fileLines = readFile(row.value(u"path").toString()).split('\n');
        QByteArray text;
        for (int l = row.value(u"start_line").toInt(); l <= row.value(u"end_line").toInt(); ++l)
            text += fileLines.value(l - 1) + (l < fileLines.size() ? "\n" : "");
        const QList<float> expected
            = EmbeddingTestServer::expectedVector(QString::fromUtf8(text), Dims);
        const QJsonArray vector = row.value(u"vector").toArray();
        QCOMPARE(vector.size(), Dims);
        bool same = true;
        for (int i = 0; i < Dims; ++i)
            same &= float(vector[i].toDouble()) == expected[i];
        QVERIFY2(same, qPrintable(row.value(u"path").toString()));
    }

    // export --format npy: a valid header, rows × dims, the same rows in the same order.
    const QString base = m_dir->filePath(QStringLiteral("vectors"));
    o = cli({ QStringLiteral("export"), QStringLiteral("--db"), m_db, QStringLiteral("--format"),
        QStringLiteral("npy"), QStringLiteral("-o"), base });
    QCOMPARE(o.code, 0);
    const QByteArray npy = readFile(base + u".npy");
    QVERIFY(npy.startsWith(QByteArray("\x93NUMPY\x01\x00", 8)));
    const int headerLength = quint8(npy[8]) | (quint8(npy[9]) << 8);
    QCOMPARE((10 + headerLength) % 64, 0);
    const QByteArray header = npy.mid(10, headerLength);
    QVERIFY(header.contains("'descr': '<f4'"));
    QVERIFY(header.contains("'fortran_order': False"));
    const QRegularExpression shape(QStringLiteral("'shape': \\((\\d+), (\\d+)\\)"));
    const auto match = shape.match(QString::fromLatin1(header));
    QVERIFY(match.hasMatch());
    QCOMPARE(match.captured(1).toLongLong(), rows.size());
    QCOMPARE(match.captured(2).toInt(), Dims);
    QCOMPARE(npy.size(), 10 + headerLength + rows.size() * Dims * 4);
    QList<QByteArray> index = readFile(base + u".jsonl").split('\n');
    index.removeAll(QByteArray());
    QCOMPARE(index.size(), rows.size());
    for (qsizetype r = 0; r < rows.size(); r += 3) {
        const QJsonObject meta = QJsonDocument::fromJson(index[r]).object();
        QVERIFY(!meta.contains(u"vector"));
        QCOMPARE(meta.value(u"path"), rows[r].value(u"path"));
        QCOMPARE(meta.value(u"start_line"), rows[r].value(u"start_line"));
        const float *values
            = reinterpret_cast<const float *>(npy.constData() + 10 + headerLength + r * Dims * 4);
        const QJsonArray vector = rows[r].value(u"vector").toArray();
        for (int i = 0; i < Dims; ++i)
            QCOMPARE(values[i], float(vector[i].toDouble()));
    }

    // search: the query identical to a chunk's text finds that chunk first, cosine 1.
    // A chunk whose text no other chunk has (the others' vectors differ from it).
    qsizetype unique = -1;
    for (qsizetype r = 0; r < rows.size() && unique < 0; ++r) {
        bool alone = true;
        for (qsizetype other = 0; other < rows.size(); ++other)
            alone &= other == r || rows[other].value(u"vector") != rows[r].value(u"vector");
        if (alone && rows[r].value(u"path").toString().endsWith(u"alpha.cpp"))
            unique = r;
    }
    QVERIFY(unique >= 0);
    const QJsonObject target = rows[unique];
    const QList<QByteArray> targetLines = readFile(target.value(u"path").toString()).split('\n');
    QByteArray query;
    for (int l = target.value(u"start_line").toInt(); l <= target.value(u"end_line").toInt(); ++l)
        query += targetLines.value(l - 1) + "\n";
    o = cli(QStringList { QStringLiteral("search"), QString::fromUtf8(query),
        QStringLiteral("--mode"), QStringLiteral("vector"), QStringLiteral("--json"),
        QStringLiteral("-k"), QStringLiteral("3"), QStringLiteral("--api-key-env"),
        QStringLiteral("SH_TEST_KEY"), QStringLiteral("--db"), m_db, QStringLiteral("--timeout"),
        QStringLiteral("2"), QStringLiteral("--backoff-base-ms"), QStringLiteral("50"),
        QStringLiteral("--backoff-cap-ms"), QStringLiteral("500") });
    QCOMPARE(o.code, 0);
    const QJsonArray hits = QJsonDocument::fromJson(o.out).array();
    QCOMPARE(hits.size(), 3);
    QCOMPARE(hits[0].toObject().value(u"path"), target.value(u"path"));
    QCOMPARE(hits[0].toObject().value(u"start_line"), target.value(u"start_line"));
    QVERIFY(qAbs(hits[0].toObject().value(u"score").toDouble() - 1.0) < 1e-4);
    QVERIFY(hits[1].toObject().value(u"score").toDouble() < 0.9);

    // embed: the vectors of the texts, with the key from a file as well.
    const QString keyFile = m_dir->filePath(QStringLiteral("key.txt"));
    writeFile(keyFile, Key + "\n");
    QStringList embedFlags = providerFlags(server.url());
    embedFlags.replace(
        embedFlags.indexOf(QStringLiteral("--api-key-env")), QStringLiteral("--api-key-file"));
    embedFlags.replace(embedFlags.indexOf(QStringLiteral("SH_TEST_KEY")), keyFile);
    o = cli(QStringList { QStringLiteral("embed"), QStringLiteral("hello world"),
                QStringLiteral("second text") }
        + embedFlags);
    QCOMPARE(o.code, 0);
    // A key file others can read is used, with a warning that says so.
    QVERIFY(QFile::setPermissions(keyFile,
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
            | QFileDevice::ReadOther));
    const Outcome shared
        = cli(QStringList { QStringLiteral("embed"), QStringLiteral("x") } + embedFlags);
    QCOMPARE(shared.code, 0);
    QVERIFY2(shared.err.contains("other users can read the API key file"), shared.err.constData());
    QVERIFY(QFile::setPermissions(keyFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    const Outcome own
        = cli(QStringList { QStringLiteral("embed"), QStringLiteral("x") } + embedFlags);
    QCOMPARE(own.code, 0);
    QVERIFY2(!own.err.contains("API key file"), own.err.constData());
    const QJsonArray embedded = QJsonDocument::fromJson(o.out).array();
    QCOMPARE(embedded.size(), 2);
    const QList<float> hello
        = EmbeddingTestServer::expectedVector(QStringLiteral("hello world"), Dims);
    for (int i = 0; i < Dims; ++i)
        QCOMPARE(float(embedded[0].toObject().value(u"vector").toArray()[i].toDouble()), hello[i]);
    QVERIFY(!readFile(keyFile).isEmpty());
    QCOMPARE(sql(QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
}

// Whatever the command, --json leaves exactly one JSON document on stdout, parseable whole.
void TestCli::jsonIsOneDocumentForEveryCommand()
{
    ServerProcess server;
    QVERIFY(server.start({ QStringLiteral("--dimensions"), QString::number(Dims),
        QStringLiteral("--api-key"), QString::fromLatin1(Key) }));
    writeFile(m_root + u"/src/alpha.cpp", functions(6, "alpha"));
    writeFile(m_root + u"/notes.txt", "one short note\n");
    const QStringList flags = providerFlags(server.url())
        + QStringList { QStringLiteral("--quiet"), QStringLiteral("--chunk-tokens"),
              QStringLiteral("48"), QStringLiteral("--json") };
    const QStringList db { QStringLiteral("--db"), m_db, QStringLiteral("--json") };
    const auto document = [this](const QStringList &arguments, int code = 0) {
        const Outcome o = cli(arguments);
        [&] {
            QVERIFY2(o.code == code,
                qPrintable(arguments.first() + u": exit " + QString::number(o.code) + u' '
                    + QString::fromUtf8(o.err)));
        }();
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(o.out, &error);
        [&] {
            QVERIFY2(error.error == QJsonParseError::NoError && !doc.isNull(),
                qPrintable(arguments.first() + u": " + error.errorString() + u": "
                    + QString::fromUtf8(o.out)));
        }();
        return doc;
    };
    const QString base = m_dir->filePath(QStringLiteral("out"));

    document(QStringList { QStringLiteral("estimate"), m_root } + flags);
    const QJsonObject summary
        = document(QStringList { QStringLiteral("index"), m_root } + flags).object();
    QVERIFY(QTest::currentTestFailed() || summary.value(u"stored").toInteger() > 2);
    document(QStringList { QStringLiteral("retry-failed") } + flags);
    QCOMPARE(document(QStringList { QStringLiteral("status") } + db).object().value(u"chunks"),
        summary.value(u"chunks"));
    QVERIFY(document(QStringList { QStringLiteral("failed") } + db).isArray());
    QVERIFY(document(QStringList { QStringLiteral("check") } + db).object().value(u"ok").toBool());
    const QStringList embed { QStringLiteral("embed"), QStringLiteral("some text"),
        QStringLiteral("--json") };
    QVERIFY(document(embed + providerFlags(server.url())).isArray());

    // report --json is the report itself, as --format json prints it.
    const QJsonDocument report = document(QStringList { QStringLiteral("report") } + db);
    QCOMPARE(report.object().value(u"by").toString(), QStringLiteral("run"));
    const QStringList formatJson { QStringLiteral("report"), QStringLiteral("--db"), m_db,
        QStringLiteral("--format"), QStringLiteral("json") };
    QCOMPARE(report, document(formatJson));
    // ... which contradicts --format csv; with -o, stdout says what was written.
    const QStringList formatCsv { QStringLiteral("report"), QStringLiteral("--format"),
        QStringLiteral("csv") };
    const Outcome csv = cli(formatCsv + db);
    QCOMPARE(csv.code, 2);
    QVERIFY(csv.out.isEmpty());
    const QJsonObject reportFile = document(
        QStringList { QStringLiteral("report"), QStringLiteral("-o"), base + u".json" } + db)
                                       .object();
    QCOMPARE(reportFile.value(u"files").toArray().first().toString(), base + u".json");
    QCOMPARE(
        reportFile.value(u"rows").toInteger(), report.object().value(u"rows").toArray().size());
    QCOMPARE(QJsonDocument::fromJson(readFile(base + u".json")), report);

    // export --json: the rows in the files, one summary on stdout.
    const QJsonObject jsonl
        = document(QStringList { QStringLiteral("export"), QStringLiteral("--format"),
                       QStringLiteral("jsonl"), QStringLiteral("-o"), base + u".jsonl" }
            + db)
              .object();
    QCOMPARE(jsonl.value(u"rows").toInteger(), summary.value(u"chunks").toInteger());
    QCOMPARE(jsonl.value(u"dimensions").toInt(), Dims);
    QCOMPARE(jsonl.value(u"files").toArray(), QJsonArray { QString(base + u".jsonl") });
    QCOMPARE(jsonl.value(u"space").toObject().value(u"model").toString(),
        QStringLiteral("text-embedding-3-small"));
    QCOMPARE(readFile(base + u".jsonl").count('\n'), summary.value(u"chunks").toInteger());
    const QJsonObject npy
        = document(QStringList { QStringLiteral("export"), QStringLiteral("--format"),
                       QStringLiteral("npy"), QStringLiteral("-o"), base }
            + db)
              .object();
    QCOMPARE(npy.value(u"files").toArray(),
        (QJsonArray { QString(base + u".npy"), QString(base + u".jsonl") }));
    QCOMPARE(npy.value(u"rows"), jsonl.value(u"rows"));
    // Without -o the rows would be many documents on stdout: refused before anything is read.
    const Outcome toStdout = cli(QStringList { QStringLiteral("export"), QStringLiteral("--format"),
                                     QStringLiteral("jsonl") }
        + db);
    QCOMPARE(toStdout.code, 2);
    QVERIFY(toStdout.out.isEmpty());
    QVERIFY2(toStdout.err.contains("-o"), toStdout.err.constData());

    // search --json: each hit carries the lines the text output shows.
    const QList<QByteArray> alpha = readFile(m_root + u"/src/alpha.cpp").split('\n');
    const QJsonArray hits = document(QStringList { QStringLiteral("search"),
                                         QString::fromUtf8(alpha.mid(0, 6).join('\n') + '\n'),
                                         QStringLiteral("-k"), QStringLiteral("2") }
        + flags)
                                .array();
    QCOMPARE(hits.size(), 2);
    for (const QJsonValue &value : hits) {
        const QJsonObject hit = value.toObject();
        QVERIFY(hit.value(u"score").isDouble());
        const QList<QByteArray> lines = readFile(hit.value(u"path").toString()).split('\n');
        const int start = hit.value(u"start_line").toInt();
        const int shown = std::min(hit.value(u"end_line").toInt() - start + 1, 4);
        QCOMPARE(hit.value(u"snippet").toString(),
            QString::fromUtf8(lines.mid(start - 1, shown).join('\n')));
    }
}

// "1 folder, 1 file", not "1 folder, 1 files": every count that names a noun has its plural.
void TestCli::countsUsePluralForms()
{
    ServerProcess server;
    QVERIFY(server.start({ QStringLiteral("--dimensions"), QString::number(Dims),
        QStringLiteral("--api-key"), QString::fromLatin1(Key) }));
    writeFile(m_root + u"/one.txt", "a single short line\n");
    const QStringList flags
        = providerFlags(server.url()) + QStringList { QStringLiteral("--quiet") };
    Outcome o = cli(QStringList { QStringLiteral("estimate"), m_root } + flags);
    QCOMPARE(o.code, 0);
    QVERIFY2(o.out.startsWith("1 chunk, ") && o.out.contains(" tokens; to send: 1 chunk, "),
        o.out.constData());
    o = cli(QStringList { QStringLiteral("index"), m_root } + flags);
    QCOMPARE(o.code, 0);
    QVERIFY2(
        o.out.startsWith("1 file, 1 chunk: 1 stored, 0 unchanged, 0 failed;"), o.out.constData());
    QVERIFY2(o.out.contains(", 1 request (0 retries) in "), o.out.constData());
    o = cli({ QStringLiteral("status"), QStringLiteral("--db"), m_db });
    QCOMPARE(o.code, 0);
    QVERIFY2(o.out.contains("\n1 folder, 1 file (0 skipped, 0 unreadable), 1 chunk: 1 stored, "
                            "0 pending, 0 failed\n1 vector in 1 space; 1 run, "),
        o.out.constData());
    // German has the same two forms.
    m_extraEnvironment.insert(QStringLiteral("LANGUAGE"), QStringLiteral("de"));
    m_extraEnvironment.insert(QStringLiteral("LC_ALL"), QStringLiteral("de_DE.UTF-8"));
    o = cli({ QStringLiteral("status"), QStringLiteral("--db"), m_db });
    QVERIFY2(o.out.contains("1 Ordner, 1 Datei"), o.out.constData());
}

void TestCli::poisonExitsOneAndRetryFailedHeals()
{
    writeFile(m_root + u"/a.cpp", functions(3, "fine"));
    writeFile(m_root + u"/b.cpp", "int bad()\n{\n    return 1; // " + Marker.toUtf8() + "\n}\n");
    quint16 port = 0;
    {
        ServerProcess poisoned;
        QVERIFY(poisoned.start({ QStringLiteral("--dimensions"), QString::number(Dims),
            QStringLiteral("--reject-marker"), Marker }));
        port = poisoned.port();
        const Outcome o = cli(
            QStringList { QStringLiteral("index"), m_root, QStringLiteral("--json"),
                QStringLiteral("--quiet"), QStringLiteral("--chunk-tokens"), QStringLiteral("48") }
            + providerFlags(poisoned.url()));
        QCOMPARE(o.code, 1);
        QCOMPARE(jsonOf(o).value(u"failed").toInteger(), 1);
        const Outcome failed = cli(
            { QStringLiteral("failed"), QStringLiteral("--db"), m_db, QStringLiteral("--json") });
        QCOMPARE(failed.code, 0);
        const QJsonArray rows = QJsonDocument::fromJson(failed.out).array();
        QCOMPARE(rows.size(), 1);
        QVERIFY(rows[0].toObject().value(u"path").toString().endsWith(u"b.cpp"));
        QCOMPARE(rows[0].toObject().value(u"http_status").toInt(), 400);
        QVERIFY(!rows[0].toObject().value(u"reason").toString().isEmpty());
    }
    // The same server (same URL, so the same space), healed.
    ServerProcess healed;
    QVERIFY(healed.start({ QStringLiteral("--dimensions"), QString::number(Dims) }, port));
    // No provider flags: retry-failed uses the space (and chunking) of the last run.
    const Outcome o = cli({ QStringLiteral("retry-failed"), QStringLiteral("--json"),
        QStringLiteral("--quiet"), QStringLiteral("--db"), m_db, QStringLiteral("--api-key-env"),
        QStringLiteral("SH_TEST_KEY"), QStringLiteral("--backoff-base-ms"), QStringLiteral("50"),
        QStringLiteral("--backoff-cap-ms"), QStringLiteral("500"), QStringLiteral("--timeout"),
        QStringLiteral("2") });
    QCOMPARE(o.code, 0);
    QCOMPARE(jsonOf(o).value(u"stored").toInteger(), 1);
    QCOMPARE(healed.stat("inputs"), 1);
    const Outcome failed
        = cli({ QStringLiteral("failed"), QStringLiteral("--db"), m_db, QStringLiteral("--json") });
    QCOMPARE(QJsonDocument::fromJson(failed.out).array().size(), 0);
}

void TestCli::wrongKeyExitsThree()
{
    ServerProcess server;
    QVERIFY(server.start({ QStringLiteral("--dimensions"), QString::number(Dims),
        QStringLiteral("--api-key"), QString::fromLatin1(Key) }));
    writeFile(m_root + u"/a.cpp", functions(3, "keyed"));
    QStringList flags = providerFlags(server.url());
    flags.replace(flags.indexOf(QStringLiteral("SH_TEST_KEY")), QStringLiteral("SH_WRONG_KEY"));
    Outcome o
        = cli(QStringList { QStringLiteral("index"), m_root, QStringLiteral("--quiet") } + flags);
    QCOMPARE(o.code, 3);
    QVERIFY2(!o.err.isEmpty(), "a fatal error says why");
    QVERIFY(!o.err.contains("sk-wrong-1111"));
    QVERIFY(sql(QStringLiteral("SELECT count(*) FROM chunks WHERE state = 0")).toInt() > 0);
    o = cli(QStringList { QStringLiteral("index"), m_root, QStringLiteral("--quiet"),
                QStringLiteral("--json") }
        + providerFlags(server.url()));
    QCOMPARE(o.code, 0);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM chunks WHERE state <> 1")).toInt(), 0);
}

// DESIGN.md: learned from the server -> 3, chunks left pending; the answered requests are
// paid for and counted, although no vector could be used.
void TestCli::misconfigurationExitsThreeEarly()
{
    ServerProcess server;
    QVERIFY(server.start({ QStringLiteral("--dimensions"), QStringLiteral("256"),
        QStringLiteral("--api-key"), QString::fromLatin1(Key) }));
    for (int i = 0; i < 6; ++i)
        writeFile(m_root + QStringLiteral("/f%1.cpp").arg(i), functions(40, "dims"));
    QStringList flags = providerFlags(server.url());
    flags.remove(flags.indexOf(QStringLiteral("--dimensions")), 2); // the model's 1536
    flags << QStringLiteral("--batch-size") << QStringLiteral("10");
    const Outcome o
        = cli(QStringList { QStringLiteral("index"), m_root, QStringLiteral("--json") } + flags);
    QCOMPARE(o.code, 3);
    QVERIFY2(
        o.err.contains("256-dimensional") && o.err.contains("--dimensions"), o.err.constData());
    QCOMPARE(o.err.count("256-dimensional"), 1);
    const qint64 requests = server.stat("requests");
    QVERIFY2(requests <= 3 + 2 * 4, qPrintable(QString::number(requests)));
    QVERIFY(sql(QStringLiteral("SELECT count(*) FROM chunks")).toInt() > 12);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM chunks WHERE state <> 0")).toInt(), 0);
    const QJsonObject summary = jsonOf(o);
    QCOMPARE(summary.value(u"tokens").toInteger(), server.stat("total_tokens"));
    QVERIFY(summary.value(u"tokens").toInteger() > 0);
    QVERIFY(summary.value(u"cost_usd").toDouble() > 0);
    const Outcome status
        = cli({ QStringLiteral("status"), QStringLiteral("--db"), m_db, QStringLiteral("--json") });
    QCOMPARE(jsonOf(status).value(u"tokens").toInteger(), server.stat("total_tokens"));
}

// A model without a price: its tokens are counted, their cost is unknown, not $0.
void TestCli::unknownPriceIsReportedUnknown()
{
    ServerProcess server;
    QVERIFY(server.start({ QStringLiteral("--dimensions"), QString::number(Dims),
        QStringLiteral("--api-key"), QString::fromLatin1(Key) }));
    writeFile(m_root + u"/a.cpp", functions(3, "priceless"));
    QStringList flags = providerFlags(server.url());
    flags.replace(
        flags.indexOf(QStringLiteral("text-embedding-3-small")), QStringLiteral("house-model"));
    Outcome o
        = cli(QStringList { QStringLiteral("index"), m_root, QStringLiteral("--json") } + flags);
    QCOMPARE(o.code, 0);
    QCOMPARE(jsonOf(o).value(u"price_known").toBool(true), false);
    o = cli({ QStringLiteral("report"), QStringLiteral("--db"), m_db, QStringLiteral("--format"),
        QStringLiteral("json") });
    QCOMPARE(o.code, 0);
    const QJsonArray rows = jsonOf(o).value(u"rows").toArray();
    QCOMPARE(rows.size(), 1);
    QVERIFY(rows.first().toObject().value(u"tokens").toInteger() > 0);
    QCOMPARE(rows.first().toObject().value(u"price_known").toBool(true), false);
}

void TestCli::signalsStopCleanly_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<int>("times");
    QTest::newRow("SIGINT") << int(SIGINT) << 130 << 1;
    QTest::newRow("SIGTERM") << int(SIGTERM) << 143 << 1;
    // As `timeout` and service managers do: to the process and to its group, at once.
    QTest::newRow("SIGTERM delivered twice") << int(SIGTERM) << 143 << 2;
}

void TestCli::signalsStopCleanly()
{
    QFETCH(int, signalNumber);
    QFETCH(int, exitCode);
    QFETCH(int, times);
    ServerProcess server;
    QVERIFY(server.start({ QStringLiteral("--dimensions"), QString::number(Dims),
        QStringLiteral("--latency"), QStringLiteral("300") }));
    for (int f = 0; f < 8; ++f)
        writeFile(m_root + QStringLiteral("/f%1.cpp").arg(f),
            functions(10, "sig" + QByteArray::number(f)));
    const QStringList args = QStringList { QStringLiteral("index"), m_root,
        QStringLiteral("--quiet"), QStringLiteral("--json"), QStringLiteral("--chunk-tokens"),
        QStringLiteral("48"), QStringLiteral("--batch-size"), QStringLiteral("4"),
        QStringLiteral("--concurrency"), QStringLiteral("2") }
        + providerFlags(server.url());
    std::unique_ptr<QProcess> process(startCli(args));
    QVERIFY(process->waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(server.stat("answered_inputs") >= 8, 30000);
    for (int i = 0; i < times; ++i)
        ::kill(pid_t(process->processId()), signalNumber);
    QVERIFY(process->waitForFinished(20000));
    QCOMPARE(process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(process->exitCode(), exitCode);
    const Outcome stopped { process->exitCode(), process->readAllStandardOutput(),
        process->readAllStandardError() };
    m_seen.append(stopped);
    // The summary is printed: the run finished its commit rather than being cut short.
    QVERIFY2(stopped.out.contains("\"stored\""), stopped.out.constData());
    QCOMPARE(sql(QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
    const int total = sql(QStringLiteral("SELECT count(*) FROM chunks")).toInt();
    const int missing
        = sql(QStringLiteral("SELECT count(DISTINCT text_id) FROM chunks WHERE state <> 1"))
              .toInt();
    QVERIFY2(missing > 0 && missing < total, "the signal came mid-run");
    QCOMPARE(sql(QStringLiteral("SELECT status FROM runs ORDER BY id DESC LIMIT 1")).toString(),
        QStringLiteral("cancelled"));

    server.reset();
    const Outcome resumed = cli(args);
    QCOMPARE(resumed.code, 0);
    QCOMPARE(server.stat("inputs"), missing); // only what was missing is sent
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM chunks WHERE state <> 1")).toInt(), 0);
}

void TestCli::killNineThenResume()
{
    ServerProcess server;
    QVERIFY(server.start({ QStringLiteral("--dimensions"), QString::number(Dims),
        QStringLiteral("--latency"), QStringLiteral("100") }));
    for (int f = 0; f < 8; ++f)
        writeFile(m_root + QStringLiteral("/k%1.cpp").arg(f),
            functions(10, "kill" + QByteArray::number(f)));
    constexpr int BatchSize = 4;
    constexpr int Concurrency = 2;
    const QStringList args = QStringList { QStringLiteral("index"), m_root,
        QStringLiteral("--quiet"), QStringLiteral("--json"), QStringLiteral("--chunk-tokens"),
        QStringLiteral("48"), QStringLiteral("--batch-size"), QString::number(BatchSize),
        QStringLiteral("--concurrency"), QString::number(Concurrency) }
        + providerFlags(server.url());
    std::unique_ptr<QProcess> process(startCli(args));
    QVERIFY(process->waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(server.stat("answered_inputs") >= 16, 30000);
    process->kill();
    QVERIFY(process->waitForFinished(10000));
    QCOMPARE(sql(QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
    // The keyword index is written with the chunks: every text of a stored chunk has its
    // words, and the index holds no others.
    QVERIFY(sql(QStringLiteral("SELECT count(*) FROM text_words")).toInt() > 0);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM text_words")).toInt(),
        sql(QStringLiteral("SELECT count(*) FROM texts WHERE keywords = 1")).toInt());
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM texts WHERE keywords = 0")).toInt(), 0);
    const qint64 answeredBefore = server.stat("answered_inputs");
    // The killed run's row still says "running"; status tells the truth once the row is older
    // than a run needs to take its lock.
    QCOMPARE(sql(QStringLiteral("SELECT status FROM runs")).toString(), QStringLiteral("running"));
    QTRY_VERIFY_WITH_TIMEOUT(cli({ QStringLiteral("status"), QStringLiteral("--db"), m_db })
                                 .out.contains(" interrupted, "),
        15000);

    const Outcome resumed = cli(args);
    QCOMPARE(resumed.code, 0);
    // The next run records it: nothing is left "running".
    QCOMPARE(sql(QStringLiteral("SELECT group_concat(status, ',') FROM (SELECT status FROM runs "
                                "ORDER BY id)"))
                 .toString(),
        QStringLiteral("interrupted,finished"));
    QCOMPARE(sql(QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM chunks WHERE state <> 1")).toInt(), 0);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM text_words")).toInt(),
        sql(QStringLiteral("SELECT count(DISTINCT text_id) FROM chunks")).toInt());
    // Every text stored exactly once.
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM embeddings")).toInt(),
        sql(QStringLiteral("SELECT count(DISTINCT text_id) FROM chunks")).toInt());
    QCOMPARE(
        sql(QStringLiteral(
                "SELECT count(*) FROM (SELECT text_id FROM embeddings GROUP BY space_id, text_id "
                "HAVING count(*) > 1)"))
            .toInt(),
        0);
    // What was answered but not yet committed is all that is paid twice: the requests in flight
    // plus the writer's uncommitted batches (a 250 ms commit interval holds a few).
    const qint64 resent = server.stat("resent_inputs");
    qInfo("answered before the kill: %lld inputs, re-sent after it: %lld", answeredBefore, resent);
    QVERIFY2(resent <= (Concurrency + 4) * BatchSize, qPrintable(QString::number(resent)));
}

void TestCli::secondProcessOnTheSameDatabase()
{
    ServerProcess server;
    QVERIFY(server.start({ QStringLiteral("--dimensions"), QString::number(Dims),
        QStringLiteral("--latency"), QStringLiteral("20") }));
    const QString other = m_dir->filePath(QStringLiteral("other"));
    for (int f = 0; f < 6; ++f) {
        writeFile(m_root + QStringLiteral("/a%1.cpp").arg(f),
            functions(8, "first" + QByteArray::number(f)));
        writeFile(other + QStringLiteral("/b%1.cpp").arg(f),
            functions(8, "second" + QByteArray::number(f)));
    }
    const QStringList common = QStringList { QStringLiteral("--quiet"), QStringLiteral("--json"),
        QStringLiteral("--chunk-tokens"), QStringLiteral("48"), QStringLiteral("--batch-size"),
        QStringLiteral("2") }
        + providerFlags(server.url());
    std::unique_ptr<QProcess> first(
        startCli(QStringList { QStringLiteral("index"), m_root } + common));
    QVERIFY(first->waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(m_db) && server.stat("answered_inputs") > 2, 30000);
    std::unique_ptr<QProcess> second(
        startCli(QStringList { QStringLiteral("index"), other } + common));
    // A reader at the same time, too.
    int reads = 0;
    while (first->state() != QProcess::NotRunning || second->state() != QProcess::NotRunning) {
        const Outcome status = cli(
            { QStringLiteral("status"), QStringLiteral("--db"), m_db, QStringLiteral("--json") },
            30000);
        QCOMPARE(status.code, 0);
        QVERIFY2(!status.err.contains("locked"), status.err.constData());
        ++reads;
        first->waitForFinished(100);
        second->waitForFinished(100);
    }
    QVERIFY(reads > 0);
    for (QProcess *p : { first.get(), second.get() }) {
        const Outcome o { p->exitCode(), p->readAllStandardOutput(), p->readAllStandardError() };
        m_seen.append(o);
        QCOMPARE(p->exitStatus(), QProcess::NormalExit);
        QVERIFY2(!o.err.contains("locked"), o.err.constData());
        QCOMPARE(o.code, 0);
    }
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM chunks WHERE state <> 1")).toInt(), 0);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM sources")).toInt(), 2);
    QCOMPARE(sql(QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
}

// The next line a process prints on stdout, as JSON; empty when none comes within 30 s.
QJsonObject nextJsonLine(QProcess &process)
{
    QDeadlineTimer deadline(30000);
    while (
        !process.canReadLine() && !deadline.hasExpired() && process.state() != QProcess::NotRunning)
        process.waitForReadyRead(200);
    return QJsonDocument::fromJson(process.readLine()).object();
}

void TestCli::watchKeepsAFolderCurrentAndHoldsTheLock()
{
    ServerProcess server;
    QVERIFY(server.start({ QStringLiteral("--dimensions"), QString::number(Dims) }));
    const QString file = m_root + QStringLiteral("/a.cpp");
    writeFile(file, functions(2, "watched"));
    const QStringList flags = QStringList { QStringLiteral("--quiet"), QStringLiteral("--json"),
        QStringLiteral("--chunk-tokens"), QStringLiteral("48") }
        + providerFlags(server.url());
    std::unique_ptr<QProcess> watcher(
        startCli(QStringList { QStringLiteral("watch"), m_root } + flags));
    // One JSON line per run: the first brings the folder up to date.
    const QJsonObject first = nextJsonLine(*watcher);
    QVERIFY2(first.value(u"stored").toInt() > 0, watcher->readAllStandardError().constData());

    writeFile(file, functions(3, "watched"));
    const QJsonObject edit = nextJsonLine(*watcher);
    QCOMPARE(edit.value(u"files").toInt(), 1);
    QCOMPARE(edit.value(u"stored").toInt(), 1); // the new function; the others are unchanged
    QCOMPARE(
        sql(QStringLiteral("SELECT count(*) FROM runs WHERE started_by = 'watch'")).toInt(), 2);

    // A second watcher of the database names the first and leaves; readers read on.
    const Outcome second = cli(QStringList { QStringLiteral("watch"), m_root } + flags, 30000);
    QCOMPARE(second.code, 2);
    const QByteArray holder
        = "signalhub-cli watch (pid " + QByteArray::number(watcher->processId());
    QVERIFY2(second.err.contains(holder), second.err.constData());
    const Outcome status
        = cli({ QStringLiteral("status"), QStringLiteral("--db"), m_db, QStringLiteral("--json") });
    QCOMPARE(status.code, 0);

    ::kill(pid_t(watcher->processId()), SIGINT);
    QVERIFY(watcher->waitForFinished(30000));
    QCOMPARE(watcher->exitStatus(), QProcess::NormalExit);
    QCOMPARE(watcher->exitCode(), 130);
    m_seen.append(
        { watcher->exitCode(), watcher->readAllStandardOutput(), watcher->readAllStandardError() });

    // The lock went with the process: the next watcher takes it, and finds nothing to send.
    const int chunks = sql(QStringLiteral("SELECT count(*) FROM chunks")).toInt();
    std::unique_ptr<QProcess> next(
        startCli(QStringList { QStringLiteral("watch"), m_root } + flags));
    const QJsonObject catchUp = nextJsonLine(*next);
    QCOMPARE(catchUp.value(u"unchanged").toInt(), chunks);
    QCOMPARE(catchUp.value(u"stored").toInt(), 0);
    ::kill(pid_t(next->processId()), SIGTERM);
    QVERIFY(next->waitForFinished(30000));
    QCOMPARE(next->exitCode(), 143);
}

void TestCli::mcpOverStdioKeepsStdoutForTheProtocol()
{
    std::unique_ptr<QProcess> server(
        startCli({ QStringLiteral("mcp"), QStringLiteral("--db"), m_db }));
    const QByteArray stateless
        = R"({"jsonrpc":"2.0","id":4,"method":"server/discover","params":)"
          R"({"_meta":{"io.modelcontextprotocol/protocolVersion":)"
          R"("2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}})";
    server->write("not json\n"
                  R"([{"jsonrpc":"2.0","id":1,"method":"ping"}])"
                  "\n"
                  R"({"jsonrpc":"2.0","id":2,"method":"tools/list"})"
                  "\n"
        + stateless + "\n"
        + R"({"jsonrpc":"2.0","id":3,"method":"initialize","params":{"protocolVersion":)"
          R"("1999-01-01","capabilities":{},"clientInfo":{"name":"t","version":"1"}}})"
          "\n"
          R"({"jsonrpc":"2.0","method":"notifications/initialized"})"
          "\n"
          R"({"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":)"
          R"("search_code","arguments":{"query":"anything"}}})");
    // The last line has no newline: the end of input ends it, and then the server.
    server->closeWriteChannel();
    QVERIFY(server->waitForFinished(30000));
    QCOMPARE(server->exitCode(), 0);
    QHash<int, QJsonObject> byId;
    QList<QJsonObject> withoutId;
    const QByteArray out = server->readAllStandardOutput();
    m_seen.append({ server->exitCode(), out, server->readAllStandardError() });
    for (const QByteArray &line : out.split('\n')) {
        if (line.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonObject message = QJsonDocument::fromJson(line, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, line.constData()); // nothing else
        if (message.value(u"id").isNull())
            withoutId.append(message);
        else
            byId.insert(message.value(u"id").toInt(), message);
    }
    QCOMPARE(withoutId.size(), 2); // the line that is no JSON, and the batch
    QCOMPARE(withoutId[0][u"error"][u"code"].toInt(), -32700);
    QCOMPARE(withoutId[1][u"error"][u"code"].toInt(), -32600);
    QCOMPARE(byId.size(), 4);
    QCOMPARE(byId[2][u"error"][u"code"].toInt(), -32600); // tools/list before initialize
    QCOMPARE(byId[3][u"result"][u"protocolVersion"].toString(), QStringLiteral("2025-11-25"));
    QVERIFY(
        byId[4][u"result"][u"supportedVersions"].toArray().contains(QStringLiteral("2026-07-28")));
    QCOMPARE(byId[5][u"result"][u"isError"].toBool(), true); // nothing is indexed yet
    QVERIFY2(byId[5][u"result"][u"content"][0][u"text"].toString().contains(u"index"),
        qPrintable(byId[5][u"result"][u"content"][0][u"text"].toString()));
}

void TestCli::mcpOverHttpKeepsItsTokenPrivate()
{
    const QString tokenFile = m_dir->filePath(QStringLiteral("xdg/config/signalhub/mcp-token"));
    std::unique_ptr<QProcess> server(startCli({ QStringLiteral("mcp"), QStringLiteral("--db"), m_db,
        QStringLiteral("--http"), QStringLiteral("0") }));
    QByteArray err;
    QDeadlineTimer deadline(30000);
    while (!err.contains("serving MCP at") && !deadline.hasExpired()
        && server->state() != QProcess::NotRunning) {
        server->waitForReadyRead(200);
        err += server->readAllStandardError();
    }
    QVERIFY2(err.contains("http://127.0.0.1:"), err.constData());
    QVERIFY2(err.contains(tokenFile.toUtf8()), err.constData());
    const QFile::Permissions others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup
        | QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
    QCOMPARE(QFile(tokenFile).permissions() & others, QFile::Permissions());
    const QByteArray token = readFile(tokenFile).trimmed();
    QVERIFY(token.size() >= 32);
    server->kill();
    server->waitForFinished(5000);
    err += server->readAllStandardError();
    QVERIFY(!err.contains(token));

    // A token others may read is refused, with what to do about it.
    QVERIFY(QFile::setPermissions(tokenFile, QFile::permissions(tokenFile) | QFile::ReadOther));
    const Outcome refused = cli({ QStringLiteral("mcp"), QStringLiteral("--db"), m_db,
        QStringLiteral("--http"), QStringLiteral("0") });
    QCOMPARE(refused.code, 2);
    QVERIFY2(refused.err.contains("chmod 600"), refused.err.constData());
}

void TestCli::builtInModelFindsTheFunction()
{
    // The default provider (the built-in MiniLM) on a tiny repository: the question is not the
    // text of any chunk, the answer is found by meaning.
    writeFile(m_root + u"/checksum.c",
        "/* Compute a CRC32 checksum over a byte buffer, to detect corrupted data. */\n"
        "unsigned crc32(const unsigned char *data, unsigned long length)\n{\n"
        "    unsigned crc = 0xFFFFFFFFu;\n    for (unsigned long i = 0; i < length; ++i) {\n"
        "        crc ^= data[i];\n        for (int k = 0; k < 8; ++k)\n"
        "            crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1));\n    }\n    return ~crc;\n}\n");
    writeFile(m_root + u"/network.py",
        "import socket\n\n\ndef open_connection(host, port):\n"
        "    \"\"\"Open a TCP connection to a server and return the socket.\"\"\"\n"
        "    return socket.create_connection((host, port), timeout=5)\n");
    writeFile(m_root + u"/dates.js",
        "// Format a date as day/month/year for display in the calendar.\n"
        "function formatDate(date) {\n"
        "  return `${date.getDate()}/${date.getMonth() + 1}/${date.getFullYear()}`;\n}\n");
    writeFile(
        m_root + u"/README.md", "# Tiny\n\nA tiny repository used by the command-line test.\n");
    Outcome o = cli({ QStringLiteral("index"), m_root, QStringLiteral("--db"), m_db,
                        QStringLiteral("--quiet"), QStringLiteral("--json") },
        120000);
    QCOMPARE(o.code, 0);
    const QJsonObject summary = jsonOf(o);
    QVERIFY(summary.value(u"chunks").toInteger() < 40);
    QCOMPARE(summary.value(u"stored").toInteger(), summary.value(u"chunks").toInteger());
    o = cli(
        { QStringLiteral("search"), QStringLiteral("how do I detect corrupted bytes with a hash"),
            QStringLiteral("--db"), m_db, QStringLiteral("--json"), QStringLiteral("-k"),
            QStringLiteral("2") },
        120000);
    QCOMPARE(o.code, 0);
    QJsonArray hits = QJsonDocument::fromJson(o.out).array();
    QVERIFY(!hits.isEmpty());
    QVERIFY2(
        hits[0].toObject().value(u"path").toString().endsWith(u"checksum.c"), o.out.constData());
    o = cli({ QStringLiteral("search"), QStringLiteral("connect to a remote host over the network"),
                QStringLiteral("--db"), m_db, QStringLiteral("--json"), QStringLiteral("-k"),
                QStringLiteral("2") },
        120000);
    QCOMPARE(o.code, 0);
    hits = QJsonDocument::fromJson(o.out).array();
    QVERIFY(!hits.isEmpty());
    QVERIFY2(
        hits[0].toObject().value(u"path").toString().endsWith(u"network.py"), o.out.constData());
}

// A Latin-1 file reads "café" everywhere (embedded text, files row, snippets); a Markdown file
// of long one-line paragraphs is indexed, minified JavaScript still skipped.
void TestCli::latin1AndLongProseAreIndexed()
{
    ServerProcess server;
    QVERIFY(server.start({ QStringLiteral("--dimensions"), QString::number(Dims),
        QStringLiteral("--api-key"), QString::fromLatin1(Key) }));
    const QString latin1Text = QStringLiteral("Le café du matin est très bon.\n"
                                              "Crème brûlée à la française.\n");
    writeFile(m_root + u"/latin1.txt", latin1Text.toLatin1());
    const QByteArray paragraph
        = "Signal Hub indexes a folder of code and prose, so that a question finds its lines. ";
    writeFile(m_root + u"/prose.md", QByteArray(paragraph.repeated(10) + "\n\n").repeated(12));
    writeFile(m_root + u"/bundle.js",
        QByteArray(
            QByteArray("!function(e,t){return e.call(t,n)};var a=b&&c||d;").repeated(40) + "\n")
            .repeated(4));
    QStringList flags = providerFlags(server.url());
    flags << QStringLiteral("--quiet");

    Outcome o = cli(QStringList { QStringLiteral("estimate"), m_root, QStringLiteral("--json"),
                        QStringLiteral("--files") }
        + flags);
    QCOMPARE(o.code, 0);
    QHash<QString, QJsonObject> estimated;
    for (const QJsonValue &f : jsonOf(o).value(u"files").toArray())
        estimated.insert(
            QFileInfo(f.toObject().value(u"path").toString()).fileName(), f.toObject());
    QCOMPARE(estimated.value(QStringLiteral("latin1.txt")).value(u"encoding").toString(),
        QStringLiteral("windows-1252"));
    QVERIFY(estimated.value(QStringLiteral("prose.md")).value(u"indexed").toBool());
    QCOMPARE(estimated.value(QStringLiteral("prose.md")).value(u"encoding").toString(),
        QStringLiteral("utf-8"));
    QCOMPARE(estimated.value(QStringLiteral("bundle.js")).value(u"skip").toString(),
        QStringLiteral("minified"));

    o = cli(QStringList { QStringLiteral("index"), m_root, QStringLiteral("--json") } + flags);
    QCOMPARE(o.code, 0);
    QCOMPARE(jsonOf(o).value(u"files").toInteger(), 2);
    const auto fileColumn = [this](const char *column, const char *name) {
        return sql(QStringLiteral("SELECT %1 FROM files WHERE path = '%2'")
                       .arg(QLatin1StringView(column), QLatin1StringView(name)))
            .toString();
    };
    QCOMPARE(fileColumn("encoding", "latin1.txt"), QStringLiteral("windows-1252"));
    QCOMPARE(fileColumn("skip_reason", "latin1.txt"), QString()); // nothing replaced
    QCOMPARE(fileColumn("encoding", "prose.md"), QStringLiteral("utf-8"));
    QCOMPARE(fileColumn("status", "bundle.js"), QStringLiteral("skipped"));
    QCOMPARE(fileColumn("encoding", "bundle.js"), QString());

    // The server's vector is a function of the text: the file's text as UTF-8 finds its chunk
    // with cosine 1 only if "café" was embedded as "café". The snippet reads the same.
    o = cli(QStringList { QStringLiteral("search"), latin1Text, QStringLiteral("--mode"),
        QStringLiteral("vector"), QStringLiteral("-k"), QStringLiteral("1"),
        QStringLiteral("--api-key-env"), QStringLiteral("SH_TEST_KEY"), QStringLiteral("--db"),
        m_db, QStringLiteral("--timeout"), QStringLiteral("2") });
    QCOMPARE(o.code, 0);
    const QString out = QString::fromUtf8(o.out);
    QVERIFY2(out.startsWith(QStringLiteral("1.000  "))
            && out.section(u'\n', 0, 0).endsWith(QStringLiteral("/latin1.txt:1-2")),
        o.out.constData());
    QVERIFY2(out.contains(QStringLiteral("\n    Le café du matin est très bon.\n"
                                         "    Crème brûlée à la française.\n")),
        o.out.constData());
}

void TestCli::damagedDatabaseStopsEveryCommand()
{
    ServerProcess server;
    QVERIFY(server.start({ QStringLiteral("--dimensions"), QString::number(Dims),
        QStringLiteral("--api-key"), QString::fromLatin1(Key) }));
    for (int f = 0; f < 40; ++f)
        writeFile(m_root + QStringLiteral("/d%1.cpp").arg(f),
            functions(6, "dmg" + QByteArray::number(f)));
    const QStringList flags = providerFlags(server.url());
    const QStringList index = QStringList { QStringLiteral("index"), m_root,
        QStringLiteral("--quiet"), QStringLiteral("--chunk-tokens"), QStringLiteral("48") }
        + flags;
    QCOMPARE(cli(index).code, 0);
    Outcome o = cli({ QStringLiteral("check"), QStringLiteral("--db"), m_db });
    QCOMPARE(o.code, 0);
    QVERIFY2(o.out.contains(": ok"), o.out.constData());

    // 4 KiB of garbage in the middle of the chunk rows, which every command reads.
    const qint64 page = middleLeafPage(m_db, QStringLiteral("chunks"));
    QVERIFY(page > 0);
    const qint64 pageSize = sql(QStringLiteral("PRAGMA page_size")).toLongLong();
    QVERIFY(scribble(m_db, (page - 1) * pageSize, 4096));

    const QList<QStringList> commands {
        { QStringLiteral("status"), QStringLiteral("--db"), m_db },
        QStringList { QStringLiteral("search"), QStringLiteral("total") } + flags,
        { QStringLiteral("export"), QStringLiteral("--db"), m_db, QStringLiteral("--format"),
            QStringLiteral("jsonl"), QStringLiteral("-o"),
            m_dir->filePath(QStringLiteral("out.jsonl")) },
        index,
        { QStringLiteral("check"), QStringLiteral("--db"), m_db },
    };
    for (const QStringList &command : commands) {
        o = cli(command);
        QVERIFY2(o.code == 3,
            qPrintable(command.first() + u' ' + QString::number(o.code) + u' '
                + QString::fromUtf8(o.err)));
        for (const QString &part : { m_db, QStringLiteral("damaged"), QStringLiteral(".recover") })
            QVERIFY2(QString::fromUtf8(o.err).contains(part),
                qPrintable(command.first() + u": " + QString::fromUtf8(o.err)));
    }
    QVERIFY2(!QFile::exists(m_dir->filePath(QStringLiteral("out.jsonl"))), "no partial export");
}

void TestCli::fullDiskStopsTheRunOnce()
{
    ServerProcess server;
    QVERIFY(server.start({ QStringLiteral("--dimensions"), QString::number(Dims),
        QStringLiteral("--api-key"), QString::fromLatin1(Key) }));
    for (int f = 0; f < 3; ++f)
        writeFile(m_root + QStringLiteral("/a/a%1.cpp").arg(f),
            functions(4, "a" + QByteArray::number(f)));
    for (int f = 0; f < 40; ++f)
        writeFile(m_root + QStringLiteral("/b/b%1.cpp").arg(f),
            functions(10, "b" + QByteArray::number(f)));
    const auto index = [this, &server](const QString &path, const QString &db) {
        QStringList flags = providerFlags(server.url());
        flags.last() = db;
        return cli(
            QStringList { QStringLiteral("index"), path, QStringLiteral("--quiet"),
                QStringLiteral("--json"), QStringLiteral("--chunk-tokens"), QStringLiteral("48") }
            + flags);
    };
    // How many pages all of it takes, and the first folder alone.
    const QString scratch = m_dir->filePath(QStringLiteral("scratch.db"));
    QCOMPARE(index(m_root, scratch).code, 0);
    const qint64 allPages = sql(QStringLiteral("PRAGMA page_count"), scratch).toLongLong();
    QCOMPARE(index(m_root + u"/a", m_db).code, 0);
    const qint64 firstPages = sql(QStringLiteral("PRAGMA page_count")).toLongLong();

    // A disk that fills five sixths of the way through the rest (the chunks and their words
    // are written as files are read, the vectors as they come back).
    m_extraEnvironment.insert(QStringLiteral("SIGNALHUB_TEST_MAX_PAGE_COUNT"),
        QString::number(firstPages + (allPages - firstPages) * 5 / 6));
    server.reset();
    const Outcome full = index(m_root, m_db);
    QCOMPARE(full.code, 3);
    const QString err = QString::fromUtf8(full.err);
    QCOMPARE(err.count(QStringLiteral("The disk holding the database")), 1);
    QVERIFY2(err.contains(m_db) && err.contains(QStringLiteral("more")), full.err.constData());
    QVERIFY2(!err.contains(QStringLiteral("rollback")) && !err.contains(QStringLiteral("commit")),
        full.err.constData());
    // The summary counts what was committed, and what is left. How many vectors came back
    // before the disk filled depends on the pace of reading against the server's (on busy
    // cores, none may have): what is checked is that the counts match the store.
    const QJsonObject summary = jsonOf(full);
    QCOMPARE(summary.value(u"stored").toInteger() + summary.value(u"unchanged").toInteger(),
        sql(QStringLiteral("SELECT count(*) FROM chunks WHERE state = 1")).toLongLong());
    QCOMPARE(summary.value(u"pending").toInteger(),
        sql(QStringLiteral("SELECT count(*) FROM chunks WHERE state = 0")).toLongLong());
    QVERIFY(summary.value(u"pending").toInteger() > 0);
    QCOMPARE(sql(QStringLiteral("SELECT status FROM runs ORDER BY id DESC LIMIT 1")).toString(),
        QStringLiteral("stopped"));
    QVERIFY(sql(QStringLiteral("SELECT stop_reason FROM runs ORDER BY id DESC LIMIT 1"))
            .toString()
            .contains(QStringLiteral(" is full")));
    const Outcome status = cli({ QStringLiteral("status"), QStringLiteral("--db"), m_db });
    QCOMPARE(status.code, 0);
    QVERIFY2(status.out.contains(" is full"), status.out.constData());

    // With room again, only what is missing is sent.
    m_extraEnvironment.clear();
    const qint64 stored
        = sql(QStringLiteral("SELECT count(DISTINCT text_id) FROM chunks WHERE state = 1"))
              .toLongLong();
    server.reset();
    const Outcome resumed = index(m_root, m_db);
    QCOMPARE(resumed.code, 0);
    QCOMPARE(server.stat("inputs"),
        sql(QStringLiteral("SELECT count(DISTINCT text_id) FROM chunks")).toLongLong() - stored);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM chunks WHERE state <> 1")).toInt(), 0);
}

void TestCli::oddNamesLinksAndSecretFiles()
{
    ServerProcess server;
    QVERIFY(server.start({ QStringLiteral("--dimensions"), QString::number(Dims),
        QStringLiteral("--api-key"), QString::fromLatin1(Key) }));
    const QByteArray root = QFile::encodeName(m_root);
    writeRaw(root + "/caf\xe9.txt", "the file whose name is Latin-1\n");
    writeRaw(root + "/two\nlines.txt", "the file whose name holds a newline\n");
    writeFile(m_root + u"/plain.txt", "an ordinary name\n");
    writeFile(m_root + u"/.env", "API_TOKEN=not-for-the-index\n");
    writeFile(m_root + u"/id_ed25519.pub", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 user@host\n");
    QVERIFY(QFile::link(QStringLiteral("nowhere.txt"), m_root + u"/gone.txt"));
    const QStringList flags = providerFlags(server.url()) << QStringLiteral("--quiet");

    // What would be indexed, what is skipped and why; names escaped, one line each.
    Outcome o = cli(
        QStringList { QStringLiteral("estimate"), m_root, QStringLiteral("--files") } + flags);
    QCOMPARE(o.code, 0);
    const QString listing = QString::fromUtf8(o.out);
    QVERIFY2(listing.contains(u"index  " + m_root + u"/caf\\xE9.txt  ("), o.out.constData());
    QVERIFY2(listing.contains(u"index  " + m_root + u"/two\\nlines.txt  ("), o.out.constData());
    QVERIFY2(listing.contains(u"skip   " + m_root
                 + u"/gone.txt  (dangling symlink to 'nowhere.txt' (No such file or directory))"),
        o.out.constData());
    QVERIFY2(listing.contains(u"skip   " + m_root + u"/.env  (may hold secrets (matches '.env'))"),
        o.out.constData());
    QVERIFY(listing.contains(u"index  " + m_root + u"/id_ed25519.pub  ("));
    QVERIFY2(!o.out.contains("two\nlines"), "a newline in a name is printed raw");
    QVERIFY2(!o.out.contains("\xe9") && !o.out.contains("\xef\xbf\xbd"),
        "a byte that is not UTF-8 is printed raw or replaced");
    o = cli(QStringList { QStringLiteral("estimate"), m_root, QStringLiteral("--files"),
                QStringLiteral("--json") }
        + flags);
    QCOMPARE(o.code, 0);
    QHash<QString, QJsonObject> estimated;
    for (const QJsonValue &f : jsonOf(o).value(u"files").toArray())
        estimated.insert(f.toObject().value(u"path").toString(), f.toObject());
    QVERIFY2(
        estimated.value(m_root + u"/caf\\xE9.txt").value(u"indexed").toBool(), o.out.constData());
    QCOMPARE(estimated.value(m_root + u"/gone.txt").value(u"skip").toString(),
        QStringLiteral("dangling-symlink"));
    QCOMPARE(
        estimated.value(m_root + u"/.env").value(u"skip").toString(), QStringLiteral("secret"));

    // Indexed, the link and the secret file skipped by rule: exit 0, now and unchanged.
    o = cli(QStringList { QStringLiteral("index"), m_root, QStringLiteral("--json") } + flags);
    QCOMPARE(o.code, 0);
    QJsonObject summary = jsonOf(o);
    QCOMPARE(summary.value(u"files").toInteger(), 4);
    QCOMPARE(summary.value(u"stored").toInteger(), 4);
    QCOMPARE(summary.value(u"skipped_files").toInteger(), 2);
    QCOMPARE(summary.value(u"unreadable_files").toInteger(), 0);
    o = cli(QStringList { QStringLiteral("index"), m_root, QStringLiteral("--json") } + flags);
    QCOMPARE(o.code, 0);
    summary = jsonOf(o);
    QCOMPARE(summary.value(u"stored").toInteger(), 0);
    QCOMPARE(summary.value(u"unchanged").toInteger(), 4);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM chunks WHERE state <> 1")).toInt(), 0);
    // The store keeps the name as FileName decodes it: U+EFE9 for the byte 0xE9.
    QCOMPARE(sql(QStringLiteral("SELECT hex(path) FROM files WHERE path LIKE '%caf%'"))
                 .toString()
                 .endsWith(u"636166EEBFA92E747874"),
        true);

    // search finds them, shows the names escaped and reads the snippet from the very file.
    o = cli(QStringList { QStringLiteral("search"), QStringLiteral("whose name"),
                QStringLiteral("-k"), QStringLiteral("10") }
        + flags);
    QCOMPARE(o.code, 0);
    const QString hits = QString::fromUtf8(o.out);
    QVERIFY2(hits.contains(m_root + u"/caf\\xE9.txt:1-1\n    the file whose name is Latin-1\n"),
        o.out.constData());
    QVERIFY2(
        hits.contains(m_root + u"/two\\nlines.txt:1-1\n    the file whose name holds a newline\n"),
        o.out.constData());
    o = cli(QStringList { QStringLiteral("search"), QStringLiteral("whose name"),
                QStringLiteral("-k"), QStringLiteral("10"), QStringLiteral("--json") }
        + flags);
    QCOMPARE(o.code, 0);
    QStringList paths;
    for (const QJsonValue &hit : QJsonDocument::fromJson(o.out).array())
        paths.append(hit.toObject().value(u"path").toString());
    QVERIFY2(paths.contains(m_root + u"/caf\\xE9.txt"), o.out.constData());

    // A PATH that is not UTF-8 is taken byte for byte (QProcess would pass it as UTF-8, so
    // the shell makes the byte).
    {
        QProcess shell;
        shell.setProcessEnvironment(environment());
        shell.start(QStringLiteral("/bin/sh"),
            QStringList { QStringLiteral("-c"),
                QStringLiteral(
                    "p=$(printf '%s/caf\\351.txt' \"$1\"); shift; exec \"$0\" index \"$p\" \"$@\""),
                binary(QStringLiteral("signalhub-cli")), m_root, QStringLiteral("--json") }
                + flags);
        QVERIFY(shell.waitForFinished(60000));
        o.out = shell.readAllStandardOutput();
        o.err = shell.readAllStandardError();
        o.code = shell.exitCode();
        m_seen.append(o);
        QVERIFY2(o.code == 0, o.err.constData());
        QCOMPARE(jsonOf(o).value(u"unchanged").toInteger(), 1);
    }

    // With the flag (documented in --help), the secret file is indexed too.
    o = cli({ QStringLiteral("--help") });
    QVERIFY(o.out.contains("--include-secret-files"));
    o = cli(QStringList { QStringLiteral("index"), m_root, QStringLiteral("--json"),
                QStringLiteral("--include-secret-files") }
        + flags);
    QCOMPARE(o.code, 0);
    summary = jsonOf(o);
    QCOMPARE(summary.value(u"files").toInteger(), 5);
    QCOMPARE(summary.value(u"stored").toInteger(), 1);
    QCOMPARE(summary.value(u"skipped_files").toInteger(), 1);
}

// A git checkout moved to another folder is the same source: its files match their rows again
// (paths are kept relative to the root), so only the file changed meanwhile is read and sent.
void TestCli::movedCheckoutKeepsItsIndex()
{
    ServerProcess server;
    QVERIFY(server.start({ QStringLiteral("--dimensions"), QString::number(Dims),
        QStringLiteral("--api-key"), QString::fromLatin1(Key) }));
    for (int i = 0; i < 4; ++i)
        writeFile(m_root + QStringLiteral("/src/f%1.cpp").arg(i),
            functions(3, QByteArray("f") + QByteArray::number(i)));
    QVERIFY(makeCheckout(QStringLiteral("https://example.org/team/project.git")));
    const QStringList flags = providerFlags(server.url()) << QStringLiteral("--quiet");
    Outcome o
        = cli(QStringList { QStringLiteral("index"), m_root, QStringLiteral("--json") } + flags);
    QCOMPARE(o.code, 0);
    const qint64 chunks = jsonOf(o).value(u"chunks").toInteger();
    QVERIFY(chunks >= 4);

    const QString moved = m_dir->filePath(QStringLiteral("elsewhere/project"));
    QVERIFY(QDir().mkpath(QFileInfo(moved).path()));
    QVERIFY(QDir().rename(m_root, moved));
    writeFile(moved + u"/src/f0.cpp", functions(3, "changed"));
    server.reset();
    o = cli(QStringList { QStringLiteral("index"), moved, QStringLiteral("--json") } + flags);
    QCOMPARE(o.code, 0);
    QVERIFY2(o.err.contains("its index moved with it"), o.err.constData());
    const QJsonObject summary = jsonOf(o);
    QCOMPARE(summary.value(u"unchanged").toInteger(), 3);
    QCOMPARE(summary.value(u"failed").toInteger(), 0);
    // The changed file's chunks, nothing else.
    QCOMPARE(server.stat("inputs"),
        sql(QStringLiteral(
                "SELECT count(*) FROM chunks c JOIN files f ON f.id = c.file_id WHERE f.path = "
                "'src/f0.cpp'"))
            .toInt());
    QVERIFY(server.stat("inputs") > 0);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM sources")).toInt(), 1);
    QCOMPARE(sql(QStringLiteral("SELECT identity FROM sources")).toString(),
        QStringLiteral("git:example.org/team/project@main"));
    QCOMPARE(sql(QStringLiteral("SELECT group_concat(path) FROM (SELECT path FROM files ORDER BY "
                                "path)"))
                 .toString(),
        QStringLiteral("src/f0.cpp,src/f1.cpp,src/f2.cpp,src/f3.cpp"));

    o = cli({ QStringLiteral("status"), QStringLiteral("--db"), m_db, QStringLiteral("--json") });
    QCOMPARE(o.code, 0);
    const QJsonObject status = jsonOf(o);
    QCOMPARE(status.value(u"folders").toArray(), QJsonArray { QDir(moved).canonicalPath() });
    QCOMPARE(status.value(u"folder_identities").toObject(),
        (QJsonObject { { QDir(moved).canonicalPath(),
            QStringLiteral("git:example.org/team/project@main") } }));
    o = cli(QStringList { QStringLiteral("search"), QStringLiteral("f2"), QStringLiteral("--json") }
        + flags);
    QCOMPARE(o.code, 0);
    const QJsonArray hits = QJsonDocument::fromJson(o.out).array();
    QVERIFY(!hits.isEmpty());
    for (const QJsonValue &hit : hits)
        QVERIFY2(hit.toObject().value(u"path").toString().startsWith(QDir(moved).canonicalPath()),
            o.out.constData());
}

// `remove` drops one folder: its files and chunks, and the vectors no other folder uses; a text
// both folders hold keeps its vector. A folder that is not indexed, or lies inside one, is
// named as such.
void TestCli::removeDropsAFolderAndTheVectorsOnlyItUsed()
{
    ServerProcess server;
    QVERIFY(server.start({ QStringLiteral("--dimensions"), QString::number(Dims),
        QStringLiteral("--api-key"), QString::fromLatin1(Key) }));
    const QString kept = m_dir->filePath(QStringLiteral("kept"));
    const QString dropped = m_dir->filePath(QStringLiteral("dropped"));
    writeFile(kept + u"/shared.txt", "one text in both folders\n");
    writeFile(dropped + u"/shared.txt", "one text in both folders\n");
    writeFile(dropped + u"/own.cpp", functions(2, "own"));
    writeFile(dropped + u"/sub/deeper.txt", "a text of the dropped folder only\n");
    const QStringList flags = providerFlags(server.url()) << QStringLiteral("--quiet");
    for (const QString &folder : { kept, dropped })
        QCOMPARE(cli(QStringList { QStringLiteral("index"), folder } + flags).code, 0);
    const int vectors = sql(QStringLiteral("SELECT count(*) FROM embeddings")).toInt();
    const int keptChunks = sql(QStringLiteral("SELECT count(*) FROM chunks c JOIN files f ON f.id "
                                              "= c.file_id JOIN sources s ON s.id = f.source_id "
                                              "WHERE s.root = '%1'")
                                   .arg(kept))
                               .toInt();
    const int droppedChunks
        = sql(QStringLiteral("SELECT count(*) FROM chunks")).toInt() - keptChunks;

    const QStringList db { QStringLiteral("--db"), m_db };
    Outcome o = cli(QStringList { QStringLiteral("remove"), dropped + u"/sub" } + db);
    QCOMPARE(o.code, 2);
    QVERIFY2(o.err.contains("is inside the indexed folder"), o.err.constData());
    o = cli(QStringList { QStringLiteral("remove"), dropped, QStringLiteral("--json") } + db);
    QCOMPARE(o.code, 0);
    const QJsonObject removed = jsonOf(o).value(u"removed").toArray().at(0).toObject();
    QCOMPARE(removed.value(u"folder").toString(), dropped);
    QCOMPARE(removed.value(u"files").toInteger(), 3);
    QCOMPARE(removed.value(u"chunks").toInteger(), droppedChunks);
    QCOMPARE(removed.value(u"vectors").toInteger(), vectors - keptChunks);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM embeddings")).toInt(), keptChunks);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM chunks")).toInt(), keptChunks);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM texts")).toInt(), keptChunks);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM sources")).toInt(), 1);

    o = cli(QStringList { QStringLiteral("status"), QStringLiteral("--json") } + db);
    QCOMPARE(jsonOf(o).value(u"folders").toArray(), QJsonArray { kept });
    o = cli(QStringList { QStringLiteral("remove"), dropped } + db);
    QCOMPARE(o.code, 2);
    QVERIFY2(o.err.contains("is not an indexed folder"), o.err.constData());
    // The folder's files are still there: nothing but the index changed.
    QVERIFY(QFile::exists(dropped + u"/own.cpp"));
    // A folder that holds indexed folders removes each of them.
    QCOMPARE(cli(QStringList { QStringLiteral("index"), dropped } + flags).code, 0);
    QVERIFY(sql(QStringLiteral("SELECT count(*) FROM text_words")).toInt() > 0);
    o = cli(QStringList { QStringLiteral("remove"), m_dir->path(), QStringLiteral("--json") } + db);
    QCOMPARE(o.code, 0);
    QCOMPARE(jsonOf(o).value(u"removed").toArray().size(), 2);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM sources")).toInt(), 0);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM embeddings")).toInt(), 0);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM text_words")).toInt(), 0);
}

// export --format index writes a database another imports: nothing is embedded again, and
// a teammate's clone elsewhere (the exporter's folder is not there) takes the index over.
void TestCli::exportedIndexIsImportedAndATeammatesCloneMatchesIt()
{
    ServerProcess server;
    QVERIFY(server.start({ QStringLiteral("--dimensions"), QString::number(Dims),
        QStringLiteral("--api-key"), QString::fromLatin1(Key) }));
    for (int i = 0; i < 3; ++i)
        writeFile(m_root + QStringLiteral("/lib/m%1.cpp").arg(i),
            functions(4, QByteArray("module") + QByteArray::number(i)));
    QVERIFY(makeCheckout(QStringLiteral("git@example.org:team/lib.git")));
    QStringList flags = providerFlags(server.url()) << QStringLiteral("--quiet");
    QCOMPARE(cli(QStringList { QStringLiteral("index"), m_root } + flags).code, 0);
    const int vectors = sql(QStringLiteral("SELECT count(*) FROM embeddings")).toInt();
    const int chunks = sql(QStringLiteral("SELECT count(*) FROM chunks")).toInt();
    QVERIFY(vectors > 0);
    // Another folder of the same space, which an export of the first leaves out.
    const QString other = m_dir->filePath(QStringLiteral("other"));
    writeFile(other + u"/notes.txt", "a text of the other folder only\n");
    QCOMPARE(cli(QStringList { QStringLiteral("index"), other } + flags).code, 0);

    const QString exported = m_dir->filePath(QStringLiteral("lib-index.sqlite"));
    const QStringList db { QStringLiteral("--db"), m_db };
    Outcome o = cli(
        QStringList { QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("index"),
            QStringLiteral("-o"), exported, m_root, QStringLiteral("--json") }
        + db);
    QCOMPARE(o.code, 0);
    QCOMPARE(jsonOf(o).value(u"folders").toArray().size(), 1);
    const QJsonObject folder = jsonOf(o).value(u"folders").toArray().at(0).toObject();
    QCOMPARE(folder.value(u"folder").toString(), m_root);
    QCOMPARE(folder.value(u"files").toInteger(), 3);
    QCOMPARE(folder.value(u"chunks").toInteger(), chunks);
    QCOMPARE(folder.value(u"vectors").toInteger(), vectors);
    o = cli(QStringList { QStringLiteral("export"), QStringLiteral("--format"),
                QStringLiteral("index"), QStringLiteral("-o"), exported }
        + db);
    QCOMPARE(o.code, 2);
    QVERIFY2(o.err.contains("exists"), o.err.constData());
    o = cli(QStringList { QStringLiteral("import"), exported } + db);
    QCOMPARE(o.code, 2);
    QVERIFY2(o.err.contains("is indexed in"), o.err.constData());

    // The teammate's machine: the clone lies elsewhere, the exporter's folder is not there.
    const QString clone = m_dir->filePath(QStringLiteral("teammate/lib"));
    QVERIFY(QDir().mkpath(QFileInfo(clone).path()));
    QVERIFY(QDir().rename(m_root, clone));
    const QString team = m_dir->filePath(QStringLiteral("team.sqlite"));
    o = cli({ QStringLiteral("import"), exported, QStringLiteral("--db"), team });
    QCOMPARE(o.code, 0);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM embeddings"), team).toInt(), vectors);
    QCOMPARE(
        sql(QStringLiteral("SELECT count(*) FROM chunks WHERE state = 1"), team).toInt(), chunks);
    QCOMPARE(
        sql(QStringLiteral("SELECT started_by || ' ' || stored || ' ' || tokens FROM runs"), team)
            .toString(),
        QStringLiteral("import %1 0").arg(chunks));
    server.reset();
    flags.replace(flags.indexOf(m_db), team);
    o = cli(QStringList { QStringLiteral("index"), clone, QStringLiteral("--json") } + flags);
    QCOMPARE(o.code, 0);
    QVERIFY2(o.err.contains("its index moved with it"), o.err.constData());
    QCOMPARE(jsonOf(o).value(u"unchanged").toInteger(), 3);
    QCOMPARE(server.stat("requests"), 0);
    // Searched in the clone, by meaning and by words (whose index the run read from the files).
    for (const char *mode : { "vector", "keyword" }) {
        o = cli(QStringList { QStringLiteral("search"), QStringLiteral("module1"),
                    QStringLiteral("--json"), QStringLiteral("--mode"), QLatin1StringView(mode) }
            + flags);
        QCOMPARE(o.code, 0);
        const QJsonArray hits = QJsonDocument::fromJson(o.out).array();
        QVERIFY2(!hits.isEmpty(), mode);
        QVERIFY2(
            hits.at(0).toObject().value(u"path").toString().startsWith(clone), o.out.constData());
    }
}

// A folder outside git is known by the name it is given: moved and indexed with that name, it
// keeps its index; indexed without it, it keeps the name.
void TestCli::namedFolderKeepsItsIndexWhenMoved()
{
    ServerProcess server;
    QVERIFY(server.start({ QStringLiteral("--dimensions"), QString::number(Dims),
        QStringLiteral("--api-key"), QString::fromLatin1(Key) }));
    writeFile(m_root + u"/notes.md", "# Notes\n\nWhat the team decided.\n");
    writeFile(m_root + u"/plan.md", "# Plan\n\nWhat comes next.\n");
    const QStringList flags = providerFlags(server.url()) << QStringLiteral("--quiet");
    Outcome o = cli(QStringList { QStringLiteral("index"), m_root, m_root + u"/notes.md",
                        QStringLiteral("--name"), QStringLiteral("docs") }
        + flags);
    QCOMPARE(o.code, 2);
    QVERIFY2(o.err.contains("--name names the one PATH"), o.err.constData());
    o = cli(QStringList { QStringLiteral("index"), m_root, QStringLiteral("--name"),
                QStringLiteral(" team docs ") }
        + flags);
    QCOMPARE(o.code, 0);
    QCOMPARE(sql(QStringLiteral("SELECT identity FROM sources")).toString(),
        QStringLiteral("name:team docs"));

    const QString moved = m_dir->filePath(QStringLiteral("shared/docs"));
    QVERIFY(QDir().mkpath(QFileInfo(moved).path()));
    QVERIFY(QDir().rename(m_root, moved));
    server.reset();
    o = cli(QStringList { QStringLiteral("index"), moved, QStringLiteral("--name"),
                QStringLiteral("team docs"), QStringLiteral("--json") }
        + flags);
    QCOMPARE(o.code, 0);
    QVERIFY2(o.err.contains("its index moved with it"), o.err.constData());
    QCOMPARE(jsonOf(o).value(u"unchanged").toInteger(), 2);
    QCOMPARE(server.stat("requests"), 0);
    QCOMPARE(cli(QStringList { QStringLiteral("index"), moved } + flags).code, 0);
    QCOMPARE(sql(QStringLiteral("SELECT root || ' ' || identity FROM sources")).toString(),
        moved + QStringLiteral(" name:team docs"));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
