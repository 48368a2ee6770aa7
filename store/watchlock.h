#pragma once

#include "result.h"

#include <QString>
#include <memory>

namespace SignalHub::Core {

// One watcher per database: the window, `signalhub-cli watch` and the MCP server each take this
// lock before they watch, so that two processes never both index the same change. An advisory
// lock (flock) on a file beside the database, released by the kernel however its process ends;
// the file names the holder for the others to show. Local databases only: flock is per host.
class WatchLock
{
public:
    // The lock, or no lock (nullptr) when another process holds it: holder() says who.
    // `holder` describes this process to the others ("signalhub-cli watch").
    static Result<std::unique_ptr<WatchLock>> take(
        const QString &databasePath, const QString &holder);
    // Who holds the lock of `databasePath` ("signalhub-cli watch (pid 4711) since 10:02"),
    // empty when nobody does.
    static QString holder(const QString &databasePath);

    ~WatchLock();
    WatchLock(const WatchLock &) = delete;
    WatchLock &operator=(const WatchLock &) = delete;

private:
    explicit WatchLock(int fd);
    static QString pathFor(const QString &databasePath);

    int m_fd = -1;
};

} // namespace SignalHub::Core
