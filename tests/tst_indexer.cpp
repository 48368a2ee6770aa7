// The indexing run end to end: a real folder (a git repository with ignores, a binary, a big
// file, invalid UTF-8, a symlink loop, odd names) indexed through the OpenAI provider against
// the in-process test server into a real SQLite file, then re-runs, edits, deletions,
// failures, a wrong key, two embedding spaces and a file vanishing mid-run.

#include "chunker.h"
#include "embeddingtestserver.h"
#include "estimator.h"
#include "filename.h"
#include "indexer.h"
#include "pricetable.h"
#include "rawnames.h"
#include "reportwriter.h"
#include "runplan.h"
#include "storereader.h"
#include "testbackend.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <atomic>
#include <optional>

using namespace SignalHub::Core;
using namespace SignalHub::Testing;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(SignalHub::Core::ProviderKind)

namespace {

constexpr int Dims = 32;
const QByteArray Key = "sk-test-key";
const QString Marker = QStringLiteral("POISON_PILL");

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    QCOMPARE(file.write(bytes), bytes.size());
}

// `path` as the store keeps it (FileName-decoded), so names that are not UTF-8 are read too.
QByteArray readFile(const QString &path)
{
    QFile file;
    return FileName::open(file, path) ? file.readAll() : QByteArray();
}

// Files the indexer reads at once: the first group is read before any chunk is sent.
constexpr int FirstGroup = 32;

// A beforeRead hook that lets the first group of files through and holds every later read
// until the store holds `vectors` vectors, for 30 s at most.
class HeldReads
{
public:
    HeldReads(const QString &db, int vectors)
        : m_db(db)
        , m_vectors(vectors)
    { }

    std::function<void(const QString &)> hook()
    {
        return [this](const QString &) { // on a pool thread
            if (m_reads.fetch_add(1) >= FirstGroup)
                waitForVectors();
        };
    }
    bool vectorsSeen() const { return m_seen; }
    int reads() const { return m_reads; }

private:
    void waitForVectors()
    {
        while (!m_seen && !m_giveUp.hasExpired()) {
            if (TestBackend::value(m_db, QStringLiteral("SELECT count(*) FROM embeddings")).toInt()
                >= m_vectors)
                m_seen = true;
            else
                QThread::msleep(10);
        }
    }

    const QString m_db;
    const int m_vectors;
    const QDeadlineTimer m_giveUp { 30000 };
    std::atomic<int> m_reads = 0;
    std::atomic<bool> m_seen = false;
};

// A C++ file of `count` small functions, each different, so that one edit touches one chunk.
QByteArray functions(int count, const QByteArray &extra = {})
{
    QByteArray out = "#include <cstdio>\n\n";
    for (int i = 0; i < count; ++i) {
        out += "int function_" + QByteArray::number(i) + "(int value)\n{\n";
        out += "    int total = value * " + QByteArray::number(i + 3) + ";\n";
        out += "    for (int step = 0; step < " + QByteArray::number(i + 7) + "; ++step)\n";
        out += "        total += step % " + QByteArray::number(i + 2) + ";\n";
        out += "    std::printf(\"function " + QByteArray::number(i) + " %d\\n\", total);\n";
        out += "    return total;\n}\n\n";
    }
    return out + extra;
}

struct Run
{
    IndexSummary summary;
    QList<FileProgress> files; // every filesChanged entry, in order
    QStringList messages;
};

} // namespace

class TestIndexer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void indexesRepositoryExactly();
    void identicalTextsInManyFilesSentOnce();
    void poisonChunkFailsThenRetryStores();
    void wrongKeyIsFatalAndKeepsChunksPending();
    void spacesAreKeptApart();
    void dimensionsProbedWhenNoneGiven_data();
    void dimensionsProbedWhenNoneGiven();
    void failedProbeStopsTheRun();
    void fileDeletedMidRunIsUnreadable();
    void oddNamesLinksAndSecretFiles();
    void fileChangedBetweenReadAndStoreIsReadAgain();
    void answersAreStoredWhileFilesAreRead();
    void pendingCopiesOfATextStoredMeanwhileAreNotSent();
    void cancelStopsALongScan();
    void overlappingRootsShareOneSource();
    void estimateReadsNestedRootsOnceAsTheRunDoes();
    void retryUsesTheSpaceTheChunksFailedIn();
    void switchOnASubFolderKeepsTheParent();
    void retryOfChosenChunksSendsExactlyThem();
    void cancelledEstimateReadsNothing();
    void brokenPriceFileStopsEstimateAndRunAlike();
    void olderChunkingRulesKeepTheirChunksUntilAskedOrChanged();
    void keyEchoedByTheServerIsNeverStored();
    void csvCellsNeverStartAFormula_data();
    void csvCellsNeverStartAFormula();

private:
    IndexRequest request(
        const QStringList &roots, EmbeddingTestServer &server, int dims = Dims) const;
    Run run(const IndexRequest &request,
        const std::function<void(Indexer &, Run &)> &whileRunning = {});
    // Every stored vector equals expectedVector() of the text its chunk covers in the file
    // today; returns how many chunk rows have a vector.
    qint64 verifyVectors(const QString &root, qint64 spaceId, int dims);
    QHash<QString, FileRow> filesOf(const QString &root);
    QList<ChunkRow> chunksOf(const QString &root);
    qint64 count(const QString &sql);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_root;
    QString m_db;
    TestBackend m_store;
    std::unique_ptr<EmbeddingTestServer> m_server;
};

void TestIndexer::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qRegisterMetaType<IndexSummary>();
    qRegisterMetaType<QList<FileProgress>>();
    if (const QString why = m_store.start(); !why.isEmpty())
        QSKIP(qPrintable(why));
}

void TestIndexer::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_root = m_dir->filePath(QStringLiteral("repo"));
    m_db = m_store.fresh(m_dir->path());
    QVERIFY(!m_db.isEmpty());
    QVERIFY(QDir().mkpath(m_root));
    TestServerConfig config;
    config.dimensions = Dims;
    config.apiKey = QString::fromLatin1(Key);
    m_server = std::make_unique<EmbeddingTestServer>(config);
    QVERIFY(m_server->listen());
}

void TestIndexer::cleanup()
{
    m_server.reset();
    removeTree(m_dir->path());
    m_dir.reset();
}

IndexRequest TestIndexer::request(
    const QStringList &roots, EmbeddingTestServer &server, int dims) const
{
    IndexRequest r;
    r.roots = roots;
    r.databasePath = m_db;
    r.apiKey = Key;
    r.settings.provider = ProviderKind::OpenAi;
    r.settings.baseUrl = server.openAiUrl().toString();
    r.settings.model = QStringLiteral("text-embedding-3-small");
    r.settings.dimensions = dims;
    r.settings.chunkTokens = 48;
    r.settings.batchSize = 16;
    r.settings.maxRetries = 2;
    r.settings.backoffBaseMs = 20;
    r.settings.backoffCapMs = 200;
    r.settings.timeoutSeconds = 2;
    return r;
}

Run TestIndexer::run(
    const IndexRequest &request, const std::function<void(Indexer &, Run &)> &whileRunning)
{
    Run out;
    Indexer indexer;
    QSignalSpy finished(&indexer, &Indexer::finished);
    connect(&indexer, &Indexer::filesChanged, this,
        [&out](const QList<FileProgress> &files) { out.files += files; });
    connect(&indexer, &Indexer::message, this,
        [&out](const QString &text) { out.messages.append(text); });
    if (whileRunning)
        indexer.pause(); // started paused: whileRunning resumes it
    indexer.start(request);
    if (whileRunning)
        whileRunning(indexer, out);
    if (finished.isEmpty() && !finished.wait(60000)) {
        qWarning("the run did not finish within 60 s");
        return out;
    }
    out.summary = finished.first().first().value<IndexSummary>();
    QCoreApplication::processEvents(); // the last filesChanged
    return out;
}

QHash<QString, FileRow> TestIndexer::filesOf(const QString &root)
{
    QHash<QString, FileRow> out;
    auto reader = StoreReader::open(m_db);
    if (!reader)
        return out;
    auto source = (*reader)->sourceId(QFileInfo(root).absoluteFilePath());
    if (!source || !source->has_value())
        return out;
    auto files = (*reader)->files(**source);
    if (files)
        for (const FileRow &row : std::as_const(*files))
            out.insert(QDir(root).relativeFilePath(row.file.path), row);
    return out;
}

QList<ChunkRow> TestIndexer::chunksOf(const QString &root)
{
    QList<ChunkRow> out;
    auto reader = StoreReader::open(m_db);
    if (!reader)
        return out;
    const auto files = filesOf(root);
    for (const FileRow &file : files) {
        if (auto chunks = (*reader)->chunks(file.id))
            for (ChunkRow row : std::as_const(*chunks)) {
                row.path = file.file.path;
                out.append(row);
            }
    }
    return out;
}

qint64 TestIndexer::count(const QString &sql)
{
    const QVariant value = TestBackend::value(m_db, sql);
    return value.isValid() ? value.toLongLong() : -1;
}

qint64 TestIndexer::verifyVectors(const QString &root, qint64 spaceId, int dims)
{
    QHash<qint64, ChunkRow> chunks;
    for (const ChunkRow &row : chunksOf(root))
        chunks.insert(row.id, row);
    auto reader = StoreReader::open(m_db);
    if (!reader)
        return -1;
    qint64 rows = 0;
    bool ok = true;
    QHash<QString, QByteArray> bytes;
    const Status walked = (*reader)->forEachVector(spaceId, [&](const VectorRow &row) {
        if (!chunks.contains(row.chunkId))
            return true; // another source's chunk with the same text
        const ChunkRow c = chunks.value(row.chunkId);
        if (!bytes.contains(c.path))
            bytes.insert(c.path, readFile(c.path));
        Chunk chunk;
        chunk.byteStart = c.byteStart;
        chunk.byteEnd = c.byteEnd;
        chunk.startColumn = c.startColumn;
        chunk.endColumn = c.endColumn;
        const QString text = Chunker::text(bytes.value(c.path), chunk);
        if (Chunker::textHash(text) != row.textHash
            || row.values() != EmbeddingTestServer::expectedVector(text, dims)) {
            qWarning("%s:%d-%d: the stored vector is not the one of the chunk's text",
                qPrintable(c.path), c.startLine, c.endLine);
            ok = false;
            return false;
        }
        ++rows;
        return true;
    });
    if (!walked || !ok)
        return -1;
    return rows;
}

void TestIndexer::indexesRepositoryExactly()
{
    // The repository: ignores at two levels, a binary, a 5 MiB file, invalid UTF-8, a
    // symlink loop, names with spaces and non-ASCII, and one text in two files.
    QProcess git;
    git.start(QStringLiteral("git"), { QStringLiteral("init"), QStringLiteral("-q"), m_root });
    QVERIFY(git.waitForFinished(20000));
    QCOMPARE(git.exitCode(), 0);
    writeFile(m_root + u"/.gitignore", "ignored.txt\nbuild/\n");
    writeFile(m_root + u"/ignored.txt", "never indexed\n");
    writeFile(m_root + u"/build/out.cpp", "int generated() { return 1; }\n");
    writeFile(m_root + u"/src/.gitignore", "*.log\n");
    writeFile(m_root + u"/src/debug.log", "a log line\n");
    writeFile(m_root + u"/src/main.cpp", functions(12));
    writeFile(m_root + u"/src/tool.py",
        "def helper(x):\n    return x * 2\n\n\ndef other(y):\n    return y + 1\n");
    writeFile(m_root + u"/docs/name with spaces.md", "# Title\n\nSome words about the project.\n");
    writeFile(
        m_root + u"/docs/ünïcødé ファイル.txt", QStringLiteral("Grüße, 世界, ファイル\n").toUtf8());
    writeFile(m_root + u"/data/blob.bin",
        QByteArray("\x7f"
                   "ELF\0\0\0\x01\x02",
            9)
            .repeated(100));
    writeFile(m_root + u"/data/huge.txt",
        QByteArray("a line of text in a very large file\n").repeated(5 * 1024 * 1024 / 36 + 1));
    writeFile(
        m_root + u"/bad-utf8.txt", "valid start\ninvalid \xff\xfe here\nand \xc3\x28 there\n");
    writeFile(m_root + u"/dup/a.txt", "exactly the same words in two files\n");
    writeFile(m_root + u"/dup/b.txt", "exactly the same words in two files\n");
    QVERIFY(QFile::link(QStringLiteral(".."), m_root + u"/dup/loop"));

    const Run first = run(request({ m_root }, *m_server));
    const IndexSummary &s = first.summary;
    QCOMPARE(s.outcome, IndexSummary::Outcome::Completed);
    QCOMPARE(s.exitCode(), 0);
    QCOMPARE(s.unreadableFiles, 0);
    QCOMPARE(s.failed, 0);
    QVERIFY(s.skippedFiles >= 2); // the binary and the 5 MiB file at least

    const auto files = filesOf(m_root);
    for (const QString &indexed : { QStringLiteral("src/main.cpp"), QStringLiteral("src/tool.py"),
             QStringLiteral("docs/name with spaces.md"),
             QStringLiteral("docs/ünïcødé ファイル.txt"), QStringLiteral("bad-utf8.txt"),
             QStringLiteral("dup/a.txt"), QStringLiteral("dup/b.txt") }) {
        QVERIFY2(files.contains(indexed), qPrintable(indexed));
        QCOMPARE(files.value(indexed).file.status, FileStatus::Indexed);
    }
    for (const QString &skipped :
        { QStringLiteral("data/blob.bin"), QStringLiteral("data/huge.txt") }) {
        QVERIFY2(files.contains(skipped), qPrintable(skipped));
        QCOMPARE(files.value(skipped).file.status, FileStatus::Skipped);
        QVERIFY2(!files.value(skipped).file.skipReason.isEmpty(), qPrintable(skipped));
    }
    // Not UTF-8, so Windows-1252: every byte a character, nothing replaced to warn about.
    QCOMPARE(
        files.value(QStringLiteral("bad-utf8.txt")).file.encoding, QStringLiteral("windows-1252"));
    QCOMPARE(files.value(QStringLiteral("bad-utf8.txt")).file.skipReason, QString());
    QCOMPARE(files.value(QStringLiteral("docs/ünïcødé ファイル.txt")).file.encoding,
        QStringLiteral("utf-8"));
    for (const QString &ignored : { QStringLiteral("ignored.txt"), QStringLiteral("build/out.cpp"),
             QStringLiteral("src/debug.log") })
        QVERIFY2(!files.contains(ignored), qPrintable(ignored));
    // The loop is listed as skipped, with a reason, and never followed.
    for (auto it = files.cbegin(); it != files.cend(); ++it)
        QVERIFY2(!it.key().startsWith(u"dup/loop/"), qPrintable(it.key()));
    if (files.contains(QStringLiteral("dup/loop"))) {
        QCOMPARE(files.value(QStringLiteral("dup/loop")).file.status, FileStatus::Skipped);
        QVERIFY(!files.value(QStringLiteral("dup/loop")).file.skipReason.isEmpty());
    }

    // Every chunk stored, with exactly the vector of its text as read from the file today.
    const QList<ChunkRow> chunks = chunksOf(m_root);
    QSet<QByteArray> distinct;
    for (const ChunkRow &c : chunks) {
        QVERIFY2(c.state == ChunkState::Stored,
            qPrintable(QStringLiteral("%1:%2-%3 is in state %4 after %5 stored")
                           .arg(c.path)
                           .arg(c.startLine)
                           .arg(c.endLine)
                           .arg(int(c.state))
                           .arg(s.stored)
                + QStringLiteral(" files %1 chunks %2 pending %3 msgs %4")
                    .arg(s.files)
                    .arg(s.chunks)
                    .arg(s.pending)
                    .arg(first.messages.join(u'|'))));
        distinct.insert(c.textHash);
    }
    QVERIFY(chunks.size() >= 10);
    QCOMPARE(s.chunks, chunks.size());
    QCOMPARE(s.stored, chunks.size());
    auto reader = StoreReader::open(m_db);
    QVERIFY(reader);
    auto space = (*reader)->lastRunSpace();
    QVERIFY(space && space->has_value());
    QCOMPARE((*space)->key.dimensions, Dims);
    const qint64 spaceId = (*space)->id;
    QCOMPARE(verifyVectors(m_root, spaceId, Dims), chunks.size());
    // Identical text (dup/a.txt, dup/b.txt) was sent once: one input per distinct text.
    QVERIFY(distinct.size() < chunks.size());
    QCOMPARE(m_server->inputs(), distinct.size());
    QCOMPARE(m_server->distinctInputs(), distinct.size());
    QCOMPARE(s.tokens, m_server->totalTokens());

    // A second run sends nothing.
    m_server->reset();
    const Run second = run(request({ m_root }, *m_server));
    QCOMPARE(second.summary.exitCode(), 0);
    QCOMPARE(m_server->inputs(), 0);
    QCOMPARE(second.summary.stored, 0);
    QCOMPARE(second.summary.unchanged, chunks.size());

    // Edit one function: only the chunk(s) whose text changed are sent.
    QByteArray source = readFile(m_root + u"/src/main.cpp");
    const qsizetype at = source.indexOf("total += step % 7;");
    QVERIFY(at > 0);
    source.replace(at, 18, "total -= step % 7 + 1;");
    writeFile(m_root + u"/src/main.cpp", source);
    m_server->reset();
    const Run edited = run(request({ m_root }, *m_server));
    QCOMPARE(edited.summary.exitCode(), 0);
    QSet<QByteArray> fresh;
    qsizetype mainChunks = 0;
    for (const ChunkRow &c : chunksOf(m_root)) {
        QCOMPARE(c.state, ChunkState::Stored);
        if (c.path.endsWith(u"main.cpp"))
            ++mainChunks;
        if (!distinct.contains(c.textHash))
            fresh.insert(c.textHash);
    }
    QVERIFY(!fresh.isEmpty());
    QVERIFY2(fresh.size() < mainChunks, "the edit of one function re-sent the whole file");
    QCOMPARE(m_server->inputs(), fresh.size());
    QCOMPARE(edited.summary.stored, fresh.size());
    QCOMPARE(verifyVectors(m_root, spaceId, Dims), chunksOf(m_root).size());

    // Delete a file: its chunks go, and the vectors nobody uses any more are collected.
    const qint64 toolChunks = [&] {
        qint64 n = 0;
        for (const ChunkRow &c : chunksOf(m_root))
            n += c.path.endsWith(u"tool.py");
        return n;
    }();
    QVERIFY(toolChunks > 0);
    QVERIFY(QFile::remove(m_root + u"/src/tool.py"));
    m_server->reset();
    const Run removed = run(request({ m_root }, *m_server));
    QCOMPARE(removed.summary.exitCode(), 0);
    QCOMPARE(m_server->inputs(), 0);
    QVERIFY(!filesOf(m_root).contains(QStringLiteral("src/tool.py")));
    for (const ChunkRow &c : chunksOf(m_root))
        QVERIFY(!c.path.endsWith(u"tool.py"));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM embeddings e WHERE NOT EXISTS "
                                  "(SELECT 1 FROM chunks c WHERE c.text_id = e.text_id)")),
        0);
    QSet<QByteArray> left;
    for (const ChunkRow &c : chunksOf(m_root))
        left.insert(c.textHash);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM embeddings")), left.size());
}

// Hundreds of files share a few texts, so files are written while the first copy of their
// text is in flight, just answered or being stored: each text is still sent once, and every
// chunk ends stored.
void TestIndexer::identicalTextsInManyFilesSentOnce()
{
    constexpr int Files = 600;
    constexpr int Texts = 24;
    for (int i = 0; i < Files; ++i) {
        QByteArray text
            = "shared paragraph number " + QByteArray::number(i % Texts) + " with the same words\n";
        if (i % 3 == 0)
            text += "\nand a paragraph of its own, file " + QByteArray::number(i) + "\n";
        writeFile(m_root + QStringLiteral("/shared/f%1.txt").arg(i, 4, 10, QLatin1Char('0')), text);
    }
    IndexRequest r = request({ m_root }, *m_server);
    r.settings.chunkTokens = 16;
    r.settings.batchSize = 4;
    const Run first = run(r);
    const IndexSummary &s = first.summary;
    QCOMPARE(s.outcome, IndexSummary::Outcome::Completed);
    const QList<ChunkRow> chunks = chunksOf(m_root);
    QSet<QByteArray> distinct;
    for (const ChunkRow &c : chunks) {
        QCOMPARE(c.state, ChunkState::Stored);
        distinct.insert(c.textHash);
    }
    QCOMPARE(chunks.size(), Files + Files / 3);
    QCOMPARE(distinct.size(), Texts + Files / 3);
    QCOMPARE(s.chunks, chunks.size());
    // Copies written after their text's vector was committed come back stored ("unchanged").
    QCOMPARE(s.stored + s.unchanged, chunks.size());
    QCOMPARE(s.failed, 0);
    QCOMPARE(m_server->inputs(), distinct.size());
}

void TestIndexer::poisonChunkFailsThenRetryStores()
{
    writeFile(m_root + u"/a.cpp", functions(6));
    writeFile(
        m_root + u"/b.cpp", "int poisoned()\n{\n    return 42; // " + Marker.toUtf8() + "\n}\n");
    TestServerConfig config = m_server->config();
    config.rejectMarker = Marker;
    m_server->setConfig(config);

    const Run first = run(request({ m_root }, *m_server));
    QCOMPARE(first.summary.outcome, IndexSummary::Outcome::Completed);
    QCOMPARE(first.summary.failed, 1);
    QCOMPARE(first.summary.exitCode(), 1);
    QCOMPARE(first.summary.stored, first.summary.chunks - 1);
    auto reader = StoreReader::open(m_db);
    QVERIFY(reader);
    auto failed = (*reader)->failedChunks(0);
    QVERIFY(failed);
    QCOMPARE(failed->size(), 1);
    QVERIFY(failed->first().chunk.path.endsWith(u"b.cpp"));
    QCOMPARE(failed->first().httpStatus, 400);
    QVERIFY2(!failed->first().reason.isEmpty(), "a failure needs a reason a person can act on");
    bool sawFailedFile = false;
    for (const FileProgress &p : first.files)
        sawFailedFile |= p.path.endsWith(u"b.cpp") && p.state == FileProgress::State::Failed
            && !p.reason.isEmpty();
    QVERIFY(sawFailedFile);

    // A plain re-run does not resend what failed; retry-failed does, once the server is healed.
    config.rejectMarker.clear();
    m_server->setConfig(config);
    m_server->reset();
    IndexRequest retry = request({}, *m_server);
    retry.pendingOnly = true;
    const Run second = run(retry);
    QCOMPARE(second.summary.outcome, IndexSummary::Outcome::Completed);
    QCOMPARE(second.summary.exitCode(), 0);
    QCOMPARE(second.summary.failed, 0);
    QCOMPARE(second.summary.stored, 1);
    QCOMPARE(m_server->inputs(), 1);
    // The retried file is unchanged: its progress counts the chunks it has, all done at the end.
    std::optional<FileProgress> retried;
    for (const FileProgress &p : second.files) {
        if (p.path.endsWith(u"b.cpp"))
            retried = p;
    }
    QVERIFY(retried);
    QCOMPARE(retried->state, FileProgress::State::Done);
    QVERIFY(retried->chunksTotal > 0);
    QCOMPARE(retried->chunksDone, retried->chunksTotal);
    failed = (*reader)->failedChunks(0);
    QVERIFY(failed);
    QCOMPARE(failed->size(), 0);
    for (const ChunkRow &c : chunksOf(m_root))
        QCOMPARE(c.state, ChunkState::Stored);
    auto space = (*reader)->lastRunSpace();
    QVERIFY(space && space->has_value());
    QCOMPARE(verifyVectors(m_root, (*space)->id, Dims), chunksOf(m_root).size());
}

void TestIndexer::wrongKeyIsFatalAndKeepsChunksPending()
{
    writeFile(m_root + u"/a.cpp", functions(5));
    IndexRequest wrong = request({ m_root }, *m_server);
    wrong.apiKey = "sk-wrong";
    const Run first = run(wrong);
    QCOMPARE(first.summary.outcome, IndexSummary::Outcome::Fatal);
    QCOMPARE(first.summary.exitCode(), 3);
    QVERIFY(!first.summary.message.isEmpty());
    QVERIFY2(!first.summary.message.contains(u"sk-wrong"), "the key must never be shown");
    QCOMPARE(m_server->statusCount(401), m_server->requests());
    const QList<ChunkRow> chunks = chunksOf(m_root);
    QVERIFY(!chunks.isEmpty());
    QSet<QByteArray> distinct;
    for (const ChunkRow &c : chunks) {
        QCOMPARE(c.state, ChunkState::Pending);
        distinct.insert(c.textHash);
    }
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM failures")), 0);

    m_server->reset();
    const Run second = run(request({ m_root }, *m_server));
    QCOMPARE(second.summary.exitCode(), 0);
    QCOMPARE(m_server->inputs(), distinct.size());
    for (const ChunkRow &c : chunksOf(m_root))
        QCOMPARE(c.state, ChunkState::Stored);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM runs WHERE status = 'failed'")), 1);
}

void TestIndexer::dimensionsProbedWhenNoneGiven_data()
{
    QTest::addColumn<ProviderKind>("provider");
    QTest::newRow("ollama") << ProviderKind::Ollama;
    QTest::newRow("openai-compatible") << ProviderKind::OpenAi;
}

// Ollama's nomic-embed-text and most models served by vLLM, TEI or llama.cpp have no
// dimensions we know: one short input tells, and the space is keyed by the answer.
void TestIndexer::dimensionsProbedWhenNoneGiven()
{
    QFETCH(ProviderKind, provider);
    writeFile(m_root + u"/a.cpp", functions(5));
    TestServerConfig config = m_server->config();
    config.dimensions = 48;
    EmbeddingTestServer server(config);
    QVERIFY(server.listen());
    IndexRequest r = request({ m_root }, server, 0);
    r.settings.provider = provider;
    r.settings.model = QStringLiteral("nomic-embed-text");
    r.settings.baseUrl
        = (provider == ProviderKind::Ollama ? server.baseUrl() : server.openAiUrl()).toString();
    const Run first = run(r);
    QCOMPARE(first.summary.outcome, IndexSummary::Outcome::Completed);
    QCOMPARE(first.summary.exitCode(), 0);
    QVERIFY2(first.messages.join(u'|').contains(u"48-dimensional"),
        qPrintable(first.messages.join(u'|')));
    auto reader = StoreReader::open(m_db);
    QVERIFY(reader);
    auto space = (*reader)->lastRunSpace();
    QVERIFY(space && space->has_value());
    QCOMPARE((*space)->key.dimensions, 48);
    const QList<ChunkRow> chunks = chunksOf(m_root);
    QCOMPARE(verifyVectors(m_root, (*space)->id, 48), chunks.size());
    // The probe is one request of the run, billed and counted like the others.
    QCOMPARE(first.summary.requests, server.requests());
    QCOMPARE(first.summary.tokens, server.totalTokens());
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM requests")), server.requests());

    // The next run finds the same space and sends only the probe.
    const qint64 before = server.inputs();
    const Run second = run(r);
    QCOMPARE(second.summary.exitCode(), 0);
    QCOMPARE(server.inputs(), before + 1);
    auto again = (*reader)->lastRunSpace();
    QVERIFY(again && again->has_value());
    QCOMPARE((*again)->id, (*space)->id);
}

// A probe the server refuses stops the run before anything else is sent: exit 3, with the
// server's words.
void TestIndexer::failedProbeStopsTheRun()
{
    writeFile(m_root + u"/a.cpp", functions(5));
    TestServerConfig config = m_server->config();
    config.models = QStringList { QStringLiteral("all-minilm") };
    EmbeddingTestServer server(config);
    QVERIFY(server.listen());
    IndexRequest r = request({ m_root }, server, 0);
    r.settings.provider = ProviderKind::Ollama;
    r.settings.model = QStringLiteral("nomic-embed-text");
    r.settings.baseUrl = server.baseUrl().toString();
    const Run stopped = run(r);
    QCOMPARE(stopped.summary.outcome, IndexSummary::Outcome::Fatal);
    QCOMPARE(stopped.summary.exitCode(), 3);
    QVERIFY2(stopped.summary.message.contains(u"could not learn the dimensions")
            && stopped.summary.message.contains(u"nomic-embed-text"),
        qPrintable(stopped.summary.message));
    QCOMPARE(server.requests(), 1);
    QCOMPARE(server.statusCount(404), 1);
}

void TestIndexer::spacesAreKeptApart()
{
    writeFile(m_root + u"/a.cpp", functions(4));
    writeFile(m_root + u"/b.md", "# Notes\n\nSome notes.\n");
    TestServerConfig config = m_server->config();
    EmbeddingTestServer other(config);
    QVERIFY(other.listen());

    // Same model and dimensions, two servers; then the first server with other dimensions.
    struct Step
    {
        EmbeddingTestServer *server;
        int dims;
    };
    const QList<Step> steps { { m_server.get(), Dims }, { &other, Dims }, { m_server.get(), 48 } };
    qint64 distinct = 0;
    for (const Step &step : steps) {
        step.server->reset();
        const Run r = run(request({ m_root }, *step.server, step.dims));
        QCOMPARE(r.summary.exitCode(), 0);
        QSet<QByteArray> texts;
        for (const ChunkRow &c : chunksOf(m_root))
            texts.insert(c.textHash);
        distinct = texts.size();
        QCOMPARE(step.server->inputs(), distinct); // nothing borrowed from another space
        // The folder is kept in the space of its latest run, with that space's vectors.
        auto reader = StoreReader::open(m_db);
        QVERIFY(reader);
        const auto space = (*reader)->lastRunSpace();
        QVERIFY(space && space->has_value());
        QCOMPARE(verifyVectors(m_root, (*space)->id, step.dims), chunksOf(m_root).size());
    }
    auto reader = StoreReader::open(m_db);
    QVERIFY(reader);
    auto spaces = (*reader)->spaces();
    QVERIFY(spaces);
    QCOMPARE(spaces->size(), 3);
    const qint64 chunkCount = chunksOf(m_root).size();
    for (const SpaceRow &space : std::as_const(*spaces)) {
        auto vectors = (*reader)->vectorCount(space.id);
        QVERIFY(vectors);
        QCOMPARE(*vectors, distinct);
    }
    // Back to the first space: everything is still there, and only it holds the folder.
    m_server->reset();
    const Run again = run(request({ m_root }, *m_server, Dims));
    QCOMPARE(again.summary.exitCode(), 0);
    QCOMPARE(m_server->inputs(), 0);
    QCOMPARE(again.summary.unchanged, chunkCount);
    QCOMPARE(verifyVectors(m_root, spaces->at(0).id, Dims), chunkCount);
    QCOMPARE((*reader)->vectorRowCount(spaces->at(2).id).value(), 0);
}

void TestIndexer::oddNamesLinksAndSecretFiles()
{
    // Names are bytes: one that is not UTF-8, one with a newline; a dangling symlink and a
    // secret file are skipped with their reasons, and an unchanged re-run is clean.
    const QByteArray root = QFile::encodeName(m_root);
    writeRaw(root + "/caf\xe9.txt", "a name in Latin-1\n");
    writeRaw(root + "/two\nlines.txt", "a name with a newline in it\n");
    writeFile(m_root + u"/plain.txt", "an ordinary name\n");
    writeFile(m_root + u"/.env", "API_TOKEN=do-not-send-me\n");
    QVERIFY(QFile::link(QStringLiteral("nowhere.txt"), m_root + u"/gone.txt"));
    const QString latin = FileName::decode(QByteArray(root + "/caf\xe9.txt"));

    Run first = run(request({ m_root }, *m_server));
    QCOMPARE(first.summary.outcome, IndexSummary::Outcome::Completed);
    QCOMPARE(first.summary.exitCode(), 0);
    QCOMPARE(first.summary.unreadableFiles, 0);
    QCOMPARE(first.summary.skippedFiles, 2);
    QCOMPARE(first.summary.files, 3);
    const auto files = filesOf(m_root);
    QCOMPARE(files.value(FileName::decode("caf\xe9.txt")).file.status, FileStatus::Indexed);
    QCOMPARE(FileName::encode(files.value(FileName::decode("caf\xe9.txt")).file.path),
        QByteArray(root + "/caf\xe9.txt")); // the stored path leads back to the same bytes
    QCOMPARE(files.value(QStringLiteral("two\nlines.txt")).file.status, FileStatus::Indexed);
    QCOMPARE(files.value(QStringLiteral("gone.txt")).file.status, FileStatus::Skipped);
    QCOMPARE(files.value(QStringLiteral("gone.txt")).file.skipReason,
        QStringLiteral("dangling symlink to 'nowhere.txt' (No such file or directory)"));
    QCOMPARE(files.value(QStringLiteral(".env")).file.status, FileStatus::Skipped);
    QCOMPARE(files.value(QStringLiteral(".env")).file.skipReason,
        QStringLiteral("may hold secrets (matches '.env')"));
    QCOMPARE(m_server->inputs(), 3); // the three texts, not the secret file's
    bool reported = false;
    for (const FileProgress &p : std::as_const(first.files))
        reported |= p.path == m_root + u"/gone.txt" && p.state == FileProgress::State::Skipped
            && p.reason.startsWith(u"dangling symlink");
    QVERIFY2(reported, "the window's file list shows the link as skipped, with its reason");

    auto reader = StoreReader::open(m_db);
    QVERIFY(reader);
    const qint64 spaceId = (*(*reader)->lastRunSpace())->id;
    const QList<ChunkRow> chunks = chunksOf(m_root);
    QCOMPARE(chunks.size(), 3);
    for (const ChunkRow &c : chunks)
        QCOMPARE(c.state, ChunkState::Stored);
    QCOMPARE(verifyVectors(m_root, spaceId, Dims), 3); // read back through the stored paths
    // The latin file's chunk is found by its path, as search results show it.
    auto chunk = (*reader)->chunks(files.value(FileName::decode("caf\xe9.txt")).id);
    QVERIFY(chunk && chunk->size() == 1);
    QCOMPARE(readFile(latin), QByteArray("a name in Latin-1\n"));

    // Unchanged: nothing is read or sent, and the dangling link does not make it fail.
    m_server->reset();
    const Run second = run(request({ m_root }, *m_server));
    QCOMPARE(second.summary.exitCode(), 0);
    QCOMPARE(second.summary.unreadableFiles, 0);
    QCOMPARE(second.summary.unchanged, 3);
    QCOMPARE(m_server->inputs(), 0);

    // With the setting, the secret file is indexed like any other.
    IndexRequest withSecrets = request({ m_root }, *m_server);
    withSecrets.settings.includeSecretFiles = true;
    const Run third = run(withSecrets);
    QCOMPARE(third.summary.exitCode(), 0);
    QCOMPARE(third.summary.skippedFiles, 1);
    QCOMPARE(third.summary.stored, 1);
    QCOMPARE(m_server->inputs(), 1);
    QCOMPARE(filesOf(m_root).value(QStringLiteral(".env")).file.status, FileStatus::Indexed);
}

void TestIndexer::fileChangedBetweenReadAndStoreIsReadAgain()
{
    const QString path = m_root + u"/moving.cpp";
    writeFile(path, functions(3));
    writeFile(m_root + u"/still.cpp", functions(2));
    // The change lands after the read and before the store, every time the hook runs.
    QByteArray next = functions(3, "int appended_while_indexing() { return 42; }\n");
    IndexRequest changing = request({ m_root }, *m_server);
    changing.afterRead = [path, &next](const QString &read) { // on the run's thread
        QFile file(path);
        if (read == path && file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            file.write(next);
    };
    // The decision is logged in the store's category.
    QLoggingCategory::setFilterRules(QStringLiteral("signalhub.store.info=true"));
    const auto rules = qScopeGuard([] { QLoggingCategory::setFilterRules(QString()); });
    QTest::ignoreMessage(QtInfoMsg,
        QRegularExpression(
            QStringLiteral("not storing .*moving\\.cpp.* changed after it was read")));

    // A new file: nothing of it is stored, and the run says so.
    Run first = run(changing);
    QCOMPARE(first.summary.exitCode(), 0);
    QVERIFY(!filesOf(m_root).contains(QStringLiteral("moving.cpp")));
    QVERIFY(filesOf(m_root).contains(QStringLiteral("still.cpp")));
    QVERIFY2(first.messages.join(u'\n').contains(u"moving.cpp changed while it was being indexed"),
        qPrintable(first.messages.join(u'\n')));
    bool pending = false;
    for (const FileProgress &p : std::as_const(first.files))
        pending |= p.path == path && p.state == FileProgress::State::Pending
            && p.reason.contains(u"changed while being read");
    QVERIFY(pending);

    // The next run reads it again and stores what the file holds now.
    Run second = run(request({ m_root }, *m_server));
    QCOMPARE(second.summary.exitCode(), 0);
    const FileRow stored = filesOf(m_root).value(QStringLiteral("moving.cpp"));
    QCOMPARE(stored.file.status, FileStatus::Indexed);
    QCOMPARE(stored.file.contentHash, QCryptographicHash::hash(next, QCryptographicHash::Sha256));

    // A file already indexed: edited, then changed again while the run reads it. The store
    // keeps the earlier version's row and chunks, and the next run stores the last one.
    QTest::ignoreMessage(QtInfoMsg,
        QRegularExpression(
            QStringLiteral("not storing .*moving\\.cpp.* changed after it was read")));
    const QByteArray edited = functions(4);
    writeFile(path, edited);
    next = functions(5);
    Run third = run(changing);
    QCOMPARE(third.summary.exitCode(), 0);
    QCOMPARE(filesOf(m_root).value(QStringLiteral("moving.cpp")).file.contentHash,
        stored.file.contentHash);
    QCOMPARE(readFile(path), next);
    Run fourth = run(request({ m_root }, *m_server));
    QCOMPARE(fourth.summary.exitCode(), 0);
    QCOMPARE(filesOf(m_root).value(QStringLiteral("moving.cpp")).file.contentHash,
        QCryptographicHash::hash(next, QCryptographicHash::Sha256));
    auto reader = StoreReader::open(m_db);
    QVERIFY(reader);
    const qint64 spaceId = (*(*reader)->lastRunSpace())->id;
    QCOMPARE(verifyVectors(m_root, spaceId, Dims), chunksOf(m_root).size());
    // Read once more, unchanged: nothing is sent.
    m_server->reset();
    QCOMPARE(run(request({ m_root }, *m_server)).summary.exitCode(), 0);
    QCOMPARE(m_server->inputs(), 0);
}

// A paid answer is stored when it comes, not once the files being read meanwhile are done: a
// kill (or a slow disk) then costs as few answers as it can.
void TestIndexer::answersAreStoredWhileFilesAreRead()
{
    for (int i = 0; i < FirstGroup + 8; ++i)
        writeFile(m_root + QStringLiteral("/g%1.cpp").arg(i),
            functions(2, "int own_" + QByteArray::number(i) + "() { return 0; }\n"));
    IndexRequest r = request({ m_root }, *m_server);
    // Only a run that stores answers while it reads gets a vector of the first group.
    HeldReads held(m_db, 1);
    r.beforeRead = held.hook();
    const Run indexed = run(r);
    QVERIFY(held.vectorsSeen());
    QCOMPARE(indexed.summary.exitCode(), 0);
    QCOMPARE(held.reads(), FirstGroup + 8);
    for (const ChunkRow &c : chunksOf(m_root))
        QCOMPARE(c.state, ChunkState::Stored);
}

// Chunks left pending by an interrupted run are read from the store when the run starts; one
// whose text the run stores meanwhile (for another file's copy) is not sent again.
void TestIndexer::pendingCopiesOfATextStoredMeanwhileAreNotSent()
{
    constexpr int Files = FirstGroup + 8;
    for (int i = 0; i < Files; ++i)
        writeFile(m_root + QStringLiteral("/p%1.txt").arg(i),
            "shared paragraph that every file has in the same words\n\nand a paragraph of its "
            "own, file "
                + QByteArray::number(i) + "\n");
    IndexRequest r = request({ m_root }, *m_server);
    r.settings.chunkTokens = 16; // a chunk per paragraph
    QCOMPARE(run(r).summary.exitCode(), 0);
    QCOMPARE(chunksOf(m_root).size(), 2 * Files);
    // As a run killed before any answer leaves it: every chunk pending, no vector.
    QVERIFY(TestBackend::exec(m_db, QStringLiteral("DELETE FROM embeddings")));
    QVERIFY(TestBackend::exec(m_db, QStringLiteral("UPDATE chunks SET state = 0")));
    const qint64 sentBefore = m_server->inputs();

    // The files after the first group are read once the first group's texts are stored.
    HeldReads held(m_db, FirstGroup + 1);
    r.beforeRead = held.hook();
    const Run second = run(r);
    QCOMPARE(second.summary.exitCode(), 0);
    QVERIFY(held.vectorsSeen());
    QCOMPARE(m_server->inputs() - sentBefore, Files + 1); // each text once
    for (const ChunkRow &c : chunksOf(m_root))
        QCOMPARE(c.state, ChunkState::Stored);
    QCOMPARE(second.summary.stored + second.summary.unchanged, 2 * Files);
}

void TestIndexer::fileDeletedMidRunIsUnreadable()
{
    // Started paused, the run scans and waits: the victim is deleted between the scan and
    // the read. More files than one chunking group (32), the victim read last.
    for (int i = 0; i < 40; ++i)
        writeFile(m_root + QStringLiteral("/f%1.txt").arg(i, 2, 10, QLatin1Char('0')),
            "file number " + QByteArray::number(i) + "\n");
    const QString victim = m_root + u"/zz-victim.txt";
    writeFile(victim, "soon gone\n");
    {
        // The oldest file is read last (the scanner puts recent files first).
        QFile file(victim);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.setFileTime(
            QDateTime::currentDateTimeUtc().addDays(-30), QFileDevice::FileModificationTime));
    }

    bool deleted = false;
    const Run r = run(request({ m_root }, *m_server), [&](Indexer &indexer, Run &out) {
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(out.files.cbegin(), out.files.cend(),
                                     [&](const FileProgress &p) { return p.path == victim; }),
            20000);
        QTest::qWait(100);
        QCOMPARE(m_server->requests(), 0); // paused: nothing read, nothing sent
        deleted = QFile::remove(victim);
        indexer.resume();
    });
    QVERIFY(deleted);
    QCOMPARE(r.summary.outcome, IndexSummary::Outcome::Completed);
    QCOMPARE(r.summary.unreadableFiles, 1);
    QCOMPARE(r.summary.exitCode(), 1);
    QCOMPARE(r.summary.files, 40);
    QCOMPARE(r.summary.stored, 40);
    const auto files = filesOf(m_root);
    QCOMPARE(files.value(QStringLiteral("zz-victim.txt")).file.status, FileStatus::Unreadable);
    QVERIFY(!files.value(QStringLiteral("zz-victim.txt")).file.skipReason.isEmpty());
    bool reported = false;
    for (const FileProgress &p : r.files)
        reported
            |= p.path == victim && p.state == FileProgress::State::Failed && !p.reason.isEmpty();
    QVERIFY(reported);
}

void TestIndexer::cancelStopsALongScan()
{
    // The first root is tiny, the second takes the scanner a while: cancelling as soon as the
    // first root's files are announced must stop the scan of the second, not wait for it.
    const QString small = m_dir->filePath(QStringLiteral("small"));
    const QString big = m_dir->filePath(QStringLiteral("big"));
    writeFile(small + u"/one.txt", "one\n");
    // Creating files is slow on some disks: a few thousand patterns that match nothing make
    // every file of the big root cost the scanner more instead.
    QByteArray patterns;
    for (int i = 0; i < 3000; ++i)
        patterns += "generated_" + QByteArray::number(i) + "_*.tmp\n";
    writeFile(big + u"/.ignore", patterns);
    constexpr int Folders = 20;
    constexpr int FilesPerFolder = 100;
    for (int d = 0; d < Folders; ++d) {
        const QString folder = big + QStringLiteral("/d%1/").arg(d);
        QVERIFY(QDir().mkpath(folder));
        for (int f = 0; f < FilesPerFolder; ++f) {
            QFile file(folder + QStringLiteral("f%1.txt").arg(f));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("x\n");
        }
    }

    const Run r = run(request({ small, big }, *m_server), [&](Indexer &indexer, Run &out) {
        QTRY_VERIFY_WITH_TIMEOUT(!out.files.isEmpty(), 20000);
        indexer.cancel();
        indexer.resume();
    });
    QCOMPARE(r.summary.outcome, IndexSummary::Outcome::Cancelled);
    for (const FileProgress &p : r.files)
        QVERIFY2(!p.path.startsWith(big), qPrintable(p.path));
    QVERIFY(filesOf(big).isEmpty());
    QCOMPARE(m_server->requests(), 0);
}

void TestIndexer::estimateReadsNestedRootsOnceAsTheRunDoes()
{
    writeFile(m_root + u"/a.cpp", functions(3));
    writeFile(m_root + u"/sub/b.cpp", functions(4, "// b\n"));
    const IndexRequest r = request({ m_root + u"/sub", m_root, m_root }, *m_server);
    const auto nested = Estimator::run(r.roots, r.settings, m_db, {});
    QVERIFY2(nested, qPrintable(nested.errorMessage()));
    const auto plain = Estimator::run({ m_root }, r.settings, m_db, {});
    QVERIFY2(plain, qPrintable(plain.errorMessage()));
    QCOMPARE(nested->files.size(), 2);
    QCOMPARE(nested->chunks, plain->chunks);
    QCOMPARE(nested->tokens, plain->tokens);

    const Run indexed = run(r);
    QCOMPARE(indexed.summary.exitCode(), 0);
    QCOMPARE(indexed.summary.chunks, nested->chunks);
    QCOMPARE(m_server->inputs(), nested->chunksToSend);
}

void TestIndexer::retryUsesTheSpaceTheChunksFailedIn()
{
    writeFile(m_root + u"/a.cpp", functions(2));
    QCOMPARE(run(request({ m_root }, *m_server)).summary.exitCode(), 0);

    // The front end now has another provider set, with its own limits.
    RunSettings current;
    current.provider = ProviderKind::Ollama;
    current.baseUrl = QStringLiteral("http://127.0.0.1:9");
    current.model = QStringLiteral("nomic-embed-text");
    current.concurrency = 3;
    const IndexRequest retry = IndexRequest::retry(current, m_db, { 7, 9 }, false);
    QVERIFY(retry.pendingOnly);
    QCOMPARE(retry.retryChunkIds, QList<qint64>({ 7, 9 }));
    QCOMPARE(retry.databasePath, m_db);
    QCOMPARE(retry.settings.provider, ProviderKind::OpenAi);
    QCOMPARE(retry.settings.baseUrl, m_server->openAiUrl().toString());
    QCOMPARE(retry.settings.dimensions, Dims);
    QCOMPARE(retry.settings.chunkTokens, 48); // the way the folder was chunked
    QCOMPARE(retry.settings.concurrency, 3); // the front end's limits stay

    // Provider flags (the CLI's) name the space explicitly.
    const IndexRequest named = IndexRequest::retry(current, m_db, {}, true);
    QCOMPARE(named.settings.provider, ProviderKind::Ollama);
    QCOMPARE(named.settings.chunkTokens, 0);
}

// A run in another space (other dimensions, other chunk size) on a sub-folder gives it an index
// of its own: the parent keeps its chunk states and its search, and each space searches its own
// folders. Then a switch of the whole folder takes the sub-folder's index over. Every run sends
// exactly what its estimate said.
void TestIndexer::switchOnASubFolderKeepsTheParent()
{
    writeFile(m_root + u"/a.cpp", functions(6));
    writeFile(m_root + u"/sub/b.cpp", functions(4, "// only in sub\n"));
    QCOMPARE(run(request({ m_root }, *m_server)).summary.exitCode(), 0);
    const QList<ChunkRow> parentBefore = chunksOf(m_root);
    const QString sub = m_root + u"/sub";

    IndexRequest other = request({ sub }, *m_server, 48);
    other.settings.chunkTokens = 24;
    auto estimate = Estimator::run(other.roots, other.settings, m_db, {});
    QVERIFY2(estimate, qPrintable(estimate.errorMessage()));
    QVERIFY(estimate->chunksToSend > 0);
    m_server->reset();
    const Run subRun = run(other);
    QCOMPARE(subRun.summary.exitCode(), 0);
    QCOMPARE(m_server->inputs(), estimate->chunksToSend);
    QCOMPARE(subRun.summary.chunks, estimate->chunks);
    QVERIFY2(subRun.messages.join(u'\n').contains(u"keeps its index"),
        qPrintable(subRun.messages.join(u'\n')));

    // The parent is untouched: the same chunks, all stored.
    const QList<ChunkRow> parentAfter = chunksOf(m_root);
    QCOMPARE(parentAfter.size(), parentBefore.size());
    for (const ChunkRow &chunk : parentAfter)
        QCOMPARE(chunk.state, ChunkState::Stored);
    QCOMPARE(chunksOf(sub).size(), estimate->chunks);

    // Each space searches its own folders, and no chunk twice.
    auto reader = StoreReader::open(m_db);
    QVERIFY(reader);
    const auto spaces = (*reader)->spaces();
    QVERIFY(spaces);
    QCOMPARE(spaces->size(), 2);
    const qint64 parentSpace = spaces->at(0).id;
    const qint64 subSpace = spaces->at(1).id;
    QCOMPARE((*reader)->vectorRowCount(parentSpace).value(), parentBefore.size());
    QCOMPARE((*reader)->vectorRowCount(subSpace).value(), estimate->chunks);
    QCOMPARE(verifyVectors(sub, subSpace, 48), estimate->chunks);

    // The whole folder switches: the sub-folder's index is taken over, so only what the parent
    // has beyond it is sent, cut the new way.
    other.roots = { m_root };
    estimate = Estimator::run(other.roots, other.settings, m_db, {});
    QVERIFY2(estimate, qPrintable(estimate.errorMessage()));
    m_server->reset();
    const Run whole = run(other);
    QCOMPARE(whole.summary.exitCode(), 0);
    QCOMPARE(m_server->inputs(), estimate->chunksToSend);
    QCOMPARE(whole.summary.chunks, estimate->chunks);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM sources")), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM chunks WHERE state <> 1")), 0);
    QCOMPARE((*reader)->vectorRowCount(subSpace).value(), estimate->chunks);
    QCOMPARE(verifyVectors(m_root, subSpace, 48), estimate->chunks);
    // An unchanged folder, estimated again: nothing to send, and nothing is sent.
    estimate = Estimator::run(other.roots, other.settings, m_db, {});
    QVERIFY(estimate);
    QCOMPARE(estimate->chunksToSend, 0);
    m_server->reset();
    QCOMPARE(run(other).summary.exitCode(), 0);
    QCOMPARE(m_server->inputs(), 0);
}

// "Retry selected" sends the chosen chunks and nothing else: not the other failed ones, not the
// pending chunks of other folders; its estimate says the same.
void TestIndexer::retryOfChosenChunksSendsExactlyThem()
{
    writeFile(m_root + u"/a.cpp", functions(3));
    for (const char *name : { "p1.cpp", "p2.cpp", "p3.cpp" })
        writeFile(m_root + u'/' + QLatin1StringView(name),
            "int " + QByteArray(name).chopped(4) + "()\n{\n    return 1; // " + Marker.toUtf8()
                + "\n}\n");
    TestServerConfig config = m_server->config();
    config.rejectMarker = Marker;
    m_server->setConfig(config);
    QCOMPARE(run(request({ m_root }, *m_server)).summary.failed, 3);
    config.rejectMarker.clear();
    m_server->setConfig(config);

    auto reader = StoreReader::open(m_db);
    QVERIFY(reader);
    const auto failed = (*reader)->failedChunks();
    QVERIFY(failed);
    QCOMPARE(failed->size(), 3);
    const qint64 chosen = failed->at(1).chunk.id;
    const IndexRequest retry
        = IndexRequest::retry(request({}, *m_server).settings, m_db, { chosen }, false);
    const auto estimate = Estimator::retry(retry.settings, m_db, retry.retryChunkIds);
    QVERIFY2(estimate, qPrintable(estimate.errorMessage()));
    QCOMPARE(estimate->chunksToSend, 1);

    IndexRequest keyed = retry;
    keyed.apiKey = Key;
    m_server->reset();
    const Run r = run(keyed);
    QCOMPARE(r.summary.exitCode(), 0);
    QCOMPARE(r.summary.stored, 1);
    QCOMPARE(m_server->inputs(), 1);
    const auto left = (*reader)->failedChunks();
    QVERIFY(left);
    QCOMPARE(left->size(), 2);
    for (const FailedChunk &chunk : std::as_const(*left))
        QVERIFY(chunk.chunk.id != chosen);

    // Chosen chunks of a folder kept in another space are refused before anything is sent.
    IndexRequest elsewhere = request({}, *m_server, 48);
    elsewhere.pendingOnly = true;
    elsewhere.retryChunkIds = { left->first().chunk.id };
    const auto refusedEstimate
        = Estimator::retry(elsewhere.settings, m_db, elsewhere.retryChunkIds);
    QVERIFY(!refusedEstimate);
    m_server->reset();
    const Run refused = run(elsewhere);
    QCOMPARE(refused.summary.outcome, IndexSummary::Outcome::Fatal);
    QCOMPARE(refused.summary.message, refusedEstimate.errorMessage());
    QCOMPARE(m_server->requests(), 0);
}

// The window cancels an estimate it no longer needs: what is left unread counts nothing.
void TestIndexer::cancelledEstimateReadsNothing()
{
    writeFile(m_root + u"/a.cpp", functions(3));
    QCOMPARE(run(request({ m_root }, *m_server)).summary.exitCode(), 0);
    writeFile(m_root + u"/b.cpp", functions(5));
    const std::atomic<bool> cancelled { true };
    const auto estimate
        = Estimator::run({ m_root }, request({}, *m_server).settings, m_db, {}, &cancelled);
    QVERIFY2(estimate, qPrintable(estimate.errorMessage()));
    QCOMPARE(estimate->chunksToSend, 0);
    QCOMPARE(estimate->files.size(), 2);
}

void TestIndexer::brokenPriceFileStopsEstimateAndRunAlike()
{
    QTemporaryDir home;
    const QByteArray realHome = qgetenv("HOME");
    qputenv("HOME", home.path().toUtf8());
    auto restore = qScopeGuard([&] { qputenv("HOME", realHome); });
    const QString prices = PriceTable::userFilePath();
    QVERIFY(prices.startsWith(home.path()));
    writeFile(prices, "{\"models\": [1, 2]}");
    writeFile(m_root + u"/a.cpp", functions(2));

    const IndexRequest r = request({ m_root }, *m_server);
    const auto estimate = Estimator::run(r.roots, r.settings, m_db, {});
    QVERIFY(!estimate);
    QVERIFY2(estimate.errorMessage().contains(prices), qPrintable(estimate.errorMessage()));
    const auto retryEstimate = Estimator::retry(r.settings, m_db, {});
    QVERIFY(!retryEstimate);
    QCOMPARE(retryEstimate.errorMessage(), estimate.errorMessage());

    const Run indexed = run(r);
    QCOMPARE(indexed.summary.outcome, IndexSummary::Outcome::Fatal);
    QCOMPARE(indexed.summary.message, estimate.errorMessage());
    QCOMPARE(m_server->requests(), qint64(0));
}

// Files cut by an older version of the chunking rules (same sizes) keep their chunks and
// vectors: nothing is read or paid for them until they change or the user asks for a rechunk,
// which the estimate counts first.
void TestIndexer::olderChunkingRulesKeepTheirChunksUntilAskedOrChanged()
{
    writeFile(m_root + u"/a.cpp", functions(6));
    writeFile(m_root + u"/b.cpp", functions(6, "b"));
    IndexRequest r = request({ m_root }, *m_server);
    QCOMPARE(run(r).summary.exitCode(), 0);
    const QString current = RunPlan::make(r.settings, r.apiKey)->chunking();
    QVERIFY(current.endsWith(u'/' + QString::number(Chunker::Version)));
    // As version 1 recorded it: the sizes without a version.
    QVERIFY(TestBackend::exec(
        m_db, u"UPDATE files SET chunking = '%1'"_s.arg(current.first(current.lastIndexOf(u'/')))));
    const QString older = current.first(current.lastIndexOf(u'/'));

    auto estimate = Estimator::run(r.roots, r.settings, m_db, {});
    QVERIFY2(estimate, qPrintable(estimate.errorMessage()));
    QCOMPARE(estimate->filesCutBefore, 2);
    QCOMPARE(estimate->tokensToSend, 0);
    m_server->reset();
    Run kept = run(r);
    QCOMPARE(kept.summary.exitCode(), 0);
    QCOMPARE(kept.summary.filesCutBefore, 2);
    QCOMPARE(m_server->requests(), qint64(0));
    QCOMPARE(count(u"SELECT count(*) FROM files WHERE chunking = '%1'"_s.arg(older)), 2);

    // A changed file is cut by today's rules; the other keeps its chunks.
    writeFile(m_root + u"/b.cpp", functions(7, "b"));
    const Run changed = run(r);
    QCOMPARE(changed.summary.exitCode(), 0);
    QCOMPARE(changed.summary.filesCutBefore, 1);
    QCOMPARE(count(u"SELECT count(*) FROM files WHERE chunking = '%1'"_s.arg(older)), 1);
    QCOMPARE(count(u"SELECT count(*) FROM files WHERE chunking = '%1'"_s.arg(current)), 1);

    // Asked for: the estimate counts it, the run cuts it again.
    Estimator::Options rechunk;
    rechunk.rechunk = true;
    estimate = Estimator::run(r.roots, r.settings, m_db, rechunk);
    QVERIFY2(estimate, qPrintable(estimate.errorMessage()));
    QCOMPARE(estimate->filesCutBefore, 0);
    r.rechunk = true;
    const Run cutAgain = run(r);
    QCOMPARE(cutAgain.summary.exitCode(), 0);
    QCOMPARE(cutAgain.summary.filesCutBefore, 0);
    QCOMPARE(count(u"SELECT count(*) FROM files WHERE chunking = '%1'"_s.arg(current)), 2);
}

void TestIndexer::keyEchoedByTheServerIsNeverStored()
{
    writeFile(m_root + u"/a.cpp", functions(2));
    TestServerConfig config = m_server->config();
    config.echoAuthorization = true; // as some proxies do in their error pages
    m_server->setConfig(config);
    m_server->failNext(1000, 400);
    const Run r = run(request({ m_root }, *m_server));
    QCOMPARE(r.summary.exitCode(), 1);
    QVERIFY(r.summary.failed > 0);
    const QString key = QString::fromLatin1(Key);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM failures")), r.summary.failed);
    QCOMPARE(
        count(QStringLiteral("SELECT count(*) FROM failures WHERE reason LIKE '%%1%'").arg(key)),
        0);
    QCOMPARE(
        count(QStringLiteral("SELECT count(*) FROM requests WHERE error LIKE '%%1%'").arg(key)), 0);
    QCOMPARE(count(QStringLiteral(
                 "SELECT count(*) FROM failures WHERE reason NOT LIKE '%Bearer [redacted]%'")),
        0);
}

void TestIndexer::overlappingRootsShareOneSource()
{
    // A folder indexed inside a later one, then a file and a sub-folder of it indexed alone:
    // each file stays in one source, nothing is embedded twice, and a partial run neither
    // drops the rest of the folder nor leaves the old chunks of what it re-indexed.
    const QString sub = m_root + u"/sub";
    writeFile(sub + u"/a.cpp", functions(3));
    writeFile(sub + u"/b.cpp", functions(4, "// b\n"));
    QCOMPARE(run(request({ sub }, *m_server)).summary.outcome, IndexSummary::Outcome::Completed);
    const qint64 sentForSub = m_server->inputs();
    QVERIFY(sentForSub > 0);

    writeFile(m_root + u"/c.cpp", functions(2, "// c\n"));
    const Run outer = run(request({ m_root }, *m_server));
    QCOMPARE(outer.summary.outcome, IndexSummary::Outcome::Completed);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM sources")), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM files")), 3);
    QCOMPARE(filesOf(m_root).size(), 3);
    const qint64 sentForOuter = m_server->inputs() - sentForSub;
    QSet<QByteArray> texts;
    for (const ChunkRow &c : chunksOf(m_root))
        texts.insert(c.textHash);
    QCOMPARE(sentForOuter, qint64(texts.size()) - sentForSub); // only c.cpp's new texts
    QVERIFY(sentForOuter > 0);

    writeFile(sub + u"/a.cpp", functions(3, "// edited\n"));
    const Run file = run(request({ sub + u"/a.cpp" }, *m_server));
    QCOMPARE(file.summary.outcome, IndexSummary::Outcome::Completed);
    QVERIFY(std::any_of(file.messages.cbegin(), file.messages.cend(),
        [](const QString &m) { return m.contains(u"inside the indexed folder"); }));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM sources")), 1);
    QCOMPARE(filesOf(m_root).size(), 3);

    QVERIFY(QFile::remove(sub + u"/b.cpp"));
    QCOMPARE(run(request({ sub, sub + u"/a.cpp" }, *m_server)).summary.outcome,
        IndexSummary::Outcome::Completed);
    const auto files = filesOf(m_root);
    QCOMPARE(files.size(), 2);
    QVERIFY(files.contains(QStringLiteral("sub/a.cpp")));
    QVERIFY(files.contains(QStringLiteral("c.cpp")));

    auto reader = StoreReader::open(m_db);
    QVERIFY(reader);
    auto space = (*reader)->lastRunSpace();
    QVERIFY(space && space->has_value());
    const QList<ChunkRow> chunks = chunksOf(m_root);
    QCOMPARE(verifyVectors(m_root, (*space)->id, Dims), chunks.size());
    QCOMPARE(m_server->resentInputs(), 0);
}

void TestIndexer::csvCellsNeverStartAFormula_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QByteArray>("cell");
    QTest::newRow("equals") << QStringLiteral("=cmd.txt") << QByteArray("\"'=cmd.txt\"");
    QTest::newRow("plus") << QStringLiteral("+1+1") << QByteArray("\"'+1+1\"");
    QTest::newRow("minus") << QStringLiteral("-2") << QByteArray("\"'-2\"");
    QTest::newRow("at") << QStringLiteral("@SUM(A1)") << QByteArray("\"'@SUM(A1)\"");
    QTest::newRow("tab") << QStringLiteral("\tx") << QByteArray("\"'\tx\"");
    QTest::newRow("quote") << QStringLiteral("a\"b") << QByteArray("\"a\"\"b\"");
    QTest::newRow("path") << QStringLiteral("/repo/=cmd.txt") << QByteArray("\"/repo/=cmd.txt\"");
}

void TestIndexer::csvCellsNeverStartAFormula()
{
    QFETCH(QString, key);
    QFETCH(QByteArray, cell);
    ReportRow row;
    row.key = key;
    row.tokens = 7;
    const QList<QByteArray> lines = ReportWriter::csv({ row }, ReportBy::File).split('\n');
    QVERIFY(lines.size() >= 2);
    QVERIFY2(lines[1].startsWith(QByteArray(cell + ",7,")), lines[1].constData());
}

QTEST_GUILESS_MAIN(TestIndexer)
#include "tst_indexer.moc"
