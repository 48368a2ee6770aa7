// Throughput of the built-in model (MiniLmEmbedder) against what the machine's cores can do.
//
//   bench_minilm [--threads N] [--batch N] [--seconds S] [--precision fp32|int8|both]
//
// With both precisions (the default), each case runs the exact (fp32) and the fast (int8)
// model in turns, half the time each twice, and prints the int8/fp32 ratio of that run; peak
// RSS then counts both models, so a memory figure of one model needs --precision.
// Chunks are random vocabulary ids (1000..28999) framed by [CLS] ... [SEP], 128 and 256 ids
// long, then a mix of 16..256 (what indexing sees). The fp32 peak is 2 cores x 2 FMA pipes x 8
// floats x 2 flops x the core clock; the clock comes from a chain of dependent FMAs (4 cycles each
// on Zen 2-5 and Intel since Skylake), cross-checked by a chain of dependent integer adds (1 cycle
// each). Takes about 3 x --seconds.
#include "minilmembedder.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <cstdio>
#include <immintrin.h>
#include <memory>
#include <sys/resource.h>
#include <vector>

using SignalHub::Core::MiniLmEmbedder;

namespace {

constexpr double FmaLatencyCycles = 4;
constexpr int Cores = 2;
constexpr int FmaPipes = 2;
constexpr int FloatsPerFma = 8; // AVX2; Zen 4 runs AVX-512 FMAs at the same flop rate
// Multiply-adds of all-MiniLM-L6-v2 (6 layers, hidden 384, FFN 1536) with attention, x2.
constexpr double GflopPer128 = 2.87;
constexpr double GflopPer256 = 6.04;

__attribute__((target("avx2,fma"))) double fmaChainSeconds(long iterations)
{
    __m256 acc = _mm256_set1_ps(1.0f);
    const __m256 scale = _mm256_set1_ps(0.999999f);
    const __m256 offset = _mm256_set1_ps(1e-7f);
    QElapsedTimer timer;
    timer.start();
    for (long i = 0; i < iterations; ++i) {
        // Eight per round so the loop's own instructions hide under the chain's latency.
        acc = _mm256_fmadd_ps(acc, scale, offset);
        acc = _mm256_fmadd_ps(acc, scale, offset);
        acc = _mm256_fmadd_ps(acc, scale, offset);
        acc = _mm256_fmadd_ps(acc, scale, offset);
        acc = _mm256_fmadd_ps(acc, scale, offset);
        acc = _mm256_fmadd_ps(acc, scale, offset);
        acc = _mm256_fmadd_ps(acc, scale, offset);
        acc = _mm256_fmadd_ps(acc, scale, offset);
    }
    const double seconds = timer.nsecsElapsed() / 1e9;
    alignas(32) float sink[8];
    _mm256_store_ps(sink, acc);
    if (sink[0] == 42.0f) // keeps the chain alive
        std::puts("");
    return seconds;
}

double addChainSeconds(long iterations)
{
    long value = 0;
    QElapsedTimer timer;
    timer.start();
    for (long i = 0; i < iterations; ++i) {
        // Eight dependent 1-cycle adds per round; asm so the compiler cannot fold them.
        asm volatile("add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\t"
                     "add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0"
            : "+r"(value));
    }
    return timer.nsecsElapsed() / 1e9;
}

// Best of many short runs: a busy neighbour only ever makes a run slower, and a run of a few
// milliseconds often fits between two of its time slices.
template<typename Chain> double clockGHz(Chain chain, double cyclesPerOp)
{
    constexpr long Iterations = 250'000; // 2 M ops, ~2 ms of FMAs at 4 GHz
    double best = 1e9;
    for (int run = 0; run < 300; ++run)
        best = std::min(best, chain(Iterations));
    return Iterations * 8 * cyclesPerOp / best / 1e9;
}

// User + system CPU seconds of the whole process so far.
double cpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval &t) { return t.tv_sec + t.tv_usec / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

long peakRssKiB()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(file.readAll().split(' ').value(0));
}

QList<QList<qint32>> randomChunks(int count, int minLength, int maxLength, quint32 seed)
{
    QRandomGenerator random(seed);
    QList<QList<qint32>> chunks;
    for (int i = 0; i < count; ++i) {
        const int length = random.bounded(minLength, maxLength + 1);
        QList<qint32> ids { 101 };
        while (ids.size() < length - 1)
            ids.append(qint32(random.bounded(1000, 29000)));
        ids.append(102);
        chunks.append(ids);
    }
    return chunks;
}

struct Throughput
{
    double meanChunksPerSecond = 0;
    double bestChunksPerSecond = 0; // the fastest call: closest to a machine with no neighbours
    // Chunks per CPU-second of this process times the cores: the wall-clock rate it would reach
    // with both cores to itself, if neighbours only take time slices (they also take caches).
    double cpuChunksPerSecond = 0;
    long peakRssKiB = 0;
};

// Calls embed() on the same chunks for `seconds`, at least twice.
Throughput measure(
    const MiniLmEmbedder &embedder, const QList<QList<qint32>> &chunks, double seconds)
{
    const auto check = [](const auto &result) {
        if (!result) {
            std::fprintf(stderr, "%s\n", qPrintable(result.errorMessage()));
            std::exit(1);
        }
    };
    check(embedder.embed(chunks)); // warm-up: the first call sizes ONNX Runtime's buffers
    long done = 0;
    double bestSeconds = 1e9;
    const double cpuBefore = cpuSeconds();
    QElapsedTimer total;
    total.start();
    for (int call = 0; call < 2 || total.elapsed() < seconds * 1000; ++call) {
        QElapsedTimer timer;
        timer.start();
        check(embedder.embed(chunks));
        bestSeconds = std::min(bestSeconds, timer.nsecsElapsed() / 1e9);
        done += chunks.size();
    }
    return { done / (total.nsecsElapsed() / 1e9), chunks.size() / bestSeconds,
        done * Cores / (cpuSeconds() - cpuBefore), peakRssKiB() };
}

struct Model
{
    const char *name;
    std::unique_ptr<MiniLmEmbedder> embedder;
};

// Each model in turn, twice, so that a change in what the neighbours do hits both alike.
QList<Throughput> measureInTurns(
    const std::vector<Model> &models, const QList<QList<qint32>> &chunks, double seconds)
{
    QList<Throughput> results(qsizetype(models.size()));
    for (int round = 0; round < 2; ++round) {
        for (size_t i = 0; i < models.size(); ++i) {
            const Throughput t = measure(*models[i].embedder, chunks, seconds / 2);
            results[qsizetype(i)].meanChunksPerSecond += t.meanChunksPerSecond / 2;
            results[qsizetype(i)].cpuChunksPerSecond += t.cpuChunksPerSecond / 2;
            results[qsizetype(i)].bestChunksPerSecond
                = std::max(results[qsizetype(i)].bestChunksPerSecond, t.bestChunksPerSecond);
            results[qsizetype(i)].peakRssKiB = t.peakRssKiB;
        }
    }
    return results;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("MiniLM throughput against the fp32 peak"));
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("threads"), QStringLiteral("Intra-op threads."),
        QStringLiteral("N"), QStringLiteral("2") });
    parser.addOption({ QStringLiteral("batch"), QStringLiteral("Sequences per batch."),
        QStringLiteral("N"), QString::number(MiniLmEmbedder::DefaultMaxBatchSize) });
    parser.addOption({ QStringLiteral("seconds"), QStringLiteral("Seconds per case."),
        QStringLiteral("S"), QStringLiteral("20") });
    parser.addOption({ QStringLiteral("precision"), QStringLiteral("fp32, int8 or both."),
        QStringLiteral("P"), QStringLiteral("both") });
    parser.process(app);
    const QString precision = parser.value(QStringLiteral("precision"));
    const int threads = parser.value(QStringLiteral("threads")).toInt();
    const int batch = parser.value(QStringLiteral("batch")).toInt();
    const double seconds = parser.value(QStringLiteral("seconds")).toDouble();

    const double fmaClock = clockGHz(fmaChainSeconds, FmaLatencyCycles);
    const double addClock = clockGHz(addChainSeconds, 1);
    const double peak = Cores * FmaPipes * FloatsPerFma * 2 * fmaClock;
    std::printf("load average (1 min) at start: %s\n", qPrintable(loadAverage()));
    std::printf("core clock: %.2f GHz from dependent FMAs, %.2f GHz from dependent adds\n",
        fmaClock, addClock);
    std::printf("fp32 peak: %.0f GFLOP/s (%d cores x %d FMA x %d floats x 2 x %.2f GHz)\n", peak,
        Cores, FmaPipes, FloatsPerFma, fmaClock);

    const long rssBefore = peakRssKiB();
    std::vector<Model> models;
    for (const auto &[name, kind] : { std::pair { "fp32", MiniLmEmbedder::Precision::Float32 },
             std::pair { "int8", MiniLmEmbedder::Precision::Int8 } }) {
        if (precision != u"both" && precision != QLatin1StringView(name))
            continue;
        auto created = MiniLmEmbedder::create(threads, kind);
        if (!created) {
            std::fprintf(stderr, "%s\n", qPrintable(created.errorMessage()));
            return 1;
        }
        (*created)->setMaxBatchSize(batch);
        models.push_back({ name, std::move(*created) });
    }
    if (models.empty()) {
        std::fprintf(stderr, "--precision is fp32, int8 or both\n");
        return 2;
    }
    std::printf("models loaded: peak RSS %.0f MiB (%.0f MiB before)\n", peakRssKiB() / 1024.0,
        rssBefore / 1024.0);
    std::printf("threads %d, batch %d, %.0f s per length\n", threads, batch, seconds);

    for (const auto &[length, gflop] :
        { std::pair { 128, GflopPer128 }, std::pair { 256, GflopPer256 } }) {
        const QList<Throughput> results
            = measureInTurns(models, randomChunks(batch, length, length, quint32(length)), seconds);
        const auto percent
            = [&](double chunksPerSecond) { return 100 * chunksPerSecond * gflop / peak; };
        for (size_t i = 0; i < models.size(); ++i) {
            const Throughput &result = results[qsizetype(i)];
            std::printf("%s, %d tokens: %.1f chunks/s (%.0f%% of fp32 peak); fastest batch %.1f "
                        "(%.0f%%); by CPU time %.1f (%.0f%%); peak RSS %.0f MiB\n",
                models[i].name, length, result.meanChunksPerSecond,
                percent(result.meanChunksPerSecond), result.bestChunksPerSecond,
                percent(result.bestChunksPerSecond), result.cpuChunksPerSecond,
                percent(result.cpuChunksPerSecond), result.peakRssKiB / 1024.0);
        }
        if (models.size() == 2)
            std::printf("int8/fp32 at %d tokens: %.2f (mean), %.2f (by CPU time)\n", length,
                results[1].meanChunksPerSecond / results[0].meanChunksPerSecond,
                results[1].cpuChunksPerSecond / results[0].cpuChunksPerSecond);
    }
    // What indexing sees: lengths spread over 16..256, grouped by length inside embed().
    const QList<Throughput> mixed
        = measureInTurns(models, randomChunks(8 * batch, 16, 256, 1), seconds);
    for (size_t i = 0; i < models.size(); ++i)
        std::printf("%s, mixed 16-256 tokens, %d per call: %.1f chunks/s; by CPU time %.1f\n",
            models[i].name, 8 * batch, mixed[qsizetype(i)].meanChunksPerSecond,
            mixed[qsizetype(i)].cpuChunksPerSecond);
    std::printf("load average (1 min) at end: %s\n", qPrintable(loadAverage()));
    return 0;
}
