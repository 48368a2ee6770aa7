#include "chunkreuse.h"

namespace SignalHub::Core {

bool ChunkReuse::keepsChunks(const std::optional<FileRow> &previous) const
{
    return previous && previous->file.status == FileStatus::Indexed
        && previous->file.chunking == m_chunking;
}

bool ChunkReuse::isUnchanged(
    const std::optional<FileRow> &previous, const ScannedFile &scanned) const
{
    return keepsChunks(previous) && previous->file.size == scanned.size
        && previous->file.mtime == scanned.mtime;
}

} // namespace SignalHub::Core
