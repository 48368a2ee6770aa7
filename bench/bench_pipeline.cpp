// Indexing throughput before any embedding: scan + read + chunk + count, the way the index
// worker does it (Scanner::scanAll, then FileChunker::read on the global thread pool in groups
// of 32 files), against syntax highlighting alone of the same files in the same run (read +
// UTF-8 decode + FoldingHighlighter on the same pool), the floor of what chunking can cost.
//
//   bench_pipeline [DIR=/usr/include] [--rounds N=2] [--only MODE]
//
// Each round runs every mode once, in turn; the best of the rounds is kept (2 shared cores).
// After the rounds, each real counter runs once more behind a meter (not timed): how many
// count() calls the chunker makes and how much text they pass, per UTF-16 unit of the files.
// --only runs one mode once and nothing else (none, highlight, estimate, cl100k, wordpiece),
// for bench/callgrind-pipeline.sh: "none" is the set-up every run shares, to subtract.
#include "chunker.h"
#include "estimatetokencounter.h"
#include "filechunker.h"
#include "foldinghighlighter.h"
#include "runplan.h"
#include "runsettings.h"
#include "scanner.h"
#include "tokencounter.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QThreadPool>
#include <QtConcurrentMap>
#include <atomic>
#include <cstdio>
#include <ctime>
#include <memory>

using namespace Qt::StringLiterals;
using namespace SignalHub::Core;

namespace {

std::atomic<qint64> g_sink { 0 };

KSyntaxHighlighting::Repository &threadRepository()
{
    thread_local KSyntaxHighlighting::Repository repository;
    return repository;
}

double cpuSeconds()
{
    timespec ts {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

// Passes every call through and counts calls and UTF-16 units passed to count(). With
// addsUp false it hides TokenCounter::addsUpAcross(), so the chunker counts each chunk again
// as a whole, as it did before it added line counts up (the "recount" modes).
class MeteredCounter : public TokenCounter
{
public:
    explicit MeteredCounter(
        std::shared_ptr<const TokenCounter> inner, bool addsUp = true, bool meter = true)
        : m_inner(std::move(inner))
        , m_addsUp(addsUp)
        , m_meter(meter)
    { }
    QString name() const override { return m_inner->name(); }
    qsizetype count(QStringView text) const override
    {
        if (m_meter) {
            m_calls.fetch_add(1, std::memory_order_relaxed);
            m_units.fetch_add(text.size(), std::memory_order_relaxed);
        }
        return m_inner->count(text);
    }
    bool isExact() const override { return m_inner->isExact(); }
    bool addsUpAcross(QStringView line, QStringView next) const override
    {
        return m_addsUp && m_inner->addsUpAcross(line, next);
    }

    mutable std::atomic<qint64> m_calls { 0 };
    mutable std::atomic<qint64> m_units { 0 };

private:
    std::shared_ptr<const TokenCounter> m_inner;
    bool m_addsUp = true;
    bool m_meter = true;
};

struct Speed
{
    double seconds = 0;
    double cpu = 0;
    qint64 chunks = 0;
};

struct Mode
{
    const char *key; // for --only
    const char *name;
    std::shared_ptr<const TokenCounter> counter; // null: highlighting alone
    int chunkTokens = 0;
    int maxTokens = 0;
    bool recount = false; // each chunk counted again as a whole (before addsUpAcross)
};

Speed highlightOnly(const QList<ScannedFile> &files)
{
    QElapsedTimer timer;
    const double cpu0 = cpuSeconds();
    timer.start();
    QtConcurrent::blockingMap(files, [](const ScannedFile &file) {
        QFile f(file.absolutePath);
        if (!f.open(QIODevice::ReadOnly))
            return;
        const QString text = QString::fromUtf8(f.readAll());
        QList<QStringView> lines;
        for (const QStringView line : QStringView(text).tokenize(u'\n'))
            lines.append(line);
        FoldingHighlighter highlighter;
        highlighter.setDefinition(threadRepository().definitionForName(file.language));
        g_sink += highlighter.regions(lines).size();
    });
    return { timer.nsecsElapsed() / 1e9, cpuSeconds() - cpu0, 0 };
}

// As IndexWorker::scan() + processGroup(): the scan is part of the timed work.
Speed scanChunkCount(const QString &dir, const Chunker &chunker)
{
    QElapsedTimer timer;
    const double cpu0 = cpuSeconds();
    timer.start();
    Scanner scanner;
    QList<ScannedFile> files = scanner.scanAll({ dir });
    files.removeIf([](const ScannedFile &f) { return !f.isIndexed(); });
    const FileChunker reader(chunker);
    qint64 chunks = 0;
    constexpr qsizetype Group = 32;
    for (qsizetype start = 0; start < files.size(); start += Group) {
        const QList<FileChunker::File> chunked
            = QtConcurrent::blockingMapped<QList<FileChunker::File>>(
                files.mid(start, Group), [&reader](const ScannedFile &f) {
                    return reader.read(f.absolutePath, f.language);
                });
        for (const FileChunker::File &file : chunked)
            chunks += file.chunks.size();
    }
    return { timer.nsecsElapsed() / 1e9, cpuSeconds() - cpu0, chunks };
}

int runOnly(const QString &key, const QList<Mode> &modes, const QList<ScannedFile> &files,
    const QString &dir)
{
    if (key == u"none")
        return 0;
    for (const Mode &mode : modes) {
        if (key != QLatin1StringView(mode.key))
            continue;
        const Speed speed = mode.counter
            ? scanChunkCount(dir,
                  Chunker(*mode.counter, Chunker::Options { mode.chunkTokens, mode.maxTokens }))
            : highlightOnly(files);
        std::printf("%s: %.2f s, %.2f CPU-s, %lld chunks\n", mode.name, speed.seconds, speed.cpu,
            speed.chunks);
        return 0;
    }
    std::fprintf(stderr, "unknown mode %s\n", qPrintable(key));
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addPositionalArgument(u"dir"_s, u"Folder (default /usr/include)"_s);
    parser.addOption({ u"rounds"_s, u"Rounds (best kept)"_s, u"n"_s, u"2"_s });
    parser.addOption({ u"only"_s,
        u"Run one mode once: none, highlight, estimate, cl100k or wordpiece"_s, u"mode"_s });
    parser.process(app);
    const QString dir = parser.positionalArguments().value(0, u"/usr/include"_s);
    const int rounds = std::max(1, parser.value(u"rounds"_s).toInt());

    // The files the scanner indexes, read once so the page cache is warm for every mode.
    Scanner scanner;
    QList<ScannedFile> files = scanner.scanAll({ dir });
    files.removeIf([](const ScannedFile &f) { return !f.isIndexed(); });
    qint64 bytes = 0;
    qint64 units = 0;
    for (const ScannedFile &file : std::as_const(files)) {
        QFile f(file.absolutePath);
        if (f.open(QIODevice::ReadOnly)) {
            const QByteArray all = f.readAll();
            bytes += all.size();
            units += QString::fromUtf8(all).size();
        }
    }
    // Each pool thread builds its syntax repository before the clock starts, as a long run has.
    QtConcurrent::blockingMap(QList<int>(QThreadPool::globalInstance()->maxThreadCount() * 4, 0),
        [](int) { threadRepository().definitionForName(u"C++"_s); });

    QList<Mode> modes { { "highlight", "highlight only (read + decode + fold)", nullptr },
        { "estimate", "scan + chunk + estimate count (bytes / 2.5)",
            std::make_shared<EstimateTokenCounter>(), 512, 8191 } };
    for (const QString &provider : { u"openai"_s, u"local"_s }) {
        RunSettings settings;
        settings.provider = *providerFromName(provider);
        if (provider == u"openai")
            settings.model = u"text-embedding-3-small"_s;
        const auto plan = RunPlan::make(settings, {});
        if (!plan) {
            std::fprintf(stderr, "%s\n", qPrintable(plan.errorMessage()));
            return 2;
        }
        const std::shared_ptr<const TokenCounter> counter = plan->tokenCounter();
        const ProviderLimits limits = plan->limits();
        const int chunkTokens = plan->chunkerOptions().targetTokens;
        const bool openai = provider == u"openai";
        modes.append({ openai ? "cl100k" : "wordpiece",
            openai ? "scan + chunk + count, cl100k, 512 tokens"
                   : "scan + chunk + count, WordPiece, 254",
            counter, chunkTokens, limits.maxTokensPerInput });
        modes.append({ "",
            openai ? "  the same, chunks counted again (before)"
                   : "  the same, chunks counted again (before) ",
            std::make_shared<MeteredCounter>(counter, false, false), chunkTokens,
            limits.maxTokensPerInput, true });
    }
    if (parser.isSet(u"only"_s)) {
        std::printf("%lld files indexed, %lld bytes\n", qint64(files.size()), bytes);
        return runOnly(parser.value(u"only"_s), modes, files, dir);
    }

    std::printf("%lld files indexed, %.1f MB, %d pool threads, best of %d rounds\n",
        qint64(files.size()), bytes / 1e6, QThreadPool::globalInstance()->maxThreadCount(), rounds);
    QList<Speed> best(modes.size());
    for (int round = 0; round < rounds; ++round) {
        for (qsizetype m = 0; m < modes.size(); ++m) {
            Speed speed;
            if (!modes[m].counter) {
                speed = highlightOnly(files);
                QElapsedTimer scanTimer;
                scanTimer.start();
                Scanner again;
                const qsizetype found = again.scanAll({ dir }).size();
                std::printf("  round %d %-42s %6.2f s  (%lld entries)\n", round + 1, "scan alone",
                    scanTimer.nsecsElapsed() / 1e9, qint64(found));
            } else {
                const Chunker chunker(*modes[m].counter,
                    Chunker::Options { modes[m].chunkTokens, modes[m].maxTokens });
                speed = scanChunkCount(dir, chunker);
            }
            std::printf("  round %d %-42s %6.2f s  %6.1f MB/s  %6.1f MB/CPU-s  %lld chunks\n",
                round + 1, modes[m].name, speed.seconds, bytes / 1e6 / speed.seconds,
                bytes / 1e6 / speed.cpu, speed.chunks);
            std::fflush(stdout);
            if (best[m].seconds == 0 || speed.seconds < best[m].seconds)
                best[m] = speed;
        }
    }
    std::printf("\n%-44s %8s %10s %8s %10s\n", "best", "MB/s", "MB/CPU-s", "ratio", "ratio CPU");
    for (qsizetype m = 0; m < modes.size(); ++m)
        std::printf("%-44s %8.1f %10.1f %8.2f %10.2f\n", modes[m].name,
            bytes / 1e6 / best[m].seconds, bytes / 1e6 / best[m].cpu,
            best[0].seconds / best[m].seconds, best[0].cpu / best[m].cpu);
    std::printf("\n%-44s %8s %14s %14s\n", "metered (once, not timed)", "calls", "calls per kB",
        "units / file");
    for (qsizetype m = 2; m < modes.size(); ++m) {
        const auto metered = std::make_shared<MeteredCounter>(modes[m].counter, !modes[m].recount);
        const Chunker chunker(
            *metered, Chunker::Options { modes[m].chunkTokens, modes[m].maxTokens });
        scanChunkCount(dir, chunker);
        std::printf("%-44s %8lld %14.2f %14.3f\n", modes[m].name, qint64(metered->m_calls.load()),
            metered->m_calls.load() * 1e3 / bytes, double(metered->m_units.load()) / double(units));
    }
    return g_sink.load() < 0;
}
