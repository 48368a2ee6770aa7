// The team store's platform on a real PostgreSQL 17 that the test starts: Qt's QPSQL driver
// connects where a StoreLocation URL says, with its parameters, and pgvector 0.8 answers a
// nearest-neighbour query through an HNSW index.
#include "postgresserver.h"
#include "storelocation.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SignalHub::Core;

class TestPostgres : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (const QString why = m_server.start(); !why.isEmpty())
            QSKIP(qPrintable(why));
    }

    void connectsWhereTheUrlSays()
    {
        const Result<StoreLocation> location
            = StoreLocation::parse(m_server.url(u"application_name=signalhub-test"_s));
        QVERIFY2(location, qPrintable(location.errorMessage()));
        {
            QSqlDatabase db = location->postgresConnection(u"url"_s);
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QSqlQuery query(db);
            QVERIFY(query.exec(u"SELECT current_setting('application_name'), current_user"_s));
            QVERIFY(query.next());
            QCOMPARE(query.value(0).toString(), u"signalhub-test"_s);
            QCOMPARE(query.value(1).toString(), u"signalhub"_s);
        }
        QSqlDatabase::removeDatabase(u"url"_s);
    }

    void pgvectorFindsTheNearestThroughHnsw()
    {
        const Result<StoreLocation> location = StoreLocation::parse(m_server.url());
        QVERIFY(location);
        {
            QSqlDatabase db = location->postgresConnection(u"vector"_s);
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QSqlQuery query(db);
            const auto exec = [&query](const QString &sql) {
                if (!query.exec(sql))
                    qWarning() << sql << query.lastError().text();
                return query.lastError().type() == QSqlError::NoError;
            };
            QVERIFY(exec(u"CREATE EXTENSION IF NOT EXISTS vector"_s));
            QVERIFY(exec(u"SELECT extversion FROM pg_extension WHERE extname = 'vector'"_s));
            QVERIFY(query.next());
            QVERIFY2(query.value(0).toString() >= u"0.8"_s, qPrintable(query.value(0).toString()));
            QVERIFY(exec(u"CREATE TABLE items (id bigint PRIMARY KEY, embedding vector(3))"_s));
            QVERIFY(exec(u"INSERT INTO items SELECT i, ARRAY[cos(i), sin(i), i / 100.0]::vector "
                         "FROM generate_series(1, 500) i"_s));
            QVERIFY(exec(u"CREATE INDEX ON items USING hnsw (embedding vector_cosine_ops)"_s));
            QVERIFY(exec(u"SET enable_seqscan = off"_s));
            QVERIFY(
                exec(u"EXPLAIN SELECT id FROM items ORDER BY embedding <=> '[1,0,0]' LIMIT 3"_s));
            QString plan;
            while (query.next())
                plan += query.value(0).toString();
            QVERIFY2(plan.contains(u"items_embedding_idx"_s), qPrintable(plan));
            QVERIFY(
                query.prepare(u"SELECT id FROM items ORDER BY embedding <=> ?::vector LIMIT 1"_s));
            query.addBindValue(u"[0.28366, -0.95892, 0.05]"_s); // cos 5, sin 5, 5/100
            QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
            QVERIFY(query.next());
            QCOMPARE(query.value(0).toLongLong(), 5);
        }
        QSqlDatabase::removeDatabase(u"vector"_s);
    }

private:
    PostgresServer m_server;
};

QTEST_GUILESS_MAIN(TestPostgres)
#include "tst_postgres.moc"
