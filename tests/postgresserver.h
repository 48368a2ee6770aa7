#pragma once

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>
#include <unistd.h>

// A PostgreSQL server of the test's own: initdb in a temporary folder, listening on a free port
// of 127.0.0.1 only, stopped (and its files removed) with this object. PostgreSQL refuses to
// run as root, so as root it runs as nobody; where no other user exists (a user namespace that
// maps only root) start() says so and the test skips. tools/test runs these tests outside its
// user namespace for that reason.
class PostgresServer
{
public:
    ~PostgresServer()
    {
        if (m_server.state() == QProcess::NotRunning)
            return;
        m_server.terminate(); // SIGTERM: a smart shutdown, the server ends by itself
        if (!m_server.waitForFinished(30000))
            m_server.kill();
    }

    // Empty when the server runs, else why it does not.
    QString start()
    {
        const QStringList bin { QStringLiteral("/usr/lib/postgresql/17/bin") };
        const QString initdb = QStandardPaths::findExecutable(QStringLiteral("initdb"), bin);
        const QString postgres = QStandardPaths::findExecutable(QStringLiteral("postgres"), bin);
        if (initdb.isEmpty() || postgres.isEmpty())
            return QStringLiteral("PostgreSQL 17 is not installed (postgresql-17)");
        if (!m_dir.isValid())
            return QStringLiteral("no temporary folder");
        if (geteuid() == 0) {
            m_asUser = { QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                QStringLiteral("--clear-groups"), QStringLiteral("--") };
            if (QProcess::execute(
                    QStringLiteral("setpriv"), m_asUser + QStringList { QStringLiteral("true") })
                != 0)
                return QStringLiteral("running as root where no other user exists (a user "
                                      "namespace that maps only root): PostgreSQL refuses root");
            if (::chown(QFile::encodeName(m_dir.path()).constData(), 65534, 65534) != 0)
                return QStringLiteral("cannot hand the temporary folder to nobody");
        }
        const QString data = m_dir.filePath(QStringLiteral("data"));
        QProcess init;
        run(init, initdb,
            { QStringLiteral("-D"), data, QStringLiteral("-U"), QStringLiteral("signalhub"),
                QStringLiteral("--auth=trust"), QStringLiteral("--no-sync"), QStringLiteral("-E"),
                QStringLiteral("UTF8"), QStringLiteral("--locale=C") });
        if (!init.waitForFinished(120000) || init.exitCode() != 0)
            return QStringLiteral("initdb failed: ") + QString::fromLocal8Bit(init.readAll());
        m_port = freePort();
        run(m_server, postgres,
            { QStringLiteral("-D"), data, QStringLiteral("-h"), QStringLiteral("127.0.0.1"),
                QStringLiteral("-p"), QString::number(m_port), QStringLiteral("-k"), m_dir.path(),
                QStringLiteral("-c"), QStringLiteral("fsync=off") });
        return waitUntilReady();
    }

    quint16 port() const { return m_port; }

    // From now on `user` signs in over TCP with a password (SCRAM), as on a real server; the
    // others are still trusted. The caller reloads the server's configuration.
    bool requirePassword(const QString &user)
    {
        QFile hba(m_dir.filePath(QStringLiteral("data/pg_hba.conf")));
        if (!hba.open(QIODevice::ReadOnly))
            return false;
        const QByteArray rest = hba.readAll();
        hba.close();
        if (!hba.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        return hba.write("host all " + user.toUtf8() + " 127.0.0.1/32 scram-sha-256\n" + rest) > 0;
    }
    // The URL of the database every cluster has, as user signalhub (no password: trust).
    QString url(const QString &parameters = QString()) const
    {
        return QStringLiteral("postgresql://signalhub@127.0.0.1:%1/postgres%2")
            .arg(m_port)
            .arg(parameters.isEmpty() ? QString() : u'?' + parameters);
    }

private:
    void run(QProcess &process, const QString &program, const QStringList &arguments)
    {
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.setWorkingDirectory(m_dir.path());
        if (m_asUser.isEmpty())
            process.start(program, arguments);
        else
            process.start(
                QStringLiteral("setpriv"), m_asUser + QStringList { program } + arguments);
    }

    static quint16 freePort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }

    // Until the server accepts connections on its port (its log says so), at most 60 s.
    QString waitUntilReady()
    {
        QByteArray log;
        const QDeadlineTimer deadline(60000);
        while (!deadline.hasExpired() && m_server.state() != QProcess::NotRunning) {
            m_server.waitForReadyRead(200);
            log += m_server.readAll();
            if (log.contains("database system is ready to accept connections"))
                return {};
        }
        return QStringLiteral("the server did not start: ") + QString::fromLocal8Bit(log);
    }

    QTemporaryDir m_dir;
    QStringList m_asUser;
    QProcess m_server;
    quint16 m_port = 0;
};
