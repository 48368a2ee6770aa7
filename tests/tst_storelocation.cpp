// StoreLocation: what --db names, and that a URL never carries a password.
#include "storelocation.h"

#include <QDir>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SignalHub::Core;

class TestStoreLocation : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void filesAreMadeAbsolute()
    {
        const Result<StoreLocation> file = StoreLocation::parse(u"index.sqlite"_s);
        QVERIFY(file);
        QCOMPARE(file->kind(), StoreLocation::Kind::Sqlite);
        QCOMPARE(file->sqlitePath(), QDir::current().absoluteFilePath(u"index.sqlite"_s));
        const Result<StoreLocation> fallback = StoreLocation::parse(QString());
        QVERIFY(fallback);
        QVERIFY(fallback->sqlitePath().endsWith(u"/signalhub.sqlite"_s));
    }

    void urlsNameTheServer()
    {
        const Result<StoreLocation> url = StoreLocation::parse(
            u"postgresql://indexer@db.example.org:5433/team?sslmode=verify-full&application_name=sh"_s);
        QVERIFY2(url, qPrintable(url.errorMessage()));
        QCOMPARE(url->kind(), StoreLocation::Kind::Postgres);
        QCOMPARE(url->host(), u"db.example.org"_s);
        QCOMPARE(url->port(), 5433);
        QCOMPARE(url->userName(), u"indexer"_s);
        QCOMPARE(url->databaseName(), u"team"_s);
        QCOMPARE(url->connectOptions(), u"sslmode=verify-full;application_name=sh"_s);
        const Result<StoreLocation> plain = StoreLocation::parse(u"postgres://localhost/index"_s);
        QVERIFY(plain);
        QCOMPARE(plain->port(), -1);
        QCOMPARE(plain->userName(), QString());
    }

    void passwordsAndBadUrlsAreRefused_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("message");
        QTest::newRow("password") << u"postgresql://me:secret@db/team"_s << u"PGPASSWORD"_s;
        QTest::newRow("password parameter")
            << u"postgresql://db/team?password=secret"_s << u"~/.pgpass"_s;
        QTest::newRow("no database") << u"postgresql://db"_s << u"names no database"_s;
        QTest::newRow("bad port") << u"postgresql://db:port/team"_s << u"not a PostgreSQL URL"_s;
    }

    void passwordsAndBadUrlsAreRefused()
    {
        QFETCH(QString, url);
        QFETCH(QString, message);
        const Result<StoreLocation> location = StoreLocation::parse(url);
        QVERIFY(!location);
        QVERIFY2(location.errorMessage().contains(message), qPrintable(location.errorMessage()));
        QVERIFY(!location.errorMessage().contains(u"secret"_s));
    }
};

QTEST_GUILESS_MAIN(TestStoreLocation)
#include "tst_storelocation.moc"
