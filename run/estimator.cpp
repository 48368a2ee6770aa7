#include "estimator.h"

#include "chunker.h"
#include "filechunker.h"
#include "paths.h"
#include "runplan.h"
#include "storereader.h"
#include "textdecoder.h"
#include "tokencounter.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSet>
#include <QtConcurrentMap>

namespace SignalHub::Core {

namespace {
Estimator::Estimate emptyEstimate(const RunPlan &plan)
{
    Estimator::Estimate estimate;
    estimate.model = plan.space().model;
    estimate.usdPerMillion = plan.usdPerMillionOrZero();
    estimate.priceKnown = plan.priceKnown();
    return estimate;
}
// Which of `hashes` already have a vector in `space`: those are not sent again.
Result<QSet<QByteArray>> storedTexts(
    StoreReader &reader, const EmbeddingSpace &space, const QList<QByteArray> &hashes)
{
    auto row = reader.findSpace(space);
    if (!row)
        return row.error();
    if (!row->has_value())
        return QSet<QByteArray>();
    return reader.existingVectors((*row)->id, hashes);
}
} // namespace

Result<Estimator::Estimate> Estimator::retry(
    const RunSettings &settings, const QString &databasePath, const QList<qint64> &chunkIds)
{
    const auto plan = RunPlan::make(settings, QByteArray());
    if (!plan)
        return plan.error();
    Estimate estimate = emptyEstimate(*plan);
    if (!QFileInfo::exists(databasePath))
        return estimate;
    auto reader = StoreReader::open(databasePath);
    if (!reader)
        return reader.error();

    QList<ChunkRow> toSend;
    auto failed = (*reader)->failedChunks();
    if (!failed)
        return failed.error();
    const QSet<qint64> wanted(chunkIds.cbegin(), chunkIds.cend());
    for (const FailedChunk &chunk : std::as_const(*failed))
        if (wanted.isEmpty() || wanted.contains(chunk.chunk.id))
            toSend.append(chunk.chunk);
    // The run indexes every folder with pending chunks again, so those are sent as well.
    auto roots = (*reader)->sourcesWithPendingChunks();
    if (!roots)
        return roots.error();
    for (const QString &root : std::as_const(*roots)) {
        auto source = (*reader)->sourceId(root);
        if (!source)
            return source.error();
        if (!source->has_value())
            continue;
        auto pending = (*reader)->pendingChunks(**source);
        if (!pending)
            return pending.error();
        toSend.append(*pending);
    }

    QList<QByteArray> hashes;
    for (const ChunkRow &chunk : std::as_const(toSend))
        hashes.append(chunk.textHash);
    const auto stored = storedTexts(**reader, plan->space(), hashes);
    if (!stored)
        return stored.error();
    QSet<QByteArray> counted;
    for (const ChunkRow &chunk : std::as_const(toSend)) {
        estimate.chunks += 1;
        estimate.tokens += chunk.tokens;
        if (stored->contains(chunk.textHash) || counted.contains(chunk.textHash))
            continue;
        counted.insert(chunk.textHash);
        estimate.chunksToSend += 1;
        estimate.tokensToSend += chunk.tokens;
    }
    return estimate;
}

Result<Estimator::Estimate> Estimator::run(const QStringList &roots, const RunSettings &settings,
    const QString &databasePath, bool listIgnored, const std::atomic<bool> *cancelled)
{
    const auto plan = RunPlan::make(settings, QByteArray());
    if (!plan)
        return plan.error();
    const Chunker chunker(*plan->tokenCounter(), plan->chunkerOptions());
    const FileChunker fileChunker(chunker);
    Estimate estimate = emptyEstimate(*plan);

    ScanOptions options = ScanOptions::forRun(settings);
    options.reportIgnored = listIgnored;
    Scanner scanner(options);
    const QList<ScannedFile> scanned = scanner.scanAll(outermostFolders(roots));

    QList<ScannedFile> indexed;
    for (const ScannedFile &file : scanned) {
        if (file.isIndexed())
            indexed.append(file);
    }
    const QList<FileChunker::File> chunked = QtConcurrent::blockingMapped<QList<FileChunker::File>>(
        indexed, [&](const ScannedFile &file) {
            if (cancelled && cancelled->load())
                return FileChunker::File {};
            FileChunker::File out = fileChunker.read(file.absolutePath, file.language);
            out.bytes.clear(); // only the chunks' hashes and counts are needed from here on
            return out;
        });

    // Dedupe against the store, in the space this run would use.
    QSet<QByteArray> stored;
    if (QFileInfo::exists(databasePath)) {
        auto reader = StoreReader::open(databasePath);
        if (!reader)
            return reader.error();
        QList<QByteArray> hashes;
        for (const FileChunker::File &file : chunked)
            for (const Chunk &chunk : file.chunks)
                hashes.append(chunk.textHash);
        auto existing = storedTexts(**reader, plan->space(), hashes);
        if (!existing)
            return existing.error();
        stored = std::move(*existing);
    }

    QSet<QByteArray> counted;
    qsizetype next = 0;
    for (const ScannedFile &file : scanned) {
        FileEstimate fe;
        fe.file = file;
        if (file.isIndexed()) {
            const FileChunker::File &chunks = chunked[next++];
            if (!chunks.error.isEmpty()) {
                fe.file.skipReason = SkipReason::Unreadable;
                fe.file.skipMessage = chunks.error;
            } else {
                fe.encoding = TextDecoder::name(chunks.encoding);
            }
            for (const Chunk &chunk : chunks.chunks) {
                fe.chunks += 1;
                fe.tokens += chunk.tokens;
                if (!stored.contains(chunk.textHash) && !counted.contains(chunk.textHash)) {
                    counted.insert(chunk.textHash);
                    fe.tokensToSend += chunk.tokens;
                    estimate.chunksToSend += 1;
                }
            }
        }
        estimate.chunks += fe.chunks;
        estimate.tokens += fe.tokens;
        estimate.tokensToSend += fe.tokensToSend;
        estimate.files.append(fe);
    }
    return estimate;
}

} // namespace SignalHub::Core
