// The team store's HNSW index against an exact scan, on real vectors: an index that
// `signalhub-cli index` made into an SQLite file (the built-in model's vectors of real code) is
// copied into a PostgreSQL server of the bench's own, then each query vector (a stored text's,
// that text left out of both answers) is searched both ways. Prints recall@10 and the latency
// per query for each ef_search, as a table for bench/RESULTS.md.
//
//   bench_pgvector --db FILE [--queries 200] [--ef 40,100,200]

#include "indextransfer.h"
#include "pgschema.h"
#include "postgresserver.h"
#include "storelocation.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <algorithm>
#include <cstdio>

using namespace SignalHub::Core;

namespace {

constexpr int K = 10;

struct Space
{
    qint64 id = 0;
    int dimensions = 0;
    qint64 vectors = 0;
};

[[noreturn]] void fail(const QString &message)
{
    std::fprintf(stderr, "bench_pgvector: %s\n", qPrintable(message));
    std::exit(1);
}

void exec(QSqlQuery &query, const QString &sql)
{
    if (!query.exec(sql))
        fail(sql + u": " + query.lastError().text());
}

// The K nearest texts to `vector` but `self`, by the query `ordered` (a format with the vector).
QList<qint64> nearest(QSqlQuery &query, const QString &ordered, const QString &vector, qint64 self)
{
    exec(query, ordered.arg(vector).arg(K + 1));
    QList<qint64> ids;
    while (query.next() && ids.size() < K) {
        if (const qint64 id = query.value(0).toLongLong(); id != self)
            ids.append(id);
    }
    return ids;
}

double percentile(QList<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values[qsizetype(p * double(values.size() - 1))];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCommandLineParser parser;
    parser.addOption(
        { QStringLiteral("db"), QStringLiteral("SQLite index to copy."), QStringLiteral("FILE") });
    parser.addOption({ QStringLiteral("queries"), QStringLiteral("Query vectors."),
        QStringLiteral("N"), QStringLiteral("200") });
    parser.addOption({ QStringLiteral("ef"), QStringLiteral("ef_search values."),
        QStringLiteral("LIST"), QStringLiteral("40,100,200") });
    parser.process(app);
    if (!parser.isSet(QStringLiteral("db")))
        fail(QStringLiteral("--db FILE is required"));

    PostgresServer server;
    if (const QString why = server.start(); !why.isEmpty())
        fail(why);
    QElapsedTimer timer;
    timer.start();
    const auto copied = IndexTransfer::copy(parser.value(QStringLiteral("db")), server.url(), {});
    if (!copied)
        fail(copied.errorMessage());
    const double copySeconds = timer.elapsed() / 1000.0;

    QSqlDatabase db
        = StoreLocation::parse(server.url()).value().postgresConnection(QStringLiteral("bench"));
    if (!db.open())
        fail(db.lastError().text());
    QSqlQuery query(db);
    exec(query, QStringLiteral("SET search_path TO signalhub, public"));
    exec(query,
        QStringLiteral("SELECT s.id, s.dimensions, count(*) FROM spaces s JOIN embeddings e ON "
                       "e.space_id = s.id GROUP BY s.id ORDER BY count(*) DESC LIMIT 1"));
    if (!query.next())
        fail(QStringLiteral("the index holds no vectors"));
    const Space space { query.value(0).toLongLong(), query.value(1).toInt(),
        query.value(2).toLongLong() };
    exec(query, QStringLiteral("ANALYZE embeddings"));

    // The same query vectors every run.
    exec(query, QStringLiteral("SELECT setseed(0.42)"));
    exec(query,
        QStringLiteral("SELECT text_id, vector::text FROM embeddings WHERE space_id = %1 ORDER "
                       "BY random() LIMIT %2")
            .arg(space.id)
            .arg(parser.value(QStringLiteral("queries")).toInt()));
    QList<std::pair<qint64, QString>> queries;
    while (query.next())
        queries.append({ query.value(0).toLongLong(), query.value(1).toString() });

    // Not the indexed expression, and in full precision: the planner can only scan.
    const QString exact
        = QStringLiteral("SELECT text_id FROM embeddings WHERE space_id = %1 "
                         "ORDER BY vector <=> '%2'::vector LIMIT %3")
              .arg(QString::number(space.id), QStringLiteral("%1"), QStringLiteral("%2"));
    const QString indexed
        = QStringLiteral("SELECT text_id FROM embeddings WHERE space_id = %1 ORDER BY %2 <=> "
                         "'%3'::%4 LIMIT %5")
              .arg(QString::number(space.id), PgSchema::vectorExpression(space.dimensions),
                  QStringLiteral("%1"), PgSchema::indexedType(space.dimensions),
                  QStringLiteral("%2"));
    exec(query, QStringLiteral("EXPLAIN ") + indexed.arg(queries.first().second).arg(K));
    QString plan;
    while (query.next())
        plan += query.value(0).toString() + u'\n';
    if (!plan.contains(u"hnsw"))
        fail(QStringLiteral("the HNSW index is not used:\n") + plan);

    QList<QList<qint64>> truth;
    QList<double> exactMs;
    for (const auto &[self, vector] : std::as_const(queries)) {
        timer.restart();
        truth.append(nearest(query, exact, vector, self));
        exactMs.append(timer.nsecsElapsed() / 1e6);
    }
    std::printf("%lld vectors of %d dimensions, %lld queries, copied in %.1f s\n\n", space.vectors,
        space.dimensions, qlonglong(queries.size()), copySeconds);
    std::printf("| search | recall@10 | median ms | p95 ms | median vs exact |\n");
    std::printf("|---|---|---|---|---|\n");
    const double exactMedian = percentile(exactMs, 0.5);
    std::printf(
        "| exact scan | 1.000 | %.2f | %.2f | 1.00 |\n", exactMedian, percentile(exactMs, 0.95));
    for (const QString &ef : parser.value(QStringLiteral("ef")).split(u',')) {
        exec(query, QStringLiteral("SET hnsw.ef_search = %1").arg(ef.toInt()));
        QList<double> ms;
        double found = 0;
        for (qsizetype i = 0; i < queries.size(); ++i) {
            timer.restart();
            const QList<qint64> ids = nearest(query, indexed, queries[i].second, queries[i].first);
            ms.append(timer.nsecsElapsed() / 1e6);
            const QSet<qint64> expected(truth[i].cbegin(), truth[i].cend());
            found += double(std::count_if(ids.cbegin(), ids.cend(), [&expected](qint64 id) {
                return expected.contains(id);
            })) / double(std::max<qsizetype>(1, truth[i].size()));
        }
        const double median = percentile(ms, 0.5);
        std::printf("| HNSW, ef_search %d | %.3f | %.2f | %.2f | %.2f |\n", ef.toInt(),
            found / double(queries.size()), median, percentile(ms, 0.95), median / exactMedian);
    }
    // The server shuts down smartly: it waits for its clients to go first.
    query = QSqlQuery();
    db.close();
    return 0;
}
