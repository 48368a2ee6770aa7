#include "retryscope.h"

#include "storereader.h"

#include <QCoreApplication>

namespace SignalHub::Core {

Result<RetryScope> RetryScope::make(
    StoreReader &reader, qint64 spaceId, const QList<qint64> &chosenChunkIds)
{
    RetryScope scope;
    if (chosenChunkIds.isEmpty()) {
        auto sources = spaceId > 0 ? reader.sourcesToRetry(spaceId) : QList<SourceSpace>();
        if (!sources)
            return sources.error();
        scope.m_sources = std::move(*sources);
        return scope;
    }
    scope.m_exact = true;
    auto failed = reader.failedChunks();
    if (!failed)
        return failed.error();
    const QSet<qint64> chosen(chosenChunkIds.cbegin(), chosenChunkIds.cend());
    QList<qint64> ids;
    for (const FailedChunk &chunk : std::as_const(*failed)) {
        if (chosen.contains(chunk.chunk.id)) {
            scope.m_chunks.append(chunk);
            ids.append(chunk.chunk.id);
        }
    }
    auto spaces = reader.spacesOfChunks(ids);
    if (!spaces)
        return spaces.error();
    if (spaces->size() > 1)
        return Error { QCoreApplication::translate("SignalHub::Core::RetryScope",
            "The chosen chunks belong to folders indexed with different models: retry them one "
            "model at a time.") };
    if (!spaces->isEmpty() && *spaces->cbegin() != spaceId)
        return Error { QCoreApplication::translate("SignalHub::Core::RetryScope",
            "The chosen chunks belong to folders indexed with another model: retry them with "
            "that model, or index their folders with this one.") };
    return scope;
}

} // namespace SignalHub::Core
