// Throughput of the built-in model (MiniLmEmbedder) against what the machine's cores can do.
//
//   bench_minilm [--threads N] [--batch N] [--seconds S]
//
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
#include <sys/resource.h>

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
        QStringLiteral("N"), QStringLiteral("32") });
    parser.addOption({ QStringLiteral("seconds"), QStringLiteral("Seconds per case."),
        QStringLiteral("S"), QStringLiteral("20") });
    parser.process(app);
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
    auto created = MiniLmEmbedder::create(threads);
    if (!created) {
        std::fprintf(stderr, "%s\n", qPrintable(created.errorMessage()));
        return 1;
    }
    MiniLmEmbedder &embedder = **created;
    embedder.setMaxBatchSize(batch);
    std::printf("model loaded: peak RSS %.0f MiB (%.0f MiB before)\n", peakRssKiB() / 1024.0,
        rssBefore / 1024.0);
    std::printf("threads %d, batch %d, %.0f s per length\n", threads, batch, seconds);

    for (const auto &[length, gflop] :
        { std::pair { 128, GflopPer128 }, std::pair { 256, GflopPer256 } }) {
        const Throughput result
            = measure(embedder, randomChunks(batch, length, length, quint32(length)), seconds);
        const auto percent
            = [&](double chunksPerSecond) { return 100 * chunksPerSecond * gflop / peak; };
        std::printf("%d tokens: %.1f chunks/s (%.0f%% of peak); fastest batch %.1f (%.0f%%); "
                    "by CPU time %.1f (%.0f%%); peak RSS %.0f MiB\n",
            length, result.meanChunksPerSecond, percent(result.meanChunksPerSecond),
            result.bestChunksPerSecond, percent(result.bestChunksPerSecond),
            result.cpuChunksPerSecond, percent(result.cpuChunksPerSecond),
            result.peakRssKiB / 1024.0);
    }
    // What indexing sees: lengths spread over 16..256, grouped by length inside embed().
    const Throughput mixed = measure(embedder, randomChunks(8 * batch, 16, 256, 1), seconds);
    std::printf("mixed 16-256 tokens, %d per call: %.1f chunks/s; by CPU time %.1f; peak RSS "
                "%.0f MiB\n",
        8 * batch, mixed.meanChunksPerSecond, mixed.cpuChunksPerSecond, mixed.peakRssKiB / 1024.0);
    std::printf("load average (1 min) at end: %s\n", qPrintable(loadAverage()));
    return 0;
}
