#pragma once

#include "result.h"
#include "storetypes.h"

#include <QCoreApplication>
#include <QString>

namespace SignalHub::Core {

// Drops an indexed folder from a database: its files, chunks and failures, and the vectors and
// texts that no other folder uses. What `signalhub-cli remove` and the window's "Remove from
// index" do. Refused while a run writes to the database, and for a folder inside an indexed
// one (the next run of the outer folder would bring its files back). Each removal is a
// transaction of its own. Blocking (disk): never
// on the GUI thread.
class FolderRemoval
{
    Q_DECLARE_TR_FUNCTIONS(SignalHub::Core::FolderRemoval)

public:
    struct Removed
    {
        QString root;
        RemovedSource what;
    };

    // Removes the indexed folder `path` (as `status` lists it; absolute or relative to the
    // working folder, and it need not exist any more), or every indexed folder inside it.
    static Result<QList<Removed>> remove(const QString &databasePath, const QString &path);
};

} // namespace SignalHub::Core
