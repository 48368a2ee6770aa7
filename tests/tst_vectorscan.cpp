// The int8 pre-scan with exact re-ranking returns what an exact fp32 scan returns.

#include "vectorscan.h"

#include <QRandomGenerator>
#include <QTest>
#include <algorithm>
#include <cmath>

using SignalHub::Core::VectorScan;

namespace {

std::vector<float> randomVector(QRandomGenerator &random, int dims)
{
    std::vector<float> v(static_cast<size_t>(dims));
    for (float &x : v)
        x = float(random.generateDouble() * 2 - 1);
    return v;
}

// The reference: every allowed row scored in double precision, best first, ties by row.
std::vector<VectorScan::Scored> exactTop(const std::vector<std::vector<float>> &rows,
    std::vector<float> query, int k, const std::vector<quint8> &allowed)
{
    const int dims = int(query.size());
    VectorScan::normalise(query.data(), dims);
    std::vector<VectorScan::Scored> all;
    for (size_t r = 0; r < rows.size(); ++r) {
        if (!allowed.empty() && !allowed[r])
            continue;
        std::vector<float> v = rows[r];
        VectorScan::normalise(v.data(), dims);
        double dot = 0;
        for (int i = 0; i < dims; ++i)
            dot += double(v[size_t(i)]) * query[size_t(i)];
        all.push_back({ quint32(r), float(dot) });
    }
    std::sort(all.begin(), all.end(), [](const auto &a, const auto &b) {
        return a.score > b.score || (a.score == b.score && a.row < b.row);
    });
    all.resize(std::min(all.size(), size_t(std::max(k, 0))));
    return all;
}

} // namespace

class TestVectorScan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameRowsAsAnExactScan_data();
    void sameRowsAsAnExactScan();
    void filterKeepsOnlyAllowedRows();
    void edgeCases();
};

void TestVectorScan::sameRowsAsAnExactScan_data()
{
    QTest::addColumn<int>("dims");
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("k");
    QTest::newRow("384 dims") << 384 << 5000 << 10;
    QTest::newRow("odd dims") << 37 << 3000 << 25;
    QTest::newRow("3 dims") << 3 << 500 << 5;
}

void TestVectorScan::sameRowsAsAnExactScan()
{
    QFETCH(int, dims);
    QFETCH(int, rows);
    QFETCH(int, k);
    QRandomGenerator random(42);
    std::vector<std::vector<float>> data;
    VectorScan scan(dims);
    for (int r = 0; r < rows; ++r) {
        data.push_back(randomVector(random, dims));
        QCOMPARE(scan.add(data.back().data()), quint32(r));
    }
    for (int query = 0; query < 20; ++query) {
        const std::vector<float> q = randomVector(random, dims);
        const auto got = scan.top(q.data(), k);
        const auto want = exactTop(data, q, k, {});
        QCOMPARE(got.size(), want.size());
        for (size_t i = 0; i < got.size(); ++i) {
            QCOMPARE(got[i].row, want[i].row);
            QVERIFY(std::fabs(got[i].score - want[i].score) < 1e-5f);
        }
    }
}

// The filter applies in the int8 pass: rows that would rank low overall still fill k.
void TestVectorScan::filterKeepsOnlyAllowedRows()
{
    constexpr int Dims = 64;
    QRandomGenerator random(7);
    std::vector<std::vector<float>> data;
    VectorScan scan(Dims);
    for (int r = 0; r < 2000; ++r) {
        data.push_back(randomVector(random, Dims));
        scan.add(data.back().data());
    }
    const std::vector<float> q = randomVector(random, Dims);
    // Allow only the 300 rows the query likes least.
    auto order = exactTop(data, q, 2000, {});
    std::vector<quint8> allowed(data.size(), 0);
    for (size_t i = order.size() - 300; i < order.size(); ++i)
        allowed[order[i].row] = 1;
    const auto got = scan.top(q.data(), 10, allowed.data());
    const auto want = exactTop(data, q, 10, allowed);
    QCOMPARE(got.size(), size_t(10));
    for (size_t i = 0; i < got.size(); ++i)
        QCOMPARE(got[i].row, want[i].row);
    std::vector<quint8> none(data.size(), 0);
    QVERIFY(scan.top(q.data(), 10, none.data()).empty());
}

void TestVectorScan::edgeCases()
{
    VectorScan empty(4);
    const float q[4] = { 1, 0, 0, 0 };
    QVERIFY(empty.top(q, 10).empty());

    VectorScan scan(4);
    const float a[4] = { 1, 0, 0, 0 };
    const float zero[4] = { 0, 0, 0, 0 };
    const float b[4] = { 0, 2, 0, 0 };
    scan.add(a);
    scan.add(zero);
    scan.add(b);
    scan.add(a); // the same vector twice: the lower row first
    const auto all = scan.top(q, 10);
    QCOMPARE(all.size(), size_t(4)); // k beyond the size: every row
    QCOMPARE(all[0].row, quint32(0));
    QCOMPARE(all[1].row, quint32(3));
    QCOMPARE(all[0].score, 1.f);
    QCOMPARE(scan.top(zero, 2).size(), size_t(2)); // a zero query scores 0 everywhere
    QCOMPARE(scan.top(q, 0).size(), size_t(0));
}

QTEST_APPLESS_MAIN(TestVectorScan)
#include "tst_vectorscan.moc"
