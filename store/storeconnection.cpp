#include "storeconnection.h"

#include "logging.h"
#include "pgschema.h"
#include "storecheck.h"
#include "storelocation.h"
#include "storeschema.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMutex>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QThread>
#include <QTimeZone>

namespace SignalHub::Core {

namespace {

// SQLite primary result codes (QSQLITE reports them as the native error code).
constexpr int SqliteBusy = 5;
constexpr int SqliteLocked = 6;
constexpr int SqliteReadOnly = 8;
constexpr int SqliteIoError = 10;
constexpr int SqliteCorrupt = 11;
constexpr int SqliteFull = 13;
constexpr int SqliteCantOpen = 14;
constexpr int SqliteNotADb = 26;

// Readers rarely wait (WAL lets them read while someone writes); the writer waits in short
// slices so it can tell the user what it is waiting for.
constexpr int ReaderBusyTimeoutMs = 5000;
constexpr int WriterBusySliceMs = 100;

int primaryCode(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : -1;
}

QString uniqueConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("signalhub-store-%1").arg(counter.fetchAndAddRelaxed(1));
}

} // namespace

StoreConnection::StoreConnection(const QString &path, Mode mode)
    : m_path(path)
    , m_name(uniqueConnectionName())
    , m_mode(mode)
{ }

StoreConnection::~StoreConnection()
{
    qDeleteAll(m_prepared);
    m_prepared.clear();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

QString StoreConnection::hostName()
{
    const QString test = qEnvironmentVariable(HostVariable);
    return test.isEmpty() ? QSysInfo::machineHostName() : test;
}

Result<std::unique_ptr<StoreConnection>> StoreConnection::open(const QString &givenPath, Mode mode)
{
    if (StoreLocation::isUrl(givenPath)) {
        Result<StoreLocation> location = StoreLocation::parse(givenPath);
        if (!location)
            return location.error();
        return openPostgres(*location, mode);
    }
    const QString path = givenPath.isEmpty() ? StoreSchema::defaultPath() : givenPath;
    const QFileInfo info(path);
    if (info.isDir())
        return Error { QCoreApplication::translate("SignalHub::Core::Store",
            "%1 is a folder, not a database file. Give a file name, e.g. "
            "%1/signalhub.sqlite.")
                .arg(QDir::toNativeSeparators(path)) };
    if (mode != Mode::Write && !info.exists())
        return Error { QCoreApplication::translate("SignalHub::Core::Store",
            "There is no Signal Hub database at %1 yet: index a folder first.")
                .arg(QDir::toNativeSeparators(path)) };
    if (mode == Mode::Write) {
        const QString folder = info.absolutePath();
        if (!QDir().mkpath(folder))
            return Error { QCoreApplication::translate("SignalHub::Core::Store",
                "Cannot create the folder %1 for the database. Choose another "
                "location with --db.")
                    .arg(QDir::toNativeSeparators(folder)) };
        // WAL needs to create two files beside the database.
        if (!QFileInfo(folder).isWritable() || (info.exists() && !info.isWritable()))
            return Error { QCoreApplication::translate("SignalHub::Core::Store",
                "Cannot write to the database %1: permission denied. Check the "
                "permissions of the file and its folder, or choose another "
                "location with --db.")
                    .arg(QDir::toNativeSeparators(path)) };
    }

    std::unique_ptr<StoreConnection> connection(new StoreConnection(path, mode));
    connection->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection->m_name);
    connection->m_db.setDatabaseName(path);
    if (mode == Mode::Inspect)
        connection->m_db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
    if (!connection->m_db.open())
        return connection->error(connection->m_db.lastError());
    if (Status configured = connection->configure(); !configured)
        return configured.error();
    return connection;
}

bool StoreConnection::exists(const QString &location)
{
    if (!StoreLocation::isUrl(location))
        return QFileInfo::exists(location.isEmpty() ? StoreSchema::defaultPath() : location);
    // Asked before every search and every view's reload: a store once laid out stays so, and
    // is not asked again by this process.
    static QMutex mutex;
    static QSet<QString> laidOutStores;
    if (const QMutexLocker lock(&mutex); laidOutStores.contains(location))
        return true;
    Result<StoreLocation> parsed = StoreLocation::parse(location);
    if (!parsed)
        return true;
    const QString name = uniqueConnectionName();
    std::optional<bool> laidOut;
    {
        QSqlDatabase db = parsed->postgresConnection(name);
        if (db.open())
            if (Result<int> version = PgSchema::version(db); version)
                laidOut = *version > 0;
    }
    QSqlDatabase::removeDatabase(name);
    if (laidOut.value_or(false)) {
        const QMutexLocker lock(&mutex);
        laidOutStores.insert(location);
    }
    return laidOut.value_or(true);
}

Result<std::unique_ptr<StoreConnection>> StoreConnection::openPostgres(
    const StoreLocation &location, Mode mode)
{
    if (mode == Mode::Inspect)
        return Error { QCoreApplication::translate("SignalHub::Core::Store",
            "%1 is a PostgreSQL database, which its server checks itself; check verifies SQLite "
            "files.")
                .arg(location.display()) };
    std::unique_ptr<StoreConnection> connection(new StoreConnection(location.display(), mode));
    connection->m_postgres = true;
    connection->m_db = location.postgresConnection(connection->m_name);
    if (!connection->m_db.open())
        return Error { QCoreApplication::translate("SignalHub::Core::Store",
            "Cannot connect to the team store %1: %2 A password goes in ~/.pgpass (or the file "
            "PGPASSFILE names) or PGPASSWORD, never in the URL.")
                .arg(location.display(), connection->m_db.lastError().databaseText().trimmed()) };
    if (Status configured = connection->configurePostgres(); !configured)
        return configured.error();
    return connection;
}

// Every statement names its tables without a schema, as on SQLite: the search path finds
// Signal Hub's (and pgvector's types, wherever its extension was created).
Status StoreConnection::configurePostgres()
{
    if (Status path = exec(QStringLiteral("SET search_path TO signalhub, public")); !path)
        return path;
    // Which folders are this machine's, and report days in its time zone.
    QSqlQuery session(m_db);
    session.prepare(QStringLiteral(
        "SELECT set_config('signalhub.host', ?, false), set_config('TimeZone', ?, false)"));
    session.addBindValue(hostName());
    session.addBindValue(QString::fromUtf8(QTimeZone::systemTimeZoneId()));
    if (!session.exec())
        return error(session.lastError());
    session.finish();
    if (m_mode == Mode::Write)
        return PgSchema::migrate(m_db);
    Result<int> version = PgSchema::version(m_db);
    if (!version)
        return version.error();
    if (*version == 0)
        return Error { QCoreApplication::translate("SignalHub::Core::Store",
            "The team store %1 holds no Signal Hub index yet: index a folder first.")
                .arg(m_path) };
    if (*version != PgSchema::currentVersion())
        return Error { QCoreApplication::translate("SignalHub::Core::Store",
            "The team store %1 is laid out for another version of Signal Hub (%2; this one "
            "reads %3): index with this version first, or use the version that laid it out.")
                .arg(m_path)
                .arg(*version)
                .arg(PgSchema::currentVersion()) };
    // A filtered search asks for more neighbours than the index's first pass holds: the
    // iterative scan goes on finding them. ef_search: see bench/RESULTS.md (recall@10).
    for (const QString &setting : { QStringLiteral("SET hnsw.iterative_scan = relaxed_order"),
             QStringLiteral("SET hnsw.ef_search = %1").arg(PgSchema::SearchBreadth),
             QStringLiteral("SET default_transaction_read_only = on") }) {
        if (Status done = exec(setting); !done)
            return done;
    }
    return {};
}

Status StoreConnection::configure()
{
    // Touching the schema first tells a non-database file apart before anything else fails.
    if (Status probe = exec(QStringLiteral("SELECT count(*) FROM sqlite_master")); !probe)
        return probe;
    const int busyMs = m_mode == Mode::Write ? WriterBusySliceMs : ReaderBusyTimeoutMs;
    const QStringList pragmas {
        QStringLiteral("PRAGMA busy_timeout = %1").arg(busyMs),
        QStringLiteral("PRAGMA foreign_keys = ON"),
        QStringLiteral("PRAGMA synchronous = NORMAL"),
        // Page cache per connection, in KiB. The writer's must hold a transaction's dirty
        // pages plus the hot index pages, or SQLite spills them to the log early and writes
        // them twice (bench_store: 64 MiB cut the bytes written by a third).
        QStringLiteral("PRAGMA cache_size = -%1").arg(m_mode == Mode::Write ? 65536 : 8192),
    };
    for (const QString &pragma : pragmas) {
        if (Status status = exec(pragma); !status)
            return status;
    }
    if (m_mode == Mode::Inspect)
        return {};
    if (m_mode == Mode::Write) {
        if (Status status = configureWriter(); !status)
            return status;
        // Before the first write (a migration is one): a file damaged when the last process
        // died is never written to.
        if (Status sound = StoreCheck::verifyAfterUncleanStop(*this); !sound)
            return sound;
    }
    if (Status migrated = StoreSchema::migrate(*this); !migrated)
        return migrated;
    if (m_mode == Mode::Read)
        return exec(QStringLiteral("PRAGMA query_only = ON"));
    return {};
}

Status StoreConnection::configureWriter()
{
    // Only takes effect on a new, empty file (see StoreSchema for why 1 KiB).
    if (Status status = exec(QStringLiteral("PRAGMA page_size = %1").arg(StoreSchema::PageSize));
        !status)
        return status;
    QSqlQuery journal(m_db);
    bool switched = false;
    for (int attempt = 0; attempt < 50 && !switched; ++attempt) {
        if (journal.exec(QStringLiteral("PRAGMA journal_mode = WAL")) && journal.next())
            switched
                = journal.value(0).toString().compare(QLatin1StringView("wal"), Qt::CaseInsensitive)
                == 0;
        else if (!isBusy(journal.lastError()))
            return error(journal.lastError());
        if (!switched)
            QThread::msleep(20);
    }
    journal.finish();
    if (!switched)
        return Error { QCoreApplication::translate("SignalHub::Core::Store",
            "Cannot write to the database %1: it could not be switched to "
            "write-ahead logging (is the file or its folder read-only?).")
                .arg(QDir::toNativeSeparators(m_path)) };
    // Checkpoint every 128 MiB of log rather than 1 MiB: index pages touched by many
    // commits are written back once. journal_size_limit keeps the log file from staying
    // large afterwards.
    for (const QString &pragma :
        { QStringLiteral("PRAGMA wal_autocheckpoint = %1").arg(StoreSchema::CheckpointPages),
            QStringLiteral("PRAGMA journal_size_limit = 33554432") }) {
        if (Status status = exec(pragma); !status)
            return status;
    }
    if (const QByteArray pages = qgetenv(MaxPagesVariable); !pages.isEmpty())
        return exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages.toLongLong()));
    return {};
}

void StoreConnection::setLockPolicy(
    const LockPolicy &policy, std::function<void(const QString &)> onWaiting)
{
    m_lockPolicy = policy;
    m_onWaiting = std::move(onWaiting);
}

Result<QSqlQuery *> StoreConnection::prepared(const QString &sql)
{
    if (QSqlQuery *query = m_prepared.value(sql))
        return query;
    auto query = std::make_unique<QSqlQuery>(m_db);
    query->setForwardOnly(true);
    // `CROSS JOIN … ON` is how SQLite is told the order to join in; PostgreSQL's planner needs
    // no such hint, and its grammar has no ON for a cross join.
    const QString statement = m_postgres
        ? QString(sql).replace(QStringLiteral("CROSS JOIN"), QStringLiteral("JOIN"))
        : sql;
    if (!query->prepare(statement))
        return error(query->lastError());
    QSqlQuery *raw = query.release();
    m_prepared.insert(sql, raw);
    return raw;
}

Status StoreConnection::exec(QSqlQuery &query) const
{
    if (query.exec())
        return {};
    return error(query.lastError());
}

bool StoreConnection::execQuietly(const QString &sql)
{
    QSqlQuery query(m_db);
    if (query.exec(sql))
        return true;
    qCDebug(lcStore) << sql << "after a failure:" << query.lastError().text();
    return false;
}

Status StoreConnection::finish(QSqlQuery &query) const
{
    const QSqlError stepError = query.lastError();
    query.finish();
    if (stepError.type() == QSqlError::NoError)
        return {};
    return error(stepError);
}

Status StoreConnection::exec(const QString &sql)
{
    QSqlQuery query(m_db);
    if (query.exec(sql))
        return {};
    return error(query.lastError());
}

Status StoreConnection::execWaitingForLock(const QString &sql)
{
    QElapsedTimer waited;
    waited.start();
    bool noticed = false;
    QSqlQuery query(m_db);
    forever
    {
        if (query.exec(sql)) {
            if (noticed) {
                qCInfo(lcStore) << "got the write lock on" << m_path << "after" << waited.elapsed()
                                << "ms";
                if (m_onWaiting)
                    m_onWaiting(QString()); // the wait is over
            }
            return {};
        }
        if (!isBusy(query.lastError()))
            return error(query.lastError());
        const qint64 elapsed = waited.elapsed();
        if (elapsed >= m_lockPolicy.giveUpAfterMs) {
            qCWarning(lcStore) << "gave up waiting for the write lock on" << m_path << "after"
                               << elapsed << "ms";
            return Error { QCoreApplication::translate("SignalHub::Core::Store",
                "Another Signal Hub process kept the database %1 busy for %2 s; "
                "gave up waiting. Let it finish, or use another database with "
                "--db.")
                    .arg(QDir::toNativeSeparators(m_path))
                    .arg(elapsed / 1000) };
        }
        if (!noticed && elapsed >= m_lockPolicy.noticeAfterMs) {
            noticed = true;
            const QString message = QCoreApplication::translate("SignalHub::Core::Store",
                "Waiting for another Signal Hub process that is writing "
                "to the database %1…")
                                        .arg(QDir::toNativeSeparators(m_path));
            qCInfo(lcStore) << message;
            if (m_onWaiting)
                m_onWaiting(message);
        }
        // The busy handler already slept WriterBusySliceMs; a fresh attempt restarts
        // SQLite's short back-off, so a gap between the other writer's commits is found.
    }
}

Status StoreConnection::beginImmediate()
{
    return m_postgres ? exec(QStringLiteral("BEGIN"))
                      : execWaitingForLock(QStringLiteral("BEGIN IMMEDIATE"));
}

Error StoreConnection::damaged(const QString &detail) const
{
    m_fault = m_fault.value_or(StoreFault::Damaged);
    return StoreCheck::damaged(m_path, detail);
}

Error StoreConnection::postgresError(const QSqlError &sqlError, const QString &detail) const
{
    // SQLSTATE classes: 08 connection, 53 insufficient resources, 42501 no privilege.
    const QString state = sqlError.nativeErrorCode();
    m_conflict = state == u"40P01" || state == u"40001";
    if (state == u"53100") {
        m_fault = m_fault.value_or(StoreFault::DiskFull);
        return Error { QCoreApplication::translate(
            "SignalHub::Core::Store", "The disk of the team store %1 is full.")
                .arg(m_path) };
    }
    if (state == u"42501" || state == u"25006")
        return Error { QCoreApplication::translate("SignalHub::Core::Store",
            "The team store %1 refused a change (%2): this database user may only read. "
            "Index with a user that may write.")
                .arg(m_path, detail) };
    if (state.startsWith(u"08") || state.startsWith(u"57P") || !m_db.isOpen()) {
        m_fault = m_fault.value_or(StoreFault::IoError);
        return Error { QCoreApplication::translate(
            "SignalHub::Core::Store", "Lost the connection to the team store %1 (%2).")
                .arg(m_path, detail) };
    }
    return Error { QCoreApplication::translate("SignalHub::Core::Store", "Database error in %1: %2")
            .arg(m_path, detail) };
}

bool StoreConnection::isBusy(const QSqlError &error)
{
    const int code = primaryCode(error);
    return code == SqliteBusy || code == SqliteLocked;
}

Error StoreConnection::error(const QSqlError &sqlError) const
{
    const QString file = QDir::toNativeSeparators(m_path);
    const QString detail
        = (sqlError.databaseText().isEmpty() ? sqlError.text() : sqlError.databaseText()).trimmed();
    qCWarning(lcStore) << "database error on" << m_path << sqlError.nativeErrorCode() << detail;
    if (m_postgres)
        return postgresError(sqlError, detail);
    switch (primaryCode(sqlError)) {
    case SqliteNotADb:
        return Error { QCoreApplication::translate("SignalHub::Core::Store",
            "%1 is not a Signal Hub database (it is not an SQLite file). Choose "
            "another file with --db.")
                .arg(file) };
    case SqliteReadOnly:
    case SqliteCantOpen:
        return Error { QCoreApplication::translate("SignalHub::Core::Store",
            "Cannot open the database %1 for writing (%2). Check the permissions "
            "of the file and its folder, or choose another location with --db.")
                .arg(file, detail) };
    case SqliteFull:
        m_fault = m_fault.value_or(StoreFault::DiskFull);
        return Error { QCoreApplication::translate(
            "SignalHub::Core::Store", "The disk holding the database %1 is full.")
                .arg(file) };
    case SqliteCorrupt:
        return damaged(detail);
    case SqliteIoError:
        m_fault = m_fault.value_or(StoreFault::IoError);
        return Error { QCoreApplication::translate(
            "SignalHub::Core::Store", "Reading or writing the database %1 failed (%2).")
                .arg(file, detail) };
    case SqliteBusy:
    case SqliteLocked:
        return Error { QCoreApplication::translate("SignalHub::Core::Store",
            "Another Signal Hub process is using the database %1; try again when "
            "it has finished.")
                .arg(file) };
    default:
        return Error { QCoreApplication::translate(
            "SignalHub::Core::Store", "Database error in %1: %2")
                .arg(file, detail) };
    }
}

} // namespace SignalHub::Core
