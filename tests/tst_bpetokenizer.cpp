// BpeTokenizer against OpenAI's own tiktoken: every golden chunk (made by
// tests/data/make-tiktoken-golden.mjs with the npm tiktoken package) must give the same ids.
#include "bpetokenizer.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <latch>
#include <limits>
#include <numeric>
#include <thread>

using SignalHub::Core::BpeTokenizer;
using Tokenizer = std::shared_ptr<const BpeTokenizer>;

namespace {

struct GoldenChunk
{
    QString source;
    QString text;
};

QString goldenDir()
{
    return qEnvironmentVariable("SIGNALHUB_SOURCE_DIR") + QStringLiteral("/tests/data/tiktoken");
}

QList<QByteArray> readLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> lines = file.readAll().split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

QList<GoldenChunk> readChunks()
{
    QList<GoldenChunk> chunks;
    for (const QByteArray &line : readLines(goldenDir() + QStringLiteral("/chunks.jsonl"))) {
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        chunks.append({ object.value(u"source").toString(), object.value(u"text").toString() });
    }
    return chunks;
}

// "<count>\t<id> <id> ..." per chunk.
QList<std::pair<int, QList<int>>> readTokens(const QString &encoding)
{
    QList<std::pair<int, QList<int>>> rows;
    for (const QByteArray &line :
        readLines(goldenDir() + u'/' + encoding + QStringLiteral(".tokens"))) {
        const qsizetype tab = line.indexOf('\t');
        QList<int> ids;
        for (const QByteArray &id : line.mid(tab + 1).split(' ')) {
            if (!id.isEmpty())
                ids.append(id.toInt());
        }
        rows.append({ line.left(tab).toInt(), ids });
    }
    return rows;
}

QString idsText(const QList<int> &ids)
{
    QStringList parts;
    for (const int id : ids)
        parts.append(QString::number(id));
    return parts.join(u' ');
}

} // namespace

class TestBpeTokenizer : public QObject
{
    Q_OBJECT

private:
    QHash<QString, Tokenizer> m_tokenizers;

    const BpeTokenizer &tokenizer(const QString &encoding) { return *m_tokenizers.value(encoding); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        for (const QString &encoding : BpeTokenizer::encodings()) {
            const auto loaded = BpeTokenizer::load(encoding);
            QVERIFY2(loaded, qPrintable(loaded.errorMessage()));
            m_tokenizers.insert(encoding, *loaded);
        }
    }

    void identity()
    {
        for (const QString &encoding : BpeTokenizer::encodings()) {
            QCOMPARE(tokenizer(encoding).name(), encoding);
            QVERIFY(tokenizer(encoding).isExact());
        }
        QCOMPARE(tokenizer(QStringLiteral("cl100k_base")).vocabularySize(), 100256);
        QCOMPARE(tokenizer(QStringLiteral("o200k_base")).vocabularySize(), 199998);
    }

    void loadingAgainSharesTheInstance()
    {
        const auto again = BpeTokenizer::load(QStringLiteral("o200k_base"));
        QVERIFY2(again, qPrintable(again.errorMessage()));
        QCOMPARE(again->get(), m_tokenizers.value(QStringLiteral("o200k_base")).get());
    }

    void goldenDataIsComplete()
    {
        const QList<GoldenChunk> chunks = readChunks();
        QVERIFY2(chunks.size() >= 1000, qPrintable(goldenDir()));
        for (const QString &encoding : BpeTokenizer::encodings())
            QCOMPARE(readTokens(encoding).size(), chunks.size());
    }

    void golden_data()
    {
        QTest::addColumn<QString>("encoding");
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("expectedCount");
        QTest::addColumn<QList<int>>("expectedIds");
        const QList<GoldenChunk> chunks = readChunks();
        if (chunks.isEmpty()) // a row that fails, as a table without rows aborts the test
            QTest::newRow("no golden data") << QString() << QString() << 0 << QList<int> {};
        for (const QString &encoding : BpeTokenizer::encodings()) {
            const auto tokens = readTokens(encoding);
            for (qsizetype i = 0; i < chunks.size() && i < tokens.size(); ++i) {
                QTest::addRow(
                    "%s #%lld %s", qPrintable(encoding), qlonglong(i), qPrintable(chunks[i].source))
                    << encoding << chunks[i].text << tokens[i].first << tokens[i].second;
            }
        }
    }

    void golden()
    {
        QFETCH(QString, encoding);
        QFETCH(QString, text);
        QFETCH(int, expectedCount);
        QFETCH(QList<int>, expectedIds);
        QVERIFY2(!encoding.isEmpty(), qPrintable(goldenDir()));
        const BpeTokenizer &bpe = tokenizer(encoding);
        QCOMPARE(expectedIds.size(), expectedCount);
        QCOMPARE(bpe.count(text), qsizetype(expectedCount));
        const QList<int> ids = bpe.encode(text);
        if (ids != expectedIds) {
            QCOMPARE(idsText(ids), idsText(expectedIds)); // shows where they part
            QFAIL("different ids");
        }
        QCOMPARE(bpe.decode(ids), text.toUtf8());
    }

    void handCases_data()
    {
        QTest::addColumn<QString>("encoding");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<int>>("expectedIds");
        const QString cl = QStringLiteral("cl100k_base");
        const QString o = QStringLiteral("o200k_base");
        // Ids from the npm tiktoken package: enc.encode_ordinary(text).
        QTest::newRow("cl empty") << cl << QString() << QList<int> {};
        QTest::newRow("cl hello world")
            << cl << QStringLiteral("hello world") << QList<int> { 15339, 1917 };
        QTest::newRow("cl punctuation")
            << cl << QStringLiteral("Hello, World!") << QList<int> { 9906, 11, 4435, 0 };
        QTest::newRow("cl special token is text") << cl << QStringLiteral("<|endoftext|>")
                                                  << QList<int> { 27, 91, 8862, 728, 428, 91, 29 };
        QTest::newRow("cl whitespace") << cl << QStringLiteral("  leading spaces\n\n\ttabs")
                                       << QList<int> { 220, 6522, 12908, 271, 3324, 3518 };
        QTest::newRow("cl contractions") << cl << QStringLiteral("don't DON'T it's")
                                         << QList<int> { 15357, 956, 45373, 17773, 433, 596 };
        QTest::newRow("cl flags and skin tone")
            << cl << QStringLiteral("🇫🇷👍🏽")
            << QList<int> { 9468, 229, 104, 9468, 229, 115, 9468, 239, 235, 9468, 237, 121 };
        QTest::newRow("o empty") << o << QString() << QList<int> {};
        QTest::newRow("o hello world")
            << o << QStringLiteral("hello world") << QList<int> { 24912, 2375 };
        QTest::newRow("o punctuation")
            << o << QStringLiteral("Hello, World!") << QList<int> { 13225, 11, 5922, 0 };
        QTest::newRow("o special token is text") << o << QStringLiteral("<|endoftext|>")
                                                 << QList<int> { 27, 91, 419, 1440, 919, 91, 29 };
        QTest::newRow("o contractions")
            << o << QStringLiteral("don't DON'T it's") << QList<int> { 91418, 153384, 4275 };
        QTest::newRow("o CJK and digits")
            << o << QStringLiteral("数字 12345") << QList<int> { 58226, 220, 7633, 2548 };
        // JavaScript sends an unpaired surrogate to tiktoken as U+FFFD.
        QTest::newRow("o lone surrogate") << o
                                          << QString(u"a\xD800"
                                                     "b")
                                          << QList<int> { 64, 3251, 65 };
    }

    void handCases()
    {
        QFETCH(QString, encoding);
        QFETCH(QString, text);
        QFETCH(QList<int>, expectedIds);
        QCOMPARE(tokenizer(encoding).encode(text), expectedIds);
        QCOMPARE(tokenizer(encoding).count(text), expectedIds.size());
    }

    void longPieces_data()
    {
        // One piece each: a run of letters, of spaces (\s+(?!\S)), of newlines, of symbols.
        QTest::addColumn<QString>("unit");
        QTest::newRow("letters") << QStringLiteral("qwertyuiopasdfghjklzxcvbnm");
        QTest::newRow("spaces") << QStringLiteral(" ");
        QTest::newRow("newlines") << QStringLiteral("\n");
        QTest::newRow("symbols") << QStringLiteral("=");
    }

    void longPieces()
    {
        // Pieces this long go through the heap merge: it must cover the text exactly, for both
        // encodings. (Its n log n growth is a speed property: bench_tokenizer measures it, as
        // timing assertions do not belong in tests on a shared machine.) The golden "long-*"
        // chunks check the heap's ids against tiktoken.
        QFETCH(QString, unit);
        for (const QString &encoding : BpeTokenizer::encodings()) {
            const BpeTokenizer &bpe = tokenizer(encoding);
            for (qsizetype size : { qsizetype(5000), qsizetype(40000) }) {
                const QString text = unit.repeated(size / unit.size()) + u'x';
                const QList<int> ids = bpe.encode(text);
                QVERIFY(ids.size() > size / 1000);
                QCOMPARE(bpe.count(text), ids.size());
                QCOMPARE(bpe.decode(ids), text.toUtf8());
            }
        }
    }

    void loneSurrogateAfterManyUnits()
    {
        // Found wherever it is, past runs of text checked four units at a time, and counted
        // as tiktoken would count U+FFFD there.
        for (const QString &encoding : BpeTokenizer::encodings()) {
            for (const qsizetype at : { 0, 3, 4, 9, 17 }) {
                const QString before = QStringLiteral("x = 1;\n  y = 2; z").left(at);
                const QString lone = before + QChar(0xDC00) + QStringLiteral(" tail");
                const QString replaced
                    = before + QChar(QChar::ReplacementCharacter) + QStringLiteral(" tail");
                QCOMPARE(tokenizer(encoding).encode(lone), tokenizer(encoding).encode(replaced));
                QCOMPARE(tokenizer(encoding).count(lone), tokenizer(encoding).count(replaced));
            }
        }
    }

    void concurrentUseGivesTheSameIds()
    {
        const QList<GoldenChunk> chunks = readChunks().mid(0, 400);
        QVERIFY(!chunks.isEmpty());
        QHash<QString, QList<QList<int>>> expected;
        for (const QString &encoding : BpeTokenizer::encodings()) {
            for (const GoldenChunk &chunk : chunks)
                expected[encoding].append(tokenizer(encoding).encode(chunk.text));
        }

        const auto &reference = std::as_const(expected);
        constexpr int Threads = 4;
        std::latch start(Threads);
        std::vector<int> mismatches(Threads, 0);
        std::vector<std::thread> threads;
        for (int t = 0; t < Threads; ++t) {
            threads.emplace_back([&, t] {
                start.arrive_and_wait();
                // Each thread walks the chunks in its own order, alternating encodings.
                for (qsizetype k = 0; k < chunks.size(); ++k) {
                    const qsizetype i = (k * (t + 1) * 7 + t) % chunks.size();
                    const QString encoding = BpeTokenizer::encodings().at((k + t) % 2);
                    if (tokenizer(encoding).encode(chunks[i].text) != reference[encoding][i])
                        ++mismatches[t];
                }
            });
        }
        for (std::thread &thread : threads)
            thread.join();
        QCOMPARE(std::accumulate(mismatches.begin(), mismatches.end(), 0), 0);
    }

    void missingFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("cl100k_base.json"));
        const auto result = BpeTokenizer::loadFile(QStringLiteral("cl100k_base"), path);
        QVERIFY(!result);
        QVERIFY2(result.errorMessage().contains(path), qPrintable(result.errorMessage()));
    }

    void unknownEncoding()
    {
        const auto result = BpeTokenizer::load(QStringLiteral("p50k_base"));
        QVERIFY(!result);
        QVERIFY2(result.errorMessage().contains(u"p50k_base"), qPrintable(result.errorMessage()));
        QVERIFY2(result.errorMessage().contains(u"o200k_base"), qPrintable(result.errorMessage()));
    }

    void damagedFile_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QString>("detail");
        QByteArray allBytes = "! 0";
        for (int byte = 0; byte < 256; ++byte)
            allBytes += ' ' + QByteArray(1, char(byte)).toBase64();
        auto json = [](const QByteArray &pattern, const QByteArray &ranks) -> QByteArray {
            return "{\"pat_str\": \"" + pattern + "\", \"bpe_ranks\": \"" + ranks + "\"}";
        };
        const QByteArray pattern = "\\\\S+|\\\\s+"; // JSON for \S+|\s+
        QTest::newRow("not json") << QByteArray("{\"pat_str\": ") << QString();
        QTest::newRow("no ranks") << json(pattern, {}) << QStringLiteral("bpe_ranks");
        QTest::newRow("bad pattern") << json("(", allBytes) << QStringLiteral("pattern");
        QTest::newRow("not base64") << json(pattern, "! 0 Zm9v* YmFy") << QStringLiteral("base64");
        QTest::newRow("missing bytes")
            << json(pattern, "! 0 YQ== Yg==") << QStringLiteral("byte 0");
        QTest::newRow("repeated token")
            << json(pattern, allBytes + " YWI= YWI=") << QStringLiteral("257");
        QTest::newRow("rank twice") << json(pattern, allBytes + " ! 3 YWI=") << QStringLiteral("3");
    }

    void damagedFile()
    {
        QFETCH(QByteArray, contents);
        QFETCH(QString, detail);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("bad.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(contents);
        file.close();
        const auto result = BpeTokenizer::loadFile(QStringLiteral("cl100k_base"), path);
        QVERIFY(!result);
        QVERIFY2(result.errorMessage().contains(path), qPrintable(result.errorMessage()));
        QVERIFY2(result.errorMessage().contains(detail), qPrintable(result.errorMessage()));
    }

    void validMinimalFile()
    {
        // The parser reads the format, not just the two shipped files: 256 bytes, one merge.
        QByteArray ranks = "! 0";
        for (int byte = 0; byte < 256; ++byte)
            ranks += ' ' + QByteArray(1, char(byte)).toBase64();
        ranks += " ! 300 YWI="; // "ab" at rank 300
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("tiny.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        // moc misreads raw string literals, hence the escapes.
        file.write(QByteArray("{\"pat_str\": \"\\\\S+|\\\\s+\", \"special_tokens\": {}, "
                              "\"bpe_ranks\": \"")
            + ranks + "\"}");
        file.close();
        const auto result = BpeTokenizer::loadFile(QStringLiteral("tiny"), path);
        QVERIFY2(result, qPrintable(result.errorMessage()));
        QCOMPARE((*result)->encode(u"abc ab"), (QList<int> { 300, 'c', ' ', 300 }));
    }

    void encodingForModel_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("encoding");
        const QString cl = QStringLiteral("cl100k_base");
        const QString o = QStringLiteral("o200k_base");
        QTest::newRow("3-small") << QStringLiteral("text-embedding-3-small") << cl;
        QTest::newRow("3-large") << QStringLiteral("text-embedding-3-large") << cl;
        QTest::newRow("ada-002") << QStringLiteral("text-embedding-ada-002") << cl;
        QTest::newRow("gpt-4") << QStringLiteral("gpt-4") << cl;
        QTest::newRow("gpt-4-turbo") << QStringLiteral("gpt-4-turbo-2024-04-09") << cl;
        QTest::newRow("gpt-3.5") << QStringLiteral("gpt-3.5-turbo") << cl;
        QTest::newRow("gpt-4o") << QStringLiteral("gpt-4o") << o;
        QTest::newRow("gpt-4o-mini") << QStringLiteral("gpt-4o-mini-2024-07-18") << o;
        QTest::newRow("gpt-4.1") << QStringLiteral("gpt-4.1-nano") << o;
        QTest::newRow("o3-mini") << QStringLiteral("o3-mini") << o;
        QTest::newRow("gpt-5") << QStringLiteral("gpt-5") << o;
        QTest::newRow("routed") << QStringLiteral("openai/gpt-4o") << o;
        QTest::newRow("fine-tune") << QStringLiteral("ft:gpt-4o-mini:acme::abc123") << o;
        QTest::newRow("case and spaces") << QStringLiteral(" Text-Embedding-3-Small ") << cl;
        QTest::newRow("ollama model") << QStringLiteral("nomic-embed-text") << QString();
        QTest::newRow("o1 look-alike") << QStringLiteral("o1x") << QString();
        QTest::newRow("empty") << QString() << QString();
    }

    void encodingForModel()
    {
        QFETCH(QString, model);
        QFETCH(QString, encoding);
        QCOMPARE(BpeTokenizer::encodingForModel(model), encoding);
    }
};

QTEST_GUILESS_MAIN(TestBpeTokenizer)
#include "tst_bpetokenizer.moc"
