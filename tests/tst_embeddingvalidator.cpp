#include "embeddingjson.h"
#include "embeddingvalidator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QtEndian>
#include <limits>

using namespace SignalHub::Core;

class TestEmbeddingValidator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rejectsWhatMustNotBeStored_data()
    {
        QTest::addColumn<QList<QList<float>>>("vectors");
        QTest::addColumn<int>("inputs");
        QTest::addColumn<QString>("reason");
        const QList<float> good { 0.6f, 0.8f, 0.f };
        QTest::newRow("valid") << QList<QList<float>> { good, good } << 2 << QString();
        QTest::newRow("one too few")
            << QList<QList<float>> { good } << 2 << QStringLiteral("1 embeddings for 2 inputs");
        QTest::newRow("wrong dims") << QList<QList<float>> { good, { 1.f, 0.f } } << 2
                                    << QStringLiteral("2 dimensions instead of 3 at input 1");
        QTest::newRow("NaN") << QList<QList<float>> { good,
            { 0.f, std::numeric_limits<float>::quiet_NaN(), 1.f } }
                             << 2 << QStringLiteral("NaN at input 1");
        QTest::newRow("infinite") << QList<QList<float>> { { std::numeric_limits<float>::infinity(),
            0.f, 0.f } } << 1 << QStringLiteral("infinite value at input 0");
        QTest::newRow("zero") << QList<QList<float>> { { 0.f, 0.f, 0.f } } << 1
                              << QStringLiteral("zero vector at input 0");
    }

    void rejectsWhatMustNotBeStored()
    {
        QFETCH(QList<QList<float>>, vectors);
        QFETCH(int, inputs);
        QFETCH(QString, reason);
        QCOMPARE(EmbeddingValidator(3).check(vectors, inputs), reason);
    }

    void base64AndFloatsDecodeAlike()
    {
        const QList<float> values { 0.25f, -1.5f, 3.0e-7f };
        QByteArray raw(values.size() * 4, Qt::Uninitialized);
        for (qsizetype i = 0; i < values.size(); ++i)
            qToLittleEndian<float>(values[i], raw.data() + i * 4);
        const QJsonArray data {
            QJsonObject { { QStringLiteral("index"), 1 },
                { QStringLiteral("embedding"), QString::fromLatin1(raw.toBase64()) } },
            QJsonObject { { QStringLiteral("index"), 0 },
                { QStringLiteral("embedding"), QJsonArray { 0.25, -1.5, 3.0e-7 } } }
        };
        const auto vectors = EmbeddingJson::vectorsByIndex(data);
        QVERIFY2(vectors.hasValue(), qPrintable(vectors.errorMessage()));
        QCOMPARE(vectors->size(), 2);
        QCOMPARE(vectors->at(0), values); // reordered by index
        QCOMPARE(vectors->at(1), values);
    }

    void duplicateIndexIsMalformed()
    {
        const QJsonArray data { QJsonObject { { QStringLiteral("index"), 0 },
                                    { QStringLiteral("embedding"), QJsonArray { 1.0 } } },
            QJsonObject { { QStringLiteral("index"), 0 },
                { QStringLiteral("embedding"), QJsonArray { 1.0 } } } };
        const auto vectors = EmbeddingJson::vectorsByIndex(data);
        QVERIFY(!vectors.hasValue());
        QVERIFY(vectors.errorMessage().contains(QStringLiteral("index 0 appears twice")));
    }
};

QTEST_GUILESS_MAIN(TestEmbeddingValidator)
#include "tst_embeddingvalidator.moc"
