#pragma once

#include "result.h"
#include "storetypes.h"

#include <QList>

namespace SignalHub::Core {

class StoreReader;

// What retry-failed sends, decided once for the run and for its estimate. Chosen chunks are
// sent exactly, and only in the space their folders are kept in (chunk states refer to it).
// Without a choice, the failed and pending chunks of the folders kept in the run's space are
// sent, and those folders indexed again; folders kept in other spaces are left alone.
class RetryScope
{
public:
    static Result<RetryScope> make(
        StoreReader &reader, qint64 spaceId, const QList<qint64> &chosenChunkIds);

    bool isExact() const { return m_exact; }
    // Exact: the chosen chunks that are failed (as they are before the retry).
    const QList<FailedChunk> &chunks() const { return m_chunks; }
    // Not exact: the folders to index again.
    const QList<SourceSpace> &sources() const { return m_sources; }

private:
    bool m_exact = false;
    QList<FailedChunk> m_chunks;
    QList<SourceSpace> m_sources;
};

} // namespace SignalHub::Core
