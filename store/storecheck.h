#pragma once

#include "result.h"

#include <QString>
#include <QStringList>

namespace SignalHub::Core {

class StoreConnection;

// Verifies a database page by page and says what to do about damage. SQLite notices a damaged
// page only when a statement reads it, and PRAGMA quick_check reads every page (seconds on a
// large file), so a check runs when asked (`signalhub-cli check`) and before a writer's first
// write after an unclean stop, when damage is most likely — not on every start.
class StoreCheck
{
public:
    enum class Depth
    {
        Quick, // PRAGMA quick_check: every page, every record's format
        Full, // PRAGMA integrity_check: also that every index matches its table
    };

    // The problems found, empty when the database is sound. Opens the file read-only, as it
    // is: nothing is migrated or written.
    static Result<QStringList> verify(const QString &path, Depth depth);

    // On the writer's connection, before it writes: when a run is left "running" whose process
    // is gone (see RunLock), quick_check runs, and a damaged database is refused.
    static Status verifyAfterUncleanStop(StoreConnection &connection);

    // The error for a damaged database: which file, what is wrong, that nothing more is written
    // to it, and how to recover.
    static Error damaged(const QString &path, const QString &detail);

private:
    static Result<QStringList> verify(StoreConnection &connection, Depth depth);
    static Result<bool> hasDeadRun(StoreConnection &connection);
};

} // namespace SignalHub::Core
