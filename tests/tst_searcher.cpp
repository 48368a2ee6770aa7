// Searcher, the one search path of the window, the CLI and the MCP server: a real folder
// indexed against the test server into a real SQLite file, then searched. The test server's
// vectors are a function of the text, so a query equal to a chunk's text finds that chunk
// with a cosine of 1.

#include "embeddingtestserver.h"
#include "indexer.h"
#include "searcher.h"
#include "snippetreader.h"
#include "storereader.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SignalHub::Core;
using namespace SignalHub::Testing;

namespace {

const QByteArray Key = "sk-search-key";

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    QCOMPARE(file.write(bytes), bytes.size());
}

} // namespace

class TestSearcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void nothingIndexedIsAnAnswerNotAnError();
    void queryEqualToAChunkFindsItFirst();
    void lastRunsSpaceUnlessTheRequestNamesOne();
    void newRunIsSearchedWithoutANewSearcher();
    void embeddingFailureIsAnError();
    void queriesAreCountedInTheReports();
    void snippetsDecodeAsTheRunDid();

private:
    RunSettings settingsFor(const EmbeddingTestServer &server, int dims) const;
    void index(const EmbeddingTestServer &server, int dims);
    Searcher::Request request(const QString &query) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_root;
    QString m_db;
    std::unique_ptr<EmbeddingTestServer> m_server;
};

void TestSearcher::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qRegisterMetaType<IndexSummary>();
}

void TestSearcher::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_root = m_dir->filePath(QStringLiteral("repo"));
    m_db = m_dir->filePath(QStringLiteral("index.db"));
    writeFile(m_root + u"/greet.py", "def greet(name):\n    return 'hello ' + name\n");
    writeFile(m_root + u"/sum.c", "int sum(int a, int b)\n{\n    return a + b;\n}\n");
    writeFile(m_root + u"/notes.md", "# Notes\n\nThe parser reads one line at a time.\n");
    TestServerConfig config;
    config.dimensions = 32;
    config.apiKey = QString::fromLatin1(Key);
    m_server = std::make_unique<EmbeddingTestServer>(config);
    QVERIFY(m_server->listen());
}

void TestSearcher::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

RunSettings TestSearcher::settingsFor(const EmbeddingTestServer &server, int dims) const
{
    RunSettings settings;
    settings.provider = ProviderKind::OpenAi;
    settings.baseUrl = server.openAiUrl().toString();
    settings.model = QStringLiteral("text-embedding-3-small");
    settings.dimensions = dims;
    settings.maxRetries = 1;
    settings.backoffBaseMs = 10;
    settings.timeoutSeconds = 5;
    return settings;
}

void TestSearcher::index(const EmbeddingTestServer &server, int dims)
{
    IndexRequest r;
    r.roots = { m_root };
    r.databasePath = m_db;
    r.apiKey = Key;
    r.settings = settingsFor(server, dims);
    Indexer indexer;
    QSignalSpy finished(&indexer, &Indexer::finished);
    indexer.start(r);
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().first().value<IndexSummary>().exitCode(), 0);
}

Searcher::Request TestSearcher::request(const QString &query) const
{
    // The window's and the CLI's own settings: a provider other than the index's, so that
    // only the last run's space can answer.
    Searcher::Request request;
    request.query = query;
    request.k = 3;
    request.settings.timeoutSeconds = 5;
    request.keyFor = [](const RunSettings &) { return Key; };
    return request;
}

void TestSearcher::nothingIndexedIsAnAnswerNotAnError()
{
    Searcher searcher(m_db);
    const auto answer = searcher.search(request(QStringLiteral("anything")));
    QVERIFY2(answer, qPrintable(answer.errorMessage()));
    QCOMPARE(answer->outcome, Searcher::Answer::Outcome::NothingIndexed);
    QVERIFY(answer->hits.isEmpty());
    QCOMPARE(m_server->requests(), qint64(0));
}

void TestSearcher::queryEqualToAChunkFindsItFirst()
{
    index(*m_server, 32);
    m_server->reset();
    Searcher searcher(m_db);
    const QString text = QStringLiteral("int sum(int a, int b)\n{\n    return a + b;\n}\n");
    const auto answer = searcher.search(request(text));
    QVERIFY2(answer, qPrintable(answer.errorMessage()));
    QCOMPARE(answer->outcome, Searcher::Answer::Outcome::Hits);
    QCOMPARE(answer->hits.size(), 3);
    QCOMPARE(QFileInfo(answer->hits.first().path).fileName(), QStringLiteral("sum.c"));
    QCOMPARE(answer->hits.first().startLine, 1);
    QVERIFY2(qAbs(answer->hits.first().score - 1.0f) < 1e-4f,
        qPrintable(QString::number(answer->hits.first().score)));
    QVERIFY(answer->hits.at(1).score < answer->hits.first().score);
    QCOMPARE(m_server->inputs(), qint64(1)); // the query, once
}

void TestSearcher::lastRunsSpaceUnlessTheRequestNamesOne()
{
    TestServerConfig config = m_server->config();
    config.dimensions = 48;
    EmbeddingTestServer other(config);
    QVERIFY(other.listen());
    index(*m_server, 32);
    index(other, 48); // the last run
    m_server->reset();
    other.reset();

    Searcher searcher(m_db);
    QList<RunSettings> asked;
    Searcher::Request last = request(QStringLiteral("greet"));
    last.keyFor = [&asked](const RunSettings &settings) {
        asked.append(settings);
        return Key;
    };
    const auto answer = searcher.search(last);
    QVERIFY2(answer, qPrintable(answer.errorMessage()));
    QCOMPARE(answer->space.dimensions, 48);
    QCOMPARE(other.inputs(), qint64(1));
    QCOMPARE(m_server->inputs(), qint64(0));
    // The key is asked for the provider and URL of the space searched, not the caller's.
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.first().baseUrl, other.openAiUrl().toString());
    QCOMPARE(asked.first().timeoutSeconds, 5);

    Searcher::Request named = request(QStringLiteral("greet"));
    named.settings = settingsFor(*m_server, 32);
    named.spaceGiven = true;
    const auto first = searcher.search(named);
    QVERIFY2(first, qPrintable(first.errorMessage()));
    QCOMPARE(first->space.dimensions, 32);
    // The folder is kept in the space of its last run: the other space holds its vectors but
    // no longer searches it, and says so.
    QVERIFY(first->hits.isEmpty());
    QCOMPARE(first->notSearched, QStringList { m_root });
    QVERIFY(answer->notSearched.isEmpty());
    QCOMPARE(m_server->inputs(), qint64(1));

    named.settings.dimensions = 16;
    const auto missing = searcher.search(named);
    QVERIFY2(missing, qPrintable(missing.errorMessage()));
    QCOMPARE(missing->outcome, Searcher::Answer::Outcome::SpaceNotIndexed);
    QCOMPARE(missing->space.dimensions, 16);
    QCOMPARE(m_server->inputs(), qint64(1)); // nothing sent for a space with no vectors
}

void TestSearcher::newRunIsSearchedWithoutANewSearcher()
{
    index(*m_server, 32);
    Searcher searcher(m_db);
    const QString added = QStringLiteral("fn added() -> u32 {\n    42\n}\n");
    auto before = searcher.search(request(added));
    QVERIFY2(before, qPrintable(before.errorMessage()));
    QVERIFY(QFileInfo(before->hits.first().path).fileName() != u"added.rs");

    writeFile(m_root + u"/added.rs", added.toUtf8());
    index(*m_server, 32);
    auto after = searcher.search(request(added));
    QVERIFY2(after, qPrintable(after.errorMessage()));
    QCOMPARE(QFileInfo(after->hits.first().path).fileName(), QStringLiteral("added.rs"));
}

void TestSearcher::embeddingFailureIsAnError()
{
    index(*m_server, 32);
    Searcher searcher(m_db);
    Searcher::Request wrongKey = request(QStringLiteral("greet"));
    wrongKey.keyFor = [](const RunSettings &) { return QByteArray("sk-wrong"); };
    const auto answer = searcher.search(wrongKey);
    QVERIFY(!answer);
    QVERIFY2(answer.errorMessage().contains(u"401"), qPrintable(answer.errorMessage()));
}

// A query embedded by a paid provider costs money like any request: the reports count it,
// by model and day with the runs, by run on a "queries" row of its own.
void TestSearcher::queriesAreCountedInTheReports()
{
    index(*m_server, 32);
    const auto reader = StoreReader::open(m_db);
    QVERIFY(reader);
    const qint64 indexed = (*reader)->summary()->tokens;
    m_server->reset();
    Searcher searcher(m_db);
    for (const QString &query : { QStringLiteral("sum of two numbers"), QStringLiteral("greet") })
        QVERIFY(searcher.search(request(query)));
    const qint64 queried = m_server->stats().totalTokens;
    QVERIFY(queried > 0);
    const auto summary = (*reader)->summary();
    QVERIFY2(summary, qPrintable(summary.errorMessage()));
    QCOMPARE(summary->tokens, indexed + queried);
    const auto byRun = (*reader)->report(ReportBy::Run);
    QVERIFY(byRun);
    QCOMPARE(byRun->last().key, QString(ReportRow::QueriesKey));
    QCOMPARE(byRun->last().tokens, queried);
    QCOMPARE(byRun->last().requests, std::optional<qint64>(2));
    QVERIFY(byRun->last().costUsd > 0); // text-embedding-3-small has a price
    const auto byModel = (*reader)->report(ReportBy::Model);
    QVERIFY(byModel);
    QCOMPARE(byModel->size(), 1);
    QCOMPARE(byModel->first().tokens, indexed + queried);
}

// Lines read back for display decode as the file was indexed: a Latin-1 "é" two lines below
// makes the whole file Windows-1252.
void TestSearcher::snippetsDecodeAsTheRunDid()
{
    const QString latin1 = m_root + u"/latin1.txt";
    writeFile(latin1, "caf\xe9 noir\nth\xe9 vert\n"_ba);
    QCOMPARE(SnippetReader::text(latin1, 1, 2), u"café noir\nthé vert\n"_s);
    QCOMPARE(SnippetReader::text(latin1, 2, 9), u"thé vert\n"_s);
    QCOMPARE(SnippetReader::text(latin1, 3, 3), QString());
    const QString utf8 = m_root + u"/utf8.txt";
    writeFile(utf8, "ok\ncaf\xc3\xa9\nlast"_ba);
    QCOMPARE(SnippetReader::text(utf8, 2, 3), u"café\nlast"_s);
    QCOMPARE(SnippetReader::snippet({ latin1, 2, 2 }, 4, u"  "_s), u"  thé vert\n"_s);
}

QTEST_GUILESS_MAIN(TestSearcher)
#include "tst_searcher.moc"
