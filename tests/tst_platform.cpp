// The platform Signal Hub stands on, checked for real: Qt's version, KF6 syntax definitions,
// the SQLite driver in WAL mode and QtCharts rendering offscreen.
#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QImage>
#include <QLineSeries>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QVersionNumber>

class TestPlatform : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void qtIsAtLeast68()
    {
        const QVersionNumber runtime = QVersionNumber::fromString(QString::fromLatin1(qVersion()));
        QVERIFY2(runtime >= QVersionNumber(6, 8), qVersion());
    }

    void syntaxDefinitions_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QString>("language");
        QTest::newRow("C++") << QStringLiteral("main.cpp") << QStringLiteral("C++");
        QTest::newRow("CMake") << QStringLiteral("CMakeLists.txt") << QStringLiteral("CMake");
        QTest::newRow("Python") << QStringLiteral("setup.py") << QStringLiteral("Python");
        QTest::newRow("Markdown") << QStringLiteral("README.md") << QStringLiteral("Markdown");
    }

    void syntaxDefinitions()
    {
        QFETCH(QString, fileName);
        QFETCH(QString, language);
        KSyntaxHighlighting::Repository repository;
        QVERIFY2(repository.definitions().size() > 300,
            qPrintable(QString::number(repository.definitions().size())));
        const auto definition = repository.definitionForFileName(fileName);
        QVERIFY(definition.isValid());
        QCOMPARE(definition.name(), language);
    }

    void sqliteFileInWalMode()
    {
        QVERIFY(QSqlDatabase::drivers().contains(QStringLiteral("QSQLITE")));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("wal"));
            db.setDatabaseName(dir.filePath(QStringLiteral("platform.sqlite")));
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("PRAGMA journal_mode=WAL")));
            QVERIFY(query.next());
            QCOMPARE(query.value(0).toString(), QStringLiteral("wal"));
            QVERIFY(query.exec(QStringLiteral("CREATE TABLE t (v BLOB)")));
            QVERIFY(query.exec(QStringLiteral("INSERT INTO t VALUES (zeroblob(16))")));
            // While a connection is open, writes go to the write-ahead log beside the file.
            QVERIFY(QFile::exists(dir.filePath(QStringLiteral("platform.sqlite-wal"))));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("wal"));
        {
            // WAL mode is a property of the file: a new connection finds it set.
            auto db
                = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("reopen"));
            db.setDatabaseName(dir.filePath(QStringLiteral("platform.sqlite")));
            QVERIFY(db.open());
            QSqlQuery query(QStringLiteral("PRAGMA journal_mode"), db);
            QVERIFY(query.next());
            QCOMPARE(query.value(0).toString(), QStringLiteral("wal"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("reopen"));
    }

    void chartRendersOffscreen()
    {
        auto *series = new QLineSeries;
        for (int i = 0; i < 50; ++i)
            series->append(i, (i * 7) % 13);
        QChartView view;
        view.chart()->addSeries(series);
        view.chart()->createDefaultAxes();
        view.chart()->legend()->hide();
        view.resize(320, 200);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QImage image = view.grab().toImage();
        // The plotted line leaves pixels that are neither the background nor grey grid lines.
        int coloured = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                coloured += (qAbs(c.red() - c.blue()) > 40 || qAbs(c.green() - c.blue()) > 40);
            }
        QVERIFY2(coloured > 100, qPrintable(QString::number(coloured)));
    }
};

QTEST_MAIN(TestPlatform)
#include "tst_platform.moc"
