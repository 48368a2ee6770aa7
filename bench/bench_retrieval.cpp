// Retrieval quality of the one search path (Searcher) on queries written by others: the
// manual pages' NAME descriptions against the C library's declarations (see
// make-retrieval-set.py and run-retrieval.sh). Prints recall@k and MRR@k per mode and part,
// and the median and p95 latency of a query.
// Usage: bench_retrieval --db FILE --queries FILE.jsonl --root CORPUS [--k 10]
#include "searcher.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cstdio>

using namespace SignalHub::Core;

namespace {

struct Target
{
    QString path; // absolute
    int line = 0;
};

struct Query
{
    QString text;
    bool heldOut = false;
    QList<Target> targets;
};

struct Score
{
    int queries = 0;
    int found = 0;
    double reciprocalRanks = 0;
};

QList<Query> readQueries(const QString &path, const QString &root)
{
    QFile file(path);
    QList<Query> queries;
    if (!file.open(QIODevice::ReadOnly))
        return queries;
    while (!file.atEnd()) {
        const QJsonObject o = QJsonDocument::fromJson(file.readLine()).object();
        Query query { o.value(u"query").toString(), o.value(u"split").toString() == u"heldout",
            {} };
        for (const QJsonValue &t : o.value(u"targets").toArray())
            query.targets.append(
                Target { QDir(root).absoluteFilePath(t.toObject().value(u"path").toString()),
                    t.toObject().value(u"line").toInt() });
        if (!query.text.isEmpty())
            queries.append(query);
    }
    return queries;
}

bool covers(const QString &path, int startLine, int endLine, const QList<Target> &targets)
{
    return std::any_of(targets.cbegin(), targets.cend(), [&](const Target &t) {
        return t.path == path && t.line >= startLine && t.line <= endLine;
    });
}

// 1-based rank of the first hit that holds a target; 0 when none does.
int rankOf(const QList<SearchHit> &hits, const QList<Target> &targets)
{
    for (qsizetype i = 0; i < hits.size(); ++i) {
        const SearchHit &hit = hits[i];
        if (covers(hit.path, hit.startLine, hit.endLine, targets))
            return int(i + 1);
        for (const SearchLocation &other : hit.alsoAt)
            if (covers(other.path, other.startLine, other.endLine, targets))
                return int(i + 1);
    }
    return 0;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(p * double(values.size())))];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const auto option = [&args](const QString &name, const QString &fallback = {}) {
        const qsizetype at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? args.at(at + 1) : fallback;
    };
    const QString db = option(QStringLiteral("--db"));
    const QString root = option(QStringLiteral("--root"));
    const int k = option(QStringLiteral("--k"), QStringLiteral("10")).toInt();
    const QList<Query> queries = readQueries(option(QStringLiteral("--queries")), root);
    if (db.isEmpty() || root.isEmpty() || queries.isEmpty() || k <= 0) {
        fprintf(stderr,
            "usage: bench_retrieval --db FILE --queries FILE.jsonl --root CORPUS "
            "[--k 10]\n");
        return 2;
    }

    Searcher searcher(db);
    printf(
        "| mode | part | queries | recall@%d | MRR@%d | p50 ms | p95 ms |\n|---|---|---:|---:|---:|"
        "---:|---:|\n",
        k, k);
    const std::pair<Searcher::Mode, const char *> modes[] = { { Searcher::Mode::Vector, "vector" },
        { Searcher::Mode::Keyword, "keyword" }, { Searcher::Mode::Hybrid, "hybrid" } };
    for (const auto &[mode, name] : modes) {
        Score parts[2];
        std::vector<double> latencies;
        for (const Query &query : queries) {
            Searcher::Request request;
            request.query = query.text;
            request.k = k;
            request.mode = mode;
            QElapsedTimer timer;
            timer.start();
            const auto answer = searcher.search(request);
            latencies.push_back(double(timer.nsecsElapsed()) / 1e6);
            if (!answer) {
                fprintf(stderr, "%s\n", qPrintable(answer.errorMessage()));
                return 1;
            }
            Score &score = parts[query.heldOut ? 1 : 0];
            const int rank = rankOf(answer->hits, query.targets);
            score.queries += 1;
            score.found += rank > 0 ? 1 : 0;
            score.reciprocalRanks += rank > 0 ? 1.0 / rank : 0;
        }
        for (int part = 0; part < 2; ++part) {
            const Score &s = parts[part];
            printf("| %s | %s | %d | %.3f | %.3f | %.1f | %.1f |\n", name,
                part ? "held-out" : "tune", s.queries, double(s.found) / std::max(s.queries, 1),
                s.reciprocalRanks / std::max(s.queries, 1), percentile(latencies, 0.5),
                percentile(latencies, 0.95));
        }
    }
    return 0;
}
