#include "chunkreuse.h"

namespace SignalHub::Core {

namespace {

// "counter/target/max" without the chunker's version (RunPlan::chunking()); files cut before
// the version was recorded have none.
QStringView sizes(const QString &chunking)
{
    const QStringView all(chunking);
    return all.count(u'/') >= 3 ? all.first(all.lastIndexOf(u'/')) : all;
}

} // namespace

bool ChunkReuse::keepsChunks(const std::optional<FileRow> &previous) const
{
    return !m_rechunk && previous && previous->file.status == FileStatus::Indexed
        && (previous->file.chunking == m_chunking || keepsOlderCut(previous));
}

bool ChunkReuse::keepsOlderCut(const std::optional<FileRow> &previous) const
{
    return !m_rechunk && previous && previous->file.status == FileStatus::Indexed
        && !previous->file.chunking.isEmpty() && previous->file.chunking != m_chunking
        && sizes(previous->file.chunking) == sizes(m_chunking);
}

bool ChunkReuse::isUnchanged(
    const std::optional<FileRow> &previous, const ScannedFile &scanned) const
{
    return keepsChunks(previous) && previous->file.size == scanned.size
        && previous->file.mtime == scanned.mtime;
}

} // namespace SignalHub::Core
