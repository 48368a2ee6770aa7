#pragma once

#include "storetypes.h"

#include <QList>
#include <QString>

namespace SignalHub::Core {

// Which source a run in one space keeps the files of a path in, decided the same way for the
// run (StoreJobs::claimSource) and for its estimate, which only reads.
//
// Chunk states refer to their source's space, so a run never takes a source over from another
// space unless it was given exactly that source's folder (a switch of the whole folder): a path
// inside a source of another space becomes a source of its own, nested in the other, which
// keeps its index. Sources of the same space never nest: a source takes over the files of
// those of its space inside it.
//
// A path no source covers, whose identity (SourceIdentity) a source has whose folder is gone,
// is that source moved (a checkout moved or renamed): it is chosen, and its root becomes the
// path. Its files are kept relative to the root, so they all match again.
class SourceChoice
{
public:
    static SourceChoice make(const QList<SourceSpace> &sources, const QString &path, qint64 spaceId,
        const QString &identity = QString());

    qint64 sourceId = 0; // 0: a new source at `root`
    QString root; // the path itself, or the indexed folder of this space that contains it
    qint64 previousSpaceId = 0; // the chosen source's space before the run
    QList<qint64> absorbed; // sources of this space inside `root` that it takes over
    QString nestedIn; // for a new source: the innermost source of another space around it
    QString movedFrom; // the chosen source's root before, when it moved to `root`

private:
    void adoptMoved(const QList<SourceSpace> &sources, const QString &identity);
};

} // namespace SignalHub::Core
