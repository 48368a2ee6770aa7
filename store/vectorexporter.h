#pragma once

#include "result.h"
#include "storetypes.h"

#include <optional>

class QIODevice;

namespace SignalHub::Core {

class StoreReader;

// Streams the vectors of one space out of the store, memory flat whatever the size:
// JSONL with one object per chunk, or NumPy .npy (float32, rows × dims) plus a .jsonl index
// of the same rows without the vectors.
class VectorExporter
{
public:
    VectorExporter(StoreReader &reader, const SpaceRow &space)
        : m_reader(reader)
        , m_space(space)
    { }

    Result<qint64> writeJsonl(QIODevice &out);
    Result<qint64> writeNpy(const QString &basePath);

private:
    QByteArray rowJson(const VectorRow &row, bool withVector) const;
    // A vector that is not dimensions × 4 bytes: the file is damaged.
    std::optional<Error> checkSize(const VectorRow &row) const;

    StoreReader &m_reader;
    SpaceRow m_space;
};

} // namespace SignalHub::Core
