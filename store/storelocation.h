#pragma once

#include "result.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>

namespace SignalHub::Core {

// What `--db` names: an SQLite file, or a PostgreSQL server (the team store) by a
// postgresql:// URL. A URL never carries the password, which would end up in shell histories,
// process lists and settings files: libpq finds it in PGPASSWORD or the password file (~/.pgpass,
// or the one PGPASSFILE names), and the window's keychain supplies it otherwise. Parameters
// such as sslmode (verify-full checks the server's certificate and name) pass through to libpq.
class StoreLocation
{
    Q_DECLARE_TR_FUNCTIONS(SignalHub::Core::StoreLocation)

public:
    enum class Kind
    {
        Sqlite,
        Postgres
    };

    // A path (made absolute) or a postgresql:// (or postgres://) URL; empty: the default file.
    static Result<StoreLocation> parse(const QString &text);
    static bool isUrl(const QString &text);

    Kind kind() const { return m_kind; }
    QString sqlitePath() const { return m_sqlitePath; }

    // For Qt's QPSQL driver: an empty host means libpq's default (its Unix socket).
    QString host() const { return m_host; }
    int port() const { return m_port; } // -1: libpq's default (5432)
    QString databaseName() const { return m_database; }
    QString userName() const { return m_user; }
    // The URL's parameters as QSqlDatabase::setConnectOptions takes them ("sslmode=require").
    QString connectOptions() const { return m_options; }

    // The file path, or the URL as given (it holds no secret), for messages.
    QString display() const;

    // A Qt SQL connection (QPSQL, not opened yet) to the server this location names, with
    // libpq's own defaults for whatever the URL leaves out, the password among them unless
    // one was given for the URL (setPassword).
    QSqlDatabase postgresConnection(const QString &connectionName) const;

    // The password for the team store at `url`, from the keychain: kept in this process's
    // memory only, for every connection to it from now on (empty: libpq finds one itself).
    static void setPassword(const QString &url, const QByteArray &password);

private:
    Kind m_kind = Kind::Sqlite;
    QString m_sqlitePath;
    QString m_url;
    QString m_host;
    int m_port = -1;
    QString m_database;
    QString m_user;
    QString m_options;
};

} // namespace SignalHub::Core
