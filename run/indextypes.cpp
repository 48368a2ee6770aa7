#include "indextypes.h"

#include "storereader.h"

#include <QFileInfo>

namespace SignalHub::Core {

IndexRequest IndexRequest::retry(const RunSettings &settings, const QString &databasePath,
    const QList<qint64> &chunkIds, bool spaceGiven)
{
    IndexRequest request;
    request.settings = spaceGiven ? settings : lastRunSettings(settings, databasePath, true);
    request.databasePath = databasePath;
    request.pendingOnly = true;
    request.retryChunkIds = chunkIds;
    return request;
}

RunSettings IndexRequest::lastRunSettings(
    const RunSettings &given, const QString &databasePath, bool scanRules)
{
    if (!QFileInfo::exists(databasePath))
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
