#pragma once

#include "result.h"
#include "storetypes.h"

#include <QCoreApplication>
#include <QString>

namespace SignalHub::Core {

// Drops an indexed folder from a database: its files, chunks and failures, and the vectors and
// texts that no other folder uses. What `signalhub-cli remove` and the window's "Remove from
// index" do. Refused while a run writes to the database, and for a folder inside an indexed
// one (the next run of the outer folder would bring its files back). Blocking (disk): never
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

    // `path` is an indexed folder (as `status` lists it), absolute or relative to the working
    // folder; it need not exist any more.
    static Result<Removed> remove(const QString &databasePath, const QString &path);
};

} // namespace SignalHub::Core
