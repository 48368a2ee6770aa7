#include "smartbatcher.h"

#include <QTest>

using namespace SignalHub::Core;

namespace {
QList<EmbedItem> items(const QList<int> &tokens, qint64 priority = 0, qint64 firstId = 0)
{
    QList<EmbedItem> list;
    for (int t : tokens)
        list.append(EmbedItem { firstId++, QString(), t, priority });
    return list;
}
QList<qint64> ids(const QList<EmbedItem> &list)
{
    QList<qint64> out;
    for (const EmbedItem &item : list)
        out.append(item.id);
    return out;
}
} // namespace

class TestSmartBatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void respectsAllThreeLimits_data()
    {
        QTest::addColumn<QList<int>>("tokens");
        QTest::addColumn<int>("maxInputs");
        QTest::addColumn<int>("maxPerInput");
        QTest::addColumn<int>("maxPerRequest");
        QTest::addColumn<QList<int>>("batchSizes");
        QTest::addColumn<int>("tooLong");

        QTest::newRow("item count")
            << QList<int>(7, 10) << 3 << 100 << 1000 << QList<int> { 3, 3, 1 } << 0;
        QTest::newRow("tokens per request")
            << QList<int> { 40, 40, 40, 40 } << 10 << 100 << 100 << QList<int> { 2, 2 } << 0;
        QTest::newRow("per-input limit")
            << QList<int> { 10, 500, 10 } << 10 << 100 << 1000 << QList<int> { 2 } << 1;
        QTest::newRow("one big item alone")
            << QList<int> { 90, 90, 5 } << 10 << 100 << 100 << QList<int> { 1, 2 } << 0;
        QTest::newRow("exact fit")
            << QList<int> { 50, 50, 50 } << 10 << 100 << 100 << QList<int> { 2, 1 } << 0;
    }

    void respectsAllThreeLimits()
    {
        QFETCH(QList<int>, tokens);
        QFETCH(int, maxInputs);
        QFETCH(int, maxPerInput);
        QFETCH(int, maxPerRequest);
        QFETCH(QList<int>, batchSizes);
        QFETCH(int, tooLong);

        SmartBatcher batcher;
        batcher.add(items(tokens));
        const ProviderLimits limits { maxInputs, maxPerInput, maxPerRequest };
        QList<EmbedItem> rejected;
        QList<int> sizes;
        qsizetype total = 0;
        while (!batcher.isEmpty()) {
            const auto batch = batcher.take(limits, &rejected);
            if (batch.items.isEmpty())
                break;
            QVERIFY(batch.items.size() <= maxInputs);
            QVERIFY(batch.tokens <= maxPerRequest);
            for (const EmbedItem &item : batch.items)
                QVERIFY(item.tokens <= maxPerInput);
            sizes.append(int(batch.items.size()));
            total += batch.items.size();
        }
        QCOMPARE(sizes, batchSizes);
        QCOMPARE(rejected.size(), tooLong);
        QCOMPARE(total + rejected.size(), tokens.size());
        QCOMPARE(batcher.tokens(), 0);
    }

    void highestPriorityFirstThenInOrder()
    {
        SmartBatcher batcher;
        batcher.add(items({ 1, 1 }, 0, 0));
        batcher.add(items({ 1, 1 }, 5, 10));
        batcher.add(items({ 1 }, 0, 20));
        QList<EmbedItem> rejected;
        const auto batch = batcher.take(ProviderLimits { 10, 100, 1000 }, &rejected);
        QCOMPARE(ids(batch.items), (QList<qint64> { 10, 11, 0, 1, 20 }));
    }

    void retriedItemsGoFirstWithinTheirPriority()
    {
        SmartBatcher batcher;
        batcher.add(items({ 1, 1 }, 0, 0));
        batcher.addFront(items({ 1, 1 }, 0, 100));
        QList<EmbedItem> rejected;
        const auto batch = batcher.take(ProviderLimits { 10, 100, 1000 }, &rejected);
        QCOMPARE(ids(batch.items), (QList<qint64> { 100, 101, 0, 1 }));
    }

    void reprioritiseMovesAFolderAhead()
    {
        SmartBatcher batcher;
        batcher.add(items({ 1, 1, 1, 1 }, 0, 0));
        batcher.reprioritise([](const EmbedItem &item) { return item.id >= 2; }, 9);
        QCOMPARE(batcher.size(), 4);
        QList<EmbedItem> rejected;
        const auto batch = batcher.take(ProviderLimits { 2, 100, 1000 }, &rejected);
        QCOMPARE(ids(batch.items), (QList<qint64> { 2, 3 }));
    }
};

QTEST_GUILESS_MAIN(TestSmartBatcher)
#include "tst_smartbatcher.moc"
