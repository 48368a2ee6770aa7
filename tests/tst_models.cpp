// Every model of the window under QAbstractItemModelTester, directly and through the proxies
// the views use, fed the way the window feeds them.

#include "failedmodel.h"
#include "filesmodel.h"
#include "folderrollupmodel.h"
#include "progressdelegate.h"
#include "reportmodel.h"
#include "runsmodel.h"
#include "searchmodel.h"
#include "throughputchart.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLineSeries>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>
#include <cmath>

using namespace SignalHub::Core;
using namespace SignalHub::Ui;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(QList<QList<SignalHub::Core::FileProgress>>)

namespace {
FileProgress file(const QString &path, int done, int total,
    FileProgress::State state = FileProgress::State::Running)
{
    FileProgress f;
    f.path = path;
    f.language = QStringLiteral("Python");
    f.chunksDone = done;
    f.chunksTotal = total;
    f.tokens = 100 * done;
    f.state = state;
    return f;
}

QList<FileProgress> batch(int first, int count, int done = 0)
{
    QList<FileProgress> out;
    for (int i = first; i < first + count; ++i)
        out.append(file(QStringLiteral("/src/f%1.py").arg(i, 4, 10, QLatin1Char('0')), done, 4,
            done == 4 ? FileProgress::State::Done : FileProgress::State::Running));
    return out;
}

QSortFilterProxyModel *proxy(QAbstractItemModel *source, int sortRole, QObject *parent)
{
    auto *p = new QSortFilterProxyModel(parent);
    p->setSourceModel(source);
    p->setSortRole(sortRole);
    p->setFilterKeyColumn(-1);
    p->sort(1, Qt::DescendingOrder);
    return p;
}

// A model and a sorting proxy over it, each checked by a QAbstractItemModelTester.
template<typename Model> struct TestedModel
{
    Model model;
    QAbstractItemModelTester tester { &model,
        QAbstractItemModelTester::FailureReportingMode::QtTest };
    QSortFilterProxyModel *sorted = proxy(&model, Model::SortRole, &model);
    QAbstractItemModelTester proxyTester { sorted,
        QAbstractItemModelTester::FailureReportingMode::QtTest };
};
} // namespace

class TestModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void filesModelFeeding_data();
    void filesModelFeeding();
    void filesModelCoalescesChanges();
    void filesModelInsertsALongListInSlices();
    void filesModelSortsAndFilters();
    void filesModelLabelsPathsByRoot_data();
    void filesModelLabelsPathsByRoot();
    void folderRollup_data();
    void folderRollup();
    void folderRollupCoalescesAndFollowsReset();
    void folderRollupSeveralRoots();
    void failedModel();
    void failedModelLoadsFromStore();
    void runsModel();
    void reportModel();
    void searchModel();
    void searchModelWithoutIndex();
    void chartDrawsTeammates();
    void chartBoundsItsPoints();
    void progressBarShowsFailure_data();
    void progressBarShowsFailure();
    void chartAxesHaveRoundTicks_data();
    void chartAxesHaveRoundTicks();
};

void TestModels::filesModelFeeding_data()
{
    QTest::addColumn<QList<QList<FileProgress>>>("batches");
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("done");

    QTest::newRow("one at a time")
        << QList<QList<FileProgress>> { batch(0, 1), batch(1, 1), batch(2, 1) } << 3 << 0;
    QTest::newRow("one batch") << QList<QList<FileProgress>> { batch(0, 50) } << 50 << 0;
    QTest::newRow("batches then updates")
        << QList<QList<FileProgress>> { batch(0, 10), batch(10, 10), batch(5, 10, 4) } << 20 << 10;
    QTest::newRow("new and changed mixed")
        << QList<QList<FileProgress>> { batch(0, 3), batch(2, 3, 4), batch(0, 1, 4) } << 5 << 4;
    QTest::newRow("duplicate path in one batch")
        << QList<QList<FileProgress>> { batch(0, 2) + batch(0, 2, 4) } << 2 << 2;
    QTest::newRow("empty batch") << QList<QList<FileProgress>> { {} } << 0 << 0;
}

void TestModels::filesModelFeeding()
{
    QFETCH(QList<QList<FileProgress>>, batches);
    QFETCH(int, rows);
    QFETCH(int, done);
    TestedModel<FilesModel> tested;
    FilesModel &model = tested.model;
    QSortFilterProxyModel *sorted = tested.sorted;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    int batchesWithNewRows = 0;
    for (const QList<FileProgress> &b : batches) {
        const int before = model.rowCount();
        model.update(b);
        if (model.rowCount() > before)
            ++batchesWithNewRows;
    }
    QCOMPARE(model.rowCount(), rows);
    QCOMPARE(sorted->rowCount(), rows);
    QCOMPARE(inserted.count(), batchesWithNewRows); // one insert per batch
    int doneRows = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        QCOMPARE(model.rowOf(model.file(row).path), row);
        if (model.file(row).chunksDone == 4)
            ++doneRows;
    }
    QCOMPARE(doneRows, done);
    QCOMPARE(model.countIn(FileProgress::State::Done), done);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(sorted->rowCount(), 0);
}

// The scan's list of every file goes in a slice per turn of the event loop; a file updated
// while it waits keeps its place and its latest state.
void TestModels::filesModelInsertsALongListInSlices()
{
    TestedModel<FilesModel> tested;
    FilesModel &model = tested.model;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    const int total = 4 * FilesModel::InsertSlice + 10;
    model.update(batch(0, total));
    QCOMPARE(model.rowCount(), FilesModel::InsertSlice);
    model.update(batch(total - 1, 1, 4));
    model.update(batch(total, 1));
    QTRY_COMPARE(model.rowCount(), total + 1);
    QCOMPARE(inserted.count(), 5);
    QCOMPARE(tested.sorted->rowCount(), total + 1);
    for (int row = 0; row <= total; ++row)
        QCOMPARE(model.rowOf(model.file(row).path), row);
    QCOMPARE(model.file(total - 1).chunksDone, 4);
    QCOMPARE(model.countIn(FileProgress::State::Done), 1);

    // Clearing drops what still waits: the next run's first file is the first row.
    model.update(batch(total + 1, total));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    model.update(batch(0, 1));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowOf(batch(0, 1).first().path), 0);
}

void TestModels::filesModelCoalescesChanges()
{
    FilesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.update(batch(0, 100));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.update(batch(10, 20, 2));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 10);
    QCOMPARE(changed.first().at(1).toModelIndex().row(), 29);
    QCOMPARE(
        model.data(model.index(15, FilesModel::ChunksColumn)).toString(), QStringLiteral("2 / 4"));
    QCOMPARE(
        model.data(model.index(15, FilesModel::ChunksColumn), FilesModel::FractionRole).toDouble(),
        0.5);
}

namespace {
FileProgress at(const QString &path, int done, int total, FileProgress::State state, qint64 tokens)
{
    FileProgress f = file(path, done, total, state);
    f.tokens = tokens;
    return f;
}

using State = FileProgress::State;
} // namespace

void TestModels::folderRollup_data()
{
    QTest::addColumn<QList<QList<FileProgress>>>("batches");
    QTest::addColumn<QStringList>("folders"); // labels, in the order rows appear
    QTest::addColumn<QString>("checked"); // a folder label and its expected totals
    QTest::addColumn<int>("files");
    QTest::addColumn<int>("chunksDone");
    QTest::addColumn<int>("chunksTotal");
    QTest::addColumn<int>("tokens");
    QTest::addColumn<int>("state");

    const QList<FileProgress> first {
        at(u"/r/a.py"_s, 0, 2, State::Pending, 0),
        at(u"/r/x/b.py"_s, 1, 3, State::Running, 10),
        at(u"/r/x/y/c.py"_s, 0, 5, State::Running, 0),
        at(u"/r/z/d.py"_s, 0, 1, State::Pending, 0),
    };
    QTest::newRow("one batch, nested")
        << QList<QList<FileProgress>> { first } << QStringList { u"."_s, u"x"_s, u"x/y"_s, u"z"_s }
        << u"x"_s << 2 << 1 << 8 << 10 << int(State::Running);
    QTest::newRow("root sums everything")
        << QList<QList<FileProgress>> { first } << QStringList { u"."_s, u"x"_s, u"x/y"_s, u"z"_s }
        << u"."_s << 4 << 1 << 11 << 10 << int(State::Running);
    QTest::newRow("updates replace, not add") << QList<QList<FileProgress>> { first,
        { at(u"/r/x/b.py"_s, 2, 3, State::Running, 20) },
        { at(u"/r/x/b.py"_s, 3, 3, State::Done, 30), at(u"/r/x/y/c.py"_s, 5, 5, State::Done, 50) } }
                                              << QStringList { u"."_s, u"x"_s, u"x/y"_s, u"z"_s }
                                              << u"x"_s << 2 << 8 << 8 << 80 << int(State::Done);
    QTest::newRow("skipped counts as finished")
        << QList<QList<FileProgress>> { { at(u"/r/q/a.py"_s, 2, 2, State::Done, 5),
               at(u"/r/q/b.bin"_s, 0, 0, State::Skipped, 0) } }
        << QStringList { u"q"_s, u"."_s } << u"q"_s << 2 << 2 << 2 << 5 << int(State::Done);
    QTest::newRow("one failed file fails its parents")
        << QList<QList<FileProgress>> { first, { at(u"/r/x/y/c.py"_s, 2, 5, State::Failed, 20) } }
        << QStringList { u"."_s, u"x"_s, u"x/y"_s, u"z"_s } << u"."_s << 4 << 3 << 11 << 30
        << int(State::Failed);
    QTest::newRow("new folders in later batches")
        << QList<QList<FileProgress>> { { at(u"/r/a.py"_s, 1, 1, State::Done, 1) },
               { at(u"/r/deep/er/b.py"_s, 1, 2, State::Running, 2) },
               { at(u"/r/deep/c.py"_s, 1, 1, State::Done, 3) } }
        << QStringList { u"."_s, u"deep/er"_s, u"deep"_s } << u"deep"_s << 2 << 2 << 3 << 5
        << int(State::Running);
    QTest::newRow("outside the root")
        << QList<QList<FileProgress>> { { at(u"/elsewhere/k/a.py"_s, 1, 1, State::Done, 7) } }
        << QStringList { u"/elsewhere/k"_s } << u"/elsewhere/k"_s << 1 << 1 << 1 << 7
        << int(State::Done);
}

void TestModels::folderRollup()
{
    QFETCH(QList<QList<FileProgress>>, batches);
    QFETCH(QStringList, folders);
    QFETCH(QString, checked);
    FilesModel files;
    FolderRollupModel model(&files);
    model.setRoots({ u"/r/"_s });
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto *sorted = proxy(&model, FolderRollupModel::SortRole, &model);
    QAbstractItemModelTester proxyTester(
        sorted, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (const QList<FileProgress> &b : batches) {
        files.update(b);
        model.flush();
    }
    QStringList labels;
    for (int row = 0; row < model.rowCount(); ++row)
        labels.append(model.data(model.index(row, FolderRollupModel::FolderColumn)).toString());
    QCOMPARE(labels, folders);
    QCOMPARE(sorted->rowCount(), folders.size());

    // Every folder against a sum over FilesModel's rows made here, independently of the model.
    for (int row = 0; row < model.rowCount(); ++row) {
        const QString prefix = model.folderPath(row) + u'/';
        FolderRollupModel::Totals expected;
        for (int f = 0; f < files.rowCount(); ++f) {
            const FileProgress &p = files.file(f);
            if (!p.path.startsWith(prefix))
                continue;
            ++expected.files;
            expected.chunksDone += p.chunksDone;
            expected.chunksTotal += p.chunksTotal;
            expected.tokens += p.tokens;
        }
        const FolderRollupModel::Totals &t = model.totals(row);
        QCOMPARE(t.files, expected.files);
        QCOMPARE(t.chunksDone, expected.chunksDone);
        QCOMPARE(t.chunksTotal, expected.chunksTotal);
        QCOMPARE(t.tokens, expected.tokens);
    }

    const int row = int(labels.indexOf(checked));
    QVERIFY(row >= 0);
    QTEST(model.totals(row).files, "files");
    QTEST(int(model.totals(row).chunksDone), "chunksDone");
    QTEST(int(model.totals(row).chunksTotal), "chunksTotal");
    QTEST(int(model.totals(row).tokens), "tokens");
    QTEST(model.data(model.index(row, 0), FolderRollupModel::StateRole).toInt(), "state");
    QFETCH(int, chunksDone);
    QFETCH(int, chunksTotal);
    QCOMPARE(model.data(model.index(row, FolderRollupModel::ChunksColumn)).toString(),
        u"%1 / %2"_s.arg(chunksDone).arg(chunksTotal));
}

void TestModels::folderRollupCoalescesAndFollowsReset()
{
    FilesModel files;
    FolderRollupModel model(&files);
    model.setRoots({ u"/src"_s });
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // Three batches before the event loop runs: one insert, no change signal for new rows.
    files.update(batch(0, 10));
    files.update(batch(10, 10));
    files.update(batch(5, 10, 4));
    QCOMPARE(model.rowCount(), 0);
    QTRY_COMPARE(model.rowCount(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(model.totals(0).files, 20);
    QCOMPARE(model.totals(0).filesFinished, 10);
    QCOMPARE(model.totals(0).chunksDone, qint64(40));
    QCOMPARE(model.totals(0).chunksTotal, qint64(80));
    QCOMPARE(
        model.data(model.index(0, FolderRollupModel::ChunksColumn), FolderRollupModel::FractionRole)
            .toDouble(),
        0.5);
    files.update(batch(0, 5, 4));
    files.update(batch(15, 5, 4));
    QTRY_COMPARE(changed.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.state(0), State::Done);
    QCOMPARE(model.data(model.index(0, FolderRollupModel::FilesColumn)).toString(), u"20 / 20"_s);

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    files.clear();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 0);
    files.update(batch(0, 2, 1));
    QTRY_COMPARE(model.rowCount(), 1);
    QCOMPARE(model.totals(0).chunksDone, qint64(2));
}

void TestModels::folderRollupSeveralRoots()
{
    FilesModel files;
    files.update({ at(u"/w/one/a.py"_s, 1, 2, State::Running, 3),
        at(u"/w/two/sub/b.py"_s, 2, 2, State::Done, 4) });
    FolderRollupModel model(&files); // built from rows already there
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRoots({ u"/w/one"_s, u"/w/two/"_s });
    QStringList labels;
    for (int row = 0; row < model.rowCount(); ++row)
        labels.append(model.data(model.index(row, FolderRollupModel::FolderColumn)).toString());
    QCOMPARE(labels, (QStringList { u"one"_s, u"two/sub"_s, u"two"_s }));
    QCOMPARE(model.totals(model.rowOf(u"/w/two"_s)).tokens, qint64(4));
    QCOMPARE(model.totals(model.rowOf(u"/w/one"_s)).chunksTotal, qint64(2));
}

void TestModels::filesModelSortsAndFilters()
{
    FilesModel model;
    QSortFilterProxyModel sorted;
    sorted.setSourceModel(&model);
    sorted.setSortRole(FilesModel::SortRole);
    sorted.setFilterKeyColumn(-1);
    sorted.setFilterCaseSensitivity(Qt::CaseInsensitive);
    QAbstractItemModelTester tester(
        &sorted, QAbstractItemModelTester::FailureReportingMode::QtTest);
    sorted.sort(FilesModel::TokensColumn, Qt::DescendingOrder);
    model.update({ file(QStringLiteral("/a.py"), 1, 4), file(QStringLiteral("/b.py"), 3, 4) });
    FileProgress skipped = file(QStringLiteral("/c.min.js"), 0, 0, FileProgress::State::Skipped);
    skipped.reason = QStringLiteral("minified");
    model.update({ skipped });
    QCOMPARE(sorted.rowCount(), 3);
    // Numeric sort: 300 tokens before 100 (a text sort would agree here; 1,000 vs 300 would not).
    model.update({ file(QStringLiteral("/a.py"), 10, 12) });
    QCOMPARE(
        sorted.data(sorted.index(0, FilesModel::PathColumn)).toString(), QStringLiteral("/a.py"));
    QCOMPARE(
        sorted.data(sorted.index(1, FilesModel::PathColumn)).toString(), QStringLiteral("/b.py"));
    sorted.setFilterFixedString(QStringLiteral("MINIFIED"));
    QCOMPARE(sorted.rowCount(), 1);
    QVERIFY(
        sorted.data(sorted.index(0, FilesModel::StatusColumn)).toString().contains(u"minified"));
    sorted.setFilterFixedString(QString());
    QCOMPARE(sorted.rowCount(), 3);
}

void TestModels::failedModel()
{
    FailedModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto *sorted = proxy(&model, FailedModel::SortRole, &model);
    QAbstractItemModelTester proxyTester(
        sorted, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<FailedChunk> rows;
    for (int i = 0; i < 5; ++i) {
        FailedChunk f;
        f.chunk.path = QStringLiteral("/src/x%1.py").arg(i);
        f.chunk.startLine = 10 * i + 1;
        f.chunk.endLine = 10 * i + 9;
        f.reason = QStringLiteral("rejected %1").arg(i);
        f.httpStatus = i % 2 ? 400 : 0;
        f.attempts = i + 1;
        rows.append(f);
    }
    model.setRows(rows);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.data(model.index(2, FailedModel::LocationColumn)).toString(),
        QStringLiteral("/src/x2.py:21-29"));
    QCOMPARE(model.data(model.index(1, FailedModel::HttpColumn)).toString(), QStringLiteral("400"));
    sorted->sort(FailedModel::AttemptsColumn, Qt::DescendingOrder);
    QCOMPARE(sorted->data(sorted->index(0, FailedModel::AttemptsColumn)).toInt(), 5);
    model.setRows(rows.mid(0, 2));
    QCOMPARE(sorted->rowCount(), 2);
    model.setRows({});
    QCOMPARE(sorted->rowCount(), 0);
}

void TestModels::failedModelLoadsFromStore()
{
    QTemporaryDir dir;
    FailedModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&model, &FailedModel::loaded);
    QSignalSpy failed(&model, &FailedModel::loadFailed);
    // No database yet: an empty list, not an error (and no file is created).
    model.load(dir.filePath(QStringLiteral("none.sqlite")));
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("none.sqlite"))));
    // Not a database: the reader's message reaches the window.
    QFile junk(dir.filePath(QStringLiteral("junk.sqlite")));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write(QByteArray(4096, 'x'));
    junk.close();
    model.load(junk.fileName());
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    QVERIFY(!failed.first().first().toString().isEmpty());
}

void TestModels::runsModel()
{
    RunsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto *sorted = proxy(&model, RunsModel::SortRole, &model);
    QAbstractItemModelTester proxyTester(
        sorted, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<RunRow> rows;
    for (int i = 1; i <= 4; ++i) {
        RunRow r;
        r.id = i;
        r.provider = QStringLiteral("openai");
        r.model = QStringLiteral("text-embedding-3-small");
        r.started = QDateTime::currentDateTimeUtc().addSecs(-i * 60);
        r.status = QStringLiteral("finished");
        r.totals.tokens = 1000 * i;
        r.totals.costUsd = 0.00002 * i;
        rows.append(r);
    }
    model.setRows(rows);
    QCOMPARE(model.totalTokens(), qint64(10000));
    QVERIFY(qFuzzyCompare(model.totalCost(), 0.0002));
    sorted->sort(RunsModel::TokensColumn, Qt::DescendingOrder);
    QCOMPARE(sorted->data(sorted->index(0, RunsModel::IdColumn)).toLongLong(), qint64(4));
    model.setRows(rows.mid(1));
    QCOMPARE(sorted->rowCount(), 3);
}

void TestModels::reportModel()
{
    ReportModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto *sorted = proxy(&model, ReportModel::SortRole, &model);
    QAbstractItemModelTester proxyTester(
        sorted, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<ReportRow> rows;
    for (int i = 1; i <= 3; ++i)
        rows.append({ QString::number(i), 1000 * i, 2 * i, i - 1, 0.00002 * i, true });
    ReportRow searches { QString(ReportRow::QueriesKey), 5, std::nullopt, std::nullopt, 0, false };
    rows.append(searches);
    model.setRows(ReportBy::Run, rows);
    QCOMPARE(
        model.headerData(ReportModel::KeyColumn, Qt::Horizontal).toString(), QStringLiteral("Run"));
    QCOMPARE(model.index(3, ReportModel::KeyColumn).data().toString(), QStringLiteral("searches"));
    QCOMPARE(model.index(3, ReportModel::RequestsColumn).data().toString(), QStringLiteral("–"));
    QCOMPARE(model.index(3, ReportModel::CostColumn).data().toString(),
        QStringLiteral("$0.0000 (price unknown)"));
    sorted->sort(ReportModel::TokensColumn, Qt::DescendingOrder);
    QCOMPARE(sorted->index(0, ReportModel::KeyColumn).data().toString(), QStringLiteral("3"));
    model.setRows(ReportBy::Day, rows.mid(0, 1));
    QCOMPARE(sorted->rowCount(), 1);
    QCOMPARE(
        model.headerData(ReportModel::KeyColumn, Qt::Horizontal).toString(), QStringLiteral("Day"));
}

void TestModels::searchModel()
{
    SearchModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto *sorted = proxy(&model, SearchModel::SortRole, &model);
    QAbstractItemModelTester proxyTester(
        sorted, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<SearchModel::Hit> hits;
    for (int i = 0; i < 3; ++i) {
        SearchHit hit;
        hit.path = QStringLiteral("/a%1.py").arg(i);
        hit.startLine = i + 1;
        hit.endLine = i + 3;
        hit.score = 0.5f + 0.1f * i;
        hits.append({ hit, QStringLiteral("line one\nline two\nline three\nline four") });
    }
    model.setHits(hits);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.data(model.index(0, SearchModel::SnippetColumn)).toString(),
        QStringLiteral("line one\nline two\nline three"));
    sorted->sort(SearchModel::ScoreColumn, Qt::DescendingOrder);
    QCOMPARE(sorted->data(sorted->index(0, SearchModel::LocationColumn)).toString(),
        QStringLiteral("/a2.py:3-5"));
    model.setHits({});
    QCOMPARE(sorted->rowCount(), 0);
}

void TestModels::searchModelWithoutIndex()
{
    QTemporaryDir dir;
    SearchModel model;
    QSignalSpy failed(&model, &SearchModel::searchFailed);
    Searcher::Request request;
    request.query = QStringLiteral("query");
    request.k = 5;
    model.search(dir.filePath(QStringLiteral("none.sqlite")), request, {});
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    QVERIFY(failed.first().first().toString().contains(u"drop a folder"));
}

void TestModels::chartBoundsItsPoints()
{
    ThroughputChart chart;
    ProgressSnapshot s;
    for (int i = 0; i < 2000; ++i) {
        s.elapsedMs = i * 100;
        s.chunksPerSecond = i % 50;
        s.tokensPerSecond = 10 * (i % 50);
        if (i == 1500)
            s.rateLimited = 1;
        if (i == 1600 || i == 1700)
            ++s.retries;
        chart.addSnapshot(s);
    }
    // 200 s of snapshots at 10 Hz: the last 120 s are kept, thinned to at most maxPoints.
    QVERIFY(chart.pointCount() <= ThroughputChart::maxPoints);
    QVERIFY(chart.pointCount() >= ThroughputChart::maxPoints / 2);
    QCOMPARE(chart.rateLimitMarks(), 1);
    QCOMPARE(chart.retryMarks(), 2);
    s = ProgressSnapshot {}; // a new run
    chart.addSnapshot(s);
    QCOMPARE(chart.pointCount(), 1);
    QCOMPARE(chart.rateLimitMarks(), 0);
}

// On the team store the chart has a line per teammate's worker and the team's total: this
// run's own rate plus theirs.
void TestModels::chartDrawsTeammates()
{
    ThroughputChart chart;
    ProgressSnapshot own;
    own.elapsedMs = 1000;
    own.chunksPerSecond = 30;
    chart.addSnapshot(own);
    QCOMPARE(chart.teammateLines(), 0);
    QCOMPARE(chart.totalPoints(), 0);
    chart.addTeammates(
        2000, { { 7, u"alice-laptop"_s, 100, 20 }, { 9, u"bob-desktop"_s, 80, 10 } });
    chart.addTeammates(4000, { { 7, u"alice-laptop"_s, 140, 20 } });
    QCOMPARE(chart.teammateLines(), 2);
    QCOMPARE(chart.totalPoints(), 2);
    const auto lines = chart.chart()->series();
    auto named = [&lines](const QString &name) -> QLineSeries * {
        for (QAbstractSeries *series : lines)
            if (series->name() == name)
                return qobject_cast<QLineSeries *>(series);
        return nullptr;
    };
    QVERIFY(named(u"#7 on alice-laptop"_s));
    QCOMPARE(named(u"#9 on bob-desktop"_s)->count(), 1);
    QLineSeries *total = named(u"team's chunks/s"_s);
    QVERIFY(total);
    QCOMPARE(total->at(0), QPointF(2, 60));
    QCOMPARE(total->at(1), QPointF(4, 50));
    chart.clear(); // a new run
    QCOMPARE(chart.teammateLines(), 0);
    QCOMPARE(chart.chart()->series().size(), lines.size() - 2);
}

void TestModels::filesModelLabelsPathsByRoot_data()
{
    QTest::addColumn<QStringList>("roots");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("label");
    const QStringList one { QStringLiteral("/work/repo") };
    const QStringList two { QStringLiteral("/work/repo"), QStringLiteral("/work/other/") };
    QTest::newRow("one root") << one << u"/work/repo/src/main.cpp"_s << u"src/main.cpp"_s;
    QTest::newRow("prefix is not a root")
        << one << u"/work/repository/a.cpp"_s << u"/work/repository/a.cpp"_s;
    QTest::newRow("two roots") << two << u"/work/other/b.py"_s << u"other/b.py"_s;
    QTest::newRow("file root") << QStringList { u"/work/x/one.c"_s } << u"/work/x/one.c"_s
                               << u"one.c"_s;
    QTest::newRow("no roots") << QStringList() << u"/work/repo/a.cpp"_s << u"/work/repo/a.cpp"_s;
    QTest::newRow("innermost wins")
        << QStringList { u"/work"_s, u"/work/repo"_s } << u"/work/repo/a.cpp"_s << u"repo/a.cpp"_s;
}

void TestModels::filesModelLabelsPathsByRoot()
{
    QFETCH(QStringList, roots);
    QFETCH(QString, path);
    QFETCH(QString, label);
    FilesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.update({ file(path, 1, 2) });
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setRoots(roots);
    QCOMPARE(changed.size(), roots.isEmpty() ? 0 : 1);
    const QModelIndex cell = model.index(0, FilesModel::PathColumn);
    QCOMPARE(cell.data().toString(), label);
    QCOMPARE(cell.data(Qt::ToolTipRole).toString(), path);
    // The filter box matches absolute paths, so a folder's own path selects its files.
    QSortFilterProxyModel filtered;
    filtered.setSourceModel(&model);
    filtered.setFilterKeyColumn(-1);
    filtered.setFilterRole(FilesModel::FilterRole);
    filtered.setFilterFixedString(QFileInfo(path).path() + u'/');
    QCOMPARE(filtered.rowCount(), 1);
}

void TestModels::progressBarShowsFailure_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<bool>("red");
    QTest::newRow("done") << int(FileProgress::State::Done) << false;
    QTest::newRow("running") << int(FileProgress::State::Running) << false;
    QTest::newRow("failed") << int(FileProgress::State::Failed) << true;
}

void TestModels::progressBarShowsFailure()
{
    // A file whose only chunk failed is "1 of 1 finished": its full bar must not look done.
    QFETCH(int, state);
    QFETCH(bool, red);
    FilesModel model;
    FileProgress f = file(QStringLiteral("/r/a.cpp"), 0, 1, FileProgress::State(state));
    f.chunksFailed = state == int(FileProgress::State::Failed) ? 1 : 0;
    f.chunksDone = 1 - f.chunksFailed;
    model.update({ f });
    QTableView view;
    view.setModel(&model);
    ProgressDelegate delegate(FilesModel::FractionRole, FilesModel::StateRole);
    view.setItemDelegateForColumn(FilesModel::ChunksColumn, &delegate);
    view.resize(800, 200);
    view.setColumnWidth(FilesModel::ChunksColumn, 200);
    const QModelIndex cell = model.index(0, FilesModel::ChunksColumn);
    const QImage image = view.viewport()->grab(view.visualRect(cell)).toImage();
    int reddish = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            reddish += c.red() > 150 && c.green() < 110 && c.blue() < 120;
        }
    QCOMPARE(reddish > image.width() * image.height() / 4, red);
}

void TestModels::chartAxesHaveRoundTicks_data()
{
    QTest::addColumn<double>("chunksPerSecond");
    QTest::addColumn<double>("tokensPerSecond");
    QTest::newRow("built-in model") << 33.7 << 13571.0;
    QTest::newRow("slow") << 0.4 << 90.0;
    QTest::newRow("fast server") << 9480.0 << 3281000.0;
    QTest::newRow("exactly round") << 100.0 << 40000.0;
}

void TestModels::chartAxesHaveRoundTicks()
{
    QFETCH(double, chunksPerSecond);
    QFETCH(double, tokensPerSecond);
    ThroughputChart chart;
    ProgressSnapshot s;
    s.chunksPerSecond = chunksPerSecond;
    s.tokensPerSecond = tokensPerSecond;
    chart.addSnapshot(s);
    const QList<QAbstractAxis *> axes = chart.chart()->axes(Qt::Vertical);
    QCOMPARE(axes.size(), 2);
    for (QAbstractAxis *abstract : axes) {
        auto *axis = qobject_cast<QValueAxis *>(abstract);
        QVERIFY(axis);
        const bool chunks = axis->titleText() == u"chunks/s";
        const double peak = std::max(1.0, chunks ? chunksPerSecond : tokensPerSecond);
        // Both axes have the same ticks, so the right one's labels sit on the grid lines.
        QCOMPARE(axis->tickCount(), 5);
        QCOMPARE(axis->min(), 0.0);
        QVERIFY2(axis->max() >= peak && axis->max() <= 2.7 * peak,
            qPrintable(QString::number(axis->max())));
        // Every label is 1, 2 or 5 times a power of ten times the tick's index.
        const double step = axis->max() / 4;
        const double mantissa = step / std::pow(10.0, std::floor(std::log10(step)));
        QVERIFY2(qFuzzyCompare(mantissa, 1.0) || qFuzzyCompare(mantissa, 2.0)
                || qFuzzyCompare(mantissa, 5.0),
            qPrintable(QString::number(step)));
    }
}

QTEST_MAIN(TestModels)
#include "tst_models.moc"
