// How close the fast (int8) built-in model's vectors are to the exact (fp32) model's, on real
// chunks: the files of the given folders are cut as indexing cuts them (Chunker, WordPiece
// counts, the built-in model's sizes), spread evenly over the folders, embedded by both
// models, and the cosine of each pair is reported by percentile.
//
// --padding instead counts how much of the model's work is padding when every chunk of the
// folders, in path order, goes through the run's requests (LocalProvider's 128 inputs) and the
// embedder's length-sorted batches (MiniLmEmbedder::planBatches): nothing is embedded.
//
// --vectors FILE saves the int8 vectors, or compares them with those saved by a run on another
// CPU (or under an emulator presenting one), whose ONNX Runtime kernels are others.
//
//   bench_minilmagreement [--chunks N=3000] [--threads N=2] [--vectors FILE] [--padding] DIR...
#include "chunker.h"
#include "minilmembedder.h"
#include "syntaxrepository.h"
#include "wordpiecetokenizer.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <algorithm>
#include <cstdio>
#include <numeric>

using namespace SignalHub::Core;

namespace {

[[noreturn]] void fail(const QString &message)
{
    std::fprintf(stderr, "%s\n", qPrintable(message));
    std::exit(1);
}

// Every chunk text of the folder's files, in path order.
QStringList allChunks(const QString &dir, const Chunker &chunker)
{
    QStringList paths;
    QDirIterator it(dir, QDir::Files | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext())
        paths.append(it.next());
    paths.sort();
    QStringList texts;
    for (const QString &path : std::as_const(paths)) {
        const auto definition = threadSyntaxRepository().definitionForFileName(path);
        QFile file(path);
        if (!definition.isValid() || file.size() > 256 * 1024 || !file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = file.readAll();
        for (const Chunk &chunk : chunker.chunk(path, bytes, definition))
            texts.append(Chunker::text(bytes, chunk));
    }
    return texts;
}

// Up to `wanted` of the folder's chunk texts, every k-th so that the sample spans the whole
// folder rather than its first files.
QStringList sampleChunks(const QString &dir, qsizetype wanted, const Chunker &chunker)
{
    const QStringList texts = allChunks(dir, chunker);
    const qsizetype step = std::max<qsizetype>(1, texts.size() / std::max<qsizetype>(1, wanted));
    QStringList sample;
    for (qsizetype i = 0; i < texts.size() && sample.size() < wanted; i += step)
        sample.append(texts[i]);
    return sample;
}

QList<QList<float>> embed(MiniLmEmbedder::Precision precision, int threads,
    const WordPieceTokenizer &tokenizer, const QStringList &texts)
{
    auto embedder = MiniLmEmbedder::create(threads, precision);
    if (!embedder)
        fail(embedder.errorMessage());
    QList<QList<qint32>> ids;
    for (const QString &text : texts)
        ids.append(tokenizer.encode(text));
    auto vectors = (*embedder)->embed(ids);
    if (!vectors)
        fail(vectors.errorMessage());
    return *vectors;
}

// Positions the model computes (batch width × batch size, [CLS] and [SEP] included) against
// the tokens it had to, for requests of `requestSize` consecutive chunks.
void reportPadding(const QList<qsizetype> &lengths, qsizetype requestSize)
{
    qint64 real = 0;
    qint64 computed = 0;
    for (qsizetype first = 0; first < lengths.size(); first += requestSize) {
        const QList<qsizetype> request = lengths.mid(first, requestSize);
        for (const QList<qsizetype> &batch :
            MiniLmEmbedder::planBatches(request, MiniLmEmbedder::DefaultMaxBatchSize)) {
            qsizetype width = 0;
            for (const qsizetype index : batch) {
                real += request.at(index);
                width = std::max(width, request.at(index));
            }
            computed += width * batch.size();
        }
    }
    std::printf("%lld chunks, %lld tokens: %lld positions computed, padding %.1f %% of them\n",
        qlonglong(lengths.size()), qlonglong(real), qlonglong(computed),
        100.0 * double(computed - real) / double(std::max<qint64>(1, computed)));
}

// Both are L2-normalised, so the inner product is the cosine.
void reportCosines(const char *what, const QList<QList<float>> &a, const QList<QList<float>> &b)
{
    QList<double> cosines;
    for (qsizetype i = 0; i < a.size(); ++i)
        cosines.append(std::inner_product(a[i].cbegin(), a[i].cend(), b[i].cbegin(), 0.0));
    std::sort(cosines.begin(), cosines.end());
    const auto at = [&cosines](double fraction) {
        return cosines.at(std::min(cosines.size() - 1, qsizetype(fraction * cosines.size())));
    };
    std::printf("%lld chunks, %s: cosine min %.6f, p0.1 %.6f, p1 %.6f, p5 %.6f, p50 %.6f\n",
        qlonglong(cosines.size()), what, cosines.first(), at(0.001), at(0.01), at(0.05), at(0.5));
}

// The int8 vectors of another run (another CPU's kernels) are compared with these; the first
// run saves them.
void compareWithSaved(const QString &path, const QList<QList<float>> &fast)
{
    QFile file(path);
    if (!file.exists()) {
        if (!file.open(QIODevice::WriteOnly))
            fail(file.errorString());
        for (const QList<float> &vector : fast)
            file.write(reinterpret_cast<const char *>(vector.constData()),
                vector.size() * qsizetype(sizeof(float)));
        std::printf("int8 vectors saved in %s\n", qPrintable(path));
        return;
    }
    if (!file.open(QIODevice::ReadOnly))
        fail(file.errorString());
    const QByteArray bytes = file.readAll();
    const qsizetype dims = fast.isEmpty() ? 0 : fast.first().size();
    if (bytes.size() != fast.size() * dims * qsizetype(sizeof(float)))
        fail(QStringLiteral("%1 holds other chunks than these").arg(path));
    QList<QList<float>> saved;
    const auto *floats = reinterpret_cast<const float *>(bytes.constData());
    for (qsizetype i = 0; i < fast.size(); ++i)
        saved.append(QList<float>(floats + i * dims, floats + (i + 1) * dims));
    const QByteArray what = "int8 to the int8 of " + QFile::encodeName(path);
    reportCosines(what.constData(), saved, fast);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Cosine of the int8 model's vectors to the fp32 model's on real chunks"));
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("chunks"), QStringLiteral("Chunks in all."),
        QStringLiteral("N"), QStringLiteral("3000") });
    parser.addOption({ QStringLiteral("threads"), QStringLiteral("Intra-op threads."),
        QStringLiteral("N"), QStringLiteral("2") });
    parser.addOption({ QStringLiteral("padding"),
        QStringLiteral("Count the padding of every chunk's batch instead; embed nothing.") });
    parser.addOption({ QStringLiteral("vectors"),
        QStringLiteral("Save the int8 vectors in FILE, or compare them with FILE's if it exists "
                       "(another CPU's kernels)."),
        QStringLiteral("FILE") });
    parser.addPositionalArgument(QStringLiteral("dirs"), QStringLiteral("Folders to sample."));
    parser.process(app);
    const QStringList dirs = parser.positionalArguments();
    if (dirs.isEmpty())
        parser.showHelp(2);
    const qsizetype wanted = parser.value(QStringLiteral("chunks")).toLongLong();
    const int threads = parser.value(QStringLiteral("threads")).toInt();

    auto tokenizer = WordPieceTokenizer::load();
    if (!tokenizer)
        fail(tokenizer.errorMessage());
    const int size = WordPieceTokenizer::MaxInputTokens;
    const Chunker chunker(**tokenizer, { size, size });
    if (parser.isSet(QStringLiteral("padding"))) {
        QList<qsizetype> lengths;
        for (const QString &dir : dirs)
            for (const QString &text : allChunks(dir, chunker))
                lengths.append((*tokenizer)->encode(text).size());
        reportPadding(lengths, 128); // LocalProvider::limits()
        return 0;
    }
    QStringList texts;
    for (const QString &dir : dirs) {
        const QStringList sample = sampleChunks(dir, wanted / dirs.size(), chunker);
        std::printf("%s: %lld chunks\n", qPrintable(dir), qlonglong(sample.size()));
        texts += sample;
    }

    const auto exact = embed(MiniLmEmbedder::Precision::Float32, threads, **tokenizer, texts);
    const auto fast = embed(MiniLmEmbedder::Precision::Int8, threads, **tokenizer, texts);
    reportCosines("int8 to fp32", exact, fast);
    if (const QString path = parser.value(QStringLiteral("vectors")); !path.isEmpty())
        compareWithSaved(path, fast);
    return 0;
}
