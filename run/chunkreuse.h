#pragma once

#include "scanner.h"
#include "storetypes.h"

#include <QString>
#include <optional>

namespace SignalHub::Core {

// Whether a run may keep what the store holds for a file, decided one way for the run
// (IndexWorker) and for its estimate (Estimator), so that the estimate counts what the run
// sends: chunks are kept only when they were cut as this run cuts them (RunPlan::chunking()).
class ChunkReuse
{
public:
    explicit ChunkReuse(QString chunking)
        : m_chunking(std::move(chunking))
    { }

    const QString &chunking() const { return m_chunking; }
    // The stored chunks are cut as this run cuts them: if the file's bytes are the same, so
    // are its chunks.
    bool keepsChunks(const std::optional<FileRow> &previous) const;
    // The same chunks, size and time: the file is not even read.
    bool isUnchanged(const std::optional<FileRow> &previous, const ScannedFile &scanned) const;

private:
    QString m_chunking;
};

} // namespace SignalHub::Core
