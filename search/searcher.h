#pragma once

#include "batchprocessor.h"
#include "embeddingspace.h"
#include "result.h"
#include "runsettings.h"
#include "searchindex.h"
#include "storetypes.h"

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QString>
#include <functional>
#include <memory>

namespace SignalHub::Core {

// The one way a query is answered, whoever asks (the window, the CLI, next the MCP server):
// choose the space, hold its vectors in memory, embed the query with that space's model, rank.
//
// The space is the one of the database's last run unless the request names another, and only
// the folders kept in that space are searched (each source is searched in its own); the query
// is embedded with that space's provider, URL, model and dimensions and the request's limits,
// retries and timeouts. The vectors of a space are loaded once and kept until the database has
// seen a new run. search() blocks (it reads the store and may wait on the network): call it
// off the GUI thread. It is thread-safe; calls may overlap.
class Searcher
{
public:
    // The API key for embedding the query with these settings' provider.
    using KeyLookup = std::function<QByteArray(const RunSettings &settings)>;
    enum class Mode
    {
        Hybrid, // keyword and vector candidates fused
        Vector,
        Keyword,
    };
    struct Request
    {
        QString query;
        int k = 10;
        Mode mode = Mode::Hybrid;
        QString pathGlob; // matched against the path relative to its folder; empty: all
        QString language; // a KSyntaxHighlighting definition name; empty: all
        RunSettings settings;
        // Search the space of `settings` instead of the last run's.
        bool spaceGiven = false;
        KeyLookup keyFor;
    };
    struct Answer
    {
        enum class Outcome
        {
            Hits,
            NothingIndexed, // the database holds no run yet
            SpaceNotIndexed, // the space the request named holds no vectors here
        };
        Outcome outcome = Outcome::Hits;
        EmbeddingSpace space; // searched, or named and not found
        QList<SearchHit> hits;
        // Folders indexed with another model: each is searched only in its own space.
        QStringList notSearched;
    };
    explicit Searcher(QString databasePath);
    ~Searcher();

    QString databasePath() const { return m_databasePath; }
    Result<Answer> search(const Request &request);

private:
    struct Loaded;
    static Result<QStringList> foldersOfOtherSpaces(StoreReader &reader, qint64 spaceId);
    void recordCost(QueryRecord cost, const QList<AttemptRecord> &requests) const;
    Result<std::shared_ptr<const Loaded>> load(
        StoreReader &reader, const SpaceRow &space, qint64 runs);

    const QString m_databasePath;
    QMutex m_mutex;
    std::shared_ptr<const Loaded> m_loaded; // guarded by m_mutex
};

} // namespace SignalHub::Core
