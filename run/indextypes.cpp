#include "indextypes.h"

#include "storereader.h"

namespace SignalHub::Core {

namespace {
// The chunks' folders' space, as the last run in it had it; when they are kept in several
// (which the run refuses) or none, `given`.
RunSettings spaceOfChunks(
    const RunSettings &given, const QString &databasePath, const QList<qint64> &chunkIds)
{
    auto reader = StoreReader::open(databasePath);
    if (!reader)
        return given;
    auto spaces = (*reader)->spacesOfChunks(chunkIds);
    auto runs = (*reader)->runs();
    if (!spaces || spaces->size() != 1 || !runs)
        return given;
    for (auto run = runs->crbegin(); run != runs->crend(); ++run) {
        if (run->spaceId == *spaces->cbegin())
            return given.withSpaceOf(RunSettings::fromJson(run->settings));
    }
    return given;
}

} // namespace

IndexRequest IndexRequest::retry(const RunSettings &settings, const QString &databasePath,
    const QList<qint64> &chunkIds, bool spaceGiven)
{
    IndexRequest request;
    request.settings = spaceGiven ? settings : lastRunSettings(settings, databasePath, true);
    if (!spaceGiven && !chunkIds.isEmpty())
        request.settings = spaceOfChunks(request.settings, databasePath, chunkIds);
    request.databasePath = databasePath;
    request.pendingOnly = true;
    request.retryChunkIds = chunkIds;
    return request;
}

RunSettings IndexRequest::lastRunSettings(
    const RunSettings &given, const QString &databasePath, bool scanRules)
{
    if (!StoreReader::exists(databasePath))
        return given;
    auto reader = StoreReader::open(databasePath);
    if (!reader)
        return given;
    auto runs = (*reader)->runs();
    if (!runs || runs->isEmpty())
        return given;
    const RunSettings last = RunSettings::fromJson(runs->last().settings);
    RunSettings settings = given.withSpaceOf(last);
    if (scanRules) {
        const RunSettings defaults;
        if (settings.chunkTokens == defaults.chunkTokens)
            settings.chunkTokens = last.chunkTokens;
        if (settings.excludeGlobs.isEmpty())
            settings.excludeGlobs = last.excludeGlobs;
        if (settings.maxFileSize == defaults.maxFileSize)
            settings.maxFileSize = last.maxFileSize;
        if (settings.includeSecretFiles == defaults.includeSecretFiles)
            settings.includeSecretFiles = last.includeSecretFiles;
    }
    return settings;
}

int IndexSummary::exitCode() const
{
    switch (outcome) {
    case Outcome::Fatal:
        return 3;
    case Outcome::Cancelled:
        return 130;
    case Outcome::Completed:
        break;
    }
    return failed > 0 || unreadableFiles > 0 ? 1 : 0;
}

} // namespace SignalHub::Core
