// The built-in model for real: sentence-transformers' reference vector, padding that changes
// nothing, batches that keep the input order, meaning that orders similarities, and
// ONNX Runtime's start-up noise kept off stderr.
#include "assets.h"
#include "minilmembedder.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <cstdio>
#include <fcntl.h>
#include <limits>
#include <memory>
#include <unistd.h>

using SignalHub::Core::MiniLmEmbedder;

namespace {

// "This is an example sentence" as bert-base-uncased WordPiece ids, [CLS] ... [SEP].
const QList<qint32> ExampleIds { 101, 2023, 2003, 2019, 2742, 6251, 102 };

double dot(const QList<float> &a, const QList<float> &b)
{
    double sum = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        sum += double(a.at(i)) * b.at(i);
    return sum;
}

// Infinite for vectors of different sizes, so a failed embedding never passes as "equal".
float maxDifference(const QList<float> &a, const QList<float> &b)
{
    if (a.size() != b.size() || a.isEmpty())
        return std::numeric_limits<float>::infinity();
    float worst = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        worst = std::max(worst, std::abs(a.at(i) - b.at(i)));
    return worst;
}

QList<qint32> randomIds(QRandomGenerator &random, int length)
{
    QList<qint32> ids { 101 };
    while (ids.size() < length - 1)
        ids.append(qint32(random.bounded(1000, 29000)));
    ids.append(102);
    return ids;
}

// Enough of WordPiece for plain lower-case ASCII sentences whose words are whole vocabulary
// entries; the real tokenizer is tested on its own. Fails (empty list) on any other word.
class WholeWordVocab
{
public:
    bool load(const QString &tokenizerJson)
    {
        QFile file(tokenizerJson);
        if (!file.open(QIODevice::ReadOnly))
            return false;
        const QJsonObject vocab = QJsonDocument::fromJson(file.readAll())
                                      .object()
                                      .value(u"model")
                                      .toObject()
                                      .value(u"vocab")
                                      .toObject();
        for (auto it = vocab.constBegin(); it != vocab.constEnd(); ++it)
            m_ids.insert(it.key(), it.value().toInt());
        return m_ids.size() > 30000;
    }

    QList<qint32> encode(const QString &sentence, QString *missing) const
    {
        QList<qint32> ids { m_ids.value(QStringLiteral("[CLS]")) };
        const QStringList words = sentence.split(u' ', Qt::SkipEmptyParts);
        for (const QString &word : words) {
            const auto it = m_ids.constFind(word);
            if (it == m_ids.constEnd()) {
                *missing = word;
                return {};
            }
            ids.append(*it);
        }
        ids.append(m_ids.value(QStringLiteral("[SEP]")));
        return ids;
    }

private:
    QHash<QString, qint32> m_ids;
};

// Sends fd 2 into a file for the guard's lifetime, to see what a user's terminal would get.
class StderrCapture
{
public:
    explicit StderrCapture(const QString &path)
    {
        std::fflush(stderr);
        m_saved = ::dup(STDERR_FILENO);
        const int fd
            = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(fd, STDERR_FILENO);
        ::close(fd);
    }
    ~StderrCapture()
    {
        std::fflush(stderr);
        ::dup2(m_saved, STDERR_FILENO);
        ::close(m_saved);
    }
    Q_DISABLE_COPY_MOVE(StderrCapture)

private:
    int m_saved = -1;
};

} // namespace

class TestMiniLmEmbedder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void exampleSentenceMatchesSentenceTransformers();
    void paddingInsideABatchChangesNothing();
    void batchesKeepTheInputOrder();
    void batchPlanGroupsSimilarLengths_data();
    void batchPlanGroupsSimilarLengths();
    void paraphraseIsCloserThanUnrelated_data();
    void paraphraseIsCloserThanUnrelated();
    void invalidInputIsAnError_data();
    void invalidInputIsAnError();
    void emptyInputGivesNoVectors();
    void damagedModelFileIsAnError();
    void assetHashIsTheModelFilesSha256();
    void fastModelAgreesWithTheExactOne();

private:
    QList<float> embedOne(const QList<qint32> &ids);

    std::unique_ptr<MiniLmEmbedder> m_embedder;
    QString m_startupStderr;
};

void TestMiniLmEmbedder::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // The first environment of the process is created here, with stderr captured around it:
    // our own lines before and after must get through, ONNX Runtime's schema noise must not.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString capturePath = dir.filePath(QStringLiteral("stderr.txt"));
    {
        const StderrCapture capture(capturePath);
        std::fprintf(stderr, "before the model\n");
        auto created = MiniLmEmbedder::create(2);
        std::fprintf(stderr, "after the model\n");
        if (created)
            m_embedder = std::move(*created);
        else
            m_startupStderr = created.errorMessage();
    }
    QVERIFY2(m_embedder, qPrintable(m_startupStderr));
    QFile capture(capturePath);
    QVERIFY(capture.open(QIODevice::ReadOnly));
    m_startupStderr = QString::fromUtf8(capture.readAll());
    QVERIFY2(!m_startupStderr.contains(u"Schema error"), qPrintable(m_startupStderr.left(500)));
    QVERIFY2(
        m_startupStderr.contains(u"before the model\n"), qPrintable(m_startupStderr.left(500)));
    QVERIFY2(m_startupStderr.contains(u"after the model\n"), qPrintable(m_startupStderr.left(500)));
}

QList<float> TestMiniLmEmbedder::embedOne(const QList<qint32> &ids)
{
    auto vectors = m_embedder->embed({ ids });
    if (!vectors || vectors->size() != 1)
        return {};
    return vectors->first();
}

void TestMiniLmEmbedder::exampleSentenceMatchesSentenceTransformers()
{
    const QList<float> vector = embedOne(ExampleIds);
    QCOMPARE(vector.size(), MiniLmEmbedder::Dimensions);
    // SentenceTransformer("all-MiniLM-L6-v2").encode("This is an example sentence")[:4]
    const float expected[] = { 0.0677f, 0.0636f, 0.0487f, 0.0794f };
    for (int i = 0; i < 4; ++i)
        QVERIFY2(std::abs(vector.at(i) - expected[i]) < 1e-3f,
            qPrintable(QStringLiteral("value %1 is %2").arg(i).arg(vector.at(i))));
    QVERIFY(std::abs(std::sqrt(dot(vector, vector)) - 1.0) < 1e-5);
}

void TestMiniLmEmbedder::paddingInsideABatchChangesNothing()
{
    QRandomGenerator random(42);
    // Longer neighbours close enough in length to share the example's batch, so it is padded.
    const QList<QList<qint32>> inputs { randomIds(random, 15), ExampleIds, randomIds(random, 12),
        randomIds(random, 9) };
    QList<qsizetype> lengths;
    for (const auto &ids : inputs)
        lengths.append(ids.size());
    QCOMPARE(MiniLmEmbedder::planBatches(lengths, 32).size(), 1);

    const QList<float> alone = embedOne(ExampleIds);
    const auto batched = m_embedder->embed(inputs);
    QVERIFY2(batched, qPrintable(batched.errorMessage()));
    QCOMPARE(batched->size(), inputs.size());
    QVERIFY2(maxDifference(batched->at(1), alone) < 1e-5f,
        qPrintable(QString::number(maxDifference(batched->at(1), alone))));
}

void TestMiniLmEmbedder::batchesKeepTheInputOrder()
{
    QRandomGenerator random(7);
    QList<QList<qint32>> inputs;
    for (const int length : { 30, 5, 64, 7, 31, 100, 6, 64, 2 })
        inputs.append(randomIds(random, length));
    QList<QList<float>> single;
    for (const auto &ids : inputs)
        single.append(embedOne(ids));

    m_embedder->setMaxBatchSize(2);
    const auto batched = m_embedder->embed(inputs);
    m_embedder->setMaxBatchSize(MiniLmEmbedder::DefaultMaxBatchSize);
    QVERIFY2(batched, qPrintable(batched.errorMessage()));
    QCOMPARE(batched->size(), inputs.size());
    for (qsizetype i = 0; i < inputs.size(); ++i) {
        QCOMPARE(batched->at(i).size(), MiniLmEmbedder::Dimensions);
        QVERIFY2(
            maxDifference(batched->at(i), single.at(i)) < 1e-5f, qPrintable(QString::number(i)));
    }
    // Different inputs give different vectors, so the comparison above could tell a mix-up.
    QVERIFY(maxDifference(single.at(0), single.at(4)) > 1e-2f);
}

void TestMiniLmEmbedder::batchPlanGroupsSimilarLengths_data()
{
    QTest::addColumn<QList<qsizetype>>("lengths");
    QTest::addColumn<int>("maxBatchSize");
    QTest::addColumn<QList<QList<qsizetype>>>("expected");
    QTest::newRow("longest first, cut at the batch size") << QList<qsizetype> { 100, 120, 110,
        105 } << 2 << QList<QList<qsizetype>> { { 1, 2 }, { 3, 0 } };
    QTest::newRow("much shorter sequences get their own batch") << QList<qsizetype> { 256, 40, 250,
        30 } << 32 << QList<QList<qsizetype>> { { 0, 2 }, { 1, 3 } };
    QTest::newRow("short ones within 8 tokens share")
        << QList<qsizetype> { 7, 15, 12 } << 32 << QList<QList<qsizetype>> { { 1, 2, 0 } };
    QTest::newRow("equal lengths keep their order")
        << QList<qsizetype> { 9, 9, 9 } << 32 << QList<QList<qsizetype>> { { 0, 1, 2 } };
    QTest::newRow("nothing") << QList<qsizetype> {} << 32 << QList<QList<qsizetype>> {};
}

void TestMiniLmEmbedder::batchPlanGroupsSimilarLengths()
{
    QFETCH(QList<qsizetype>, lengths);
    QFETCH(int, maxBatchSize);
    QFETCH(QList<QList<qsizetype>>, expected);
    QCOMPARE(MiniLmEmbedder::planBatches(lengths, maxBatchSize), expected);
}

void TestMiniLmEmbedder::paraphraseIsCloserThanUnrelated_data()
{
    QTest::addColumn<QString>("anchor");
    QTest::addColumn<QString>("paraphrase");
    QTest::addColumn<QString>("unrelated");
    QTest::newRow("eating") << QStringLiteral("a man is eating food")
                            << QStringLiteral("a man is eating a piece of bread")
                            << QStringLiteral("a man is riding a horse");
    QTest::newRow("cat") << QStringLiteral("the cat sits on the mat")
                         << QStringLiteral("a cat is sitting on a rug")
                         << QStringLiteral("stock prices fell sharply today");
    QTest::newRow("code") << QStringLiteral("how do i open a file in python")
                          << QStringLiteral("reading a file with python")
                          << QStringLiteral("the weather is sunny and warm");
    QTest::newRow("movie") << QStringLiteral("the new movie is awesome")
                           << QStringLiteral("the new film is so great")
                           << QStringLiteral("the dog plays in the garden");
}

void TestMiniLmEmbedder::paraphraseIsCloserThanUnrelated()
{
    QFETCH(QString, anchor);
    QFETCH(QString, paraphrase);
    QFETCH(QString, unrelated);
    const auto tokenizerJson
        = SignalHub::Core::Assets::path(QStringLiteral("minilm/tokenizer.json"));
    QVERIFY2(tokenizerJson, qPrintable(tokenizerJson.errorMessage()));
    WholeWordVocab vocab;
    QVERIFY(vocab.load(*tokenizerJson));

    QList<QList<qint32>> inputs;
    for (const QString &sentence : { anchor, paraphrase, unrelated }) {
        QString missing;
        inputs.append(vocab.encode(sentence, &missing));
        QVERIFY2(
            missing.isEmpty(), qPrintable(QStringLiteral("not a vocabulary word: ") + missing));
    }
    const auto vectors = m_embedder->embed(inputs);
    QVERIFY2(vectors, qPrintable(vectors.errorMessage()));
    const double close = dot(vectors->at(0), vectors->at(1));
    const double far = dot(vectors->at(0), vectors->at(2));
    QVERIFY2(close > far + 0.1,
        qPrintable(QStringLiteral("paraphrase %1, unrelated %2").arg(close).arg(far)));
}

void TestMiniLmEmbedder::invalidInputIsAnError_data()
{
    QTest::addColumn<QList<qint32>>("ids");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << QList<qint32> {} << QStringLiteral("has 0 tokens");
    QTest::newRow("257 tokens") << QList<qint32>(257, 1000) << QStringLiteral("has 257 tokens");
    QTest::newRow("id past the vocabulary")
        << QList<qint32> { 101, 30522, 102 } << QStringLiteral("30522");
    QTest::newRow("negative id") << QList<qint32> { 101, -1, 102 } << QStringLiteral("-1");
}

void TestMiniLmEmbedder::invalidInputIsAnError()
{
    QFETCH(QList<qint32>, ids);
    QFETCH(QString, message);
    const auto vectors = m_embedder->embed({ ExampleIds, ids });
    QVERIFY(!vectors);
    QVERIFY2(vectors.errorMessage().contains(u"Input 2"), qPrintable(vectors.errorMessage()));
    QVERIFY2(vectors.errorMessage().contains(message), qPrintable(vectors.errorMessage()));
}

void TestMiniLmEmbedder::emptyInputGivesNoVectors()
{
    const auto vectors = m_embedder->embed({});
    QVERIFY(vectors);
    QVERIFY(vectors->isEmpty());
}

void TestMiniLmEmbedder::damagedModelFileIsAnError()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("minilm")));
    QFile damaged(dir.filePath(QStringLiteral("minilm/model.onnx")));
    QVERIFY(damaged.open(QIODevice::WriteOnly));
    damaged.write(QByteArray(4096, 'x'));
    damaged.close();

    // SIGNALHUB_ASSETS_DIR comes first in Assets::searchDirs().
    qputenv("SIGNALHUB_ASSETS_DIR", QFile::encodeName(dir.path()));
    const auto created = MiniLmEmbedder::create(1);
    qunsetenv("SIGNALHUB_ASSETS_DIR");
    QVERIFY(!created);
    QVERIFY2(created.errorMessage().contains(u"built-in embedding model failed"),
        qPrintable(created.errorMessage()));
}

void TestMiniLmEmbedder::assetHashIsTheModelFilesSha256()
{
    const auto modelPath = SignalHub::Core::Assets::path(QStringLiteral("minilm/model.onnx"));
    QVERIFY2(modelPath, qPrintable(modelPath.errorMessage()));
    QFile model(*modelPath);
    QVERIFY(model.open(QIODevice::ReadOnly));
    QCryptographicHash sha256(QCryptographicHash::Sha256);
    QVERIFY(sha256.addData(&model));

    for (int call = 0; call < 2; ++call) { // the second answer comes from the cache
        const auto hash = MiniLmEmbedder::assetHash();
        QVERIFY2(hash, qPrintable(hash.errorMessage()));
        QCOMPARE(*hash, sha256.result().toHex());
    }
}

// The int8 model is its own file and space, and a faithful copy of the exact one: close vectors
// (the 0.99 gate on real chunks is bench_minilmagreement's), paraphrases still closest.
void TestMiniLmEmbedder::fastModelAgreesWithTheExactOne()
{
    const auto fastPath = SignalHub::Core::Assets::path(QStringLiteral("minilm/model.int8.onnx"));
    QVERIFY2(fastPath, qPrintable(fastPath.errorMessage()));
    QFile file(*fastPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCryptographicHash sha256(QCryptographicHash::Sha256);
    QVERIFY(sha256.addData(&file));
    const auto fastHash = MiniLmEmbedder::assetHash(MiniLmEmbedder::Precision::Int8);
    QVERIFY2(fastHash, qPrintable(fastHash.errorMessage()));
    QCOMPARE(*fastHash, sha256.result().toHex());
    QCOMPARE_NE(*fastHash, *MiniLmEmbedder::assetHash());

    auto fast = MiniLmEmbedder::create(2, MiniLmEmbedder::Precision::Int8);
    QVERIFY2(fast, qPrintable(fast.errorMessage()));
    const auto tokenizerJson
        = SignalHub::Core::Assets::path(QStringLiteral("minilm/tokenizer.json"));
    QVERIFY2(tokenizerJson, qPrintable(tokenizerJson.errorMessage()));
    WholeWordVocab vocab;
    QVERIFY(vocab.load(*tokenizerJson));
    QList<QList<qint32>> inputs { ExampleIds };
    for (const char *sentence : { "a man is eating food", "a man is eating a piece of bread",
             "a man is riding a horse", "how do i open a file in python",
             "reading a file with python", "the weather is sunny and warm" }) {
        QString missing;
        inputs.append(vocab.encode(QString::fromLatin1(sentence), &missing));
        QVERIFY2(missing.isEmpty(), qPrintable(missing));
    }
    const auto exactVectors = m_embedder->embed(inputs);
    const auto fastVectors = (*fast)->embed(inputs);
    QVERIFY(exactVectors && fastVectors);
    for (qsizetype i = 0; i < inputs.size(); ++i) {
        const double agreement = dot(exactVectors->at(i), fastVectors->at(i));
        QVERIFY2(agreement > 0.97 && agreement < 0.99999,
            qPrintable(QStringLiteral("input %1: cosine %2").arg(i).arg(agreement)));
    }
    for (const qsizetype anchor : { 1, 4 }) {
        const double close = dot(fastVectors->at(anchor), fastVectors->at(anchor + 1));
        const double far = dot(fastVectors->at(anchor), fastVectors->at(anchor + 2));
        QVERIFY2(close > far + 0.1, qPrintable(QStringLiteral("%1 vs %2").arg(close).arg(far)));
    }
}

QTEST_GUILESS_MAIN(TestMiniLmEmbedder)
#include "tst_minilmembedder.moc"
