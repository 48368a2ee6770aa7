// Searcher, the one search path of the window, the CLI and the MCP server: a real folder
// indexed against the test server into a real SQLite file (or, in the postgres variant, a
// database on a PostgreSQL server the test starts: see TestBackend), then searched. The test
// server's vectors are a function of the text, so a query equal to a chunk's text finds that chunk
// with a cosine of 1.

#include "embeddingtestserver.h"
#include "indexer.h"
#include "searcher.h"
#include "snippetreader.h"
#include "storereader.h"
#include "testbackend.h"

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

SearchHit hitAt(const QString &path, int line)
{
    SearchHit hit;
    hit.path = path;
    hit.startLine = line;
    hit.endLine = line;
    return hit;
}

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
    void keywordsMatchEveryWayOfWritingAnIdentifier();
    void commonWordsGiveWayToRareOnes();
    void identicalTextsAreOneHitWithTheirOtherPlaces();
    void filtersByPathAndLanguage();
    void hybridFusesBothRankings();
    void changedFileIsMarkedStale();
    void keywordIndexOfAnOlderDatabaseIsBuiltOnceFromTheFiles();

private:
    RunSettings settingsFor(const EmbeddingTestServer &server, int dims) const;
    void index(const EmbeddingTestServer &server, int dims);
    Searcher::Request request(const QString &query) const;
    QStringList indexCollectingMessages();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_root;
    QString m_db;
    std::unique_ptr<EmbeddingTestServer> m_server;
    TestBackend m_store;
};

void TestSearcher::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qRegisterMetaType<IndexSummary>();
    if (const QString why = m_store.start(); !why.isEmpty())
        QSKIP(qPrintable(why));
}

void TestSearcher::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_root = m_dir->filePath(QStringLiteral("repo"));
    m_db = m_store.fresh(m_dir->path());
    QVERIFY(!m_db.isEmpty());
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
    request.mode = Searcher::Mode::Vector;
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
    QCOMPARE(SnippetReader::snippet(hitAt(latin1, 2), 4, u"  "_s), u"  thé vert\n"_s);
}

void TestSearcher::keywordsMatchEveryWayOfWritingAnIdentifier()
{
    writeFile(m_root + u"/c/json.c", "char *parse_json_string(const char *in);\n");
    writeFile(m_root + u"/js/json.js", "function parseJsonString(text) { return text; }\n");
    writeFile(m_root + u"/go/json.go", "func ParseJSONString(s string) string { return s }\n");
    writeFile(m_root + u"/other.c", "int parse(void);\nchar *json;\nconst char *string;\n");
    index(*m_server, 32);
    m_server->reset();
    Searcher searcher(m_db);
    for (const QString &query : { u"parseJsonString"_s, u"parse_json_string"_s,
             u"ParseJSONString"_s, u"ParseJSONString()"_s }) {
        Searcher::Request keywords = request(query);
        keywords.mode = Searcher::Mode::Keyword;
        keywords.k = 10;
        const auto answer = searcher.search(keywords);
        QVERIFY2(answer, qPrintable(answer.errorMessage()));
        QSet<QString> found;
        for (const SearchHit &hit : answer->hits)
            found.insert(QFileInfo(hit.path).fileName());
        // A phrase for an identifier: the three words apart (other.c) are not it.
        QCOMPARE(found, (QSet { u"json.c"_s, u"json.js"_s, u"json.go"_s }));
        QCOMPARE(answer->words, (QStringList { u"parse"_s, u"json"_s, u"string"_s }));
        QCOMPARE(answer->textsWithoutWords, qint64(0));
    }
    // Words alone need no embedding: nothing was sent, nothing paid.
    QCOMPARE(m_server->requests(), qint64(0));
}

void TestSearcher::commonWordsGiveWayToRareOnes()
{
    const int commonTexts = int(Searcher::CommonTermMinimum) + 50;
    for (int i = 0; i < commonTexts; ++i)
        writeFile(m_root + u"/values/v%1.py"_s.arg(i), u"value_%1 = %1\n"_s.arg(i).toUtf8());
    writeFile(m_root + u"/rare.c", "int rare_checksum(int value);\n");
    index(*m_server, 32);
    Searcher searcher(m_db);
    Searcher::Request keywords = request(u"checksum value"_s);
    keywords.mode = Searcher::Mode::Keyword;
    keywords.k = 10;
    const auto answer = searcher.search(keywords);
    QVERIFY2(answer, qPrintable(answer.errorMessage()));
    // "value" is in nearly every text: ranking all of them would cost time and add nothing.
    QCOMPARE(answer->hits.size(), 1);
    QCOMPARE(QFileInfo(answer->hits.first().path).fileName(), u"rare.c"_s);
    QCOMPARE(answer->words, (QStringList { u"checksum"_s, u"value"_s }));

    keywords.query = u"value"_s;
    const auto alone = searcher.search(keywords);
    QVERIFY2(alone, qPrintable(alone.errorMessage()));
    QCOMPARE(alone->hits.size(), 10);
}

void TestSearcher::identicalTextsAreOneHitWithTheirOtherPlaces()
{
    const QByteArray text = "def checksum(data):\n    return sum(data) % 255\n";
    for (const QString &copy : { u"/a/util.py"_s, u"/b/util.py"_s, u"/c/helpers.py"_s })
        writeFile(m_root + copy, text);
    index(*m_server, 32);
    Searcher searcher(m_db);
    for (const Searcher::Mode mode :
        { Searcher::Mode::Vector, Searcher::Mode::Keyword, Searcher::Mode::Hybrid }) {
        Searcher::Request query = request(QString::fromUtf8(text));
        query.mode = mode;
        query.k = 10;
        const auto answer = searcher.search(query);
        QVERIFY2(answer, qPrintable(answer.errorMessage()));
        int copies = 0;
        for (const SearchHit &hit : answer->hits) {
            if (hit.path.endsWith(u"util.py") || hit.path.endsWith(u"helpers.py")) {
                ++copies;
                QCOMPARE(hit.alsoAt.size(), 2);
                QCOMPARE(hit.language, u"Python"_s);
                for (const SearchLocation &other : hit.alsoAt) {
                    QVERIFY(other.path != hit.path);
                    QCOMPARE(other.startLine, 1);
                    QCOMPARE(other.endLine, 2);
                }
            }
        }
        QCOMPARE(copies, 1);
    }
}

void TestSearcher::filtersByPathAndLanguage()
{
    writeFile(m_root + u"/lib/sum.py", "def sum(a, b):\n    return a + b\n");
    writeFile(m_root + u"/test/test_sum.py", "def test_sum():\n    assert sum(1, 2) == 3\n");
    index(*m_server, 32);
    Searcher searcher(m_db);
    const auto names = [&](Searcher::Request query) {
        query.k = 10;
        const auto answer = searcher.search(query);
        QSet<QString> found;
        if (answer)
            for (const SearchHit &hit : answer->hits)
                found.insert(QDir(m_root).relativeFilePath(hit.path));
        return found;
    };
    for (const Searcher::Mode mode :
        { Searcher::Mode::Vector, Searcher::Mode::Keyword, Searcher::Mode::Hybrid }) {
        Searcher::Request query = request(u"sum"_s);
        query.mode = mode;
        query.pathGlob = u"*.py"_s; // no '/': the file name, in any folder
        // Meaning ranks every file, words only those that say "sum".
        QSet<QString> python { u"lib/sum.py"_s, u"test/test_sum.py"_s };
        if (mode != Searcher::Mode::Keyword)
            python.insert(u"greet.py"_s);
        QCOMPARE(names(query), python);
        query.pathGlob = u"test/*"_s; // a '/': the path within the folder
        QCOMPARE(names(query), QSet { u"test/test_sum.py"_s });
        query.pathGlob.clear();
        query.language = u"c"_s; // sum.c, the only C file; names are case-blind
        QCOMPARE(names(query), QSet { u"sum.c"_s });
        query.pathGlob = u"*.py"_s;
        QCOMPARE(names(query), QSet<QString>());
    }
}

// Reciprocal rank fusion of the two rankings, each side giving its best candidates: the
// order can be computed from the vector and keyword answers alone.
void TestSearcher::hybridFusesBothRankings()
{
    writeFile(m_root + u"/lib/sum.py", "def sum(a, b):\n    return a + b\n");
    writeFile(m_root + u"/lib/mean.py", "def mean(xs):\n    return sum(xs) / len(xs)\n");
    index(*m_server, 32);
    Searcher searcher(m_db);
    const QString text = u"int sum(int a, int b)"_s;
    QHash<QString, double> expected;
    for (const Searcher::Mode mode : { Searcher::Mode::Vector, Searcher::Mode::Keyword }) {
        Searcher::Request side = request(text);
        side.mode = mode;
        side.k = Searcher::FusionCandidates;
        const auto answer = searcher.search(side);
        QVERIFY2(answer, qPrintable(answer.errorMessage()));
        for (qsizetype rank = 0; rank < answer->hits.size(); ++rank)
            expected[answer->hits[rank].path] += 1.0 / (Searcher::RrfK + rank + 1);
    }
    Searcher::Request hybrid = request(text);
    hybrid.mode = Searcher::Mode::Hybrid;
    hybrid.k = 10;
    const auto answer = searcher.search(hybrid);
    QVERIFY2(answer, qPrintable(answer.errorMessage()));
    QCOMPARE(answer->hits.size(), expected.size());
    for (qsizetype i = 0; i < answer->hits.size(); ++i) {
        const SearchHit &hit = answer->hits[i];
        QVERIFY2(qAbs(hit.score - expected.value(hit.path)) < 1e-6, qPrintable(hit.path));
        if (i > 0)
            QVERIFY(answer->hits[i - 1].score >= hit.score);
    }
    // Found both ways beats found one way: the three files that say "sum" lead.
    QSet<QString> top;
    for (qsizetype i = 0; i < 3; ++i)
        top.insert(QFileInfo(answer->hits[i].path).fileName());
    QCOMPARE(top, (QSet { u"sum.c"_s, u"sum.py"_s, u"mean.py"_s }));
}

void TestSearcher::changedFileIsMarkedStale()
{
    index(*m_server, 32);
    Searcher searcher(m_db);
    Searcher::Request query = request(u"greet"_s);
    query.mode = Searcher::Mode::Keyword;
    auto before = searcher.search(query);
    QVERIFY2(before, qPrintable(before.errorMessage()));
    QCOMPARE(before->hits.size(), 1);
    QVERIFY(!before->hits.first().stale);
    writeFile(m_root + u"/greet.py", "# moved down\ndef greet(name):\n    return name\n");
    auto after = searcher.search(query);
    QVERIFY2(after, qPrintable(after.errorMessage()));
    QCOMPARE(after->hits.size(), 1);
    QVERIFY(after->hits.first().stale);
}

// A database from before the keyword index: the next run reads the unchanged files once for
// their words, sends nothing, and the run after that does not read them again.
void TestSearcher::keywordIndexOfAnOlderDatabaseIsBuiltOnceFromTheFiles()
{
    index(*m_server, 32);
    if (m_store.isPostgres()) {
        QVERIFY(TestBackend::exec(m_db, u"UPDATE texts SET keywords = 0, words = NULL"_s));
    } else {
        QVERIFY(TestBackend::exec(m_db, u"DELETE FROM text_words"_s));
        QVERIFY(TestBackend::exec(m_db, u"UPDATE texts SET keywords = 0"_s));
    }
    Searcher searcher(m_db);
    Searcher::Request query = request(u"greet"_s);
    query.mode = Searcher::Mode::Keyword;
    auto before = searcher.search(query);
    QVERIFY2(before, qPrintable(before.errorMessage()));
    QVERIFY(before->hits.isEmpty());
    QCOMPARE(before->textsWithoutWords, qint64(3));

    // One file changed meanwhile: the run cuts it again, and its words come with its chunks.
    writeFile(m_root + u"/notes.md", "# Notes\n\nWhat greet says: hello.\n");
    m_server->reset();
    const QStringList messages = indexCollectingMessages();
    QVERIFY2(messages.filter(u"keyword index"_s).size() == 2, qPrintable(messages.join(u'\n')));
    QVERIFY2(messages.filter(u"words of 2 more"_s).size() == 1, qPrintable(messages.join(u'\n')));
    QCOMPARE(m_server->inputs(), qint64(1)); // the changed file's new text only
    auto after = searcher.search(query);
    QVERIFY2(after, qPrintable(after.errorMessage()));
    QCOMPARE(after->textsWithoutWords, qint64(0));
    QSet<QString> found;
    for (const SearchHit &hit : after->hits)
        found.insert(QFileInfo(hit.path).fileName());
    QCOMPARE(found, (QSet { u"greet.py"_s, u"notes.md"_s }));

    QVERIFY(indexCollectingMessages().filter(u"keyword index"_s).isEmpty());
}

QStringList TestSearcher::indexCollectingMessages()
{
    IndexRequest r;
    r.roots = { m_root };
    r.databasePath = m_db;
    r.apiKey = Key;
    r.settings = settingsFor(*m_server, 32);
    Indexer indexer;
    QStringList messages;
    connect(&indexer, &Indexer::message, this, [&messages](const QString &m) { messages << m; });
    QSignalSpy finished(&indexer, &Indexer::finished);
    indexer.start(r);
    if (!finished.wait(60000))
        return { u"the run did not finish"_s };
    return messages;
}

QTEST_GUILESS_MAIN(TestSearcher)
#include "tst_searcher.moc"
