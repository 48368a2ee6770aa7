// How close the fast (int8) built-in model's vectors are to the exact (fp32) model's, on real
// chunks: the files of the given folders are cut as indexing cuts them (Chunker, WordPiece
// counts, the built-in model's sizes), spread evenly over the folders, embedded by both
// models, and the cosine of each pair is reported by percentile.
//
//   bench_minilmagreement [--chunks N=3000] [--threads N=2] DIR...
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

// Up to `wanted` chunk texts of the folder's files, in path order, every k-th chunk so that
// the sample spans the whole folder rather than its first files.
QStringList sampleChunks(const QString &dir, qsizetype wanted, const Chunker &chunker)
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
    QStringList texts;
    for (const QString &dir : dirs) {
        const QStringList sample = sampleChunks(dir, wanted / dirs.size(), chunker);
        std::printf("%s: %lld chunks\n", qPrintable(dir), qlonglong(sample.size()));
        texts += sample;
    }

    const auto exact = embed(MiniLmEmbedder::Precision::Float32, threads, **tokenizer, texts);
    const auto fast = embed(MiniLmEmbedder::Precision::Int8, threads, **tokenizer, texts);
    QList<double> cosines;
    for (qsizetype i = 0; i < texts.size(); ++i) // both are L2-normalised
        cosines.append(
            std::inner_product(exact[i].cbegin(), exact[i].cend(), fast[i].cbegin(), 0.0));
    std::sort(cosines.begin(), cosines.end());
    const auto at = [&cosines](double fraction) {
        return cosines.at(std::min(cosines.size() - 1, qsizetype(fraction * cosines.size())));
    };
    std::printf("%lld chunks: cosine min %.4f, p0.1 %.4f, p1 %.4f, p5 %.4f, p50 %.4f\n",
        qlonglong(cosines.size()), cosines.first(), at(0.001), at(0.01), at(0.05), at(0.5));
    return 0;
}
