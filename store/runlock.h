#pragma once

#include "result.h"

#include <QDateTime>
#include <QString>
#include <memory>

namespace SignalHub::Core {

class StoreConnection;

// Tells a run that is going on from one whose process died (kill -9, a crash, a power cut):
// the process that runs it holds an advisory lock (flock) on a file beside the database, and
// the kernel releases it when the process ends, however it ends. A run the database calls
// "running" whose lock nobody holds was interrupted. On the team store the lock is a
// PostgreSQL advisory lock of a connection of the run's own, which the server releases when
// that connection ends: teammates see each other's runs live or interrupted alike.
class RunLock
{
public:
    // A run's row is written a moment before its lock is taken: younger runs count as live.
    static constexpr int GraceSeconds = 2;
    // pg_advisory_lock's first key for runs on the team store ("SHRU"); the second is the
    // run's id.
    static constexpr int SharedKey = 0x53485255;

    // Taken by the process that runs `runId`; released (and its file removed) when destroyed.
    static Result<std::unique_ptr<RunLock>> take(const QString &databasePath, qint64 runId);
    ~RunLock();
    RunLock(const RunLock &) = delete;
    RunLock &operator=(const RunLock &) = delete;

    // Whether a live process holds the lock of `runId`. Removes the file a dead one left.
    static bool isHeld(const QString &databasePath, qint64 runId);
    // Whether a run the database calls "running", started at `started`, has lost its process:
    // it is older than GraceSeconds and nobody holds its lock.
    static bool hasDied(const QString &databasePath, qint64 runId, const QDateTime &started);
    static bool hasDied(StoreConnection &connection, qint64 runId, const QDateTime &started);

private:
    RunLock(QString path, int fd);
    explicit RunLock(std::unique_ptr<StoreConnection> session);
    static QString pathFor(const QString &databasePath, qint64 runId);
    static Result<std::unique_ptr<RunLock>> takeShared(const QString &url, qint64 runId);
    static bool isYoung(const QDateTime &started);

    QString m_path;
    int m_fd = -1;
    std::unique_ptr<StoreConnection> m_session; // on the team store: holds the lock
};

} // namespace SignalHub::Core
