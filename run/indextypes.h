#pragma once

#include "runsettings.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <functional>

namespace SignalHub::Core {

// What to index, with what, into which database.
struct IndexRequest
{
    QStringList roots; // folders or files
    RunSettings settings;
    QByteArray apiKey; // kept in memory only
    QString databasePath; // empty: the default location
    bool pendingOnly = false; // retry-failed: send what is pending, scan nothing
    // Cut every file again, unchanged or not (ChunkReuse): what an older version of the
    // chunker's rules cut gets today's chunks, a salvaged database its lost chunk rows.
    bool rechunk = false;
    // What the one folder of `roots` is known by wherever it lies (SourceIdentity::named);
    // empty: what git says, or its path.
    QString sourceName;
    // Only these paths (files or folders, absolute, inside `roots`) are looked at, and those of
    // them that are gone are removed: a watcher's incremental run. Empty: all of `roots`.
    QStringList onlyPaths;
    QString startedBy; // RunStart::startedBy: "watch" for a watcher's runs
    QList<qint64> retryChunkIds; // with pendingOnly: the failed chunks to retry (empty: all)
    // For tests: called on the run's thread with each file's path after the file is read and
    // before what was read is stored (to change the file in between, deterministically).
    std::function<void(const QString &path)> afterRead;
    // For tests: called on a pool thread with each file's path before the file is read.
    std::function<void(const QString &path)> beforeRead;

    // retry-failed, from either front end (see RetryScope): chosen chunks are sent again in the
    // space their folders are kept in, all failed chunks in the database's last run's, unless
    // `spaceGiven` (the CLI's provider flags); limits, retries and timeouts stay the caller's.
    // Reads the store: never on the GUI thread.
    static IndexRequest retry(const RunSettings &settings, const QString &databasePath,
        const QList<qint64> &chunkIds, bool spaceGiven);
    // `given` with the space of the database's last run (as it is when there is none); with
    // `scanRules` also that run's chunking and scan rules where `given` keeps the defaults, so a
    // retry reads the folders the way they were indexed. Reads the store.
    static RunSettings lastRunSettings(
        const RunSettings &given, const QString &databasePath, bool scanRules);
};

// One file's progress, for the window's table.
struct FileProgress
{
    enum class State
    {
        Pending,
        Running,
        Done,
        Skipped,
        Failed
    };
    qint64 fileId = 0;
    QString path;
    QString language;
    int chunksTotal = 0;
    int chunksDone = 0;
    int chunksFailed = 0;
    qint64 tokens = 0;
    State state = State::Pending;
    QString reason; // why skipped or failed
};

// The end of a run; `index --json` prints these fields.
// A teammate's worker of a run shared on the team store, as this run last read it.
struct TeammateProgress
{
    qint64 runId = 0;
    QString host;
    qint64 stored = 0; // chunks it embedded so far
    double chunksPerSecond = 0; // over the last RateWindowMs
    static constexpr qint64 RateWindowMs = 10000;
};

struct IndexSummary
{
    enum class Outcome
    {
        Completed,
        Cancelled,
        Fatal
    };
    Outcome outcome = Outcome::Completed;
    QString message; // for Fatal: what stopped the run
    qint64 runId = 0;
    qint64 files = 0;
    qint64 skippedFiles = 0;
    qint64 unreadableFiles = 0;
    qint64 chunks = 0;
    qint64 stored = 0; // embedded in this run
    qint64 failed = 0;
    qint64 unchanged = 0; // already stored before: not sent, not paid
    qint64 storedByTeammates = 0; // a shared run: embedded by another worker meanwhile
    // Unchanged files that keep the chunks an older version of the chunking rules cut
    // (IndexRequest::rechunk cuts them again).
    qint64 filesCutBefore = 0;
    qint64 pending = 0; // left for the next run (cancelled or fatal)
    qint64 tokens = 0; // billed: every token of every answered request
    double costUsd = 0;
    bool priceKnown = true; // false: tokens were billed at a price nobody knows (costUsd: $0)
    qint64 requests = 0;
    qint64 retries = 0;
    double seconds = 0;

    double chunksPerSecond() const { return seconds > 0 ? stored / seconds : 0; }
    // DESIGN.md: 0 all stored, 1 failed chunks or unreadable files, 3 fatal.
    int exitCode() const;
};

} // namespace SignalHub::Core

Q_DECLARE_METATYPE(SignalHub::Core::FileProgress)
Q_DECLARE_METATYPE(SignalHub::Core::IndexSummary)
Q_DECLARE_METATYPE(SignalHub::Core::TeammateProgress)
