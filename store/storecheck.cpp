#include "storecheck.h"

#include "logging.h"
#include "runlock.h"
#include "storeconnection.h"
#include "storerows.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace SignalHub::Core {

namespace {

// Problems named in the error of a damaged database; `check` prints them all.
constexpr int ProblemsNamed = 3;

// A path as one word for a POSIX shell, quoted only when it needs to be.
QString shellWord(const QString &path)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_./+:@%-]+$"));
    if (plain.match(path).hasMatch())
        return path;
    QString quoted = path;
    quoted.replace(u'\'', QStringLiteral("'\\''"));
    return u'\'' + quoted + u'\'';
}

// Copies StoreSchema keeps when an upgrade failed: the database as it was before.
QStringList upgradeCopies(const QString &path)
{
    const QFileInfo info(path);
    const QStringList names = info.dir().entryList(
        { info.fileName() + QStringLiteral(".before-v*") }, QDir::Files, QDir::Name);
    QStringList copies;
    for (const QString &name : names)
        copies.append(QDir::toNativeSeparators(info.dir().filePath(name)));
    return copies;
}

} // namespace

Result<QStringList> StoreCheck::verify(const QString &path, Depth depth)
{
    Result<std::unique_ptr<StoreConnection>> connection
        = StoreConnection::open(path, StoreConnection::Mode::Inspect);
    if (!connection)
        return connection.error();
    return verify(**connection, depth);
}

Result<QStringList> StoreCheck::verify(StoreConnection &connection, Depth depth)
{
    QSqlQuery query(connection.database());
    query.setForwardOnly(true);
    if (!query.exec(depth == Depth::Full ? QStringLiteral("PRAGMA integrity_check")
                                         : QStringLiteral("PRAGMA quick_check")))
        return connection.error(query.lastError());
    QStringList problems;
    while (query.next())
        problems.append(query.value(0).toString());
    if (Status read = connection.finish(query); !read)
        return read.error();
    if (problems == QStringList { QStringLiteral("ok") })
        problems.clear();
    return problems;
}

Result<bool> StoreCheck::hasDeadRun(StoreConnection &connection)
{
    QSqlQuery query(connection.database());
    query.setForwardOnly(true);
    // A file being created has no runs table yet.
    if (!query.exec(QStringLiteral(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'runs'")))
        return connection.error(query.lastError());
    const bool hasRuns = query.next() && query.value(0).toInt() > 0;
    if (Status read = connection.finish(query); !read || !hasRuns)
        return read ? Result<bool>(false) : Result<bool>(read.error());
    if (!query.exec(QStringLiteral("SELECT id, started FROM runs WHERE status = 'running'")))
        return connection.error(query.lastError());
    bool dead = false;
    while (!dead && query.next())
        dead = RunLock::hasDied(
            connection.path(), query.value(0).toLongLong(), StoreRows::dateTime(query.value(1)));
    if (Status read = connection.finish(query); !read)
        return read.error();
    return dead;
}

Status StoreCheck::verifyAfterUncleanStop(StoreConnection &connection)
{
    Result<bool> dead = hasDeadRun(connection);
    if (!dead)
        return dead.error();
    if (!*dead)
        return {};
    qCInfo(lcStore) << "a run of" << connection.path()
                    << "was left running by a process that died: verifying the database";
    Result<QStringList> problems = verify(connection, Depth::Quick);
    if (!problems)
        return problems.error();
    if (problems->isEmpty())
        return {};
    qCWarning(lcStore) << "quick_check of" << connection.path() << "found" << *problems;
    return damaged(connection.path(), problems->mid(0, ProblemsNamed).join(QStringLiteral("; ")));
}

Error StoreCheck::damaged(const QString &path, const QString &detail)
{
    const QString file = QDir::toNativeSeparators(path);
    const QString recovered = file + QStringLiteral(".recovered");
    const QStringList copies = upgradeCopies(path);
    const QString restore = copies.isEmpty()
        ? QCoreApplication::translate("SignalHub::Core::Store", "restore a backup of it")
        : QCoreApplication::translate(
              "SignalHub::Core::Store", "restore %1, its copy from before an upgrade")
              .arg(copies.constLast());
    // .recover restores the keyword index (an FTS5 virtual table) by writing the schema table,
    // which the sqlite3 shell refuses unless its defensive mode is off.
    return Error { QCoreApplication::translate("SignalHub::Core::Store",
        "The database %1 is damaged (%2); nothing more is written to it. To recover, stop every "
        "Signal Hub process that uses it, then either salvage what can be read:\n"
        "  sqlite3 %3 .recover | sqlite3 -cmd '.dbconfig defensive off' %4\n"
        "and once 'signalhub-cli check --db %4' says ok, use %4 and index its folders again with "
        "--rechunk, which puts back the chunks the damage lost (texts whose vectors were saved "
        "are not sent again); or %5; or move it aside and index again.")
            .arg(file, detail, shellWord(file), shellWord(recovered), restore) };
}

} // namespace SignalHub::Core
