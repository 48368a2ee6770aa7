// Token counting speed of BpeTokenizer, single thread, on the same text and in the same two
// modes as bench/bench-tiktoken.mjs (the npm tiktoken package), so the two compare directly.
//
//   bench_tokenizer [FILE_OR_FOLDER] [--repeat N]
//
// FILE_OR_FOLDER defaults to /usr/include; a folder contributes its *.h files (not recursive)
// in byte order of their names. Modes: the whole text in one call, and chunks of whole lines
// of at least 2048 UTF-16 code units, the size the indexer counts.
#include "bpetokenizer.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <limits>

using SignalHub::Core::BpeTokenizer;

namespace {

QByteArray readCorpus(const QString &path)
{
    if (!QFileInfo(path).isDir()) {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    QStringList names = QDir(path).entryList({ QStringLiteral("*.h") }, QDir::Files);
    std::sort(names.begin(), names.end(),
        [](const QString &a, const QString &b) { return a.toUtf8() < b.toUtf8(); });
    QByteArray corpus;
    for (const QString &name : std::as_const(names)) {
        QFile file(QDir(path).filePath(name));
        if (file.open(QIODevice::ReadOnly))
            corpus += file.readAll();
    }
    return corpus;
}

QList<QStringView> chunksOf(const QString &text)
{
    QList<QStringView> chunks;
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = start + 2048;
        if (end >= text.size()) {
            end = text.size();
        } else {
            const qsizetype newline = text.indexOf(u'\n', end - 1);
            end = newline < 0 ? text.size() : newline + 1;
        }
        chunks.append(QStringView(text).sliced(start, end - start));
        start = end;
    }
    return chunks;
}

// Process CPU time: on a shared machine it is the fairer "per core" figure, as waiting for
// a core does not count. bench-tiktoken.mjs measures the same (process.cpuUsage()).
double cpuSeconds()
{
    timespec now {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

struct Measurement
{
    qsizetype tokens = 0;
    double seconds = std::numeric_limits<double>::infinity();
    double cpu = std::numeric_limits<double>::infinity();
};

Measurement measure(const BpeTokenizer &tokenizer, const QList<QStringView> &inputs, int repeat)
{
    Measurement best;
    for (int r = 0; r < repeat; ++r) {
        QElapsedTimer timer;
        timer.start();
        const double cpuStart = cpuSeconds();
        qsizetype tokens = 0;
        for (const QStringView input : inputs)
            tokens += tokenizer.count(input);
        best.cpu = std::min(best.cpu, cpuSeconds() - cpuStart);
        best.seconds = std::min(best.seconds, double(timer.nsecsElapsed()) / 1e9);
        best.tokens = tokens;
    }
    return best;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    int repeat = 5;
    QString target = QStringLiteral("/usr/include");
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args[i] == u"--repeat" && i + 1 < args.size())
            repeat = args[++i].toInt();
        else
            target = args[i];
    }

    const QString text = QString::fromUtf8(readCorpus(target));
    if (text.isEmpty()) {
        std::fprintf(stderr, "no text in %s\n", qPrintable(target));
        return 2;
    }
    const double megabytes = double(text.toUtf8().size()) / 1e6;
    const QList<QStringView> whole { QStringView(text) };
    const QList<QStringView> chunks = chunksOf(text);
    std::printf("corpus %s: %.3f MB (UTF-8), best of %d\n%lld chunks\n", qPrintable(target),
        megabytes, repeat, qlonglong(chunks.size()));

    for (const QString &encoding : BpeTokenizer::encodings()) {
        QElapsedTimer loadTimer;
        loadTimer.start();
        const auto tokenizer = BpeTokenizer::load(encoding);
        if (!tokenizer) {
            std::fprintf(stderr, "%s\n", qPrintable(tokenizer.errorMessage()));
            return 1;
        }
        std::printf(
            "%s: loaded in %lld ms\n", qPrintable(encoding), qlonglong(loadTimer.elapsed()));
        for (const auto &[mode, inputs] :
            { std::pair { "whole", whole }, std::pair { "chunks", chunks } }) {
            const Measurement m = measure(**tokenizer, inputs, repeat);
            std::printf("%s %s: %lld tokens, %.3f s, %.2f MB/s, cpu %.3f s, %.2f MB/s\n",
                qPrintable(encoding), mode, qlonglong(m.tokens), m.seconds, megabytes / m.seconds,
                m.cpu, megabytes / m.cpu);
        }
    }
    return 0;
}
