#pragma once

#include "result.h"
#include "runsettings.h"
#include "scanner.h"

#include <QList>
#include <QString>
#include <atomic>

namespace SignalHub::Core {

// What an index run would send and cost, before anything is sent: scan, chunk and count
// exactly as the run would, then subtract what the store already holds for the space
// (and identical text within the folders).
class Estimator
{
public:
    struct FileEstimate
    {
        ScannedFile file;
        int chunks = 0;
        qint64 tokens = 0; // of all its chunks
        qint64 tokensToSend = 0; // of the chunks not embedded yet
        QString encoding; // TextDecoder::name() of an indexed file's bytes, else empty
    };
    struct Estimate
    {
        QList<FileEstimate> files; // indexed and skipped, with reasons
        qint64 chunks = 0;
        qint64 chunksToSend = 0;
        qint64 tokens = 0;
        qint64 tokensToSend = 0;
        double usdPerMillion = 0;
        bool priceKnown = true;
        QString model;
        // Unchanged files cut by an older version of the chunker's rules, which keep their
        // chunks unless the run is asked to cut them again (see ChunkReuse).
        int filesCutBefore = 0;
        double costUsd() const { return tokensToSend * usdPerMillion / 1e6; }
    };

    struct Options
    {
        bool listIgnored = false; // the ignored files too, with their reasons
        bool rechunk = false; // as IndexRequest::rechunk
        QStringList onlyPaths; // as IndexRequest::onlyPaths
    };
    // databasePath may name a file that does not exist yet: then nothing is stored.
    static Result<Estimate> run(const QStringList &roots, const RunSettings &settings,
        const QString &databasePath, Options options, const std::atomic<bool> *cancelled = nullptr);
    // What retry-failed would send (RetryScope): the chosen failed chunks, else the failed and
    // pending chunks of the folders kept in the space, each distinct text once, less what the
    // space already holds. Reads the store only (no scan), so files changed since are not
    // counted.
    static Result<Estimate> retry(
        const RunSettings &settings, const QString &databasePath, const QList<qint64> &chunkIds);
};

} // namespace SignalHub::Core
