// The team store's platform on a real PostgreSQL 17 that the test starts: Qt's QPSQL driver
// connects where a StoreLocation URL says, with its parameters; pgvector 0.8 answers a
// nearest-neighbour query through an HNSW index; PgSchema lays a database out once, even when
// two processes open it at once, and names what it cannot do.
#include "pgschema.h"
#include "postgresserver.h"
#include "storelocation.h"
#include "storereader.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QtConcurrentRun>

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

    void schemaIsLaidOutOnceByTwoAtOnce()
    {
        QVERIFY(admin(u"CREATE DATABASE layout"_s));
        // Two connections migrate the empty database together: the advisory lock lets one lay
        // it out, and the other finds it done.
        const auto migrate = [this](const QString &name) {
            Status status;
            {
                QSqlDatabase db = connection(u"layout"_s, name);
                status
                    = db.open() ? PgSchema::migrate(db) : Status(Error { db.lastError().text() });
            }
            QSqlDatabase::removeDatabase(name);
            return status;
        };
        QFuture<Status> first = QtConcurrent::run(migrate, u"first"_s);
        QFuture<Status> second = QtConcurrent::run(migrate, u"second"_s);
        QVERIFY2(first.result(), qPrintable(first.result().errorMessage()));
        QVERIFY2(second.result(), qPrintable(second.result().errorMessage()));
        {
            QSqlDatabase db = connection(u"layout"_s, u"check"_s);
            QVERIFY(db.open());
            QCOMPARE(PgSchema::version(db).value(), PgSchema::currentVersion());
            QSqlQuery query(db);
            QVERIFY(query.exec(u"SELECT count(*) FROM information_schema.tables WHERE "
                               "table_schema = 'signalhub' AND table_type = 'BASE TABLE'"_s));
            QVERIFY(query.next());
            QCOMPARE(query.value(0).toInt(), 15); // meta, twelve of version 1, two of version 2
            QVERIFY(query.exec(u"SELECT count(*) FROM signalhub.prices"_s));
            QVERIFY(query.next());
            QCOMPARE(query.value(0).toInt(), 4); // inserted once, not twice
            QVERIFY(PgSchema::migrate(db)); // nothing to do
        }
        QSqlDatabase::removeDatabase(u"check"_s);
    }

    void newerLayoutIsRefused()
    {
        QVERIFY(admin(u"CREATE DATABASE newer"_s));
        {
            QSqlDatabase db = connection(u"newer"_s, u"newer"_s);
            QVERIFY(db.open());
            QVERIFY(PgSchema::migrate(db));
            QSqlQuery query(db);
            QVERIFY(query.exec(u"UPDATE signalhub.meta SET value = '99'"_s));
            const Status refused = PgSchema::migrate(db);
            QVERIFY(!refused);
            QVERIFY2(refused.errorMessage().contains(u"newer Signal Hub (version 99"_s),
                qPrintable(refused.errorMessage()));
        }
        QSqlDatabase::removeDatabase(u"newer"_s);
    }

    // A role that may not create the extension learns what the database's owner must run.
    void missingPgvectorIsNamed()
    {
        QVERIFY(admin(u"CREATE DATABASE plain"_s));
        QVERIFY(admin(u"CREATE ROLE reader LOGIN"_s));
        {
            QSqlDatabase db = connection(u"plain"_s, u"reader"_s, u"reader"_s);
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            const Status refused = PgSchema::migrate(db);
            QVERIFY(!refused);
            QVERIFY2(refused.errorMessage().contains(u"user reader may not create it"_s),
                qPrintable(refused.errorMessage()));
            QVERIFY(refused.errorMessage().contains(u"CREATE EXTENSION vector"_s));
            QCOMPARE(PgSchema::version(db).value(), 0); // nothing half laid out
        }
        QSqlDatabase::removeDatabase(u"reader"_s);
    }

    // A password the front end hands over (from the keychain) signs in where the server asks
    // for one; without it the message says where a password goes.
    void passwordGivenForTheUrlSignsIn()
    {
        QVERIFY(admin(u"CREATE ROLE guarded LOGIN PASSWORD 'pw-Zq7'"_s));
        QVERIFY(m_server.requirePassword(u"guarded"_s));
        QVERIFY(admin(u"SELECT pg_reload_conf()"_s));
        QString url = m_server.url();
        url.replace(u"signalhub@"_s, u"guarded@"_s);
        const auto signIn = [&url](const QString &name) {
            bool opened = false;
            QString error;
            {
                QSqlDatabase db = StoreLocation::parse(url).value().postgresConnection(name);
                opened = db.open();
                error = db.lastError().text();
            }
            QSqlDatabase::removeDatabase(name);
            return std::pair(opened, error);
        };
        // The reload takes effect a moment later: until then the role is still trusted.
        QTRY_VERIFY_WITH_TIMEOUT(!signIn(u"without"_s).first, 10000);
        const auto refused = StoreReader::open(url);
        QVERIFY(!refused);
        QVERIFY2(
            refused.errorMessage().contains(u"~/.pgpass"_s), qPrintable(refused.errorMessage()));
        StoreLocation::setPassword(url, "pw-Zq7");
        const auto [opened, error] = signIn(u"with"_s);
        QVERIFY2(opened, qPrintable(error));
        StoreLocation::setPassword(url, {});
        QVERIFY(!signIn(u"forgotten"_s).first);
    }

    // Each space's vectors get an HNSW index of their own: on the vector up to 2,000
    // dimensions, on its half-precision cast up to 4,000, and above that a clear refusal.
    void spacesGetAnIndexThatFitsTheirDimensions()
    {
        QVERIFY(admin(u"CREATE DATABASE spaces"_s));
        {
            QSqlDatabase db = connection(u"spaces"_s, u"spaces"_s);
            QVERIFY(db.open());
            QVERIFY(PgSchema::migrate(db));
            QVERIFY(PgSchema::addVectorIndex(db, 1, 384));
            QVERIFY(PgSchema::addVectorIndex(db, 1, 384)); // there already
            QVERIFY(PgSchema::addVectorIndex(db, 2, 3072));
            const Status refused = PgSchema::addVectorIndex(db, 3, 4096);
            QVERIFY(!refused);
            QVERIFY2(refused.errorMessage().contains(u"4000 at most"_s),
                qPrintable(refused.errorMessage()));
            QSqlQuery query(db);
            QVERIFY(query.exec(u"SELECT indexdef FROM pg_indexes WHERE schemaname = 'signalhub' "
                               "AND indexname LIKE 'embeddings_hnsw_%' ORDER BY indexname"_s));
            QStringList definitions;
            while (query.next())
                definitions.append(query.value(0).toString());
            QCOMPARE(definitions.size(), 2);
            QVERIFY2(definitions[0].contains(u"vector(384)"_s)
                    && definitions[0].contains(u"vector_cosine_ops"_s)
                    && definitions[0].contains(u"m='16'"_s)
                    && definitions[0].contains(u"WHERE (space_id = 1)"_s),
                qPrintable(definitions[0]));
            QVERIFY2(definitions[1].contains(u"halfvec(3072)"_s)
                    && definitions[1].contains(u"halfvec_cosine_ops"_s),
                qPrintable(definitions[1]));
        }
        QSqlDatabase::removeDatabase(u"spaces"_s);
    }

private:
    // A connection to another database of the server, as signalhub unless `user` says.
    QSqlDatabase connection(const QString &database, const QString &name, const QString &user = {})
    {
        QString url = m_server.url();
        url.replace(u"/postgres"_s, u'/' + database);
        if (!user.isEmpty())
            url.replace(u"signalhub@"_s, user + u'@');
        return StoreLocation::parse(url).value().postgresConnection(name);
    }

    bool admin(const QString &sql)
    {
        bool done = false;
        {
            QSqlDatabase db = connection(u"postgres"_s, u"admin"_s);
            QSqlQuery query(db);
            done = db.open() && query.exec(sql);
            if (!done)
                qWarning() << sql << query.lastError().text() << db.lastError().text();
        }
        QSqlDatabase::removeDatabase(u"admin"_s);
        return done;
    }

    PostgresServer m_server;
};

QTEST_GUILESS_MAIN(TestPostgres)
#include "tst_postgres.moc"
