#include "indexworker.h"

#include "backgroundpriority.h"
#include "filechunker.h"
#include "filename.h"
#include "keywordbackfill.h"
#include "logging.h"
#include "ownerthread.h"
#include "paths.h"
#include "ratebudget.h"
#include "retryscope.h"
#include "runlock.h"
#include "runplan.h"
#include "sharedwork.h"
#include "sourceidentity.h"
#include "storelocation.h"
#include "storereader.h"
#include "storeschema.h"
#include "storewriter.h"
#include "tokencounter.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QStorageInfo>
#include <QtConcurrentMap>

namespace SignalHub::Core {

namespace {
// Chunks queued in the processor plus answered vectors not yet committed: what the run holds
// in memory (texts, then vectors) is bounded whatever its length, also when the network
// answers faster than the writer stores.
constexpr qint64 MaxOutstanding = 20000;
constexpr int GroupSize = 32; // files chunked in parallel at once
constexpr int MaxWritesInFlight = 64;
constexpr int ProgressRecordMs = 2000; // how often a run writes its totals so far

FileProgress::State stateOf(const FileProgress &p)
{
    if (p.chunksFailed > 0 && p.chunksDone + p.chunksFailed >= p.chunksTotal)
        return FileProgress::State::Failed;
    if (p.chunksDone >= p.chunksTotal)
        return FileProgress::State::Done;
    return p.chunksDone > 0 || p.chunksFailed > 0 ? FileProgress::State::Running
                                                  : FileProgress::State::Pending;
}
} // namespace

IndexWorker::IndexWorker(IndexRequest request, QObject *parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_fileTimer(this) // parented, so it follows the worker to its thread
    , m_progressTimer(this)
    , m_reading(this)
{
    m_processorThread.setObjectName(QStringLiteral("signalhub-processor"));
    m_fileTimer.setInterval(200);
    connect(&m_fileTimer, &QTimer::timeout, this, &IndexWorker::emitFileChanges);
    // Others see the run's totals as it goes: `status` elsewhere, teammates on the team store.
    m_progressTimer.setInterval(ProgressRecordMs);
    connect(&m_progressTimer, &QTimer::timeout, this, &IndexWorker::recordProgress);
    connect(&m_reading, &QFutureWatcherBase::finished, this, &IndexWorker::onGroupRead);
}

IndexWorker::~IndexWorker()
{
    m_reading.cancel(); // it reads with m_chunker
    m_reading.waitForFinished();
    if (m_processor)
        QMetaObject::invokeMethod(m_processor, &QObject::deleteLater);
    m_processorThread.quit();
    m_processorThread.wait();
}

void IndexWorker::start()
{
    assertOwnerThread(this);
    BackgroundPriority::lowerCurrentThread();
    m_clock.start();
    if (const Status ready = setUp(); !ready) {
        finish(IndexSummary::Outcome::Fatal, ready.errorMessage());
        return;
    }
    m_fileTimer.start();
    m_progressTimer.start();
    if (m_request.pendingOnly) {
        if (const Status prepared = prepareRetry(); !prepared) {
            finish(IndexSummary::Outcome::Fatal, prepared.errorMessage());
            return;
        }
    }
    if (const Status scanned = m_request.roots.isEmpty() ? Status() : scan(); !scanned) {
        stopOnStoreError(scanned.error());
        return;
    }
    m_scanDone = true;
    scheduleMore();
}

// retry-failed: chosen chunks become pending and are sent exactly; without a choice, failed
// chunks become pending and every folder of the run's space that has some is indexed again,
// which sends what is pending (and what changed meanwhile).
Status IndexWorker::prepareRetry()
{
    const RetryScope &scope = *m_retry;
    m_request.roots.clear();
    if (!scope.isExact()) {
        for (const SourceSpace &source : scope.sources()) {
            if (auto requeued = m_writer->requeueFailed(source.id).result(); !requeued)
                return requeued.error();
            m_request.roots.append(source.root);
        }
        return {};
    }
    QList<qint64> ids;
    QHash<qint64, QList<ChunkRow>> byFile;
    for (const FailedChunk &failed : scope.chunks()) {
        ids.append(failed.chunk.id);
        ChunkRow row = failed.chunk;
        row.state = ChunkState::Pending;
        byFile[row.fileId].append(row);
    }
    if (auto requeued = m_writer->requeueFailedChunks(ids).result(); !requeued)
        return requeued.error();
    for (auto it = byFile.cbegin(); it != byFile.cend(); ++it) {
        auto file = m_reader->file(it.key());
        if (!file)
            return file.error();
        if (!file->has_value())
            continue; // removed since: nothing to send
        WorkFile work;
        work.scanned.absolutePath = (*file)->file.path;
        work.scanned.language = (*file)->file.language;
        work.scanned.size = (*file)->file.size;
        work.scanned.mtime = (*file)->file.mtime;
        work.sourceId = (*file)->file.sourceId;
        work.previous = **file;
        work.pendingChunks = *it;
        work.exactChunks = true;
        rememberPending(work.pendingChunks);
        m_work.push_back(std::move(work));
    }
    return {};
}

Status IndexWorker::setUp()
{
    auto plan = RunPlan::make(m_request.settings, m_request.apiKey);
    if (!plan)
        return plan.error();
    m_counter = plan->tokenCounter();
    m_reuse.emplace(plan->chunking(), m_request.rechunk);
    m_chunker = std::make_unique<Chunker>(*m_counter, plan->chunkerOptions());

    m_writer = std::make_unique<StoreWriter>(m_request.databasePath);
    connect(m_writer.get(), &StoreWriter::lockWait, this, &IndexWorker::message);
    if (const Status opened = m_writer->open().result(); !opened)
        return opened;
    auto reader = StoreReader::open(m_writer->path());
    if (!reader)
        return reader.error();
    m_reader = std::move(*reader);

    // No dimensions given or known: the server's answer to one short input keys the space.
    std::optional<AttemptRecord> probe;
    if (plan->space().dimensions <= 0) {
        const DimensionProbe::Answer answer = plan->probeDimensions();
        if (answer.dimensions <= 0)
            return Error { answer.error };
        probe = answer.record;
        Q_EMIT message(tr("Model '%1' makes %2-dimensional vectors (the server's answer to one "
                          "short input).")
                .arg(plan->space().model)
                .arg(answer.dimensions));
    }
    const EmbeddingSpace space = plan->space();
    auto last = m_reader->lastRunSpace();
    if (!last)
        return last.error();
    if (last->has_value() && !((*last)->key == space)) {
        qCInfo(lcIndexer) << "space switch from" << (*last)->key.displayName() << "to"
                          << space.displayName();
        Q_EMIT message(
            tr("This database's last run used %1; this run uses %2. Vectors of both are kept "
               "apart, and search uses the space of the latest run unless told otherwise.")
                .arg((*last)->key.displayName(), space.displayName()));
    }
    auto spaceId = m_writer->ensureSpace(space).result();
    if (!spaceId)
        return spaceId.error();
    m_spaceId = *spaceId;
    m_spaceName = space.displayName();
    m_dimensions = space.dimensions;

    m_usdPerMillion = plan->usdPerMillionOrZero();
    m_priceKnown = plan->priceKnown();
    if (!m_priceKnown)
        Q_EMIT message(
            tr("No price is known for model '%1': costs are counted as $0 (set one with --price).")
                .arg(space.model));

    if (m_request.pendingOnly) {
        // A retry that cannot be done in this space is refused before the run begins.
        auto scope = RetryScope::make(*m_reader, m_spaceId, m_request.retryChunkIds);
        if (!scope)
            return scope.error();
        m_retry = std::move(*scope);
    }
    if (const Status marked = markInterruptedRuns(); !marked)
        return marked;
    const RunSettings &settings = plan->settings();
    // No price is stored as none, so reports say "unknown", not $0.
    RunStart run { m_spaceId, providerName(settings.provider), space.model, settings.toJson(),
        m_priceKnown ? std::optional(m_usdPerMillion) : std::nullopt, m_request.startedBy };
    auto runId = m_writer->beginRun(run).result();
    if (!runId)
        return runId.error();
    m_runId = *runId;
    m_summary.runId = m_runId;
    auto lock = RunLock::take(m_writer->path(), m_runId);
    if (!lock)
        return lock.error();
    m_runLock = std::move(*lock);
    if (probe)
        onAttempt(*probe); // billed like any request of the run

    ProcessorSettings processing = plan->processorSettings();
    if (StoreLocation::isUrl(m_writer->path()))
        shareWork(*plan, processing);
    qCInfo(lcIndexer) << "run" << m_runId << "in" << space.displayName() << "at"
                      << processing.usdPerMillionTokens << "USD per 1M tokens,"
                      << processing.concurrency << "requests in flight,"
                      << processing.limits.maxInputs << "inputs per request";
    m_processor = new BatchProcessor(plan->takeProvider(), processing);
    m_processor->moveToThread(&m_processorThread);
    connect(m_processor, &BatchProcessor::embedded, this, &IndexWorker::onEmbedded);
    connect(m_processor, &BatchProcessor::failed, this, &IndexWorker::onFailed);
    connect(m_processor, &BatchProcessor::requestFinished, this, &IndexWorker::onAttempt);
    connect(m_processor, &BatchProcessor::progress, this, &IndexWorker::progress);
    connect(m_processor, &BatchProcessor::finished, this, &IndexWorker::onProcessorFinished);
    connect(m_processor, &BatchProcessor::batchLimitLearned, this,
        [this](int maxInputs, const QString &reason) {
            Q_EMIT message(tr(
                "The server limits requests to %1 inputs (%2); using that for the rest of the run.")
                    .arg(maxInputs)
                    .arg(reason));
        });
    connect(m_processor, &BatchProcessor::inputLimitLearned, this,
        [this](int maxTokens, const QString &reason) {
            Q_EMIT message(tr("The server accepts at most %1 tokens per input (%2); longer chunks "
                              "fail. Re-index with smaller chunks (--chunk-tokens below %1) to "
                              "store them.")
                    .arg(maxTokens)
                    .arg(reason));
        });
    m_processorThread.start();
    return {};
}

void IndexWorker::shareWork(const RunPlan &plan, ProcessorSettings &processing)
{
    // Enough claimed ahead to fill every request in flight twice over, and no more: the rest
    // stays free for teammates.
    const int appetite = 2 * processing.concurrency * processing.limits.maxInputs;
    m_shared = new SharedWork(*m_writer, m_spaceId, m_runId, appetite, this);
    connect(m_shared, &SharedWork::claimed, this, &IndexWorker::enqueue);
    connect(m_shared, &SharedWork::storedByTeammate, this, &IndexWorker::onStoredByTeammate);
    connect(m_shared, &SharedWork::writeFailed, this, &IndexWorker::stopOnStoreError);
    connect(m_shared, &SharedWork::settled, this, &IndexWorker::scheduleMore, Qt::QueuedConnection);
    announceTeammates();
    const RunSettings &settings = plan.settings();
    if (settings.provider == ProviderKind::Local)
        return; // no limits to share
    auto budget = std::make_shared<RateBudget>(m_writer->path(),
        RateBudget::nameFor(plan.space().baseUrl, plan.space().model, m_request.apiKey));
    processing.sharedPace = [budget](qint64 tokens, const RateLimits &limits) {
        return budget->book(tokens, limits.requestsPerMinute, limits.tokensPerMinute);
    };
}

void IndexWorker::recordProgress()
{
    trackWrite(m_writer->recordProgress(m_runId, totals()));
    if (m_shared)
        reportTeammates();
}

Result<QList<RunRow>> IndexWorker::teammateRuns() const
{
    auto running = m_reader->runningRuns();
    if (running)
        running->removeIf(
            [this](const RunRow &run) { return run.id == m_runId || run.spaceId != m_spaceId; });
    return running;
}

void IndexWorker::reportTeammates()
{
    auto running = teammateRuns();
    if (!running)
        return; // the chart misses a point; the run goes on
    const qint64 now = m_clock.elapsed();
    QList<TeammateProgress> workers;
    QHash<qint64, std::deque<std::pair<qint64, qint64>>> seen;
    for (const RunRow &run : std::as_const(*running)) {
        // Teammates write their totals every few seconds, out of step with these reads: the
        // rate is taken over a window of several of them.
        std::deque<std::pair<qint64, qint64>> samples = m_teammatesSeen.take(run.id);
        samples.emplace_back(now, run.totals.stored);
        while (samples.size() > 2 && now - samples[1].first >= TeammateProgress::RateWindowMs)
            samples.pop_front();
        TeammateProgress progress { run.id, run.host, run.totals.stored, 0 };
        if (const qint64 span = now - samples.front().first; span > 0)
            progress.chunksPerSecond = (run.totals.stored - samples.front().second) * 1000.0 / span;
        seen.insert(run.id, std::move(samples));
        workers.append(progress);
    }
    m_teammatesSeen = std::move(seen);
    Q_EMIT teammates(now, workers);
}

void IndexWorker::announceTeammates()
{
    auto running = teammateRuns();
    if (!running)
        return; // only a message: the run goes on without it
    QStringList others;
    for (const RunRow &run : std::as_const(*running))
        others.append(tr("#%1 on %2").arg(run.id).arg(run.host));
    if (!others.isEmpty())
        Q_EMIT message(tr("Indexing together with %n other worker(s) of this team store (%1): "
                          "each text is embedded by one of you, and paid for once.",
            nullptr, int(others.size()))
                .arg(QLocale().createSeparatedList(others)));
}

// Runs left "running" by a process that died are recorded as interrupted, so that status,
// reports and the window stop showing them as going on.
Status IndexWorker::markInterruptedRuns()
{
    auto runs = m_reader->runs();
    if (!runs)
        return runs.error();
    QList<qint64> interrupted;
    for (const RunRow &run : std::as_const(*runs))
        if (run.status == u"interrupted")
            interrupted.append(run.id);
    if (interrupted.isEmpty())
        return {};
    qCInfo(lcIndexer) << "runs" << interrupted << "were interrupted by the end of their process";
    return m_writer->markInterrupted(interrupted).result();
}

Status IndexWorker::loadPrevious(
    qint64 sourceId, QHash<QString, FileRow> &previous, QHash<qint64, QList<ChunkRow>> &pending)
{
    if (Result<qint64> bound = m_writer->useSpaceForSource(sourceId, m_spaceId).result(); !bound)
        return bound.error();
    auto rows = m_reader->files(sourceId);
    if (!rows)
        return rows.error();
    for (const FileRow &row : std::as_const(*rows))
        previous.insert(row.file.path, row);
    auto chunks = m_reader->pendingChunks(sourceId);
    if (!chunks)
        return chunks.error();
    for (const ChunkRow &row : std::as_const(*chunks))
        pending[row.fileId].append(row);
    return {};
}

Status IndexWorker::buildKeywordIndex(const QString &root, qint64 sourceId)
{
    KeywordBackfill backfill(*m_reader, *m_writer);
    auto added = backfill.run(sourceId, m_cancelRequested, [this, &root](int done, int total) {
        const QString folder = QDir::toNativeSeparators(root);
        if (done == 0)
            Q_EMIT message(tr("Building the keyword index of %1 from the %n file(s) indexed "
                              "before it existed…",
                nullptr, total)
                    .arg(folder));
        else if (done % 1000 == 0 && done < total) // enough to show it moves, few to read
            Q_EMIT message(
                tr("Keyword index of %1: %2 of %3 files read.").arg(folder).arg(done).arg(total));
    });
    if (!added)
        return added.error();
    if (*added > 0)
        Q_EMIT message(
            tr("The keyword index of %1 now holds the words of %n more text(s).", nullptr, *added)
                .arg(QDir::toNativeSeparators(root)));
    return {};
}

Status IndexWorker::scan()
{
    const QStringList roots = outermostFolders(m_request.roots);
    ScanOptions options = ScanOptions::forRun(m_request.settings);
    options.onlyPaths = m_request.onlyPaths;
    Scanner scanner(options);
    QHash<qint64, QHash<QString, FileRow>> previousBySource;
    QHash<qint64, QHash<qint64, QList<ChunkRow>>> pendingBySource;

    const qint64 rootCount = roots.size();
    for (qsizetype r = 0; r < roots.size(); ++r) {
        const QString &root = roots[r];
        const QString identity = m_request.sourceName.isEmpty()
            ? SourceIdentity::of(root)
            : SourceIdentity::named(m_request.sourceName);
        auto claim = m_writer->claimSource(root, m_spaceId, identity).result();
        if (!claim)
            return claim.error();
        const qint64 sourceId = claim->sourceId;
        reportClaim(root, *claim);
        if (!previousBySource.contains(sourceId)) {
            const Status loaded
                = loadPrevious(sourceId, previousBySource[sourceId], pendingBySource[sourceId]);
            if (!loaded)
                return loaded;
            if (const Status built = buildKeywordIndex(root, sourceId); !built)
                return built;
        }
        QList<ScannedFile> files;
        scanner.scan({ root }, [&](const ScannedFile &file) {
            if (m_cancelRequested.load(std::memory_order_relaxed))
                scanner.cancel();
            files.append(file);
        });
        if (scanner.isCancelled())
            break;
        Scanner::sortByPriority(files);
        QList<FileProgress> discovered;
        for (const ScannedFile &file : std::as_const(files)) {
            if (file.isIndexed())
                discovered.append(FileProgress { 0, file.absolutePath, file.language, 0, 0, 0, 0,
                    FileProgress::State::Pending, QString() });
        }
        Q_EMIT filesChanged(discovered);
        const QHash<QString, FileRow> &previous = previousBySource[sourceId];
        QSet<QString> seen;
        for (const ScannedFile &file : std::as_const(files)) {
            seen.insert(file.absolutePath);
            if (!file.isIndexed()) {
                recordSkipped(file, sourceId);
                continue;
            }
            WorkFile work;
            work.scanned = file;
            work.sourceId = sourceId;
            if (auto it = previous.constFind(file.absolutePath); it != previous.cend()) {
                work.previous = *it;
                work.pendingChunks = pendingBySource[sourceId].value(it->id);
                rememberPending(work.pendingChunks);
            }
            // What the user named first goes first, then the most recently modified files.
            work.priority = (rootCount - r) * (qint64(1) << 42) + file.mtime.toSecsSinceEpoch();
            m_work.push_back(std::move(work));
        }
        trackWrite(m_writer->removeMissingFiles(sourceId, seen, scopeOf(root)));
    }
    return {};
}

QStringList IndexWorker::scopeOf(const QString &root) const
{
    if (m_request.onlyPaths.isEmpty())
        return { root };
    QStringList inside;
    for (const QString &path : m_request.onlyPaths)
        if (isWithinFolder(path, root))
            inside.append(path);
    return inside;
}

void IndexWorker::reportClaim(const QString &root, const SourceClaim &claim)
{
    if (!claim.movedFrom.isEmpty())
        Q_EMIT message(tr("%1 is the folder indexed at %2 before, which is gone: its index moved "
                          "with it, and only what changed is read again.")
                .arg(FileName::display(root), FileName::display(claim.movedFrom)));
    if (claim.root != root)
        Q_EMIT message(tr("%1 is inside the indexed folder %2: its files are updated there.")
                .arg(FileName::display(root), FileName::display(claim.root)));
    if (!claim.nestedIn.isEmpty())
        Q_EMIT message(tr("%1 is inside %2, which is indexed with another model: it gets an index "
                          "of its own with this run's model, and %2 keeps its index.")
                .arg(FileName::display(root), FileName::display(claim.nestedIn)));
    if (claim.previousSpaceId != 0 && claim.previousSpaceId != m_spaceId)
        Q_EMIT message(tr("%1 was indexed with another model: from this run on it is kept with %2 "
                          "(the other model's vectors are kept, so switching back is free).")
                .arg(FileName::display(claim.root), m_spaceName));
    if (claim.absorbed > 0)
        Q_EMIT message(
            tr("%1 holds %n folder(s) indexed with this model, which are now part of it.", nullptr,
                claim.absorbed)
                .arg(FileName::display(claim.root)));
}

void IndexWorker::recordSkipped(const ScannedFile &file, qint64 sourceId)
{
    if (file.skipReason == SkipReason::Ignored || file.skipReason == SkipReason::Excluded)
        return;
    FileRecord record;
    record.sourceId = sourceId;
    record.path = file.absolutePath;
    record.size = file.size;
    record.mtime = file.mtime;
    record.language = file.language;
    const bool unreadable = isFailure(file.skipReason);
    record.status = unreadable ? FileStatus::Unreadable : FileStatus::Skipped;
    record.skipReason = file.skipMessage;
    if (unreadable)
        m_summary.unreadableFiles += 1;
    else
        m_summary.skippedFiles += 1;
    trackWrite(m_writer->upsertFile(record));
    FileProgress p;
    p.path = file.absolutePath;
    p.language = file.language;
    p.state = unreadable ? FileProgress::State::Failed : FileProgress::State::Skipped;
    p.reason = file.skipMessage;
    Q_EMIT filesChanged({ p });
}

void IndexWorker::scheduleMore()
{
    // Paused means paused: no more files are read or chunked until resume().
    if (m_cancelled || m_finished || m_paused || m_processingGroup)
        return;
    if (!m_work.empty() && m_outstanding + m_storing < MaxOutstanding
        && qsizetype(m_fileWrites.size()) < MaxWritesInFlight) {
        processGroup();
        QMetaObject::invokeMethod(this, &IndexWorker::scheduleMore, Qt::QueuedConnection);
        return;
    }
    maybeEndInput();
}

void IndexWorker::processGroup()
{
    // Set from the count of the group to the end of its handling in onGroupRead().
    m_processingGroup = true;
    QList<WorkFile> toRead = countUnchanged();
    if (toRead.isEmpty())
        m_processingGroup = false;
    else
        readGroup(std::move(toRead));
}

QList<IndexWorker::WorkFile> IndexWorker::countUnchanged()
{
    QList<WorkFile> group;
    while (!m_work.empty() && group.size() < GroupSize) {
        group.append(std::move(m_work.front()));
        m_work.pop_front();
    }
    // Unchanged files (same size, time and chunking) with nothing pending are not even read.
    QList<WorkFile> toRead;
    for (WorkFile &work : group) {
        if (m_reuse->isUnchanged(work.previous, work.scanned) && work.pendingChunks.isEmpty()) {
            auto chunks = m_reader->chunkCount(work.previous->id);
            auto failed = m_reader->failedChunkCount(work.previous->id);
            if (!chunks || !failed) {
                stopOnStoreError(!chunks ? chunks.error() : failed.error());
                return {};
            }
            const int count = int(*chunks);
            m_summary.files += 1;
            m_summary.filesCutBefore += m_reuse->keepsOlderCut(work.previous);
            m_summary.chunks += count;
            m_summary.unchanged += count;
            FileState &state = fileState(work.previous->id, work.scanned);
            state.progress.chunksTotal = count;
            state.progress.chunksFailed = int(*failed);
            state.progress.chunksDone = count - int(*failed);
            state.dirty = true;
            continue;
        }
        toRead.append(std::move(work));
    }
    return toRead;
}

void IndexWorker::readGroup(QList<WorkFile> toRead)
{
    QList<FileRead> reads;
    for (const WorkFile &work : std::as_const(toRead)) {
        const bool keeps = work.exactChunks || m_reuse->keepsChunks(work.previous);
        reads.append({ work.scanned.absolutePath, work.scanned.language,
            keeps ? work.previous->file.contentHash : QByteArray() });
    }
    m_readingFiles = std::move(toRead);
    m_reading.setFuture(QtConcurrent::mapped(std::move(reads),
        [reader = FileChunker(*m_chunker), hook = m_request.beforeRead](const FileRead &read) {
            if (hook)
                hook(read.path);
            return reader.read(read.path, read.language, read.unchangedHash);
        }));
}

void IndexWorker::onGroupRead()
{
    if (m_finished)
        return;
    const QList<WorkFile> files = std::exchange(m_readingFiles, {});
    const QList<FileChunker::File> chunked = m_reading.future().results();
    for (qsizetype i = 0; i < files.size(); ++i)
        handleChunked(files[i], chunked[i]);
    m_processingGroup = false;
    scheduleMore();
}

void IndexWorker::handleChunked(const WorkFile &work, const FileChunker::File &chunked)
{
    FileRecord record;
    record.sourceId = work.sourceId;
    record.path = work.scanned.absolutePath;
    record.size = work.scanned.size;
    record.mtime = work.scanned.mtime;
    record.language = work.scanned.language;
    if (chunked.stamp.isValid()) {
        // The file as read, which the writer checks it still is before storing what was read;
        // a later change then shows against these the next run.
        record.readStamp = chunked.stamp;
        record.size = chunked.stamp.size;
        record.mtime = chunked.stamp.modified();
    }
    if (m_request.afterRead)
        m_request.afterRead(record.path);
    if (!chunked.error.isEmpty()) {
        // Vanished or unreadable since the scan: reported, and the run goes on.
        record.status = FileStatus::Unreadable;
        record.skipReason = chunked.error;
        m_summary.unreadableFiles += 1;
        trackWrite(m_writer->upsertFile(record));
        FileProgress p;
        p.path = record.path;
        p.state = FileProgress::State::Failed;
        p.reason = chunked.error;
        Q_EMIT filesChanged({ p });
        return;
    }
    record.contentHash = chunked.contentHash;
    record.encoding = TextDecoder::name(chunked.encoding);
    if (chunked.replacedInvalidUtf8)
        record.skipReason = tr("contains invalid UTF-8, embedded with U+FFFD in its place");
    if (work.exactChunks) {
        sendChosen(work, chunked);
        return;
    }
    m_summary.files += 1;
    const bool unchangedText = m_reuse->keepsChunks(work.previous)
        && work.previous->file.contentHash == chunked.contentHash;
    m_summary.filesCutBefore += unchangedText && m_reuse->keepsOlderCut(work.previous);
    // Kept chunks keep the record of how they were cut.
    record.chunking = unchangedText ? work.previous->file.chunking : m_reuse->chunking();
    if (unchangedText) {
        // A new time, the same text. Its pending chunks are of that text whatever the check
        // finds: they are sent, and a file changed since is read again next run.
        trackWrite(
            m_writer->upsertFile(record), [this, scanned = work.scanned](const FileWrite &w) {
                if (w.changedSinceRead)
                    changedSinceRead(scanned);
            });
        // Its pending chunks were read with the others of its source; the rest are only counted.
        auto chunks = m_reader->chunkCount(work.previous->id);
        auto failed = m_reader->failedChunkCount(work.previous->id);
        if (!chunks || !failed) {
            stopOnStoreError(!chunks ? chunks.error() : failed.error());
            return;
        }
        const qint64 count = *chunks;
        m_summary.chunks += count;
        m_summary.unchanged += count - work.pendingChunks.size();
        FileState &state = fileState(work.previous->id, work.scanned);
        state.progress.chunksTotal = int(count);
        state.progress.chunksFailed = int(*failed);
        state.progress.chunksDone = int(count - work.pendingChunks.size() - *failed);
        sendPending(work, chunked);
        return;
    }

    auto task = std::make_shared<FileWriteTask>();
    task->future = m_writer->writeFile(record, chunked.chunks);
    task->work = work;
    task->bytes = chunked.bytes;
    task->encoding = chunked.encoding;
    m_fileWrites.push_back(task);
    task->future.then(this, [this, task](const Result<FileWrite> &written) {
        settleFileWrite(*task, written);
        // Queued: when the write was already committed, then() runs this at once, inside
        // processGroup()'s loop, where the files after this one are not counted yet.
        QMetaObject::invokeMethod(this, &IndexWorker::scheduleMore, Qt::QueuedConnection);
    });
}

void IndexWorker::settleFileWrite(FileWriteTask &task, const Result<FileWrite> &written)
{
    if (task.settled)
        return;
    task.settled = true;
    std::erase_if(m_fileWrites,
        [&task](const std::shared_ptr<FileWriteTask> &queued) { return queued.get() == &task; });
    if (!written) {
        onWriteFailed(written.error());
        if (!m_writer->fault())
            Q_EMIT message(written.errorMessage());
        return;
    }
    if (written->changedSinceRead) {
        changedSinceRead(task.work.scanned);
        return;
    }
    m_summary.chunks += written->chunks.size();
    QList<ChunkRow> pending;
    int failed = 0;
    for (const ChunkRow &row : written->chunks) {
        if (row.state == ChunkState::Pending)
            pending.append(row);
        else
            m_summary.unchanged += 1; // the same text was embedded before
        failed += row.state == ChunkState::Failed ? 1 : 0;
    }
    sendChunks(task.work, written->fileId, task.bytes, task.encoding, pending);
    FileState &state = fileState(written->fileId, task.work.scanned);
    state.progress.chunksTotal = int(written->chunks.size());
    state.progress.chunksFailed = failed;
    state.progress.chunksDone = int(written->chunks.size() - pending.size()) - failed;
    state.dirty = true;
}

// After a flush every write has its outcome, even those whose continuation has not run: the
// chunks they wrote are counted before the run's totals are.
void IndexWorker::settleFileWrites()
{
    const std::deque<std::shared_ptr<FileWriteTask>> tasks = m_fileWrites;
    for (const std::shared_ptr<FileWriteTask> &task : tasks)
        settleFileWrite(*task, task->future.result());
}

// Chosen chunks go as they are, or not at all: a file changed since has other chunks, which
// only indexing its folder again finds.
void IndexWorker::sendChosen(const WorkFile &work, const FileChunker::File &chunked)
{
    if (chunked.contentHash != work.previous->file.contentHash) {
        m_leftPending += work.pendingChunks.size();
        Q_EMIT message(tr("%1 changed since it was indexed: its chosen chunks stay pending until "
                          "its folder is indexed again.")
                .arg(FileName::display(work.scanned.absolutePath)));
        return;
    }
    m_summary.files += 1;
    m_summary.chunks += work.pendingChunks.size();
    FileState &state = fileState(work.previous->id, work.scanned);
    state.progress.chunksTotal = int(work.pendingChunks.size());
    sendPending(work, chunked);
}

void IndexWorker::rememberPending(const QList<ChunkRow> &rows)
{
    for (const ChunkRow &row : rows)
        m_pendingAtStart.insert(row.textHash);
}

// The pending chunks of a file were read when the run started: those whose text the run has
// stored since (for a copy in another file) were marked stored with it, and cost nothing now.
void IndexWorker::sendPending(const WorkFile &work, const FileChunker::File &chunked)
{
    QList<ChunkRow> pending;
    FileState &state = fileState(work.previous->id, work.scanned);
    for (const ChunkRow &row : work.pendingChunks) {
        if (!m_storedSinceStart.contains(row.textHash)) {
            pending.append(row);
            continue;
        }
        m_summary.unchanged += 1;
        state.progress.chunksDone += 1;
        state.dirty = true;
    }
    sendChunks(work, work.previous->id, chunked.bytes, chunked.encoding, pending);
}

void IndexWorker::changedSinceRead(const ScannedFile &file)
{
    Q_EMIT message(tr("%1 changed while it was being indexed: the next run reads it again.")
            .arg(FileName::display(file.absolutePath)));
    FileProgress p;
    p.path = file.absolutePath;
    p.language = file.language;
    p.state = FileProgress::State::Pending;
    p.reason = tr("changed while being read: the next run reads it again");
    Q_EMIT filesChanged({ p });
}

IndexWorker::FileState &IndexWorker::fileState(qint64 fileId, const ScannedFile &scanned)
{
    auto it = m_files.find(fileId);
    if (it == m_files.end()) {
        FileState state;
        state.progress.fileId = fileId;
        state.progress.path = scanned.absolutePath;
        state.progress.language = scanned.language;
        it = m_files.insert(fileId, state);
    }
    return *it;
}

void IndexWorker::sendChunks(const WorkFile &work, qint64 fileId, const QByteArray &bytes,
    TextDecoder::Encoding encoding, const QList<ChunkRow> &rows)
{
    // A file written after cancel() keeps its chunks pending for the next run: the processor
    // has stopped and must not start again.
    if (m_cancelled || m_finished) {
        leavePending(rows);
        return;
    }
    FileState &state = fileState(fileId, work.scanned);
    state.dirty = true;
    QList<EmbedItem> items;
    QList<QByteArray> hashes;
    for (const ChunkRow &row : rows) {
        state.progress.tokens += row.tokens;
        // Its text came back earlier in this run, after this chunk was written pending: the
        // writer stores that vector after this write (its queue is FIFO) and marks every
        // pending chunk with the text stored, so the chunk is not sent again. Writes queued
        // after that store find the vector themselves, and settle after it (FIFO again).
        if (auto storing = m_storingTexts.constFind(row.textHash);
            storing != m_storingTexts.cend()) {
            state.progress.chunksDone += 1;
            (*storing)->chunks += 1;
            continue;
        }
        // Identical text is embedded once per run too: later copies wait for the first.
        if (auto waiting = m_waitingOnText.find(row.textHash); waiting != m_waitingOnText.end()) {
            waiting->append(row.id);
            m_items.insert(row.id, Item { row.textHash, fileId, row.tokens });
            continue;
        }
        Chunk chunk;
        chunk.byteStart = row.byteStart;
        chunk.byteEnd = row.byteEnd;
        chunk.startColumn = row.startColumn;
        chunk.endColumn = row.endColumn;
        m_items.insert(row.id, Item { row.textHash, fileId, row.tokens });
        m_waitingOnText.insert(row.textHash, {});
        items.append(
            EmbedItem { row.id, Chunker::text(bytes, chunk, encoding), row.tokens, work.priority });
        hashes.append(row.textHash);
    }
    if (items.isEmpty())
        return;
    m_outstanding += items.size();
    if (m_shared)
        m_shared->offer(items, hashes); // sent once claimed
    else
        enqueue(std::move(items));
}

void IndexWorker::enqueue(QList<EmbedItem> items)
{
    QMetaObject::invokeMethod(
        m_processor, [processor = m_processor, items = std::move(items)]() mutable {
            processor->enqueue(std::move(items));
        });
}

void IndexWorker::leavePending(const QList<ChunkRow> &rows)
{
    for (const ChunkRow &row : rows) {
        // The writer marks it stored with the vector of its text that it is storing.
        if (auto storing = m_storingTexts.constFind(row.textHash); storing != m_storingTexts.cend())
            (*storing)->chunks += 1;
        else
            m_leftPending += 1;
    }
}

qint64 IndexWorker::markDone(qint64 chunkId, const Item &item)
{
    QList<qint64> done = m_waitingOnText.take(item.textHash);
    done.prepend(chunkId);
    for (qint64 id : std::as_const(done)) {
        const Item copy = id == chunkId ? item : m_items.take(id);
        if (auto it = m_files.find(copy.fileId); it != m_files.end()) {
            it->progress.chunksDone += 1;
            it->dirty = true;
        }
    }
    return done.size();
}

void IndexWorker::onEmbedded(const QList<EmbeddedItem> &items)
{
    assertOwnerThread(this);
    auto batch = std::make_shared<StoreBatch>();
    QList<EmbeddingWrite> writes;
    writes.reserve(items.size());
    for (const EmbeddedItem &embedded : items) {
        const Item item = m_items.take(embedded.id);
        const qint64 lease = m_shared ? m_shared->answered(item.textHash) : 0;
        writes.append(EmbeddingWrite { item.textHash, embedded.vector, lease });
        batch->hashes.append(item.textHash);
        m_storingTexts.insert(item.textHash, batch);
        const qint64 done = markDone(embedded.id, item);
        batch->chunks += done;
        if (m_shared)
            batch->copies.insert(item.textHash, done);
    }
    m_outstanding -= items.size();
    m_storing += writes.size();
    if (m_shared) {
        batch->fenced = std::make_shared<QList<QByteArray>>();
        batch->future = m_writer->storeLeased(m_spaceId, m_runId, writes, batch->fenced);
    } else {
        batch->future = m_writer->storeEmbeddings(m_spaceId, m_runId, writes);
    }
    m_storeBatches.push_back(batch);
    batch->future.then(this, [this, batch](const Status &status) {
        settleStore(*batch, status);
        if (!status)
            onWriteFailed(status.error());
        scheduleMore();
    });
    scheduleMore();
}

void IndexWorker::settleStore(StoreBatch &batch, const Status &status)
{
    if (batch.settled)
        return;
    batch.settled = true;
    // Stored means committed: a batch the writer could not store leaves its chunks pending,
    // and chunks whose text a teammate's lease took over wait for that teammate.
    qint64 fenced = 0;
    if (status && batch.fenced) {
        for (const QByteArray &hash : std::as_const(*batch.fenced))
            fenced += batch.copies.value(hash);
    }
    if (fenced > 0)
        Q_EMIT message(tr("%n chunk(s) were embedded after this worker's lease on them ran out "
                          "and a teammate took them over: the teammate stores them.",
            nullptr, int(fenced)));
    m_leftPending += fenced;
    if (status)
        m_summary.stored += batch.chunks - fenced;
    else
        m_unstored += batch.chunks;
    m_storing -= batch.hashes.size();
    for (const QByteArray &hash : std::as_const(batch.hashes)) {
        const bool fencedOff = batch.fenced && batch.fenced->contains(hash);
        if (status && !fencedOff && m_pendingAtStart.contains(hash))
            m_storedSinceStart.insert(hash);
        if (auto it = m_storingTexts.find(hash); it != m_storingTexts.end() && it->get() == &batch)
            m_storingTexts.erase(it);
    }
    std::erase_if(m_storeBatches,
        [&batch](const std::shared_ptr<StoreBatch> &queued) { return queued.get() == &batch; });
}

void IndexWorker::settleStores()
{
    const std::deque<std::shared_ptr<StoreBatch>> batches = m_storeBatches;
    for (const std::shared_ptr<StoreBatch> &batch : batches)
        settleStore(*batch, batch->future.result());
}

void IndexWorker::onWriteFailed(const Error &error)
{
    if (m_writer->fault())
        stopOnStoreError(error);
    else if (m_firstError.isEmpty())
        m_firstError = error.message;
}

void IndexWorker::stopOnStoreError(const Error &error)
{
    if (m_finished || !m_stopMessage.isEmpty())
        return;
    if (m_writer && !m_writer->fault() && m_reader && m_reader->fault() == StoreFault::Damaged)
        m_writer->halt(StoreFault::Damaged, error); // a damaged file is not written to any more
    m_stopMessage = stopMessage(error);
    qCInfo(lcIndexer) << "run" << m_runId << "stops:" << m_stopMessage;
    m_cancelled = true;
    m_work.clear();
    if (m_shared)
        m_shared->stop();
    if (m_processor)
        QMetaObject::invokeMethod(m_processor, &BatchProcessor::cancel);
    else
        finish(IndexSummary::Outcome::Fatal, m_stopMessage);
}

QString IndexWorker::stopMessage(const Error &error) const
{
    return m_writer && m_writer->fault() == StoreFault::DiskFull ? diskFullMessage()
                                                                 : error.message;
}

QString IndexWorker::diskFullMessage() const
{
    const QString path = m_writer->path();
    const QStorageInfo volume(QFileInfo(path).absolutePath());
    auto summary = m_reader->summary();
    const qint64 pending = summary ? summary->pending : m_outstanding + m_unstored;
    const QLocale locale;
    return tr("The disk holding the database %1 is full (%2 free). The run stopped; what was "
              "stored is kept, and %n chunk(s) are still pending, which need about %3 more. "
              "Free some space (or use --db for a database on another disk) and run again: "
              "only what is pending is sent.",
        nullptr, int(std::min<qint64>(pending, std::numeric_limits<int>::max())))
        .arg(QDir::toNativeSeparators(path), locale.formattedDataSize(volume.bytesAvailable()),
            locale.formattedDataSize(StoreSchema::bytesToStore(pending, m_dimensions)));
}

void IndexWorker::onStoredByTeammate(const QList<EmbedItem> &items)
{
    for (const EmbedItem &embedded : items)
        m_summary.storedByTeammates += markDone(embedded.id, m_items.take(embedded.id));
    m_outstanding -= items.size();
    scheduleMore();
}

void IndexWorker::onFailed(const QList<FailedItem> &items)
{
    assertOwnerThread(this);
    QList<FailureRecord> failures;
    for (const FailedItem &failed : items) {
        const Item item = m_items.take(failed.id);
        if (m_shared)
            m_shared->answered(item.textHash);
        QList<qint64> chunkIds = m_waitingOnText.take(item.textHash);
        chunkIds.prepend(failed.id);
        for (qint64 chunkId : std::as_const(chunkIds)) {
            const Item copy = chunkId == failed.id ? item : m_items.take(chunkId);
            failures.append(FailureRecord { chunkId, copy.textHash, m_runId, failed.reason,
                failed.httpStatus, failed.attempts });
            if (auto it = m_files.find(copy.fileId); it != m_files.end()) {
                it->progress.chunksFailed += 1;
                it->progress.reason = failed.reason;
                it->dirty = true;
            }
            m_summary.failed += 1;
        }
    }
    m_outstanding -= items.size();
    trackWrite(m_writer->markFailed(failures));
    scheduleMore();
}

void IndexWorker::onAttempt(const AttemptRecord &record)
{
    RequestRecord request;
    request.runId = m_runId;
    request.started = QDateTime::fromMSecsSinceEpoch(record.startedMs, QTimeZone::UTC);
    request.finished = QDateTime::fromMSecsSinceEpoch(record.finishedMs, QTimeZone::UTC);
    request.inputs = record.inputs;
    // Billed tokens (the server's usage, else our count), whatever became of the answer: what
    // cost_usd and the reports count.
    request.tokens = record.billed ? record.tokens : 0;
    request.httpStatus = record.httpStatus;
    request.attempt = record.attempt;
    request.error = record.error;
    m_summary.requests += 1;
    if (record.attempt > 1)
        m_summary.retries += 1;
    m_summary.tokens += request.tokens;
    m_summary.costUsd += request.tokens * m_usdPerMillion / 1e6;
    m_summary.priceKnown = m_priceKnown || m_summary.tokens == 0;
    trackWrite(m_writer->recordRequest(request));
}

void IndexWorker::maybeEndInput()
{
    if (m_inputEnded || !m_scanDone || m_processingGroup || !m_work.empty() || !m_fileWrites.empty()
        || (m_shared && !m_shared->isSettled()))
        return;
    m_inputEnded = true;
    QMetaObject::invokeMethod(m_processor, &BatchProcessor::endOfInput);
}

void IndexWorker::onProcessorFinished(BatchProcessor::Outcome outcome, const QString &text)
{
    if (!m_stopMessage.isEmpty()) {
        finish(IndexSummary::Outcome::Fatal, m_stopMessage);
        return;
    }
    switch (outcome) {
    case BatchProcessor::Outcome::Completed:
        finish(IndexSummary::Outcome::Completed, QString());
        break;
    case BatchProcessor::Outcome::Cancelled:
        finish(IndexSummary::Outcome::Cancelled, text);
        break;
    case BatchProcessor::Outcome::Fatal:
        finish(IndexSummary::Outcome::Fatal, text);
        break;
    }
}

void IndexWorker::pause()
{
    assertOwnerThread(this);
    m_paused = true;
    if (m_processor)
        QMetaObject::invokeMethod(m_processor, &BatchProcessor::pause);
}

void IndexWorker::resume()
{
    assertOwnerThread(this);
    m_paused = false;
    if (m_processor)
        QMetaObject::invokeMethod(m_processor, &BatchProcessor::resume);
    if (m_scanDone)
        scheduleMore();
}

void IndexWorker::requestCancel()
{
    m_cancelRequested.store(true, std::memory_order_relaxed);
    QMetaObject::invokeMethod(this, &IndexWorker::cancel);
}

void IndexWorker::cancel()
{
    assertOwnerThread(this);
    if (m_cancelled || m_finished)
        return;
    m_cancelled = true;
    m_work.clear();
    if (m_shared)
        m_shared->stop();
    if (m_processor)
        QMetaObject::invokeMethod(m_processor, &BatchProcessor::cancel);
    else
        finish(IndexSummary::Outcome::Cancelled, tr("cancelled"));
}

void IndexWorker::finish(IndexSummary::Outcome outcome, const QString &text)
{
    if (m_finished)
        return;
    m_finished = true;
    // Files still being read are read again by the next run.
    m_reading.cancel();
    m_reading.waitForFinished();
    m_fileTimer.stop();
    m_progressTimer.stop();
    emitFileChanges();
    if (m_shared)
        m_shared->release();
    if (m_writer) {
        // Everything answered so far is committed (or refused) before the totals are counted.
        const Status flushed = m_writer->flush();
        // Files first: a chunk written pending whose text a later batch stored is stored too.
        settleFileWrites();
        settleStores();
        if (!flushed && m_firstError.isEmpty())
            m_firstError = flushed.errorMessage();
        // The writer may meet a full disk only now, after the last answer came.
        if (!flushed && m_writer->fault() && m_stopMessage.isEmpty())
            m_stopMessage = stopMessage(flushed.error());
    }
    m_summary.outcome = outcome;
    m_summary.message = text;
    if (!m_stopMessage.isEmpty()) {
        m_summary.outcome = IndexSummary::Outcome::Fatal;
        m_summary.message = m_stopMessage;
    } else if (!m_firstError.isEmpty() && outcome == IndexSummary::Outcome::Completed) {
        m_summary.outcome = IndexSummary::Outcome::Fatal;
        m_summary.message = m_firstError;
    }
    m_summary.seconds = m_clock.elapsed() / 1000.0;
    // Copies of a text that never came back wait with it.
    qint64 waiting = 0;
    for (const QList<qint64> &copies : std::as_const(m_waitingOnText))
        waiting += copies.size();
    m_summary.pending = m_outstanding + waiting + m_unstored + m_leftPending;
    if (m_writer && m_runId > 0)
        recordEnd();
    m_runLock.reset();
    Q_EMIT finished(m_summary);
}

RunTotals IndexWorker::totals() const
{
    const IndexSummary &s = m_summary;
    return { s.files, s.chunks, s.stored, s.failed, s.unchanged, s.tokens, s.requests, s.retries,
        s.costUsd };
}

void IndexWorker::recordEnd()
{
    const IndexSummary &s = m_summary;
    const RunTotals totals = this->totals();
    const bool completed = s.outcome == IndexSummary::Outcome::Completed;
    const QString status = !m_stopMessage.isEmpty()     ? QStringLiteral("stopped")
        : completed                                     ? QStringLiteral("finished")
        : s.outcome == IndexSummary::Outcome::Cancelled ? QStringLiteral("cancelled")
                                                        : QStringLiteral("failed");
    (void)m_writer->finishRun(m_runId, totals, status, completed ? QString() : s.message);
    // A watcher's runs keep the vectors no chunk refers to any more: switching a branch and
    // back, or undoing an edit, then costs nothing. The next run a person starts collects them.
    if (completed && !m_request.pendingOnly && m_request.startedBy.isEmpty())
        (void)m_writer->collectOrphans(m_spaceId);
    // When even this does not fit on a full disk, the run's row keeps saying "running" and the
    // next start finds its process gone (RunLock): it reads as interrupted.
    if (const Status flushed = m_writer->flush(); !flushed)
        qCWarning(lcIndexer) << "could not record the end of run" << m_runId << ":"
                             << flushed.errorMessage();
}

void IndexWorker::emitFileChanges()
{
    QList<FileProgress> changed;
    for (FileState &state : m_files) {
        if (!state.dirty)
            continue;
        state.dirty = false;
        state.progress.state = stateOf(state.progress);
        changed.append(state.progress);
    }
    if (!changed.isEmpty())
        Q_EMIT filesChanged(changed);
}

void IndexWorker::trackWrite(QFuture<Status> future, std::function<void()> settled)
{
    // A future takes one continuation, so whatever else waits for the write runs in it too.
    future.then(this, [this, settled = std::move(settled)](const Status &status) {
        if (!status)
            onWriteFailed(status.error());
        if (settled)
            settled();
    });
}

template<typename T>
void IndexWorker::trackWrite(
    QFuture<Result<T>> future, std::function<void(const std::type_identity_t<T> &)> written)
{
    future.then(this, [this, written = std::move(written)](const Result<T> &result) {
        if (!result)
            onWriteFailed(result.error());
        if (result && written)
            written(*result);
    });
}

} // namespace SignalHub::Core
