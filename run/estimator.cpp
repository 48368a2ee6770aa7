#include "estimator.h"

#include "chunker.h"
#include "chunkreuse.h"
#include "filechunker.h"
#include "paths.h"
#include "retryscope.h"
#include "runplan.h"
#include "sourcechoice.h"
#include "sourceidentity.h"
#include "storereader.h"
#include "textdecoder.h"
#include "tokencounter.h"

#include <QCoreApplication>
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
struct Planned
{
    ScannedFile file;
    std::optional<FileRow> previous; // as the run finds it in the source it indexes the file in
};

// The files the run's source holds once it claimed the path (SourceChoice): its own, and
// those of the sources it takes over that it does not have.
Result<QHash<QString, FileRow>> previousRows(StoreReader &reader, const SourceChoice &choice)
{
    QHash<QString, FileRow> rows;
    QList<qint64> sources = choice.absorbed;
    if (choice.sourceId != 0)
        sources.prepend(choice.sourceId);
    for (const qint64 source : std::as_const(sources)) {
        auto files = reader.files(source);
        if (!files)
            return files.error();
        for (FileRow row : std::as_const(*files)) {
            // A moved source's files are where its root is now.
            if (source == choice.sourceId && !choice.movedFrom.isEmpty())
                row.file.path = choice.root + row.file.path.mid(choice.movedFrom.size());
            if (!rows.contains(row.file.path)) // the claiming source's own rows win
                rows.insert(row.file.path, row);
        }
    }
    return rows;
}

// The chunks the run would hold for a file: the stored ones when it keeps them (unchanged, or
// the same bytes), else those just cut, which the run stores pending.
Result<QList<ChunkRow>> chunksOf(StoreReader *reader, const Planned &planned,
    const FileChunker::File &read, const ChunkReuse &reuse)
{
    if (!planned.file.isIndexed() || !read.error.isEmpty())
        return QList<ChunkRow>();
    const bool keeps = reuse.isUnchanged(planned.previous, planned.file)
        || (reuse.keepsChunks(planned.previous)
            && read.contentHash == planned.previous->file.contentHash);
    if (keeps)
        return reader->chunks(planned.previous->id);
    QList<ChunkRow> rows;
    for (const Chunk &chunk : read.chunks) {
        ChunkRow row;
        row.textHash = chunk.textHash;
        row.tokens = chunk.tokens;
        rows.append(row);
    }
    return rows;
}

} // namespace

Result<Estimator::Estimate> Estimator::retry(
    const RunSettings &settings, const QString &databasePath, const QList<qint64> &chunkIds)
{
    const auto plan = RunPlan::make(settings, QByteArray());
    if (!plan)
        return plan.error();
    Estimate estimate = emptyEstimate(*plan);
    if (!StoreReader::exists(databasePath))
        return estimate;
    auto reader = StoreReader::open(databasePath);
    if (!reader)
        return reader.error();

    auto space = (*reader)->findSpace(plan->space());
    if (!space)
        return space.error();
    const qint64 spaceId = space->has_value() ? (*space)->id : 0;
    auto scope = RetryScope::make(**reader, spaceId, chunkIds);
    if (!scope)
        return scope.error();
    QList<ChunkRow> toSend;
    for (const FailedChunk &chunk : scope->chunks())
        toSend.append(chunk.chunk);
    for (const SourceSpace &source : scope->sources()) {
        auto failed = (*reader)->failedChunks(source.id);
        auto pending = (*reader)->pendingChunks(source.id);
        if (!failed || !pending)
            return !failed ? failed.error() : pending.error();
        for (const FailedChunk &chunk : std::as_const(*failed))
            toSend.append(chunk.chunk);
        toSend.append(*pending);
    }

    QList<QByteArray> hashes;
    for (const ChunkRow &chunk : std::as_const(toSend))
        hashes.append(chunk.textHash);
    auto stored = spaceId > 0 ? (*reader)->existingVectors(spaceId, hashes) : QSet<QByteArray>();
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
    const QString &databasePath, Options estimateOptions, const std::atomic<bool> *cancelled)
{
    const auto plan = RunPlan::make(settings, QByteArray());
    if (!plan)
        return plan.error();
    const Chunker chunker(*plan->tokenCounter(), plan->chunkerOptions());
    const FileChunker fileChunker(chunker);
    const ChunkReuse reuse(plan->chunking(), estimateOptions.rechunk);
    Estimate estimate = emptyEstimate(*plan);

    std::unique_ptr<StoreReader> reader;
    qint64 spaceId = 0;
    QList<SourceSpace> sources;
    if (StoreReader::exists(databasePath)) {
        auto opened = StoreReader::open(databasePath);
        if (!opened)
            return opened.error();
        reader = std::move(*opened);
        auto space = reader->findSpace(plan->space());
        auto all = reader->sources();
        if (!space || !all)
            return !space ? space.error() : all.error();
        spaceId = space->has_value() ? (*space)->id : 0;
        sources = std::move(*all);
    }

    ScanOptions options = ScanOptions::forRun(settings);
    options.reportIgnored = estimateOptions.listIgnored;
    options.onlyPaths = estimateOptions.onlyPaths;
    Scanner scanner(options);
    QList<Planned> planned;
    for (const QString &root : outermostFolders(roots)) {
        QHash<QString, FileRow> previous;
        if (reader) {
            auto rows = previousRows(
                *reader, SourceChoice::make(sources, root, spaceId, SourceIdentity::of(root)));
            if (!rows)
                return rows.error();
            previous = std::move(*rows);
        }
        for (const ScannedFile &file : scanner.scanAll({ root })) {
            const auto it = previous.constFind(file.absolutePath);
            planned.append(
                { file, it == previous.cend() ? std::nullopt : std::optional<FileRow>(*it) });
        }
    }

    const QList<FileChunker::File> chunked
        = QtConcurrent::blockingMapped<QList<FileChunker::File>>(planned, [&](const Planned &p) {
              // What the run does not read, its estimate does not read either.
              if (!p.file.isIndexed() || reuse.isUnchanged(p.previous, p.file)
                  || (cancelled && cancelled->load()))
                  return FileChunker::File {};
              FileChunker::File out = fileChunker.read(p.file.absolutePath, p.file.language,
                  reuse.keepsChunks(p.previous) ? p.previous->file.contentHash : QByteArray());
              out.bytes.clear(); // only the chunks' hashes and counts are needed from here on
              return out;
          });

    QList<QList<ChunkRow>> chunks; // per planned file: what the run would send or keep
    QList<QByteArray> hashes;
    for (qsizetype i = 0; i < planned.size(); ++i) {
        auto kept = chunksOf(reader.get(), planned[i], chunked[i], reuse);
        if (!kept)
            return kept.error();
        for (const ChunkRow &row : std::as_const(*kept))
            hashes.append(row.textHash);
        chunks.append(std::move(*kept));
    }
    QSet<QByteArray> stored;
    if (reader && spaceId > 0) {
        auto existing = reader->existingVectors(spaceId, hashes);
        if (!existing)
            return existing.error();
        stored = std::move(*existing);
    }

    QSet<QByteArray> counted;
    for (qsizetype i = 0; i < planned.size(); ++i) {
        FileEstimate fe;
        fe.file = planned[i].file;
        const FileChunker::File &read = chunked[i];
        if (!read.error.isEmpty()) {
            fe.file.skipReason = SkipReason::Unreadable;
            fe.file.skipMessage = read.error;
        } else if (!read.contentHash.isEmpty()) {
            fe.encoding = TextDecoder::name(read.encoding);
        } else if (fe.file.isIndexed() && planned[i].previous) { // unchanged: not read
            fe.encoding = planned[i].previous->file.encoding;
        }
        for (const ChunkRow &chunk : std::as_const(chunks[i])) {
            fe.chunks += 1;
            fe.tokens += chunk.tokens;
            // A chunk that failed stays failed until retried; identical text is sent once.
            if (chunk.state != ChunkState::Failed && !stored.contains(chunk.textHash)
                && !counted.contains(chunk.textHash)) {
                counted.insert(chunk.textHash);
                fe.tokensToSend += chunk.tokens;
                estimate.chunksToSend += 1;
            }
        }
        const std::optional<FileRow> &previous = planned[i].previous;
        if (read.error.isEmpty() && reuse.keepsOlderCut(previous)
            && (reuse.isUnchanged(previous, fe.file)
                || read.contentHash == previous->file.contentHash))
            estimate.filesCutBefore += 1;
        estimate.chunks += fe.chunks;
        estimate.tokens += fe.tokens;
        estimate.tokensToSend += fe.tokensToSend;
        estimate.files.append(fe);
    }
    return estimate;
}

} // namespace SignalHub::Core
