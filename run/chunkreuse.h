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
    // `rechunk`: every file is read and cut again, unchanged or not: files cut by an older
    // version of the chunker's rules get today's chunks (which pays for their new texts), and
    // a database salvaged from damage gets back the chunk rows it lost (texts whose vectors
    // survived are not sent). Else files keep their chunks and vectors until they change.
    explicit ChunkReuse(QString chunking, bool rechunk = false)
        : m_chunking(std::move(chunking))
        , m_rechunk(rechunk)
    { }

    const QString &chunking() const { return m_chunking; }
    // The stored chunks are cut as this run cuts them, or by an older version of the same
    // rules and sizes and kept: if the file's bytes are the same, so are its chunks.
    bool keepsChunks(const std::optional<FileRow> &previous) const;
    // Kept, though this run's rules would cut the file otherwise.
    bool keepsOlderCut(const std::optional<FileRow> &previous) const;
    // The same chunks, size and time: the file is not even read.
    bool isUnchanged(const std::optional<FileRow> &previous, const ScannedFile &scanned) const;

private:
    QString m_chunking;
    bool m_rechunk = false;
};

} // namespace SignalHub::Core
