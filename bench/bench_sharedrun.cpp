// A run shared by 1, 2, 4… workers: `signalhub-cli index` processes on one corpus into one
// team store (a PostgreSQL server of the bench's own), against an embeddings test server whose
// latency bounds each worker and whose concurrency cap is the server's limit. Prints wall time,
// chunks/s and requests per worker for each count, as a table for bench/RESULTS.md.
//
//   bench_sharedrun --corpus FOLDER [--workers 1,2,4] [--latency 200] [--server-slots 8]
//                   [--batch-size 16] [--concurrency 2]

#include "embeddingtestserver.h"
#include "postgresserver.h"
#include "testserverthread.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <cstdio>
#include <memory>
#include <vector>

using namespace SignalHub::Testing;

namespace {

[[noreturn]] void fail(const QString &message)
{
    std::fprintf(stderr, "bench_sharedrun: %s\n", qPrintable(message));
    std::exit(1);
}

struct Settings
{
    QString corpus;
    QString cli;
    int batchSize = 16;
    int concurrency = 2;
};

struct Outcome
{
    double seconds = 0;
    qint64 chunks = 0;
    QList<qint64> requests; // per worker
    qint64 resent = 0;
};

// A new database on the server for each count of workers.
QString freshDatabase(const PostgresServer &server, int number)
{
    const QString connection = QStringLiteral("admin%1").arg(number);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        const QUrl url(server.url());
        db.setHostName(url.host());
        db.setPort(url.port());
        db.setUserName(url.userName());
        db.setDatabaseName(QStringLiteral("postgres"));
        if (!db.open())
            fail(db.lastError().text());
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("CREATE DATABASE shared%1").arg(number)))
            fail(query.lastError().text());
    }
    QSqlDatabase::removeDatabase(connection);
    QString url = server.url();
    url.replace(QStringLiteral("/postgres"), QStringLiteral("/shared%1").arg(number));
    return url;
}

Outcome run(const Settings &s, const QString &db, const QUrl &api, int workers,
    EmbeddingTestServer *server, QTemporaryDir &home)
{
    QMetaObject::invokeMethod(server, [server] { server->reset(); }, Qt::BlockingQueuedConnection);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("BENCH_KEY"), QStringLiteral("sk-bench"));
    const QStringList arguments { QStringLiteral("index"), s.corpus, QStringLiteral("--db"), db,
        QStringLiteral("--provider"), QStringLiteral("openai"), QStringLiteral("--base-url"),
        api.toString() + QStringLiteral("/v1"), QStringLiteral("--model"),
        QStringLiteral("text-embedding-3-small"), QStringLiteral("--dimensions"),
        QStringLiteral("256"), QStringLiteral("--api-key-env"), QStringLiteral("BENCH_KEY"),
        QStringLiteral("--batch-size"), QString::number(s.batchSize),
        QStringLiteral("--concurrency"), QString::number(s.concurrency), QStringLiteral("--quiet"),
        QStringLiteral("--json") };
    QElapsedTimer clock;
    clock.start();
    std::vector<std::unique_ptr<QProcess>> processes;
    for (int i = 0; i < workers; ++i) {
        auto process = std::make_unique<QProcess>();
        process->setProcessEnvironment(env);
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process->start(s.cli, arguments);
        if (!process->waitForStarted())
            fail(QStringLiteral("cannot start ") + s.cli);
        processes.push_back(std::move(process));
    }
    Outcome outcome;
    for (auto &process : processes) {
        if (!process->waitForFinished(-1) || process->exitCode() != 0)
            fail(QStringLiteral("a worker failed"));
        const QJsonObject summary
            = QJsonDocument::fromJson(process->readAllStandardOutput()).object();
        outcome.requests.append(summary.value(QStringLiteral("requests")).toInteger());
        outcome.chunks
            = std::max(outcome.chunks, summary.value(QStringLiteral("chunks")).toInteger());
    }
    outcome.seconds = clock.elapsed() / 1000.0;
    outcome.resent = server->stats().resentInputs;
    return outcome;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption(
        { QStringLiteral("corpus"), QStringLiteral("Folder to index."), QStringLiteral("folder") });
    parser.addOption({ QStringLiteral("workers"), QStringLiteral("Counts of workers to try."),
        QStringLiteral("list"), QStringLiteral("1,2,4") });
    parser.addOption({ QStringLiteral("latency"), QStringLiteral("Server latency (ms)."),
        QStringLiteral("ms"), QStringLiteral("200") });
    parser.addOption({ QStringLiteral("server-slots"),
        QStringLiteral("Requests the server answers at once (its limit)."), QStringLiteral("n"),
        QStringLiteral("8") });
    parser.addOption({ QStringLiteral("batch-size"), QStringLiteral("Inputs per request."),
        QStringLiteral("n"), QStringLiteral("16") });
    parser.addOption({ QStringLiteral("concurrency"), QStringLiteral("Requests per worker."),
        QStringLiteral("n"), QStringLiteral("2") });
    parser.process(app);
    Settings s;
    s.corpus = parser.value(QStringLiteral("corpus"));
    if (s.corpus.isEmpty())
        fail(QStringLiteral("--corpus is required"));
    s.cli = QCoreApplication::applicationDirPath() + QStringLiteral("/../bin/signalhub-cli");
    s.batchSize = parser.value(QStringLiteral("batch-size")).toInt();
    s.concurrency = parser.value(QStringLiteral("concurrency")).toInt();

    PostgresServer postgres;
    if (const QString why = postgres.start(); !why.isEmpty())
        fail(why);
    TestServerConfig config;
    config.dimensions = 256;
    config.setLatency(parser.value(QStringLiteral("latency")).toInt());
    config.maxConcurrency = parser.value(QStringLiteral("server-slots")).toInt();
    TestServerThread api(config);
    if (!api.start())
        fail(QStringLiteral("the test server did not start"));
    QTemporaryDir home;

    std::printf("| workers | wall s | chunks | chunks/s | × 1 worker | requests per worker | texts "
                "sent twice |\n|---|---|---|---|---|---|---|\n");
    double single = 0;
    int number = 0;
    for (const QString &count : parser.value(QStringLiteral("workers")).split(u',')) {
        const int workers = count.toInt();
        const Outcome o
            = run(s, freshDatabase(postgres, ++number), api.baseUrl(), workers, api.server(), home);
        const double rate = o.chunks / o.seconds;
        if (single == 0)
            single = rate;
        QStringList requests;
        for (qint64 r : o.requests)
            requests.append(QString::number(r));
        std::printf("| %d | %.1f | %lld | %.0f | %.2f | %s | %lld |\n", workers, o.seconds,
            o.chunks, rate, rate / single, qPrintable(requests.join(u" / ")), o.resent);
        std::fflush(stdout);
    }
    return 0;
}
