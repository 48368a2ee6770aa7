// The built-in model's WordPiece tokenizer, id for id against reference output
// (tests/data/wordpiece-golden.json, made by tests/data/make-wordpiece-golden.mjs).
#include "assets.h"
#include "wordpiecetokenizer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>
#include <limits>

using SignalHub::Core::WordPieceTokenizer;

namespace {

constexpr int NoLimit = std::numeric_limits<int>::max();

QString firstDifference(const QList<qint32> &actual, const QList<qint32> &expected)
{
    qsizetype i = 0;
    while (i < actual.size() && i < expected.size() && actual[i] == expected[i])
        ++i;
    const auto show = [i](const QList<qint32> &ids) {
        QStringList parts;
        for (qsizetype k = std::max<qsizetype>(0, i - 3); k < std::min(ids.size(), i + 6); ++k)
            parts << QString::number(ids[k]);
        return parts.join(u' ');
    };
    return QStringLiteral("sizes %1 vs %2, first difference at %3: got [%4] expected [%5]")
        .arg(actual.size())
        .arg(expected.size())
        .arg(i)
        .arg(show(actual), show(expected));
}

} // namespace

class TestWordPieceTokenizer : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<const WordPieceTokenizer> m_tokenizer;
    QJsonArray m_cases;

    void addGoldenRows()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<qint32>>("ids");
        for (qsizetype i = 0; i < m_cases.size(); ++i) {
            const QJsonObject c = m_cases[i].toObject();
            QList<qint32> ids;
            for (const QJsonValue &id : c.value(u"ids").toArray())
                ids.append(id.toInt());
            const QByteArray row
                = QByteArray::number(i) + ' ' + c.value(u"kind").toString().toUtf8();
            QTest::newRow(row.constData()) << c.value(u"text").toString() << ids;
        }
    }

    QString tokenizerAsset() const
    {
        const auto path = SignalHub::Core::Assets::path(QStringLiteral("minilm/tokenizer.json"));
        return path ? *path : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        auto loaded = WordPieceTokenizer::load();
        QVERIFY2(loaded, qPrintable(loaded.errorMessage()));
        m_tokenizer = *loaded;

        QFile golden(qEnvironmentVariable("SIGNALHUB_SOURCE_DIR")
            + QStringLiteral("/tests/data/wordpiece-golden.json"));
        QVERIFY2(golden.open(QIODevice::ReadOnly), qPrintable(golden.fileName()));
        m_cases = QJsonDocument::fromJson(golden.readAll()).object().value(u"cases").toArray();
        QVERIFY2(m_cases.size() >= 500, qPrintable(QString::number(m_cases.size())));
    }

    void identity()
    {
        QCOMPARE(m_tokenizer->name(), QStringLiteral("minilm-wordpiece"));
        QVERIFY(m_tokenizer->isExact());
        QCOMPARE(m_tokenizer->vocabularySize(), 30522);
        QCOMPARE(WordPieceTokenizer::MaxInputTokens + 2, WordPieceTokenizer::MaxSequenceLength);
    }

    void exampleSentence()
    {
        const QList<qint32> expected { 101, 2023, 2003, 2019, 2742, 6251, 102 };
        QCOMPARE(m_tokenizer->encode(u"This is an example sentence"), expected);
        QCOMPARE(m_tokenizer->count(u"This is an example sentence"), 5);
    }

    void golden_data() { addGoldenRows(); }
    void golden()
    {
        QFETCH(QString, text);
        QFETCH(QList<qint32>, ids);
        const QList<qint32> full = m_tokenizer->encode(text, NoLimit);
        QVERIFY2(full == ids, qPrintable(firstDifference(full, ids)));

        QList<qint32> truncated = ids;
        if (truncated.size() > WordPieceTokenizer::MaxSequenceLength) {
            truncated.resize(WordPieceTokenizer::MaxSequenceLength - 1);
            truncated.append(WordPieceTokenizer::SepId);
        }
        const QList<qint32> cut = m_tokenizer->encode(text);
        QVERIFY2(cut == truncated, qPrintable(firstDifference(cut, truncated)));

        QCOMPARE(m_tokenizer->count(text), ids.size() - 2);
    }

    // The chunker cuts long text with prefixLengthForTokens: the prefix must tokenise to the
    // leading pieces of the whole text, never more than asked, and lose nothing when all fits.
    void prefixLength_data() { addGoldenRows(); }
    void prefixLength()
    {
        QFETCH(QString, text);
        QFETCH(QList<qint32>, ids);
        const QList<qint32> pieces = ids.mid(1, ids.size() - 2);
        for (const qsizetype limit : { 1, 2, 7, 64, 254 }) {
            const qsizetype length = m_tokenizer->prefixLengthForTokens(text, limit);
            QVERIFY(length >= 0 && length <= text.size());
            const QList<qint32> prefix
                = m_tokenizer->encode(QStringView(text).left(length), NoLimit);
            const QList<qint32> prefixPieces = prefix.mid(1, prefix.size() - 2);
            QVERIFY2(prefixPieces.size() <= limit,
                qPrintable(
                    QStringLiteral("limit %1: %2 pieces").arg(limit).arg(prefixPieces.size())));
            QVERIFY2(pieces.mid(0, prefixPieces.size()) == prefixPieces,
                qPrintable(QStringLiteral("limit %1: %2")
                        .arg(limit)
                        .arg(firstDifference(prefixPieces, pieces.mid(0, prefixPieces.size())))));
            if (pieces.size() <= limit)
                QCOMPARE(length, text.size());
            else // one input character gives up to three pieces (a Hangul syllable's jamo)
                QVERIFY2(!prefixPieces.isEmpty() || limit < 3,
                    qPrintable(QStringLiteral("limit %1 made no progress").arg(limit)));
        }
    }

    void prefixLengthCutsInsideLongWords()
    {
        // "tokenization" is two pieces; with room for one the cut falls between them.
        const QString text = QStringLiteral("tokenization");
        QCOMPARE(m_tokenizer->count(text), 2);
        const qsizetype length = m_tokenizer->prefixLengthForTokens(text, 1);
        QVERIFY(length > 0 && length < text.size());
        QCOMPARE(m_tokenizer->count(QStringView(text).left(length)), 1);
        // Whole words stay whole, and the spaces before the next word come along.
        const QString words = QStringLiteral("alpha beta   gamma");
        QCOMPARE(m_tokenizer->prefixLengthForTokens(words, 2), words.indexOf(u"gamma"));
        QCOMPARE(m_tokenizer->prefixLengthForTokens(words, 0), 0);
    }

    void truncation_data()
    {
        QTest::addColumn<int>("maxTokens");
        QTest::addColumn<int>("expectedSize");
        QTest::newRow("below minimum") << 0 << 2;
        QTest::newRow("only specials") << 2 << 2;
        QTest::newRow("one piece") << 3 << 3;
        QTest::newRow("ten") << 10 << 10;
        QTest::newRow("default") << WordPieceTokenizer::MaxSequenceLength << 256;
        QTest::newRow("larger than text") << 100000 << -1;
    }
    void truncation()
    {
        QFETCH(int, maxTokens);
        QFETCH(int, expectedSize);
        QString text;
        for (int i = 0; i < 120; ++i)
            text += QStringLiteral("tokenization of word%1 ").arg(i);
        const QList<qint32> full = m_tokenizer->encode(text, NoLimit);
        QVERIFY(full.size() > 300);
        if (expectedSize < 0)
            expectedSize = int(full.size());
        const QList<qint32> ids = m_tokenizer->encode(text, maxTokens);
        QCOMPARE(ids.size(), expectedSize);
        QCOMPARE(ids.front(), WordPieceTokenizer::ClsId);
        QCOMPARE(ids.back(), WordPieceTokenizer::SepId);
        QCOMPARE(ids.mid(0, ids.size() - 1), full.mid(0, ids.size() - 1));
    }

    void specialTokensAreVerbatimOnly()
    {
        const QList<qint32> verbatim = m_tokenizer->encode(u"[SEP]");
        QCOMPARE(verbatim, (QList<qint32> { 101, 102, 102 }));
        // Lower-case or spaced forms are ordinary punctuation and words.
        QCOMPARE(m_tokenizer->count(u"[sep]"), 3);
        QCOMPARE(m_tokenizer->count(u"[ SEP ]"), 3);
    }

    void longWordsBecomeOneUnknown()
    {
        const QString hundred(100, u'x');
        const QString longer(101, u'x');
        QVERIFY(m_tokenizer->count(hundred) > 1);
        QCOMPARE(m_tokenizer->encode(longer),
            (QList<qint32> { 101, WordPieceTokenizer::UnknownId, 102 }));
    }

    // Text from files may hold anything, lone surrogates included (the golden file cannot):
    // the three entry points must stay consistent with each other on it.
    void arbitraryUtf16IsConsistent()
    {
        QRandomGenerator random(20260124);
        const char16_t pool[] = { u'a', u'Z', u'9', u' ', u'\n', u'[', u']', u'#', u'_', 0x00e9,
            0x0301, 0x4e2d, 0xac00, 0x200b, 0x0000, 0xfffd, 0xd83d, 0xde00, 0xdc00, 0xd800, 0x2028,
            0x037e, 0x1f82, 0xfb01, 0x0130, 0x03a3 };
        const QString specials[] = { QStringLiteral("[SEP]"), QStringLiteral("[CLS]"),
            QStringLiteral("[MASK]"), QStringLiteral("##ing") };
        for (int round = 0; round < 300; ++round) {
            QString text;
            const int length = int(random.bounded(400));
            while (text.size() < length) {
                if (random.bounded(20) == 0)
                    text += specials[random.bounded(int(std::size(specials)))];
                else
                    text += QChar(pool[random.bounded(int(std::size(pool)))]);
            }
            const QList<qint32> full = m_tokenizer->encode(text, NoLimit);
            QCOMPARE(m_tokenizer->count(text), full.size() - 2);
            const QList<qint32> cut = m_tokenizer->encode(text, 64);
            QVERIFY(cut.size() <= 64);
            QCOMPARE(cut.back(), WordPieceTokenizer::SepId);
            QCOMPARE(cut.mid(0, cut.size() - 1), full.mid(0, cut.size() - 1));
            const qsizetype length40 = m_tokenizer->prefixLengthForTokens(text, 40);
            const QList<qint32> prefix
                = m_tokenizer->encode(QStringView(text).left(length40), NoLimit);
            QVERIFY(prefix.size() - 2 <= 40);
            QCOMPARE(prefix.mid(1, prefix.size() - 2), full.mid(1, prefix.size() - 2));
        }
    }

    void sameResultsFromManyThreads()
    {
        QStringList texts;
        for (const QJsonValue &c : std::as_const(m_cases))
            texts << c.toObject().value(u"text").toString();
        QList<QList<qint32>> serial;
        for (const QString &text : std::as_const(texts))
            serial << m_tokenizer->encode(text);
        const auto tokenizer = m_tokenizer;
        const QList<QList<qint32>> parallel = QtConcurrent::blockingMapped(
            texts, [tokenizer](const QString &text) { return tokenizer->encode(text); });
        QCOMPARE(parallel, serial);
    }

    void loadSharesOneInstance()
    {
        auto again = WordPieceTokenizer::load();
        QVERIFY(again);
        QCOMPARE(again->get(), m_tokenizer.get());
    }

    void missingFileIsAnError()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("minilm/tokenizer.json"));
        auto loaded = WordPieceTokenizer::loadFile(path);
        QVERIFY(!loaded);
        QVERIFY2(loaded.errorMessage().contains(path), qPrintable(loaded.errorMessage()));
    }

    void missingAssetNamesTheFile()
    {
        // The shipped asset resolves through the same lookup; a name nobody ships does not.
        const auto missing = SignalHub::Core::Assets::path(QStringLiteral("minilm/no-such.json"));
        QVERIFY(!missing);
        QVERIFY2(missing.errorMessage().contains(u"minilm/no-such.json"),
            qPrintable(missing.errorMessage()));
    }

    void unsupportedFilesAreErrors_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not json") << QByteArray("{\"model\": ") << QStringLiteral("JSON");
        const QString asset = tokenizerAsset();
        QFile file(asset);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(asset));
        QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        QJsonObject model = root.value(u"model").toObject();
        model.insert(u"type", QStringLiteral("BPE"));
        QJsonObject bpe = root;
        bpe.insert(u"model", model);
        QTest::newRow("BPE model") << QJsonDocument(bpe).toJson() << QStringLiteral("WordPiece");
        QJsonObject cased = root;
        QJsonObject normalizer = root.value(u"normalizer").toObject();
        normalizer.insert(u"lowercase", false);
        cased.insert(u"normalizer", normalizer);
        QTest::newRow("cased") << QJsonDocument(cased).toJson() << QStringLiteral("BertNormalizer");
    }
    void unsupportedFilesAreErrors()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, mentions);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tokenizer.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();
        auto loaded = WordPieceTokenizer::loadFile(path);
        QVERIFY(!loaded);
        QVERIFY2(loaded.errorMessage().contains(path) && loaded.errorMessage().contains(mentions),
            qPrintable(loaded.errorMessage()));
    }
};

QTEST_GUILESS_MAIN(TestWordPieceTokenizer)
#include "tst_wordpiecetokenizer.moc"
