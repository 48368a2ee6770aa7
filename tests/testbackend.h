#pragma once

#include "postgresserver.h"
#include "storeconnection.h"
#include "storelocation.h"

#include <QAtomicInteger>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QtDebug>
#include <memory>

// Where a behaviour test keeps its index: an SQLite file in its temporary folder, or, when
// CTest runs the test's postgres variant (SIGNALHUB_TEST_STORE=postgres), a new database on a
// PostgreSQL server the test started itself. The same test then asserts the same behaviour of
// both stores.
class TestBackend
{
public:
    static bool postgresWanted()
    {
        return qEnvironmentVariable("SIGNALHUB_TEST_STORE") == u"postgres";
    }

    // Empty when ready, else why the store cannot be had.
    QString start() { return postgresWanted() ? startPostgres() : QString(); }
    // For tests of the team store alone.
    QString startPostgres()
    {
        m_server = std::make_unique<PostgresServer>();
        return m_server->start();
    }

    bool isPostgres() const { return m_server != nullptr; }

    // A new, empty store: `file` in `folder`, or a new database on the server.
    QString fresh(const QString &folder, const QString &file = QStringLiteral("index.db"))
    {
        if (!m_server)
            return folder + u'/' + file;
        static QAtomicInteger<int> counter;
        const QString name = QStringLiteral("store%1").arg(counter.fetchAndAddRelaxed(1));
        if (!exec(m_server->url(), QStringLiteral("CREATE DATABASE ") + name))
            return {};
        return databaseUrl(name);
    }

    // The URL of the server's database `name` (as the server's superuser unless `user`).
    QString databaseUrl(const QString &name, const QString &user = {}) const
    {
        QString url = m_server->url();
        url.replace(QStringLiteral("/postgres"), u'/' + name);
        if (!user.isEmpty())
            url.replace(QStringLiteral("signalhub@"), user + u'@');
        return url;
    }

    // Runs sql on the store at `location` (on the team store inside its schema).
    static bool exec(const QString &location, const QString &sql)
    {
        return query(location, sql, [](QSqlQuery &) { });
    }

    // The first column of the first row of sql, invalid when there is none.
    static QVariant value(const QString &location, const QString &sql)
    {
        QVariant first;
        query(location, sql, [&first](QSqlQuery &q) {
            if (q.next())
                first = q.value(0);
        });
        return first;
    }

    // A connection `name` to the store at `location`, open, set up as the store's own are
    // (on the team store: its schema, and this machine's folders).
    static QSqlDatabase open(const QString &location, const QString &name)
    {
        if (!SignalHub::Core::StoreLocation::isUrl(location)) {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(location);
            db.open();
            return db;
        }
        QSqlDatabase db
            = SignalHub::Core::StoreLocation::parse(location).value().postgresConnection(name);
        if (db.open()) {
            QSqlQuery session(db);
            if (!setUpSession(session))
                db.close();
        }
        return db;
    }

private:
    // As the store's own connections: its schema, and this machine's folders.
    static bool setUpSession(QSqlQuery &query)
    {
        return query.exec(QStringLiteral("SET search_path TO signalhub, public"))
            && query.exec(QStringLiteral("SELECT set_config('signalhub.host', '%1', false)")
                    .arg(SignalHub::Core::StoreConnection::hostName()));
    }

    template<typename Rows>
    static bool query(const QString &location, const QString &sql, Rows &&rows)
    {
        static QAtomicInteger<int> counter;
        const QString name = QStringLiteral("testbackend-%1").arg(counter.fetchAndAddRelaxed(1));
        bool done = false;
        {
            QSqlDatabase db = open(location, name);
            QSqlQuery query(db);
            done = db.isOpen() && query.exec(sql);
            if (done)
                rows(query);
            else
                qWarning() << sql << query.lastError().text() << db.lastError().text();
        }
        QSqlDatabase::removeDatabase(name);
        return done;
    }

    std::unique_ptr<PostgresServer> m_server;
};
