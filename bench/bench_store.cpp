// Writes N chunks with 1536-d vectors through StoreWriter, as the indexer does (one writeFile
// and one storeEmbeddings job per 20-chunk file, a request record per 100 chunks), and reports
// rows/s, database bytes per chunk against the raw vector bytes, bytes written to disk against
// the final size, and peak RSS. Usage: bench_store [--dir DIR] [N…]   (default: 20000 200000)
#include "storereader.h"
#include "storewriter.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <cstdio>
#include <deque>

using namespace SignalHub::Core;

namespace {

constexpr int Dims = 1536;
constexpr int ChunksPerFile = 20;
constexpr int MaxOutstanding = 64; // like the indexer's bounded in-flight window

qint64 procValue(const char *file, const QByteArray &key)
{
    QFile f(QString::fromLatin1(file));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(QByteArray(key + ':')))
            return line.mid(key.size() + 1).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

struct Figures
{
    int chunks = 0;
    double seconds = 0;
    qint64 dbBytes = 0;
    qint64 writeBytes = 0;
    qint64 wchar = 0;
    qint64 peakRssKb = 0;
    double lookupSeconds = 0;
    int found = 0;
    double streamSeconds = 0;
    int streamed = 0;
    double writerCpuSeconds = 0;
    double writerUserSeconds = 0;
};

// The task directory of the live thread named `name` (the writer names its thread
// "StoreWriter"), or an empty string.
QString threadDir(const QByteArray &name)
{
    const QStringList tids
        = QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &tid : tids) {
        QFile comm(QStringLiteral("/proc/self/task/%1/comm").arg(tid));
        if (comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == name)
            return QStringLiteral("/proc/self/task/%1").arg(tid);
    }
    return {};
}

// User-mode CPU seconds of that thread (utime, 1/100 s): the statements' own cost, without
// the kernel's write() and page-fault time that varies with the other load on the machine.
double threadUserSeconds(const QByteArray &name)
{
    QFile f(threadDir(name) + QStringLiteral("/stat"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray stat = f.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    return fields.size() > 11 ? fields[11].toLongLong() / 100.0 : -1;
}

// On-CPU nanoseconds of the live thread named `name`, from /proc/self/task/*/schedstat; -1
// when there is none.
qint64 threadCpuNs(const QByteArray &name)
{
    const QStringList tids
        = QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &tid : tids) {
        QFile comm(QStringLiteral("/proc/self/task/%1/comm").arg(tid));
        if (!comm.open(QIODevice::ReadOnly) || comm.readAll().trimmed() != name)
            continue;
        QFile stat(QStringLiteral("/proc/self/task/%1/schedstat").arg(tid));
        if (!stat.open(QIODevice::ReadOnly))
            return -1;
        return stat.readAll().split(' ').first().toLongLong();
    }
    return -1;
}

QByteArray hashOf(int i)
{
    return QCryptographicHash::hash(
        QByteArray(QByteArray::number(i) + "bench"), QCryptographicHash::Sha256);
}

// The dedupe before sending: which of all the texts already have a vector.
bool lookUpAll(const QString &path, int chunks, Figures &out)
{
    auto reader = StoreReader::open(path);
    if (!reader)
        return false;
    const auto space = (*reader)->lastRunSpace();
    if (!space || !space->has_value())
        return false;
    QList<QByteArray> hashes;
    hashes.reserve(chunks);
    for (int i = 0; i < chunks; ++i)
        hashes << hashOf(i);
    QElapsedTimer timer;
    timer.start();
    Result<QSet<QByteArray>> found = (*reader)->existingVectors((*space)->id, hashes);
    out.lookupSeconds = double(timer.nsecsElapsed()) / 1e9;
    out.found = found ? int(found->size()) : -1;
    if (!found)
        return false;
    // Export/search: every chunk's vector, streamed.
    timer.restart();
    double checksum = 0;
    const Status streamed = (*reader)->forEachVector((*space)->id, [&](const VectorRow &row) {
        checksum += double(reinterpret_cast<const float *>(row.vector.constData())[0]);
        ++out.streamed;
        return true;
    });
    out.streamSeconds = double(timer.nsecsElapsed()) / 1e9;
    out.peakRssKb = procValue("/proc/self/status", "VmHWM");
    return streamed && checksum == checksum;
}

template<typename T> bool check(const QFuture<T> &future)
{
    return bool(future.result());
}

bool runOnce(const QString &path, int chunks, Figures &out)
{
    const qint64 writeBefore = procValue("/proc/self/io", "write_bytes");
    const qint64 wcharBefore = procValue("/proc/self/io", "wchar");
    QElapsedTimer timer;
    timer.start();
    {
        StoreWriter writer(path);
        if (Status opened = writer.open().result(); !opened) {
            fprintf(stderr, "%s\n", qPrintable(opened.errorMessage()));
            return false;
        }
        const qint64 source
            = writer.claimSource(QStringLiteral("/bench")).result().value().sourceId;
        const qint64 space = writer
                                 .ensureSpace({ QStringLiteral("openai"),
                                     QStringLiteral("https://api.openai.com/v1"),
                                     QStringLiteral("text-embedding-3-small"), Dims, {} })
                                 .result()
                                 .value();
        (void)writer.useSpaceForSource(source, space).result();
        RunStart run;
        run.spaceId = space;
        run.provider = QStringLiteral("openai");
        run.model = QStringLiteral("text-embedding-3-small");
        const qint64 runId = writer.beginRun(run).result().value();
        const qint64 writerCpuBefore = threadCpuNs("StoreWriter");
        const double writerUserBefore = threadUserSeconds("StoreWriter");

        auto *random = QRandomGenerator::global();
        std::deque<QFuture<Status>> outstanding;
        for (int done = 0, file = 0; done < chunks; ++file) {
            FileRecord record;
            record.sourceId = source;
            record.path = QStringLiteral("/bench/dir%1/file%2.cpp").arg(file / 100).arg(file);
            record.size = 20000;
            record.mtime = QDateTime::currentDateTime();
            record.contentHash
                = QCryptographicHash::hash(record.path.toUtf8(), QCryptographicHash::Sha256);
            QList<Chunk> list;
            QList<EmbeddingWrite> vectors;
            for (int c = 0; c < ChunksPerFile && done < chunks; ++c, ++done) {
                Chunk chunk;
                chunk.path = record.path;
                chunk.startLine = c * 40 + 1;
                chunk.endLine = c * 40 + 40;
                chunk.byteStart = c * 1000;
                chunk.byteEnd = c * 1000 + 1000;
                chunk.textHash = hashOf(done);
                chunk.tokens = 300;
                list << chunk;
                QList<float> v(Dims);
                for (float &x : v)
                    x = float(random->generateDouble() * 2 - 1);
                vectors.append({ chunk.textHash, std::move(v) });
            }
            (void)writer.writeFile(record, list);
            outstanding.push_back(writer.storeEmbeddings(space, runId, vectors));
            if (file % 5 == 0) {
                RequestRecord request;
                request.runId = runId;
                request.inputs = 100;
                request.tokens = 30000;
                request.httpStatus = 200;
                (void)writer.recordRequest(request);
            }
            while (outstanding.size() > MaxOutstanding) {
                if (!check(outstanding.front())) {
                    fprintf(stderr, "storeEmbeddings failed\n");
                    return false;
                }
                outstanding.pop_front();
            }
        }
        (void)writer.finishRun(runId, RunTotals {});
        if (Status flushed = writer.flush(); !flushed) {
            fprintf(stderr, "%s\n", qPrintable(flushed.errorMessage()));
            return false;
        }
        out.writerCpuSeconds = double(threadCpuNs("StoreWriter") - writerCpuBefore) / 1e9;
        out.writerUserSeconds = threadUserSeconds("StoreWriter") - writerUserBefore;
    } // closing the last connection checkpoints the log into the file
    out.seconds = double(timer.nsecsElapsed()) / 1e9;
    out.chunks = chunks;
    out.dbBytes = QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size();
    out.writeBytes = procValue("/proc/self/io", "write_bytes") - writeBefore;
    out.wchar = procValue("/proc/self/io", "wchar") - wcharBefore;
    out.peakRssKb = procValue("/proc/self/status", "VmHWM");
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    QString dirPath;
    if (const qsizetype at = args.indexOf(QStringLiteral("--dir"));
        at >= 0 && at + 1 < args.size()) {
        dirPath = args.at(at + 1);
        args.remove(at, 2);
    }
    const QString parent = dirPath.isEmpty() ? QDir::tempPath() : dirPath;
    QTemporaryDir tmp(parent + QStringLiteral("/bench_store-XXXXXX"));
    QList<int> sizes;
    for (const QString &arg : std::as_const(args))
        sizes << arg.toInt();
    if (sizes.isEmpty())
        sizes = { 20000, 200000 };

    printf(
        "| chunks | seconds | chunks/s | DB bytes/chunk ÷ raw vector bytes | write_bytes ÷ DB size "
        "| wchar ÷ DB size | peak RSS MB | dedupe lookup of all, s | stream all vectors, s "
        "| writer thread CPU, µs per chunk | of it user mode "
        "|\n|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (int n : std::as_const(sizes)) {
        Figures f;
        const QString path = tmp.filePath(QStringLiteral("bench-%1.sqlite").arg(n));
        if (!runOnce(path, n, f) || !lookUpAll(path, n, f) || f.found != n || f.streamed != n)
            return 1;
        printf("| %d | %.1f | %.0f | %.3f | %.2f | %.2f | %.0f | %.2f | %.2f | %.1f | %.1f |\n",
            f.chunks, f.seconds, f.chunks / f.seconds, double(f.dbBytes) / f.chunks / (Dims * 4.0),
            double(f.writeBytes) / double(f.dbBytes), double(f.wchar) / double(f.dbBytes),
            f.peakRssKb / 1024.0, f.lookupSeconds, f.streamSeconds,
            f.writerCpuSeconds * 1e6 / f.chunks, f.writerUserSeconds * 1e6 / f.chunks);
        fflush(stdout);
        QFile::remove(path);
    }
    return 0;
}
