#include "indextransfer.h"

#include "filename.h"
#include "keywordbackfill.h"
#include "logging.h"
#include "paths.h"
#include "storereader.h"
#include "storewriter.h"

#include <QFileInfo>
#include <QJsonObject>
#include <QSet>
#include <algorithm>
#include <atomic>

namespace SignalHub::Core {

namespace {

constexpr qsizetype VectorsPerWrite = 256;

bool overlaps(const QString &a, const QString &b)
{
    return isWithinFolder(a, b) || isWithinFolder(b, a);
}

// The folders to copy: those at or inside one of `paths` (all when empty) that have a space.
Result<QList<SourceSpace>> chosenSources(StoreReader &reader, const QStringList &paths)
{
    Result<QList<SourceSpace>> sources = reader.sources();
    if (!sources)
        return sources.error();
    QList<SourceSpace> chosen;
    for (const SourceSpace &source : std::as_const(*sources)) {
        const bool asked = paths.isEmpty() || std::ranges::any_of(paths, [&](const QString &p) {
            return isWithinFolder(source.root, QFileInfo(p).absoluteFilePath());
        });
        if (asked && source.spaceId != 0)
            chosen.append(source);
    }
    if (chosen.isEmpty() && paths.isEmpty())
        return Error { IndexTransfer::tr("%1 holds no indexed folder to copy.")
                .arg(FileName::display(reader.path())) };
    if (chosen.isEmpty())
        return Error { IndexTransfer::tr("%1 holds no indexed folder at %2.")
                .arg(FileName::display(reader.path()), paths.join(u", ")) };
    return chosen;
}

Status noOverlap(StoreReader &target, const QList<SourceSpace> &incoming)
{
    Result<QList<SourceSpace>> present = target.sources();
    if (!present)
        return present.error();
    for (const SourceSpace &source : incoming) {
        for (const SourceSpace &there : std::as_const(*present)) {
            if (overlaps(source.root, there.root))
                return Error { IndexTransfer::tr(
                    "%1 is indexed in %2 already (as %3): remove it there first "
                    "('signalhub-cli remove'), or copy into another database.")
                        .arg(FileName::display(source.root), FileName::display(target.path()),
                            FileName::display(there.root)) };
        }
    }
    return {};
}

class SourceCopy
{
public:
    SourceCopy(StoreReader &from, StoreWriter &to, const SourceSpace &source)
        : m_from(from)
        , m_to(to)
        , m_source(source)
    { }

    // `settings`: the run settings that made the space's vectors (they name the space for the
    // searches and runs that follow, see IndexRequest::lastRunSettings).
    Result<IndexTransfer::Copied> run(const EmbeddingSpace &space, const QJsonObject &settings)
    {
        Result<qint64> spaceId = m_to.ensureSpace(space).result();
        if (!spaceId)
            return spaceId.error();
        Result<SourceClaim> claim
            = m_to.claimSource(m_source.root, *spaceId, m_source.identity).result();
        if (!claim)
            return claim.error();
        if (Result<qint64> bound = m_to.useSpaceForSource(claim->sourceId, *spaceId).result();
            !bound)
            return bound.error();
        RunStart start { *spaceId, space.provider, space.model, settings, 0.0,
            QStringLiteral("import") };
        Result<qint64> runId = m_to.beginRun(start).result();
        if (!runId)
            return runId.error();
        m_copied.root = m_source.root;
        // Vectors first: the chunks written after them find theirs and arrive stored.
        Status status = copyVectors(*spaceId, *runId);
        if (status)
            status = copyFiles(claim->sourceId);
        const RunTotals totals { m_copied.files, m_copied.chunks, m_stored, 0, 0, 0, 0, 0, 0 };
        const QString outcome = status ? QStringLiteral("finished") : QStringLiteral("failed");
        if (Status finished
            = m_to.finishRun(*runId, totals, outcome, status ? QString() : status.errorMessage())
                .result();
            status && !finished)
            status = finished;
        if (!status)
            return status.error();
        return m_copied;
    }

private:
    Status copyVectors(qint64 spaceId, qint64 runId)
    {
        QSet<QByteArray> sent;
        QList<EmbeddingWrite> batch;
        Status written;
        const auto flush = [&] {
            if (!batch.isEmpty() && written)
                written = m_to.storeEmbeddings(spaceId, runId, std::exchange(batch, {})).result();
            return bool(written);
        };
        Status read = m_from.forEachVector(
            m_source.spaceId,
            [&](const VectorRow &row) {
                if (sent.contains(row.textHash))
                    return true;
                sent.insert(row.textHash);
                batch.append(EmbeddingWrite { row.textHash, row.values() });
                return batch.size() < VectorsPerWrite || flush();
            },
            m_source.id);
        if (read)
            flush();
        m_copied.vectors = sent.size();
        return read ? written : read;
    }

    Status copyFiles(qint64 sourceId)
    {
        Result<QList<FileRow>> files = m_from.files(m_source.id);
        if (!files)
            return files.error();
        for (FileRow row : std::as_const(*files)) {
            Result<QList<ChunkRow>> rows = m_from.chunks(row.id);
            if (!rows)
                return rows.error();
            QList<Chunk> chunks;
            chunks.reserve(rows->size());
            for (const ChunkRow &r : std::as_const(*rows))
                chunks.append(Chunk { r.path, r.startLine, r.endLine, r.startColumn, r.endColumn,
                    r.byteStart, r.byteEnd, row.file.language, r.textHash, r.tokens, {} });
            row.file.sourceId = sourceId;
            Result<FileWrite> written = m_to.writeFile(row.file, chunks).result();
            if (!written)
                return written.error();
            ++m_copied.files;
            m_copied.chunks += chunks.size();
            m_stored += std::ranges::count_if(written->chunks,
                [](const ChunkRow &chunk) { return chunk.state == ChunkState::Stored; });
        }
        return {};
    }

    StoreReader &m_from;
    StoreWriter &m_to;
    const SourceSpace &m_source;
    IndexTransfer::Copied m_copied;
    qint64 m_stored = 0; // chunks that found their vector (the others arrive pending)
};

// The words of the copied folders' texts, read from their files where they are.
Status rebuildKeywords(const QString &to, StoreWriter &writer, const QList<SourceSpace> &copied)
{
    Result<std::unique_ptr<StoreReader>> reader = StoreReader::open(to);
    if (!reader)
        return reader.error();
    const std::atomic_bool never { false };
    for (const SourceSpace &source : copied) {
        Result<std::optional<qint64>> id = (*reader)->sourceId(source.root);
        if (!id)
            return id.error();
        if (!id->has_value() || !QFileInfo::exists(source.root))
            continue;
        KeywordBackfill backfill(**reader, writer);
        if (Result<int> added = backfill.run(**id, never, {}); !added)
            return added.error();
    }
    return writer.flush();
}

} // namespace

Result<QList<IndexTransfer::Copied>> IndexTransfer::copy(
    const QString &from, const QString &to, const QStringList &paths)
{
    Result<std::unique_ptr<StoreReader>> source = StoreReader::open(from);
    if (!source)
        return source.error();
    Result<QList<SourceSpace>> chosen = chosenSources(**source, paths);
    if (!chosen)
        return chosen.error();
    Result<QList<SpaceRow>> spaces = (*source)->spaces();
    if (!spaces)
        return spaces.error();
    Result<QList<RunRow>> runs = (*source)->runs();
    if (!runs)
        return runs.error();

    StoreWriter writer(to);
    if (Status opened = writer.open().result(); !opened)
        return opened.error();
    {
        Result<std::unique_ptr<StoreReader>> target = StoreReader::open(to);
        if (!target)
            return target.error();
        if (Status clear = noOverlap(**target, *chosen); !clear)
            return clear.error();
    }
    QList<Copied> copied;
    for (const SourceSpace &folder : std::as_const(*chosen)) {
        const auto space = std::ranges::find_if(
            *spaces, [&folder](const SpaceRow &row) { return row.id == folder.spaceId; });
        const auto made = std::find_if(runs->crbegin(), runs->crend(),
            [&folder](const RunRow &run) { return run.spaceId == folder.spaceId; });
        Result<Copied> done
            = SourceCopy(**source, writer, folder)
                  .run(space->key, made == runs->crend() ? QJsonObject() : made->settings);
        if (!done)
            return done.error();
        qCInfo(lcIndexer) << "copied" << folder.root << "from" << from << "to" << to << ":"
                          << done->files << "files," << done->chunks << "chunks," << done->vectors
                          << "vectors";
        copied.append(*done);
    }
    if (Status keywords = rebuildKeywords(to, writer, *chosen); !keywords)
        return keywords.error();
    return copied;
}

} // namespace SignalHub::Core
