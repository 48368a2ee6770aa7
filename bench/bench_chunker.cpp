// Throughput of the Chunker: highlighting alone, highlighting + chunking with a trivial
// counter, and highlighting + chunking + counting with the estimate counter, on one thread
// and on two (one Repository per thread, as the indexer does). Files are read into memory
// first so that only the CPU work is timed.
//
//   bench_chunker [DIR=/usr/include] [--max-mb N=64] [--threads N=2]
//   bench_chunker --dump FILE [--target N] [--max N]   prints the chunks of one file
#include "chunker.h"
#include "estimatetokencounter.h"
#include "foldinghighlighter.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QThreadPool>
#include <QtConcurrent>
#include <atomic>
#include <cstdio>
#include <ctime>
#include <latch>
#include <memory>

using namespace Qt::StringLiterals;
using namespace SignalHub::Core;

namespace {

struct SourceFile
{
    QString path;
    QByteArray bytes;
};

// Counts nothing worth knowing, cheaply: isolates the chunker's own cost.
class TrivialCounter final : public TokenCounter
{
public:
    QString name() const override { return u"trivial"_s; }
    qsizetype count(QStringView text) const override { return text.size() / 4 + 1; }
    bool isExact() const override { return false; }
};

QList<SourceFile> readFiles(const QString &dir, qint64 maxBytes)
{
    QList<SourceFile> files;
    qint64 total = 0;
    QDirIterator it(dir, QDir::Files | QDir::NoSymLinks, QDirIterator::Subdirectories);
    QStringList paths;
    while (it.hasNext())
        paths.append(it.next());
    paths.sort(); // the same files in the same order on every run
    for (const QString &path : std::as_const(paths)) {
        QFile f(path);
        if (f.size() > 1024 * 1024 || !f.open(QIODevice::ReadOnly))
            continue;
        QByteArray bytes = f.readAll();
        if (bytes.left(8192).contains('\0'))
            continue; // binary, the scanner's business
        total += bytes.size();
        files.append({ path, std::move(bytes) });
        if (total >= maxBytes)
            break;
    }
    return files;
}

// KSyntaxHighlighting promises no thread safety: each worker thread keeps its own.
KSyntaxHighlighting::Repository &threadRepository()
{
    thread_local std::unique_ptr<KSyntaxHighlighting::Repository> repository;
    if (!repository)
        repository = std::make_unique<KSyntaxHighlighting::Repository>();
    return *repository;
}

class HighlightOnly : public FoldingHighlighter
{
public:
    qsizetype run(const QByteArray &bytes)
    {
        const QString text = QString::fromUtf8(bytes);
        QList<QStringView> lines;
        for (const QStringView line : QStringView(text).tokenize(u'\n'))
            lines.append(line);
        return regions(lines).size();
    }
};

enum class Mode
{
    Highlight,
    Chunk,
    ChunkAndCount
};

std::atomic<qint64> g_sink { 0 };

void work(Mode mode, const SourceFile &file)
{
    static const TrivialCounter trivial;
    static const EstimateTokenCounter estimate;
    const auto definition = threadRepository().definitionForFileName(file.path);
    switch (mode) {
    case Mode::Highlight: {
        HighlightOnly highlighter;
        highlighter.setDefinition(definition);
        g_sink += highlighter.run(file.bytes);
        break;
    }
    case Mode::Chunk:
    case Mode::ChunkAndCount: {
        const Chunker chunker(
            mode == Mode::Chunk ? static_cast<const TokenCounter &>(trivial) : estimate);
        g_sink += chunker.chunk(file.path, file.bytes, definition).size();
        break;
    }
    }
}

double cpuSeconds()
{
    timespec ts {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

struct Speed
{
    double wall; // MB/s
    double cpu; // MB per CPU second
};

Speed measure(Mode mode, const QList<SourceFile> &files, int threads, qint64 bytes)
{
    QElapsedTimer timer;
    double cpuStart = 0;
    if (threads <= 1) {
        threadRepository(); // made before timing, as a long-lived worker would have it
        cpuStart = cpuSeconds();
        timer.start();
        for (const SourceFile &file : files)
            work(mode, file);
    } else {
        QThreadPool pool;
        pool.setMaxThreadCount(threads);
        // Each worker makes its Repository outside the timed part: the latch holds every
        // warm-up task until all threads have one, so no thread takes two.
        std::latch ready(threads);
        QtConcurrent::blockingMap(&pool, QList<int>(threads, 0), [&ready](int) {
            threadRepository();
            ready.arrive_and_wait();
        });
        cpuStart = cpuSeconds();
        timer.start();
        QtConcurrent::blockingMap(&pool, files, [mode](const SourceFile &f) { work(mode, f); });
    }
    const double seconds = timer.nsecsElapsed() / 1e9;
    return { bytes / 1e6 / seconds, bytes / 1e6 / (cpuSeconds() - cpuStart) };
}

int dump(const QString &path, int target, int max)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
        return 1;
    }
    const QByteArray bytes = f.readAll();
    const EstimateTokenCounter counter;
    const Chunker chunker(counter, { target, max });
    const auto chunks = chunker.chunk(path, bytes, threadRepository().definitionForFileName(path));
    for (const Chunk &c : chunks) {
        std::printf("=== lines %d-%d cols %d-%d bytes [%lld,%lld) %d tokens %s\n", c.startLine,
            c.endLine, c.startColumn, c.endColumn, c.byteStart, c.byteEnd, c.tokens,
            qPrintable(c.language));
        const QString shown = Chunker::text(bytes, c).left(600);
        std::printf("%s%s", qPrintable(shown), shown.endsWith(u'\n') ? "" : "\n");
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addPositionalArgument(u"dir"_s, u"Folder to read (default /usr/include)"_s);
    parser.addOption({ u"max-mb"_s, u"Read at most this many MB"_s, u"N"_s, u"64"_s });
    parser.addOption({ u"threads"_s, u"Threads of the parallel runs"_s, u"N"_s, u"2"_s });
    parser.addOption({ u"dump"_s, u"Print the chunks of one file"_s, u"FILE"_s });
    parser.addOption({ u"target"_s, u"Target tokens"_s, u"N"_s, u"512"_s });
    parser.addOption({ u"max"_s, u"Max tokens"_s, u"N"_s, u"8191"_s });
    parser.addHelpOption();
    parser.process(app);
    if (parser.isSet(u"dump"_s))
        return dump(parser.value(u"dump"_s), parser.value(u"target"_s).toInt(),
            parser.value(u"max"_s).toInt());

    const QString dir = parser.positionalArguments().value(0, u"/usr/include"_s);
    const QList<SourceFile> files = readFiles(dir, parser.value(u"max-mb"_s).toLongLong() << 20);
    qint64 bytes = 0;
    for (const SourceFile &file : files)
        bytes += file.bytes.size();
    const int threads = parser.value(u"threads"_s).toInt();
    std::printf(
        "%lld files, %.1f MB from %s\n", qint64(files.size()), bytes / 1e6, qPrintable(dir));
    // Wall-clock speed depends on what else the machine runs; MB per CPU second does not.
    std::printf("%-34s %10s %10s %14s %14s\n", "MB/s (wall clock)", "1 thread",
        qPrintable(u"%1 threads"_s.arg(threads)), "MB/CPU-s (1)",
        qPrintable(u"MB/CPU-s (%1)"_s.arg(threads)));
    const QList<QPair<Mode, const char *>> modes = {
        { Mode::Highlight, "highlight only" },
        { Mode::Chunk, "highlight + chunk" },
        { Mode::ChunkAndCount, "highlight + chunk + estimate count" },
    };
    for (const auto &[mode, name] : modes) {
        const Speed single = measure(mode, files, 1, bytes);
        const Speed parallel = measure(mode, files, threads, bytes);
        std::printf("%-34s %10.1f %10.1f %14.1f %14.1f\n", name, single.wall, parallel.wall,
            single.cpu, parallel.cpu);
        std::fflush(stdout);
    }
    return g_sink.load() < 0;
}
