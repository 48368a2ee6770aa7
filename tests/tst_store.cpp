// The SQLite store on real files: schema and migrations, dedupe per embedding space, chunk
// replacement, failures, reports, the writer's batching and flush, two processes on one file
// and kill -9 in the middle of writing. The test re-executes itself (--child MODE …) to get
// real second processes.
#include "pagedamage.h"
#include "runlock.h"
#include "sourcechoice.h"
#include "storecheck.h"
#include "storeconnection.h"
#include "storereader.h"
#include "storeschema.h"
#include "storewriter.h"
#include "testbackend.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <limits>
#include <unistd.h>

using namespace SignalHub::Core;
using SignalHub::Testing::middleLeafPage;
using SignalHub::Testing::scribble;

namespace {

constexpr int Dims = 8;

QByteArray hashOf(const QString &text)
{
    return QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256);
}

Chunk makeChunk(const QString &path, int index, const QString &text, int tokens = 10)
{
    Chunk chunk;
    chunk.path = path;
    chunk.startLine = index * 10 + 1;
    chunk.endLine = index * 10 + 10;
    chunk.byteStart = index * 100;
    chunk.byteEnd = index * 100 + 100;
    chunk.textHash = hashOf(text);
    chunk.tokens = tokens;
    return chunk;
}

QList<float> vectorFor(const QByteArray &hash, int dims = Dims)
{
    QList<float> v(dims);
    for (int i = 0; i < dims; ++i)
        v[i] = float(quint8(hash.at(i % hash.size()))) / 255.0f + float(i);
    return v;
}

FileRecord fileRecord(qint64 sourceId, const QString &path, qint64 size = 100)
{
    FileRecord file;
    file.sourceId = sourceId;
    file.path = path;
    file.size = size;
    file.mtime = QDateTime::fromMSecsSinceEpoch(1700000000000 + size);
    file.contentHash = hashOf(path + QString::number(size));
    file.language = QStringLiteral("C++");
    return file;
}

template<typename T> T await(QFuture<T> future)
{
    return future.result();
}

// A raw connection for checks the API does not offer (integrity_check, pragmas).
class RawDb
{
public:
    explicit RawDb(const QString &path)
        : m_name(QStringLiteral("raw-%1").arg(++s_count))
    {
        TestBackend::open(path, m_name);
    }
    ~RawDb() { QSqlDatabase::removeDatabase(m_name); }
    QVariant value(const QString &sql) const
    {
        QSqlQuery q(QSqlDatabase::database(m_name));
        if (!q.exec(sql) || !q.next())
            return QVariant(q.lastError().text());
        return q.value(0);
    }
    bool exec(const QString &sql) const
    {
        QSqlQuery q(QSqlDatabase::database(m_name));
        return q.exec(sql);
    }
    QList<QVariantList> rows(const QString &sql) const
    {
        QSqlQuery q(QSqlDatabase::database(m_name));
        QList<QVariantList> out;
        if (!q.exec(sql))
            return out;
        while (q.next()) {
            QVariantList row;
            for (int i = 0; i < q.record().count(); ++i)
                row.append(q.value(i));
            out.append(row);
        }
        return out;
    }

private:
    static inline int s_count = 0;
    QString m_name;
};

// Everything a test needs before writing chunks: a source bound to a space, and a run.
struct Fixture
{
    qint64 sourceId = 0;
    qint64 spaceId = 0;
    qint64 runId = 0;
};

Fixture prepare(StoreWriter &writer, const QString &root, const QString &baseUrl = QString())
{
    Fixture f;
    f.sourceId = await(writer.claimSource(root)).value().sourceId;
    f.spaceId = await(
        writer.ensureSpace({ QStringLiteral("openai"), baseUrl,
            QStringLiteral("text-embedding-3-small"), Dims,
            {} })).value();
    (void)await(writer.useSpaceForSource(f.sourceId, f.spaceId)).value();
    RunStart run;
    run.spaceId = f.spaceId;
    run.provider = QStringLiteral("openai");
    run.model = QStringLiteral("text-embedding-3-small");
    f.runId = await(writer.beginRun(run)).value();
    return f;
}

QList<EmbeddingWrite> vectorsOf(const QList<Chunk> &chunks)
{
    QList<EmbeddingWrite> out;
    for (const Chunk &c : chunks)
        out.append({ c.textHash, vectorFor(c.textHash) });
    return out;
}

// A store of `files` files of 10 chunks each, all with vectors, closed again.
Fixture fill(const QString &path, int files)
{
    StoreWriter writer(path);
    if (!await(writer.open()))
        return {};
    const Fixture f = prepare(writer, QStringLiteral("/fill"));
    for (int i = 0; i < files; ++i) {
        const QString file = QStringLiteral("/fill/f%1.cpp").arg(i);
        QList<Chunk> chunks;
        for (int c = 0; c < 10; ++c)
            chunks << makeChunk(file, c, QStringLiteral("fill %1 %2").arg(i).arg(c));
        (void)writer.writeFile(fileRecord(f.sourceId, file), chunks);
        (void)writer.storeEmbeddings(f.spaceId, f.runId, vectorsOf(chunks));
    }
    (void)writer.finishRun(f.runId, RunTotals {});
    return writer.flush() ? f : Fixture {};
}

QByteArray bytesOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// --- child processes -----------------------------------------------------------------------

int childWrite(const QString &db, const QString &tag, int files)
{
    StoreWriter writer(db);
    QStringList errors;
    QObject::connect(
        &writer, &StoreWriter::error, &writer, [&errors](const QString &m) { errors << m; });
    if (Status opened = await(writer.open()); !opened) {
        fprintf(stderr, "%s\n", qPrintable(opened.errorMessage()));
        return 1;
    }
    const Fixture f = prepare(writer, QStringLiteral("/src/") + tag);
    for (int i = 0; i < files; ++i) {
        const QString path = QStringLiteral("/src/%1/f%2.cpp").arg(tag).arg(i);
        QList<Chunk> chunks;
        for (int c = 0; c < 10; ++c)
            chunks << makeChunk(path, c, QStringLiteral("%1 %2 %3").arg(tag).arg(i).arg(c));
        (void)writer.writeFile(fileRecord(f.sourceId, path), chunks);
        (void)writer.storeEmbeddings(f.spaceId, f.runId, vectorsOf(chunks));
        RequestRecord request;
        request.runId = f.runId;
        request.inputs = 10;
        request.tokens = 100;
        request.httpStatus = 200;
        (void)writer.recordRequest(request);
        if (i % 10 == 9)
            QThread::msleep(20); // let the other process interleave
    }
    (void)writer.finishRun(f.runId, RunTotals {});
    Status flushed = writer.flush();
    QCoreApplication::processEvents();
    for (const QString &e : std::as_const(errors))
        fprintf(stderr, "%s\n", qPrintable(e));
    if (!flushed)
        fprintf(stderr, "%s\n", qPrintable(flushed.errorMessage()));
    return flushed && errors.isEmpty() ? 0 : 1;
}

int childHold(const QString &path, int ms)
{
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("hold"));
        db.setDatabaseName(path);
        if (!db.open())
            return 1;
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("BEGIN IMMEDIATE"))
            || !q.exec(QStringLiteral("INSERT INTO prices VALUES ('held', 1)")))
            return 1;
        fprintf(stdout, "locked\n");
        fflush(stdout);
        QThread::msleep(ms);
        if (!q.exec(QStringLiteral("COMMIT")))
            return 1;
    }
    QSqlDatabase::removeDatabase(QStringLiteral("hold"));
    return 0;
}

// Writes until killed; prints how many files are known to be committed.
int childLoop(const QString &db, const QString &round)
{
    StoreWriter writer(db);
    if (!await(writer.open()))
        return 1;
    const Fixture f = prepare(writer, QStringLiteral("/loop"));
    for (int i = 0;; ++i) {
        const QString path = QStringLiteral("/loop/r%1/f%2.cpp").arg(round).arg(i);
        QList<Chunk> chunks;
        for (int c = 0; c < 20; ++c)
            chunks << makeChunk(path, c, QStringLiteral("%1 %2 %3").arg(round).arg(i).arg(c));
        (void)writer.writeFile(fileRecord(f.sourceId, path), chunks);
        (void)writer.storeEmbeddings(f.spaceId, f.runId, vectorsOf(chunks));
        if (i % 5 == 4) {
            if (!writer.flush())
                return 1;
            fprintf(stdout, "committed %d\n", i + 1);
            fflush(stdout);
        }
    }
}

int runChild(const QStringList &args)
{
    const QString mode = args.value(2);
    if (mode == QLatin1StringView("write"))
        return childWrite(args.value(3), args.value(4), args.value(5).toInt());
    if (mode == QLatin1StringView("hold"))
        return childHold(args.value(3), args.value(4).toInt());
    if (mode == QLatin1StringView("loop"))
        return childLoop(args.value(3), args.value(4));
    return 2;
}

} // namespace

class TestStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (const QString why = m_backend.start(); !why.isEmpty())
            QSKIP(qPrintable(why));
    }

    // The postgres variant runs what both stores do alike; the rest is an SQLite file's own
    // (its pragmas, migrations, locks, damage and full disks).
    void init()
    {
        static const QStringList both { QStringLiteral("dedupeLookup"),
            QStringLiteral("committedFollowsStoredState"),
            QStringLiteral("readersOnTheirOwnThreads"), QStringLiteral("spacesNeverMixed"),
            QStringLiteral("chunkReplacementKeepsVectors"),
            QStringLiteral("storesLargeBatchPerChunk"), QStringLiteral("failureAndResolve"),
            QStringLiteral("reportsTotals") };
        if (m_backend.isPostgres()
            && !both.contains(QString::fromLatin1(QTest::currentTestFunction())))
            QSKIP("an SQLite file's own behaviour");
    }

    // Chunk states refer to their source's space: a run never takes over a source of another
    // space unless given exactly its folder, and sources of one space never nest.
    void sourceChoiceKeepsSpacesApart()
    {
        const QList<SourceSpace> sources { { 1, QStringLiteral("/a"), 1, {} },
            { 2, QStringLiteral("/a/sub"), 2, {} }, { 3, QStringLiteral("/b"), 0, {} } };
        const auto choose = [&](const char *path, qint64 space) {
            return SourceChoice::make(sources, QString::fromLatin1(path), space);
        };
        SourceChoice c = choose("/a/sub/x.cpp", 1);
        QCOMPARE(c.sourceId, 1);
        QCOMPARE(c.root, QStringLiteral("/a"));
        c = choose("/a/sub/x.cpp", 2);
        QCOMPARE(c.sourceId, 2);
        QCOMPARE(c.root, QStringLiteral("/a/sub"));
        c = choose("/a/sub", 1); // /a holds it in space 1 already
        QCOMPARE(c.sourceId, 1);
        c = choose("/a/other", 2); // nested in /a, which keeps its index
        QCOMPARE(c.sourceId, 0);
        QCOMPARE(c.root, QStringLiteral("/a/other"));
        QCOMPARE(c.nestedIn, QStringLiteral("/a"));
        QVERIFY(c.absorbed.isEmpty());
        c = choose("/a", 2); // the whole folder switches and takes over its space's sub-folder
        QCOMPARE(c.sourceId, 1);
        QCOMPARE(c.previousSpaceId, 1);
        QCOMPARE(c.absorbed, QList<qint64>({ 2 }));
        QVERIFY(c.nestedIn.isEmpty());
        c = choose("/", 1); // a new outer source takes over its space's and the space-less ones
        QCOMPARE(c.sourceId, 0);
        QCOMPARE(c.absorbed, QList<qint64>({ 1, 3 }));
        c = choose("/b/y", 5); // a source without a space yet takes any
        QCOMPARE(c.sourceId, 3);
        QCOMPARE(c.root, QStringLiteral("/b"));
    }

    // A path no source covers takes over a source of its identity whose folder is gone; one
    // whose folder is still there is another clone, and keeps its index.
    void sourceChoiceFollowsAMovedCheckout()
    {
        QTemporaryDir dir;
        const QString present = dir.filePath(QStringLiteral("present"));
        QVERIFY(QDir().mkpath(present));
        const QString moved = QStringLiteral("git:example.org/p@main");
        const QString cloned = QStringLiteral("git:example.org/q@main");
        const QList<SourceSpace> sources { { 1, dir.filePath(QStringLiteral("gone")), 1, moved },
            { 2, present, 1, cloned }, { 3, dir.filePath(QStringLiteral("outer")), 1, {} } };
        const QString target = dir.filePath(QStringLiteral("new"));
        SourceChoice c = SourceChoice::make(sources, target, 2, moved);
        QCOMPARE(c.sourceId, 1);
        QCOMPARE(c.root, target);
        QCOMPARE(c.movedFrom, dir.filePath(QStringLiteral("gone")));
        QCOMPARE(c.previousSpaceId, 1);
        c = SourceChoice::make(sources, target, 1, cloned);
        QCOMPARE(c.sourceId, 0);
        QVERIFY(c.movedFrom.isEmpty());
        // A folder inside an indexed one stays part of it, whatever its identity.
        c = SourceChoice::make(sources, dir.filePath(QStringLiteral("outer/in")), 1, moved);
        QCOMPARE(c.sourceId, 3);
        QVERIFY(c.movedFrom.isEmpty());
    }

    void runLockIsHeldWhileItsOwnerLives()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("index.sqlite"));
        QVERIFY(!RunLock::isHeld(db, 7));
        {
            auto lock = RunLock::take(db, 7);
            QVERIFY2(lock, qPrintable(lock.errorMessage()));
            QVERIFY(RunLock::isHeld(db, 7));
            QVERIFY(!RunLock::isHeld(db, 8));
            QVERIFY(!RunLock::take(db, 7)); // one owner per run
        }
        QVERIFY(!RunLock::isHeld(db, 7));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList());

        // A process that dies keeps nobody's lock: the kernel releases it with the process.
        QProcess holder;
        holder.start(QStringLiteral("sh"),
            { QStringLiteral("-c"),
                QStringLiteral("exec 9>\"$0\"; flock 9; echo locked; exec sleep 60"),
                db + QStringLiteral(".run-9.lock") });
        QVERIFY(holder.waitForReadyRead(5000));
        QCOMPARE(holder.readAllStandardOutput(), QByteArray("locked\n"));
        QVERIFY(RunLock::isHeld(db, 9));
        holder.kill();
        QVERIFY(holder.waitForFinished(5000));
        QVERIFY(!RunLock::isHeld(db, 9));
        QVERIFY(!QFile::exists(db + QStringLiteral(".run-9.lock"))); // the dead one's file is gone
    }

    void migratesEmptyFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/folder/new.sqlite"));
        {
            StoreWriter writer(path);
            const Status opened = await(writer.open());
            QVERIFY2(opened, qPrintable(opened.errorMessage()));
        }
        RawDb raw(path);
        QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(),
            StoreSchema::currentVersion());
        QCOMPARE(
            raw.value(QStringLiteral("PRAGMA application_id")).toInt(), StoreSchema::ApplicationId);
        QCOMPARE(
            raw.value(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
        QCOMPARE(raw.value(QStringLiteral("PRAGMA page_size")).toInt(), StoreSchema::PageSize);
        for (const char *table : { "sources", "files", "chunks", "spaces", "embeddings", "runs",
                 "requests", "failures", "prices" }) {
            QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = "
                                              "'table' AND name = '%1'")
                                   .arg(QLatin1StringView(table)))
                         .toInt(),
                1);
        }
        QCOMPARE(raw.value(QStringLiteral("SELECT usd_per_million FROM prices WHERE model = "
                                          "'text-embedding-3-small'"))
                     .toDouble(),
            0.02);
    }

    void connectionPragmas()
    {
        QTemporaryDir dir;
        Result<std::unique_ptr<StoreConnection>> c = StoreConnection::open(
            dir.filePath(QStringLiteral("p.sqlite")), StoreConnection::Mode::Write);
        QVERIFY2(c, qPrintable(c.errorMessage()));
        QSqlQuery q((*c)->database());
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QVERIFY(q.exec(QStringLiteral("PRAGMA synchronous")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1); // NORMAL
        QVERIFY(q.exec(QStringLiteral("PRAGMA busy_timeout")) && q.next());
        QVERIFY(q.value(0).toInt() > 0);
    }

    void reopenKeepsData()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("r.sqlite"));
        qint64 sourceId = 0;
        {
            StoreWriter writer(path);
            QVERIFY(await(writer.open()));
            sourceId = await(writer.claimSource(QStringLiteral("/code"))).value().sourceId;
        }
        {
            StoreWriter writer(path);
            QVERIFY(await(writer.open()));
            QCOMPARE(await(writer.claimSource(QStringLiteral("/code"))).value().sourceId, sourceId);
        }
        auto reader = StoreReader::open(path);
        QVERIFY2(reader, qPrintable(reader.errorMessage()));
        QCOMPARE(
            (*reader)->sourceId(QStringLiteral("/code")).value(), std::optional<qint64>(sourceId));
        RawDb raw(path);
        QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(),
            StoreSchema::currentVersion());
    }

    void openErrors_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QString>("expected");
        QTest::newRow("newer schema")
            << QStringLiteral("newer") << QStringLiteral("newer Signal Hub");
        QTest::newRow("not a database")
            << QStringLiteral("garbage") << QStringLiteral("not a Signal Hub database");
        QTest::newRow("other application")
            << QStringLiteral("foreign") << QStringLiteral("another application");
        QTest::newRow("folder") << QStringLiteral("folder") << QStringLiteral("is a folder");
        QTest::newRow("parent is a file")
            << QStringLiteral("parentfile") << QStringLiteral("Cannot create the folder");
        QTest::newRow("read-only folder")
            << QStringLiteral("readonly") << QStringLiteral("Cannot write");
    }

    void openErrors()
    {
        QFETCH(QString, setup);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QString path = dir.filePath(QStringLiteral("db.sqlite"));
        if (setup == QLatin1StringView("newer")) {
            {
                StoreWriter writer(path);
                QVERIFY(await(writer.open()));
            }
            RawDb raw(path);
            QVERIFY(raw.exec(
                QStringLiteral("PRAGMA user_version = %1").arg(StoreSchema::currentVersion() + 1)));
        } else if (setup == QLatin1StringView("garbage")) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray(4096, 'x'));
        } else if (setup == QLatin1StringView("foreign")) {
            RawDb raw(path);
            QVERIFY(raw.exec(QStringLiteral("CREATE TABLE contacts (name TEXT)")));
        } else if (setup == QLatin1StringView("folder")) {
            path = dir.path();
        } else if (setup == QLatin1StringView("parentfile")) {
            QFile file(dir.filePath(QStringLiteral("plain")));
            QVERIFY(file.open(QIODevice::WriteOnly));
            path = dir.filePath(QStringLiteral("plain/sub/db.sqlite"));
        } else if (setup == QLatin1StringView("readonly")) {
            if (geteuid() == 0)
                QSKIP("root writes to read-only folders");
            const QString sub = dir.filePath(QStringLiteral("ro"));
            QVERIFY(QDir().mkpath(sub));
            QFile::setPermissions(sub, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
            path = sub + QStringLiteral("/db.sqlite");
        }
        StoreWriter writer(path);
        QSignalSpy errors(&writer, &StoreWriter::error);
        const Status opened = await(writer.open());
        QVERIFY(!opened);
        QVERIFY2(opened.errorMessage().contains(expected), qPrintable(opened.errorMessage()));
        // Jobs of a writer that could not open fail with the same message, they do not hang.
        const Result<SourceClaim> job = await(writer.claimSource(QStringLiteral("/x")));
        QVERIFY(!job);
        QVERIFY(job.errorMessage().contains(expected));
        QVERIFY(errors.wait(2000) || errors.count() > 0);
        if (setup != QLatin1StringView("readonly") && setup != QLatin1StringView("parentfile")) {
            auto reader = StoreReader::open(path);
            QVERIFY(!reader);
            QVERIFY2(reader.errorMessage().contains(expected), qPrintable(reader.errorMessage()));
        }
    }

    void failedMigrationRollsBack()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("m.sqlite"));
        {
            StoreWriter writer(path);
            QVERIFY(await(writer.open()));
        }
        QList<StoreSchema::Migration> migrations = StoreSchema::migrations();
        const int next = StoreSchema::currentVersion() + 1;
        migrations.append({ next,
            { QStringLiteral("CREATE TABLE extra (x INTEGER)"),
                QStringLiteral("INSERT INTO no_such_table VALUES (1)") } });
        {
            auto c = StoreConnection::open(path, StoreConnection::Mode::Write);
            QVERIFY(c);
            const Status migrated = StoreSchema::migrate(**c, migrations);
            QVERIFY(!migrated);
            QVERIFY2(migrated.errorMessage().contains(QString::number(next)),
                qPrintable(migrated.errorMessage()));
        }
        RawDb raw(path);
        QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(), next - 1);
        QCOMPARE(
            raw.value(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'extra'"))
                .toInt(),
            0);
        // A good migration then applies.
        migrations.last().statements = { QStringLiteral("CREATE TABLE extra (x INTEGER)") };
        auto c = StoreConnection::open(path, StoreConnection::Mode::Write);
        QVERIFY(c);
        QVERIFY(StoreSchema::migrate(**c, migrations));
        QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(), next);
    }

    void migrationsKeepACopyUntilTheyCommit()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("copy.sqlite"));
        {
            StoreWriter writer(path);
            QVERIFY(await(writer.open()));
            QVERIFY(await(writer.claimSource(QStringLiteral("/code"))));
            QVERIFY(await(writer.claimSource(QStringLiteral("/docs"))));
        }
        const int next = StoreSchema::currentVersion() + 1;
        const QString copy = path + QStringLiteral(".before-v%1").arg(next);
        const QString roots = QStringLiteral("SELECT group_concat(root) FROM (SELECT root FROM "
                                             "sources ORDER BY root)");
        QList<StoreSchema::Migration> migrations = StoreSchema::migrations();

        // A rewrite that fails is rolled back; the copy stays and the error says where.
        migrations.append({ next,
            { QStringLiteral("UPDATE sources SET root = upper(root)"),
                QStringLiteral("INSERT INTO no_such_table VALUES (1)") },
            true });
        {
            auto c = StoreConnection::open(path, StoreConnection::Mode::Write);
            QVERIFY(c);
            const Status migrated = StoreSchema::migrate(**c, migrations);
            QVERIFY(!migrated);
            QVERIFY2(migrated.errorMessage().contains(QDir::toNativeSeparators(copy)),
                qPrintable(migrated.errorMessage()));
        }
        RawDb raw(path);
        QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(), next - 1);
        QCOMPARE(raw.value(roots).toString(), QStringLiteral("/code,/docs"));
        QVERIFY(QFile::exists(copy));
        {
            RawDb saved(copy);
            QCOMPARE(saved.value(QStringLiteral("PRAGMA user_version")).toInt(), next - 1);
            QCOMPARE(saved.value(QStringLiteral("PRAGMA integrity_check")).toString(),
                QStringLiteral("ok"));
            QCOMPARE(saved.value(roots).toString(), QStringLiteral("/code,/docs"));
        }

        // A rewrite that succeeds: the data is migrated and no copy is left, not even the
        // one of the failed attempt.
        migrations.last().statements = {
            QStringLiteral("ALTER TABLE sources ADD COLUMN name TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("UPDATE sources SET name = substr(root, 2)"),
        };
        auto c = StoreConnection::open(path, StoreConnection::Mode::Write);
        QVERIFY(c);
        const Status migrated = StoreSchema::migrate(**c, migrations);
        QVERIFY2(migrated, qPrintable(migrated.errorMessage()));
        QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(), next);
        QCOMPARE(raw.value(QStringLiteral("SELECT group_concat(name) FROM (SELECT name FROM "
                                          "sources ORDER BY name)"))
                     .toString(),
            QStringLiteral("code,docs"));
        QVERIFY(!QFile::exists(copy));
    }

    // Versions 4 to 8: files of an older database gain an empty encoding (indexed as UTF-8
    // before encodings were recorded) and an empty chunking (cut again by the next run); files
    // written since keep theirs. Its texts are marked as not in the keyword index yet, and its
    // runs as started by a person. Its sources get an empty identity and its files' paths become
    // relative to their source's root, reading back as before.
    void migrationsToVersions4To8()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v3.sqlite"));
        {
            StoreWriter writer(path);
            QVERIFY(await(writer.open()));
        }
        {
            // Back to version 3, as a database written before it was released.
            RawDb raw(path);
            QVERIFY(raw.exec(QStringLiteral("ALTER TABLE files DROP COLUMN encoding")));
            QVERIFY(raw.exec(QStringLiteral("ALTER TABLE files DROP COLUMN chunking")));
            QVERIFY(raw.exec(QStringLiteral("DROP TABLE text_words")));
            QVERIFY(raw.exec(QStringLiteral("ALTER TABLE texts DROP COLUMN keywords")));
            QVERIFY(raw.exec(QStringLiteral("ALTER TABLE runs DROP COLUMN started_by")));
            QVERIFY(raw.exec(QStringLiteral("ALTER TABLE sources DROP COLUMN identity")));
            QVERIFY(raw.exec(QStringLiteral("PRAGMA user_version = 3")));
            QVERIFY(raw.exec(QStringLiteral("INSERT INTO runs (provider, model, settings, "
                                            "started, cost_usd) VALUES ('openai', 'm', '{}', 0, "
                                            "0.5)")));
            QVERIFY(raw.exec(QStringLiteral("INSERT INTO texts (hash) VALUES (x'0123')")));
            QVERIFY(raw.exec(
                QStringLiteral("INSERT INTO sources (id, root, added) VALUES (1, '/old', 0)")));
            QVERIFY(raw.exec(QStringLiteral("INSERT INTO files (source_id, path, size, mtime, "
                                            "status) VALUES (1, '/old/a.txt', 1, 0, 'indexed')")));
            // A source that is one file, and one at the file system's root.
            QVERIFY(raw.exec(QStringLiteral(
                "INSERT INTO sources (id, root, added) VALUES (2, '/one.txt', 0), (3, '/', 0)")));
            QVERIFY(raw.exec(QStringLiteral("INSERT INTO files (source_id, path, size, mtime, "
                                            "status) VALUES (2, '/one.txt', 1, "
                                            "0, 'indexed'), (3, '/etc/x.conf', 1, 0, 'indexed')")));
        }
        StoreWriter writer(path);
        QVERIFY(await(writer.open()));
        const qint64 source = await(writer.claimSource(QStringLiteral("/new"))).value().sourceId;
        FileRecord latin1 = fileRecord(source, QStringLiteral("/new/latin1.txt"));
        latin1.encoding = QStringLiteral("windows-1252");
        latin1.chunking = QStringLiteral("cl100k_base/512/8191");
        QVERIFY(await(writer.writeFile(latin1, {})));

        auto reader = StoreReader::open(path);
        QVERIFY(reader);
        const QList<FileRow> old = (*reader)->files(1).value();
        QCOMPARE(old.size(), 1);
        QCOMPARE(old.first().file.encoding, QString());
        QCOMPARE(old.first().file.chunking, QString());
        QCOMPARE(old.first().file.path, QStringLiteral("/old/a.txt"));
        QCOMPARE((*reader)->files(2).value().value(0).file.path, QStringLiteral("/one.txt"));
        QCOMPARE((*reader)->files(3).value().value(0).file.path, QStringLiteral("/etc/x.conf"));
        // "/new" lies inside the source at the file system's root.
        QCOMPARE(source, 3);
        const QList<FileRow> rows = (*reader)->files(source).value();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.last().file.path, QStringLiteral("/new/latin1.txt"));
        QCOMPARE(rows.last().file.encoding, QStringLiteral("windows-1252"));
        QCOMPARE(rows.last().file.chunking, QStringLiteral("cl100k_base/512/8191"));
        RawDb raw(path);
        QCOMPARE(raw.value(QStringLiteral("SELECT group_concat(path, ',') FROM (SELECT path FROM "
                                          "files ORDER BY source_id, path)"))
                     .toString(),
            QStringLiteral("a.txt,,etc/x.conf,new/latin1.txt"));
        QCOMPARE(
            raw.value(QStringLiteral("SELECT count(*) FROM sources WHERE identity = ''")).toInt(),
            3);
        QCOMPARE(
            raw.value(QStringLiteral("SELECT keywords FROM texts WHERE hash = x'0123'")).toInt(),
            0);
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM text_words")).toInt(), 0);
        // A watcher's budget counts only what watchers spent.
        const QDateTime always = QDateTime::fromMSecsSinceEpoch(0);
        QCOMPARE((*reader)->spentSince(QStringLiteral("watch"), always).value(), 0.0);
        QVERIFY(raw.exec(QStringLiteral("UPDATE runs SET started_by = 'watch'")));
        QCOMPARE((*reader)->spentSince(QStringLiteral("watch"), always).value(), 0.5);
        QCOMPARE(
            (*reader)->spentSince(QStringLiteral("watch"), QDateTime::currentDateTimeUtc()).value(),
            0.0);
    }

    void dedupeLookup()
    {
        QTemporaryDir dir;
        const QString path = m_backend.fresh(dir.path(), QStringLiteral("d.sqlite"));
        StoreWriter writer(path);
        QVERIFY(await(writer.open()));
        const Fixture f = prepare(writer, QStringLiteral("/d"));
        QList<Chunk> chunks;
        QList<QByteArray> asked;
        for (int i = 0; i < 600; ++i) {
            const Chunk chunk
                = makeChunk(QStringLiteral("/d/a.cpp"), i, QStringLiteral("text %1").arg(i));
            asked << chunk.textHash;
            if (i % 2 == 0)
                chunks << chunk;
        }
        QVERIFY(
            await(writer.writeFile(fileRecord(f.sourceId, QStringLiteral("/d/a.cpp")), chunks)));
        QVERIFY(await(writer.storeEmbeddings(f.spaceId, f.runId, vectorsOf(chunks))));
        auto reader = StoreReader::open(path);
        QVERIFY(reader);
        Result<QSet<QByteArray>> found = (*reader)->existingVectors(f.spaceId, asked);
        QVERIFY(found);
        QCOMPARE(found->size(), 300);
        for (int i = 0; i < asked.size(); ++i)
            QCOMPARE(found->contains(asked.at(i)), i % 2 == 0);
        // Identical text in a second file is not stored twice and is stored at once.
        const QList<Chunk> copy { makeChunk(
            QStringLiteral("/d/b.cpp"), 0, QStringLiteral("text 0")) };
        Result<FileWrite> second
            = await(writer.writeFile(fileRecord(f.sourceId, QStringLiteral("/d/b.cpp")), copy));
        QVERIFY(second);
        QCOMPARE(second->chunks.size(), 1);
        QCOMPARE(second->chunks.first().state, ChunkState::Stored);
        QCOMPARE((*reader)->vectorCount(f.spaceId).value(), 300);
    }

    void committedFollowsStoredState()
    {
        QTemporaryDir dir;
        const QString path = m_backend.fresh(dir.path(), QStringLiteral("p.sqlite"));
        StoreWriter writer(path);
        QSignalSpy commits(&writer, &StoreWriter::committed);
        QVERIFY(await(writer.open()));
        const Fixture f = prepare(writer, QStringLiteral("/p"));
        QList<Chunk> chunks;
        for (int i = 0; i < 50; ++i)
            chunks << makeChunk(QStringLiteral("/p/a.cpp"), i, QStringLiteral("p %1").arg(i));
        (void)writer.writeFile(fileRecord(f.sourceId, QStringLiteral("/p/a.cpp")), chunks);
        (void)writer.storeEmbeddings(f.spaceId, f.runId, vectorsOf(chunks.mid(0, 30)));
        (void)writer.markFailed({ { 0, chunks.at(40).textHash, f.runId,
            QStringLiteral("Rejected by the provider"), 400, 1 } });
        QVERIFY(writer.flush());
        int added = 0, stored = 0, failed = 0, vectors = 0, files = 0;
        QTRY_VERIFY(!commits.isEmpty());
        QTest::qWait(50); // let every queued signal arrive
        for (const QList<QVariant> &args : std::as_const(commits)) {
            const auto summary = args.first().value<CommitSummary>();
            added += summary.chunksAdded;
            stored += summary.chunksStored;
            failed += summary.chunksFailed;
            vectors += summary.vectorsWritten;
            files += summary.filesWritten;
        }
        QCOMPARE(files, 1);
        QCOMPARE(added, 50);
        QCOMPARE(stored, 30);
        QCOMPARE(vectors, 30);
        QCOMPARE(failed, 1); // by text hash: the chunk with that text in the run's space
        auto reader = StoreReader::open(path);
        QVERIFY(reader);
        const StatusSummary summary = (*reader)->summary().value();
        QCOMPARE(summary.stored, stored);
        QCOMPARE(summary.failed, failed);
        QCOMPARE(summary.pending, added - stored - failed);
    }

    void readersOnTheirOwnThreads()
    {
        QTemporaryDir dir;
        const QString path = m_backend.fresh(dir.path(), QStringLiteral("r.sqlite"));
        StoreWriter writer(path);
        QVERIFY(await(writer.open()));
        const Fixture f = prepare(writer, QStringLiteral("/r"));
        QVERIFY(writer.flush());
        std::atomic<int> errors = 0, reads = 0;
        std::atomic<bool> done = false;
        QList<QThread *> threads;
        for (int t = 0; t < 3; ++t) {
            threads << QThread::create([&] {
                auto reader = StoreReader::open(path);
                if (!reader) {
                    ++errors;
                    return;
                }
                while (!done) {
                    Result<StatusSummary> s = (*reader)->summary();
                    // Each file is written whole: chunks come in tens.
                    if (!s || s->chunks % 10 != 0)
                        ++errors;
                    ++reads;
                }
            });
            threads.last()->start();
        }
        for (int i = 0; i < 100; ++i) {
            const QString file = QStringLiteral("/r/f%1.cpp").arg(i);
            QList<Chunk> chunks;
            for (int c = 0; c < 10; ++c)
                chunks << makeChunk(file, c, QStringLiteral("r %1 %2").arg(i).arg(c));
            (void)writer.writeFile(fileRecord(f.sourceId, file), chunks);
        }
        QVERIFY(writer.flush());
        done = true;
        for (QThread *thread : std::as_const(threads)) {
            QVERIFY(thread->wait(10000));
            delete thread;
        }
        QCOMPARE(errors.load(), 0);
        QVERIFY(reads.load() > 0);
    }

    void spacesNeverMixed()
    {
        QTemporaryDir dir;
        const QString path = m_backend.fresh(dir.path(), QStringLiteral("s.sqlite"));
        StoreWriter writer(path);
        QVERIFY(await(writer.open()));
        const QString model = QStringLiteral("text-embedding-3-small");
        const qint64 a = await(
            writer.ensureSpace({ QStringLiteral("openai"),
                QStringLiteral("https://api.openai.com/v1"), model, Dims,
                {} })).value();
        const qint64 same = await(
            writer.ensureSpace({ QStringLiteral("openai"),
                QStringLiteral("HTTPS://user:sk-x@API.OpenAI.com:443/v1/"), model, Dims,
                {} })).value();
        const qint64 b = await(
            writer.ensureSpace(
                { QStringLiteral("openai"), QStringLiteral("http://localhost:8080/v1"), model, Dims,
                    {} })).value();
        QCOMPARE(same, a);
        QVERIFY(b != a);
        const qint64 source = await(writer.claimSource(QStringLiteral("/s"))).value().sourceId;
        QVERIFY(await(writer.useSpaceForSource(source, a)));
        const QList<Chunk> chunks { makeChunk(
            QStringLiteral("/s/x.cpp"), 0, QStringLiteral("same text")) };
        QVERIFY(await(writer.writeFile(fileRecord(source, QStringLiteral("/s/x.cpp")), chunks)));
        QVERIFY(await(writer.storeEmbeddings(a, 0, vectorsOf(chunks))));
        // A vector of the wrong size never enters a space.
        const Status wrong = await(writer.storeEmbeddings(
            b, 0, { { chunks.first().textHash, vectorFor(chunks.first().textHash, Dims + 1) } }));
        QVERIFY(!wrong);
        QVERIFY(wrong.errorMessage().contains(QStringLiteral("dimensions")));

        auto reader = StoreReader::open(path);
        QVERIFY(reader);
        QCOMPARE((*reader)->existingVectors(a, { chunks.first().textHash })->size(), 1);
        QCOMPARE((*reader)->existingVectors(b, { chunks.first().textHash })->size(), 0);
        int inA = 0, inB = 0;
        QVERIFY((*reader)->forEachVector(a, [&](const VectorRow &row) {
            ++inA;
            return row.values() == vectorFor(chunks.first().textHash);
        }));
        QVERIFY((*reader)->forEachVector(b, [&](const VectorRow &) { return bool(++inB); }));
        QCOMPARE(inA, 1);
        QCOMPARE(inB, 0);
        // Switching the source to space b makes its chunk pending again: b has no vector.
        QCOMPARE(await(writer.useSpaceForSource(source, b)).value(), 1);
        QCOMPARE(await(writer.useSpaceForSource(source, a)).value(), 0);
        // The wrong-sized vector was the one error since the last flush.
        QVERIFY(!writer.flush());
        QVERIFY(writer.flush());
        QCOMPARE((*reader)->spaces()->size(), 2);
        QCOMPARE(
            (*reader)->spaces()->first().key.baseUrl, QStringLiteral("https://api.openai.com/v1"));
    }

    void chunkReplacementKeepsVectors()
    {
        QTemporaryDir dir;
        const QString path = m_backend.fresh(dir.path(), QStringLiteral("c.sqlite"));
        StoreWriter writer(path);
        QVERIFY(await(writer.open()));
        const Fixture f = prepare(writer, QStringLiteral("/c"));
        const QString file = QStringLiteral("/c/main.cpp");
        const QList<Chunk> before { makeChunk(file, 0, QStringLiteral("A")),
            makeChunk(file, 1, QStringLiteral("B")), makeChunk(file, 2, QStringLiteral("C")) };
        Result<FileWrite> first
            = await(writer.writeFile(fileRecord(f.sourceId, file, 100), before));
        QVERIFY(first && first->created);
        QVERIFY(await(writer.storeEmbeddings(f.spaceId, f.runId, vectorsOf(before))));

        const QList<Chunk> after { makeChunk(file, 0, QStringLiteral("A")),
            makeChunk(file, 1, QStringLiteral("B changed")),
            makeChunk(file, 2, QStringLiteral("C")) };
        Result<FileWrite> second
            = await(writer.writeFile(fileRecord(f.sourceId, file, 120), after));
        QVERIFY2(second, qPrintable(second.errorMessage()));
        QCOMPARE(second->fileId, first->fileId);
        QVERIFY(!second->created);
        QCOMPARE(second->previousChunks.size(), 3);
        QCOMPARE(second->previousChunks.at(1).textHash, hashOf(QStringLiteral("B")));
        QCOMPARE(second->previousChunks.at(1).state, ChunkState::Stored);
        QCOMPARE(second->chunks.size(), 3);
        QCOMPARE(second->chunks.at(0).state, ChunkState::Stored);
        QCOMPARE(second->chunks.at(1).state, ChunkState::Pending);
        QCOMPARE(second->chunks.at(2).state, ChunkState::Stored);

        auto reader = StoreReader::open(path);
        QVERIFY(reader);
        QCOMPARE(
            (*reader)->vectorCount(f.spaceId).value(), 3); // B's vector is kept until collected
        QCOMPARE((*reader)->pendingChunks(f.sourceId)->size(), 1);
        QCOMPARE((*reader)->files(f.sourceId)->first().file.size, 120);

        QCOMPARE(await(writer.collectOrphans(f.spaceId)).value(), 1);
        QCOMPARE((*reader)->vectorCount(f.spaceId).value(), 2);
        QCOMPARE((*reader)->existingVectors(f.spaceId, { hashOf(QStringLiteral("B")) })->size(), 0);
        QCOMPARE((*reader)
                     ->existingVectors(
                         f.spaceId, { hashOf(QStringLiteral("A")), hashOf(QStringLiteral("C")) })
                     ->size(),
            2);

        // Only what a scan looked at can have vanished.
        QCOMPARE(await(writer.removeMissingFiles(f.sourceId, {}, { QStringLiteral("/c/other") }))
                     .value(),
            0);
        // A vanished file takes its chunks with it; its vectors become orphans.
        QCOMPARE(
            await(writer.removeMissingFiles(f.sourceId, {}, { QStringLiteral("/c") })).value(), 1);
        QCOMPARE((*reader)->files(f.sourceId)->size(), 0);
        QCOMPARE(await(writer.collectOrphans(f.spaceId)).value(), 2);
        // Texts nothing refers to are gone with them.
        RawDb raw(path);
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM texts")).toInt(), 0);
    }

    // A batch larger than one IN list of the writer's set-based statements, with texts shared
    // by several chunks, sources of another space, duplicates, failures and stored chunks: the
    // outcome per chunk is what storing the vectors one by one gives.
    void storesLargeBatchPerChunk()
    {
        QTemporaryDir dir;
        const QString path = m_backend.fresh(dir.path(), QStringLiteral("l.sqlite"));
        StoreWriter writer(path);
        QVERIFY(await(writer.open()));
        const Fixture f = prepare(writer, QStringLiteral("/p"));
        const qint64 other = await(
            writer.ensureSpace({ QStringLiteral("openai"), QStringLiteral("http://localhost:9/v1"),
                QStringLiteral("text-embedding-3-small"), Dims,
                {} })).value();
        const qint64 q = await(writer.claimSource(QStringLiteral("/q"))).value().sourceId;
        const qint64 r = await(writer.claimSource(QStringLiteral("/r"))).value().sourceId;
        QVERIFY(await(writer.useSpaceForSource(q, f.spaceId)));
        QVERIFY(await(writer.useSpaceForSource(r, other)));
        const int texts = 150;
        const auto textOf = [](int i) { return QStringLiteral("text %1").arg(i); };
        // /p holds every text, /q the first 100 (later chunk ids), /r (other space) the first 50.
        const auto writeTree = [&](qint64 source, const QString &root, int count) {
            for (int file = 0; file * 10 < count; ++file) {
                const QString name = root + QStringLiteral("/f%1.cpp").arg(file);
                QList<Chunk> chunks;
                for (int i = file * 10; i < std::min(count, file * 10 + 10); ++i)
                    chunks << makeChunk(name, i % 10, textOf(i));
                QVERIFY(await(writer.writeFile(fileRecord(source, name), chunks)));
            }
        };
        writeTree(f.sourceId, QStringLiteral("/p"), texts);
        writeTree(q, QStringLiteral("/q"), 100);
        writeTree(r, QStringLiteral("/r"), 50);
        RawDb raw(path);
        const auto chunkOf = [&](const QString &root, int i) {
            return raw
                .value(QStringLiteral("SELECT c.id FROM chunks c JOIN files f ON f.id = c.file_id "
                                      "JOIN sources s ON s.id = f.source_id JOIN texts t ON t.id "
                                      "= c.text_id WHERE s.root = '%1' AND t.hash = %2")
                        .arg(root, blobLiteral(hashOf(textOf(i)))))
                .toLongLong();
        };
        // Texts 0-9 are stored already by an earlier run; 20 and 30 failed before.
        RunStart earlier;
        earlier.spaceId = f.spaceId;
        earlier.provider = QStringLiteral("openai");
        earlier.model = QStringLiteral("text-embedding-3-small");
        const qint64 earlierRun = await(writer.beginRun(earlier)).value();
        QList<EmbeddingWrite> first;
        for (int i = 0; i < 10; ++i)
            first.append({ hashOf(textOf(i)), vectorFor(hashOf(textOf(i))) });
        QVERIFY(await(writer.storeEmbeddings(f.spaceId, earlierRun, first)));
        QList<FailureRecord> failures;
        for (const QString &root : { QStringLiteral("/p"), QStringLiteral("/q") })
            failures.append({ chunkOf(root, 20), {}, f.runId, QStringLiteral("Too long"), 400, 1 });
        failures.append(
            { chunkOf(QStringLiteral("/r"), 30), {}, f.runId, QStringLiteral("Too long"), 400, 1 });
        QVERIFY(await(writer.markFailed(failures)));

        // All texts, two of them twice, and one that no chunk has.
        QList<EmbeddingWrite> batch;
        for (int i = 0; i < texts; ++i)
            batch.append({ hashOf(textOf(i)), vectorFor(hashOf(textOf(i))) });
        batch.append(batch.at(20));
        batch.append(batch.at(140));
        const QByteArray lone = hashOf(QStringLiteral("no chunk has this"));
        batch.append({ lone, vectorFor(lone) });

        // One bad vector anywhere fails the whole batch without writing.
        QList<EmbeddingWrite> bad = batch;
        bad[140].vector[3] = std::numeric_limits<float>::quiet_NaN();
        const QVariant textsBefore = raw.value(QStringLiteral("SELECT count(*) FROM texts"));
        QVERIFY(!await(writer.storeEmbeddings(f.spaceId, f.runId, bad)));
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM embeddings")).toInt(), 10);
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM texts")), textsBefore);
        QCOMPARE(
            raw.value(QStringLiteral("SELECT count(*) FROM chunks WHERE state = 1")).toInt(), 20);

        QVERIFY(await(writer.storeEmbeddings(f.spaceId, f.runId, batch)));
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM embeddings WHERE space_id = %1")
                               .arg(f.spaceId))
                     .toInt(),
            texts + 1);
        QCOMPARE(
            raw.value(
                   QStringLiteral("SELECT count(*) FROM embeddings WHERE space_id = %1").arg(other))
                .toInt(),
            0);
        auto reader = StoreReader::open(path);
        QVERIFY(reader);
        QCOMPARE((*reader)->existingVectors(f.spaceId, { lone })->size(), 1);
        QVERIFY((*reader)->forEachVector(
            f.spaceId, [&](const VectorRow &row) { return row.values().size() == Dims; }));
        for (int i = 0; i < texts; ++i) {
            for (const QString &root :
                { QStringLiteral("/p"), QStringLiteral("/q"), QStringLiteral("/r") }) {
                const int count = root == QStringLiteral("/p") ? texts
                    : root == QStringLiteral("/q")             ? 100
                                                               : 50;
                if (i >= count)
                    continue;
                const qint64 id = chunkOf(root, i);
                const QList<QVariantList> row = raw.rows(
                    QStringLiteral("SELECT state, paid_run FROM chunks WHERE id = %1").arg(id));
                QCOMPARE(row.size(), 1);
                const bool inSpace = root != QStringLiteral("/r");
                const int wantState = inSpace ? 1 : (i == 30 ? 2 : 0);
                QVERIFY2(row.first().at(0).toInt() == wantState,
                    qPrintable(QStringLiteral("%1 text %2").arg(root).arg(i)));
                // The first chunk of a text (in /p) records the run that paid, the rest none.
                const QVariant paid = row.first().at(1);
                if (root == QStringLiteral("/p"))
                    QCOMPARE(paid.toLongLong(), i < 10 ? earlierRun : f.runId);
                else
                    QVERIFY2(
                        paid.isNull(), qPrintable(QStringLiteral("%1 text %2").arg(root).arg(i)));
                const int open = raw.value(QStringLiteral("SELECT count(*) FROM failures WHERE "
                                                          "chunk_id = %1 AND resolved = 0")
                                               .arg(id))
                                     .toInt();
                QCOMPARE(open, root == QStringLiteral("/r") && i == 30 ? 1 : 0);
            }
        }
    }

    // storeEmbeddings jobs that queue up behind each other are written together; each future
    // still tells its own outcome: batches that fail their checks or fail inside SQLite fail
    // alone, the others are stored whole, and a write queued between them keeps FIFO order.
    void mergedStoreJobsFailAlone()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("m.sqlite"));
        StoreWriter writer(path);
        writer.setLockPolicy(10000, 20000);
        QVERIFY(await(writer.open()));
        const Fixture f = prepare(writer, QStringLiteral("/m"));
        const int files = 9, perFile = 5;
        QList<QList<Chunk>> chunks;
        for (int k = 0; k < files; ++k) {
            const QString name = QStringLiteral("/m/f%1.cpp").arg(k);
            QList<Chunk> list;
            for (int i = 0; i < perFile; ++i)
                list << makeChunk(name, i, QStringLiteral("m %1 %2").arg(k).arg(i));
            QVERIFY(await(writer.writeFile(fileRecord(f.sourceId, name), list)));
            chunks << list;
        }
        const QString late = QStringLiteral("/m/late.cpp");
        // One text of file 4 again, and one new text that file 6's batch brings.
        const QList<Chunk> lateChunks { makeChunk(late, 0, QStringLiteral("m 4 0")),
            makeChunk(late, 1, QStringLiteral("m 6 0")) };
        RawDb raw(path);
        // The vectors of one text fail inside SQLite, as a full disk would.
        QVERIFY(raw.exec(QStringLiteral("CREATE TRIGGER doom BEFORE INSERT ON embeddings WHEN "
                                        "(SELECT hash FROM texts WHERE id = NEW.text_id) = x'%1' "
                                        "BEGIN SELECT RAISE(ABORT, 'doomed vector'); END")
                .arg(QString::fromLatin1(chunks[7][2].textHash.toHex()))));
        // Holding the write lock lets the jobs queue up; the writer then meets them all at once:
        // stores 0-5 (two of them fail their checks) are written together, then the late file,
        // then stores 6-8, whose merged write fails on 7 and is redone job by job.
        QVERIFY(raw.exec(QStringLiteral("BEGIN IMMEDIATE")));
        QCoreApplication::processEvents(); // the `committed` of the writes above
        QSignalSpy commits(&writer, &StoreWriter::committed);
        QList<QFuture<Status>> futures;
        for (int k = 0; k < files; ++k) {
            QList<EmbeddingWrite> vectors = vectorsOf(chunks[k]);
            if (k == 2)
                vectors[1].vector[0] = std::numeric_limits<float>::infinity();
            if (k == 3)
                vectors[4].vector = vectorFor(vectors[4].textHash, Dims + 1);
            futures << writer.storeEmbeddings(f.spaceId, f.runId, vectors);
            if (k == 5) // between the stores of files 5 and 6
                (void)writer.writeFile(fileRecord(f.sourceId, late), lateChunks);
        }
        QCOMPARE(writer.queuedJobs(), files + 1);
        QVERIFY(raw.exec(QStringLiteral("COMMIT")));

        const QSet<int> failing { 2, 3, 7 };
        for (int k = 0; k < files; ++k) {
            const Status status = await(futures[k]);
            QVERIFY2(bool(status) == !failing.contains(k), qPrintable(QString::number(k)));
        }
        QVERIFY(await(futures[2]).errorMessage().contains(QStringLiteral("NaN")));
        QVERIFY(await(futures[3]).errorMessage().contains(QStringLiteral("dimensions")));
        QVERIFY(!writer.flush());
        auto reader = StoreReader::open(path);
        QVERIFY(reader);
        for (int k = 0; k < files; ++k) {
            const bool stored = !failing.contains(k);
            QList<QByteArray> hashes;
            for (const Chunk &c : chunks[k])
                hashes << c.textHash;
            QCOMPARE((*reader)->existingVectors(f.spaceId, hashes)->size(), stored ? perFile : 0);
            const int storedChunks
                = raw.value(QStringLiteral("SELECT count(*) FROM chunks c JOIN files f ON f.id = "
                                           "c.file_id WHERE f.path = 'f%1.cpp' AND c.state = 1 "
                                           "AND c.paid_run = %2")
                                .arg(k)
                                .arg(f.runId))
                      .toInt();
            QCOMPARE(storedChunks, stored ? perFile : 0);
        }
        // The late file found file 4's vector (nobody paid); file 6's store, queued after it,
        // marked its other chunk, which it paid for.
        const QList<QVariantList> lateRows
            = raw.rows(QStringLiteral("SELECT c.state, c.paid_run FROM chunks c JOIN files f ON "
                                      "f.id = c.file_id WHERE f.path = 'late.cpp' ORDER BY c.id"));
        QCOMPARE(lateRows.size(), 2);
        QCOMPARE(lateRows[0][0].toInt(), 1);
        QVERIFY(lateRows[0][1].isNull());
        QCOMPARE(lateRows[1][0].toInt(), 1);
        QVERIFY(lateRows[1][1].isNull()); // file 6's own chunk (lower id) paid
        // `committed` arrives through the event loop.
        const auto total = [&](int CommitSummary::*field) {
            int sum = 0;
            for (const QList<QVariant> &args : std::as_const(commits))
                sum += args.first().value<CommitSummary>().*field;
            return sum;
        };
        QTRY_COMPARE(total(&CommitSummary::jobs), files + 1);
        QCOMPARE(total(&CommitSummary::failedJobs), int(failing.size()));
        QCOMPARE(total(&CommitSummary::vectorsWritten), (files - int(failing.size())) * perFile);
    }

    void failureAndResolve()
    {
        QTemporaryDir dir;
        const QString path = m_backend.fresh(dir.path(), QStringLiteral("f.sqlite"));
        StoreWriter writer(path);
        QVERIFY(await(writer.open()));
        const Fixture f = prepare(writer, QStringLiteral("/f"));
        const QString file = QStringLiteral("/f/a.py");
        const QList<Chunk> chunks { makeChunk(file, 0, QStringLiteral("one")),
            makeChunk(file, 1, QStringLiteral("two")) };
        Result<FileWrite> written = await(writer.writeFile(fileRecord(f.sourceId, file), chunks));
        QVERIFY(written);
        const qint64 failing = written->chunks.at(1).id;
        FailureRecord failure { failing, {}, f.runId,
            QStringLiteral("Input too long for the model"), 400, 1 };
        QVERIFY(await(writer.markFailed({ failure })));
        const Status noReason
            = await(writer.markFailed({ { failing, {}, f.runId, QString(), 400, 1 } }));
        QVERIFY(!noReason);

        auto reader = StoreReader::open(path);
        QVERIFY(reader);
        Result<QList<FailedChunk>> failed = (*reader)->failedChunks();
        QVERIFY(failed);
        QCOMPARE(failed->size(), 1);
        QCOMPARE(failed->first().chunk.id, failing);
        QCOMPARE(failed->first().reason, QStringLiteral("Input too long for the model"));
        QCOMPARE(failed->first().httpStatus, 400);
        QCOMPARE((*reader)->summary()->failed, 1);

        QCOMPARE(await(writer.requeueFailed()).value(), 1);
        QCOMPARE((*reader)->failedChunks()->size(), 0);
        QCOMPARE((*reader)->pendingChunks(f.sourceId)->size(), 2);
        QVERIFY(await(writer.markFailed({ failure })));
        // The text gets a vector after all: the chunk is stored and its failure resolved.
        QVERIFY(await(writer.storeEmbeddings(f.spaceId, f.runId, vectorsOf(chunks))));
        QCOMPARE((*reader)->failedChunks()->size(), 0);
        const StatusSummary summary = (*reader)->summary().value();
        QCOMPARE(summary.stored, 2);
        QCOMPARE(summary.pending, 0);
        RawDb raw(path);
        QCOMPARE(
            raw.value(QStringLiteral("SELECT count(*) FROM failures WHERE resolved = 0")).toInt(),
            0);
        // Both failures (before and after the requeue) are resolved, history kept.
        QCOMPARE(
            raw.value(QStringLiteral("SELECT count(*) FROM failures WHERE resolved = 1")).toInt(),
            2);
    }

    void reportsTotals()
    {
        QTemporaryDir dir;
        const QString path = m_backend.fresh(dir.path(), QStringLiteral("t.sqlite"));
        auto owned = std::make_unique<StoreWriter>(path);
        StoreWriter &writer = *owned;
        QVERIFY(await(writer.open()));
        const Fixture f = prepare(writer, QStringLiteral("/t"));
        RunStart large;
        large.spaceId = f.spaceId;
        large.provider = QStringLiteral("openai");
        large.model = QStringLiteral("text-embedding-3-large");
        large.usdPerMillion = 0.13;
        large.settings = QJsonObject { { QStringLiteral("batch_size"), 100 },
            { QStringLiteral("api_key"), QStringLiteral("sk-secret-123") },
            { QStringLiteral("headers"),
                QJsonObject {
                    { QStringLiteral("Authorization"), QStringLiteral("Bearer abc-secret") } } },
            { QStringLiteral("base_url"), QStringLiteral("https://bob:pw-secret@example.com/v1") },
            { QStringLiteral("azure_url"),
                QStringLiteral("https://x.example.com/openai/deployments/d?api-version=2024-02-01"
                               "&api-key=url-secret&sig=sig-secret") },
            { QStringLiteral("max_batch_tokens"), 100000 } };
        const qint64 runLarge = await(writer.beginRun(large)).value();
        RunStart mystery;
        mystery.provider = QStringLiteral("ollama");
        mystery.model = QStringLiteral("mystery-model");
        const qint64 runMystery = await(writer.beginRun(mystery)).value();

        const QDateTime day1(QDate(2026, 3, 1), QTime(10, 0));
        const QDateTime day2(QDate(2026, 3, 2), QTime(10, 0));
        const auto request
            = [&](qint64 run, const QDateTime &at, qint64 tokens, int attempt, int status) {
                  RequestRecord r;
                  r.runId = run;
                  r.started = at;
                  r.finished = at.addMSecs(300);
                  r.inputs = 10;
                  r.tokens = tokens;
                  r.attempt = attempt;
                  r.httpStatus = status;
                  return writer.recordRequest(r);
              };
        (void)request(f.runId, day1, 0, 1, 429);
        (void)request(f.runId, day1, 1000000, 2, 200);
        (void)request(f.runId, day2, 500000, 1, 200);
        (void)request(runLarge, day2, 2000000, 1, 200);
        (void)request(runMystery, day2, 7000, 1, 200);

        // a.cpp pays for "x" (10) and "y" (20); b.cpp has "x" again (free) and pays "z" (30).
        const QList<Chunk> a { makeChunk(
                                   QStringLiteral("/t/src/a.cpp"), 0, QStringLiteral("x"), 10),
            makeChunk(QStringLiteral("/t/src/a.cpp"), 1, QStringLiteral("y"), 20) };
        const QList<Chunk> b { makeChunk(
                                   QStringLiteral("/t/lib/b.cpp"), 0, QStringLiteral("x"), 10),
            makeChunk(QStringLiteral("/t/lib/b.cpp"), 1, QStringLiteral("z"), 30) };
        (void)writer.writeFile(fileRecord(f.sourceId, QStringLiteral("/t/src/a.cpp")), a);
        (void)writer.writeFile(fileRecord(f.sourceId, QStringLiteral("/t/lib/b.cpp")), b);
        (void)writer.storeEmbeddings(f.spaceId, f.runId, vectorsOf(a));
        (void)writer.storeEmbeddings(f.spaceId, f.runId, { vectorsOf(b).last() });
        QVERIFY(writer.flush());

        auto reader = StoreReader::open(path);
        QVERIFY(reader);
        const QList<ReportRow> byRun = (*reader)->report(ReportBy::Run).value();
        QCOMPARE(byRun.size(), 3);
        QCOMPARE(byRun.at(0).key, QString::number(f.runId));
        QCOMPARE(byRun.at(0).tokens, 1500000);
        QCOMPARE(byRun.at(0).requests, 3);
        QCOMPARE(byRun.at(0).retries, 1);
        QCOMPARE(byRun.at(0).costUsd, 1.5 * 0.02);
        QCOMPARE(byRun.at(1).costUsd, 2.0 * 0.13);
        QVERIFY(byRun.at(0).priceKnown && byRun.at(1).priceKnown);
        QVERIFY(!byRun.at(2).priceKnown);

        const auto totals = [](const QList<ReportRow> &rows) {
            qint64 tokens = 0, requests = 0, retries = 0;
            double usd = 0;
            for (const ReportRow &r : rows) {
                tokens += r.tokens;
                requests += r.requests.value_or(0);
                retries += r.retries.value_or(0);
                usd += r.costUsd;
            }
            return std::tuple(tokens, requests, retries, qRound64(usd * 1e9));
        };
        const QList<ReportRow> byDay = (*reader)->report(ReportBy::Day).value();
        const QList<ReportRow> byModel = (*reader)->report(ReportBy::Model).value();
        QCOMPARE(byDay.size(), 2);
        QCOMPARE(byDay.at(0).key, QStringLiteral("2026-03-01"));
        QCOMPARE(byDay.at(0).tokens, 1000000);
        QCOMPARE(byDay.at(1).tokens, 2507000);
        QCOMPARE(byModel.size(), 3);
        QCOMPARE(totals(byDay), totals(byRun));
        QCOMPARE(totals(byModel), totals(byRun));
        QCOMPARE(std::get<0>(totals(byRun)), 3507000);

        const QList<ReportRow> byFile = (*reader)->report(ReportBy::File).value();
        QCOMPARE(byFile.size(), 2);
        QCOMPARE(byFile.at(0).key, QStringLiteral("/t/lib/b.cpp"));
        QCOMPARE(byFile.at(0).tokens, 30);
        QCOMPARE(byFile.at(1).tokens, 30);
        QVERIFY(!byFile.at(0).requests.has_value());
        QCOMPARE(byFile.at(1).costUsd, 30 * 0.02 / 1e6);
        const QList<ReportRow> byFolder = (*reader)->report(ReportBy::Folder).value();
        QCOMPARE(byFolder.size(), 2);
        QCOMPARE(byFolder.at(1).key, QStringLiteral("/t/src"));

        const StatusSummary summary = (*reader)->summary().value();
        QCOMPARE(summary.tokens, 3507000);
        QCOMPARE(qRound64(summary.costUsd * 1e9), std::get<3>(totals(byRun)));
        QCOMPARE(summary.runs, 3);
        QVERIFY(summary.lastRun.has_value());
        QCOMPARE(summary.lastRun->id, runMystery);
        QCOMPARE((*reader)->lastRunSpace()->has_value(), true);
        QCOMPARE((*reader)->lastRunSpace()->value().id, f.spaceId); // the mystery run has no space

        // Invariant 3: secrets passed in settings never reach the file.
        const QJsonObject stored = (*reader)->run(runLarge)->value().settings;
        QCOMPARE(stored.value(QStringLiteral("batch_size")).toInt(), 100);
        QCOMPARE(stored.value(QStringLiteral("max_batch_tokens")).toInt(), 100000);
        QVERIFY(!stored.contains(QStringLiteral("api_key")));
        // A URL keeps what it needs to be read (its version parameter), not its secrets.
        QCOMPARE(stored.value(QStringLiteral("azure_url")).toString(),
            QStringLiteral("https://x.example.com/openai/deployments/d?api-version=2024-02-01"
                           "&api-key=***&sig=***"));
        reader->reset();
        owned.reset(); // closed: the log is checkpointed into the main file
        QByteArray bytes;
        if (m_backend.isPostgres()) { // every row of every table, as text
            bytes = TestBackend::value(path,
                QStringLiteral("SELECT concat_ws('|', (SELECT string_agg(r::text, '|') FROM runs "
                               "r), (SELECT string_agg(q::text, '|') FROM requests q), (SELECT "
                               "string_agg(x::text, '|') FROM failures x))"))
                        .toString()
                        .toUtf8();
        }
        for (const QString &suffix : { QString(), QStringLiteral("-wal") }) {
            QFile file(path + suffix);
            if (file.open(QIODevice::ReadOnly))
                bytes += file.readAll();
        }
        QVERIFY(bytes.contains("batch_size"));
        QVERIFY(!bytes.contains("sk-secret-123"));
        QVERIFY(!bytes.contains("abc-secret"));
        QVERIFY(!bytes.contains("pw-secret"));
        QVERIFY(!bytes.contains("url-secret"));
        QVERIFY(!bytes.contains("sig-secret"));
    }

    void writerBatchesAndFlushes()
    {
        QTemporaryDir dir;
        const QString path = m_backend.fresh(dir.path(), QStringLiteral("b.sqlite"));
        StoreWriter writer(path);
        QSignalSpy commits(&writer, &StoreWriter::committed);
        QVERIFY(await(writer.open()));
        const Fixture f = prepare(writer, QStringLiteral("/b"));
        QTRY_VERIFY(commits.count() > 0);
        commits.clear();
        constexpr int Jobs = 2000;
        QList<QFuture<Status>> futures;
        for (int i = 0; i < Jobs; ++i) {
            RequestRecord r;
            r.runId = f.runId;
            r.inputs = 1;
            r.tokens = i;
            futures << writer.recordRequest(r);
        }
        // flush returns when all of them are durable, without waiting on the futures.
        QVERIFY(writer.flush());
        for (const QFuture<Status> &future : std::as_const(futures))
            QVERIFY(future.isFinished() && future.result());
        auto reader = StoreReader::open(path);
        QVERIFY(reader);
        QCOMPARE((*reader)->summary()->tokens, qint64(Jobs) * (Jobs - 1) / 2);
        QTRY_VERIFY(commits.count() > 0);
        int jobs = 0, requests = 0;
        for (const QList<QVariant> &args : std::as_const(commits)) {
            const auto summary = args.first().value<CommitSummary>();
            jobs += summary.jobs;
            requests += summary.requests;
            QVERIFY(summary.elapsedMs < 2000);
        }
        QCOMPARE(jobs, Jobs);
        QCOMPARE(requests, Jobs);
        QVERIFY2(commits.count() < Jobs / 10, qPrintable(QString::number(commits.count())));

        // A failing job is rolled back alone; its neighbours in the batch commit.
        (void)writer.claimSource(QStringLiteral("/ok1"));
        QFuture<Status> bad = writer.finishRun(999999, RunTotals {});
        (void)writer.claimSource(QStringLiteral("/ok2"));
        QVERIFY(!writer.flush());
        QVERIFY(!bad.result());
        QVERIFY((*reader)->sourceId(QStringLiteral("/ok1"))->has_value());
        QVERIFY((*reader)->sourceId(QStringLiteral("/ok2"))->has_value());
        QVERIFY(writer.flush()); // the error was reported once
    }

    // A paid answer is committed as soon as it is written, not after the file rows queued
    // behind it: a kill then loses as few answers as it can.
    void answersDoNotWaitForTheJobsBehindThem()
    {
        QTemporaryDir dir;
        const QString path = m_backend.fresh(dir.path(), QStringLiteral("a.sqlite"));
        StoreWriter writer(path);
        QVERIFY(await(writer.open()));
        const Fixture f = prepare(writer, QStringLiteral("/a"));
        QVERIFY(writer.flush());
        const auto chunksOf = [](const QString &file) {
            return QList<Chunk> { makeChunk(file, 0, file + QStringLiteral(" 0")),
                makeChunk(file, 1, file + QStringLiteral(" 1")) };
        };
        const QList<Chunk> answered = chunksOf(QStringLiteral("/a/answered.cpp"));
        RawDb raw(path);
        // Holding the write lock lets the jobs queue up, so the writer meets them all at once.
        QVERIFY(raw.exec(QStringLiteral("BEGIN IMMEDIATE")));
        QCoreApplication::processEvents(); // the `committed` of the writes above
        QSignalSpy commits(&writer, &StoreWriter::committed);
        (void)writer.writeFile(fileRecord(f.sourceId, QStringLiteral("/a/answered.cpp")), answered);
        RequestRecord request;
        request.runId = f.runId;
        request.inputs = 2;
        (void)writer.recordRequest(request);
        (void)writer.storeEmbeddings(f.spaceId, f.runId, vectorsOf(answered));
        for (const QString &file : { QStringLiteral("/a/b.cpp"), QStringLiteral("/a/c.cpp") })
            (void)writer.writeFile(fileRecord(f.sourceId, file), chunksOf(file));
        QCOMPARE(writer.queuedJobs(), 5);
        QVERIFY(raw.exec(QStringLiteral("COMMIT")));
        QVERIFY(writer.flush());

        QTRY_COMPARE(commits.count(), 2);
        const auto summary
            = [&commits](int i) { return commits.at(i).first().value<CommitSummary>(); };
        QCOMPARE(summary(0).jobs, 3); // the file, its request and its vectors
        QCOMPARE(summary(0).vectorsWritten, 2);
        QCOMPARE(summary(1).jobs, 2);
        QCOMPARE(summary(1).vectorsWritten, 0);
        QCOMPARE(
            raw.value(QStringLiteral("SELECT count(*) FROM chunks WHERE state = 1")).toInt(), 2);
        QCOMPARE(
            raw.value(QStringLiteral("SELECT count(*) FROM chunks WHERE state = 0")).toInt(), 4);
    }

    void twoProcesses()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("two.sqlite"));
        constexpr int Files = 200;
        QList<QProcess *> children;
        for (const QString &tag : { QStringLiteral("one"), QStringLiteral("two") }) {
            auto *child = new QProcess(this);
            child->start(QCoreApplication::applicationFilePath(),
                { QStringLiteral("--child"), QStringLiteral("write"), path, tag,
                    QString::number(Files) });
            children << child;
        }
        // This process reads meanwhile; it never sees a half-written file.
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 60000
            && std::any_of(children.begin(), children.end(),
                [](QProcess *p) { return p->state() != QProcess::NotRunning; })) {
            if (auto reader = StoreReader::open(path)) {
                RawDb raw(path);
                const int partial
                    = raw.value(QStringLiteral("SELECT count(*) FROM (SELECT file_id FROM chunks "
                                               "GROUP BY file_id HAVING count(*) <> 10)"))
                          .toInt();
                QCOMPARE(partial, 0);
            }
            QTest::qWait(50);
        }
        for (QProcess *child : std::as_const(children)) {
            QVERIFY(child->state() == QProcess::NotRunning || child->waitForFinished(60000));
            QCOMPARE(child->exitStatus(), QProcess::NormalExit);
            const QByteArray err = child->readAllStandardError();
            QVERIFY2(!err.contains("locked"), err.constData());
            QVERIFY2(child->exitCode() == 0, err.constData());
        }
        auto reader = StoreReader::open(path);
        QVERIFY(reader);
        const StatusSummary summary = (*reader)->summary().value();
        QCOMPARE(summary.sources, 2);
        QCOMPARE(summary.files, 2 * Files);
        QCOMPARE(summary.chunks, 2 * Files * 10);
        QCOMPARE(summary.stored, 2 * Files * 10);
        QCOMPARE(summary.vectors, 2 * Files * 10);
        QCOMPARE(summary.runs, 2);
        QCOMPARE(summary.tokens, 2 * Files * 100);
        RawDb raw(path);
        QCOMPARE(
            raw.value(QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
    }

    void waitsForAnotherWriter()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("w.sqlite"));
        StoreWriter writer(path);
        writer.setLockPolicy(300, 20000);
        QSignalSpy waiting(&writer, &StoreWriter::lockWait);
        QVERIFY(await(writer.open()));
        QVERIFY(writer.flush());

        QProcess holder;
        holder.start(QCoreApplication::applicationFilePath(),
            { QStringLiteral("--child"), QStringLiteral("hold"), path, QStringLiteral("1500") });
        QVERIFY(holder.waitForReadyRead(10000));
        QCOMPARE(holder.readLine().trimmed(), QByteArray("locked"));
        QElapsedTimer timer;
        timer.start();
        const Result<SourceClaim> source = await(writer.claimSource(QStringLiteral("/after-wait")));
        QVERIFY2(source, qPrintable(source.errorMessage()));
        QVERIFY(timer.elapsed() >= 800);
        QVERIFY(holder.waitForFinished(10000));
        QCOMPARE(holder.exitCode(), 0);
        QTRY_VERIFY(waiting.count() >= 2);
        QVERIFY(waiting.first().first().toString().contains(
            QStringLiteral("Waiting for another Signal Hub process")));
        QVERIFY(waiting.last().first().toString().isEmpty());
    }

    void refusesAfterLimit()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("w.sqlite"));
        StoreWriter writer(path);
        writer.setLockPolicy(200, 700);
        QVERIFY(await(writer.open()));
        QVERIFY(writer.flush());
        QProcess holder;
        holder.start(QCoreApplication::applicationFilePath(),
            { QStringLiteral("--child"), QStringLiteral("hold"), path, QStringLiteral("3000") });
        QVERIFY(holder.waitForReadyRead(10000));
        const Result<SourceClaim> refused = await(writer.claimSource(QStringLiteral("/refused")));
        QVERIFY(!refused);
        QVERIFY2(refused.errorMessage().contains(QStringLiteral("gave up waiting")),
            qPrintable(refused.errorMessage()));
        QVERIFY(!refused.errorMessage().contains(QStringLiteral("locked")));
        QVERIFY(holder.waitForFinished(10000));
        // Once the other process is done, the same writer works again.
        QVERIFY(await(writer.claimSource(QStringLiteral("/later"))));
    }

    void damagedPageIsAnErrorNotAShortAnswer()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("damaged.sqlite"));
        const Fixture f = fill(path, 60);
        QVERIFY(f.spaceId > 0);
        const qint64 page = middleLeafPage(path, QStringLiteral("chunks"));
        QVERIFY(page > 1);
        QVERIFY(scribble(path, (page - 1) * StoreSchema::PageSize, 2 * StoreSchema::PageSize));

        auto reader = StoreReader::open(path);
        QVERIFY2(reader, qPrintable(reader.errorMessage()));
        qint64 rows = 0;
        const Status walked = (*reader)->forEachVector(f.spaceId, [&rows](const VectorRow &) {
            ++rows;
            return true;
        });
        QVERIFY2(rows > 0, "the walk reaches the damage in the middle");
        QVERIFY2(!walked, "rows that stop at a damaged page are an error, not a short answer");
        for (const QString &part : { path, QStringLiteral("damaged"), QStringLiteral(".recover") })
            QVERIFY2(walked.errorMessage().contains(part), qPrintable(walked.errorMessage()));
        QCOMPARE((*reader)->fault(), std::optional<StoreFault>(StoreFault::Damaged));

        // quick_check lists the problems, or fails itself where the damage hides the rest.
        const Result<QStringList> quick = StoreCheck::verify(path, StoreCheck::Depth::Quick);
        QVERIFY(
            quick ? !quick->isEmpty() : quick.errorMessage().contains(QStringLiteral("damaged")));
    }

    void checkSaysOkOnASoundDatabase()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sound.sqlite"));
        QVERIFY(fill(path, 5).spaceId > 0);
        for (const auto depth : { StoreCheck::Depth::Quick, StoreCheck::Depth::Full }) {
            const Result<QStringList> problems = StoreCheck::verify(path, depth);
            QVERIFY2(problems, qPrintable(problems.errorMessage()));
            QVERIFY(problems->isEmpty());
        }
    }

    void uncleanStopIsVerifiedBeforeWriting()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("unclean.sqlite"));
        QVERIFY(fill(path, 60).spaceId > 0);
        // A run whose process died: "running", old enough, and nobody holds its lock.
        QVERIFY(RawDb(path).exec(QStringLiteral(
            "INSERT INTO runs (provider, model, started) VALUES ('openai', 'm', 1700000000000)")));
        {
            StoreWriter writer(path);
            QVERIFY2(await(writer.open()), "a sound database opens after an unclean stop");
        }
        const qint64 page = middleLeafPage(path, QStringLiteral("embeddings"));
        QVERIFY(page > 1);
        QVERIFY(scribble(path, (page - 1) * StoreSchema::PageSize, 2 * StoreSchema::PageSize));
        const QByteArray before = bytesOf(path);

        StoreWriter writer(path);
        const Status opened = await(writer.open());
        QVERIFY2(!opened, "a damaged database is refused before anything is written");
        for (const QString &part : { path, QStringLiteral("damaged"), QStringLiteral(".recover") })
            QVERIFY2(opened.errorMessage().contains(part), qPrintable(opened.errorMessage()));
        QVERIFY(!await(writer.claimSource(QStringLiteral("/after"))));
        QVERIFY(bytesOf(path) == before);
    }

    void fullDiskStopsTheWriterOnce()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("full.sqlite"));
        const Fixture f = fill(path, 2);
        QVERIFY(f.spaceId > 0);
        const int pages = RawDb(path).value(QStringLiteral("PRAGMA page_count")).toInt();
        qputenv(StoreConnection::MaxPagesVariable, QByteArray::number(pages + 4));
        const auto unset = qScopeGuard([] { qunsetenv(StoreConnection::MaxPagesVariable); });
        QStringList logged;
        static QStringList *s_logged = nullptr;
        s_logged = &logged;
        const QtMessageHandler previous
            = qInstallMessageHandler([](QtMsgType, const QMessageLogContext &,
                                         const QString &message) { s_logged->append(message); });
        const auto restore = qScopeGuard([previous] { qInstallMessageHandler(previous); });

        StoreWriter writer(path);
        QSignalSpy errors(&writer, &StoreWriter::error);
        QVERIFY(await(writer.open()));
        QList<QFuture<Status>> stores;
        for (int i = 0; i < 40; ++i) {
            const QString file = QStringLiteral("/fill/more%1.cpp").arg(i);
            QList<Chunk> chunks;
            for (int c = 0; c < 10; ++c)
                chunks << makeChunk(file, c, QStringLiteral("more %1 %2").arg(i).arg(c));
            (void)writer.writeFile(fileRecord(f.sourceId, file), chunks);
            stores.append(writer.storeEmbeddings(f.spaceId, f.runId, vectorsOf(chunks)));
        }
        const Status flushed = writer.flush();
        QVERIFY(!flushed);
        QVERIFY2(flushed.errorMessage().contains(QStringLiteral("full")),
            qPrintable(flushed.errorMessage()));
        QCOMPARE(writer.fault(), std::optional<StoreFault>(StoreFault::DiskFull));
        QVERIFY(!stores.constLast().result());
        // The run's end is still recorded: it changes a row and needs no new page.
        QVERIFY(await(writer.finishRun(
            f.runId, RunTotals {}, QStringLiteral("stopped"), flushed.errorMessage())));
        QVERIFY(!await(writer.claimSource(QStringLiteral("/later"))));
        // Every report was posted before the futures above settled.
        QCoreApplication::processEvents();
        QCOMPARE(errors.size(), 1);
        for (const QString &line : std::as_const(logged))
            QVERIFY2(!line.contains(QStringLiteral("cannot rollback"))
                    && !line.contains(QStringLiteral("cannot commit")),
                qPrintable(line));

        // What was committed is kept; the run says why it stopped.
        auto reader = StoreReader::open(path);
        QVERIFY(reader);
        const auto run = (*reader)->run(f.runId);
        QVERIFY(run && run->has_value());
        QCOMPARE((*run)->status, QStringLiteral("stopped"));
        QVERIFY((*run)->stopReason.contains(QStringLiteral("full")));
        const auto summary = (*reader)->summary();
        QVERIFY(summary);
        QVERIFY(summary->stored >= 20);
    }

    void survivesKillNine()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("k.sqlite"));
        auto *random = QRandomGenerator::global();
        int committedFiles = 0;
        for (int round = 0; round < 4; ++round) {
            QProcess child;
            child.start(QCoreApplication::applicationFilePath(),
                { QStringLiteral("--child"), QStringLiteral("loop"), path,
                    QString::number(round) });
            QVERIFY(child.waitForReadyRead(20000)); // first batch committed
            QTest::qWait(int(random->bounded(100, 700)));
            child.kill(); // SIGKILL
            QVERIFY(child.waitForFinished(10000));
            int reported = 0;
            const QList<QByteArray> lines = child.readAllStandardOutput().split('\n');
            for (const QByteArray &line : lines) {
                if (line.startsWith("committed "))
                    reported = line.mid(10).toInt();
            }
            QVERIFY(reported > 0);
            committedFiles += reported;

            RawDb raw(path);
            QCOMPARE(raw.value(QStringLiteral("PRAGMA integrity_check")).toString(),
                QStringLiteral("ok"));
            QCOMPARE(raw.value(QStringLiteral("PRAGMA foreign_key_check")).toString(),
                QStringLiteral("")); // no row: no dangling reference
            // Every file was written whole, every stored chunk has its vector.
            QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM (SELECT f.id FROM files f LEFT "
                                              "JOIN chunks c ON c.file_id = f.id GROUP BY f.id "
                                              "HAVING count(c.id) <> 20)"))
                         .toInt(),
                0);
            QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM chunks c WHERE c.state = 1 AND "
                                              "NOT EXISTS (SELECT 1 FROM embeddings e WHERE "
                                              "e.space_id IN (SELECT id FROM spaces) AND "
                                              "e.text_id = c.text_id)"))
                         .toInt(),
                0);
            QVERIFY(
                raw.value(QStringLiteral("SELECT count(*) FROM files")).toInt() >= committedFiles);
        }
        // And the writer carries on with the file.
        StoreWriter writer(path);
        QVERIFY(await(writer.open()));
        QVERIFY(await(writer.claimSource(QStringLiteral("/after"))));
    }

private:
    // Bytes spelled in the SQL of the store under test.
    QString blobLiteral(const QByteArray &bytes) const
    {
        const QString hex = QString::fromLatin1(bytes.toHex());
        return m_backend.isPostgres() ? QStringLiteral("'\\x%1'::bytea").arg(hex)
                                      : QStringLiteral("x'%1'").arg(hex);
    }

    TestBackend m_backend;
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc > 2 && qstrcmp(argv[1], "--child") == 0)
        return runChild(app.arguments());
    TestStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_store.moc"
