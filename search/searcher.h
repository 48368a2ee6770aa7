#pragma once

#include "batchprocessor.h"
#include "embeddingspace.h"
#include "result.h"
#include "runplan.h"
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

class KeywordQuery;

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
        // The words the keyword index was asked for, to highlight (not in vector mode).
        QStringList words;
        // Texts of the space stored before the keyword index existed, which keyword search
        // cannot find until the next run of their folder adds their words.
        qint64 textsWithoutWords = 0;
    };
    explicit Searcher(QString databasePath);
    ~Searcher();

    QString databasePath() const { return m_databasePath; }
    Result<Answer> search(const Request &request);

    // Candidates each side gives to the fusion, and the constant of reciprocal rank fusion
    // (score = sum of 1 / (RrfK + rank)), as pgvector's hybrid example uses it.
    static constexpr int FusionCandidates = 100;
    static constexpr int RrfK = 60;
    // BM25 ranks every text that matches before the best come out, so a term found in more
    // than one text in CommonTermShare (and in more than CommonTermMinimum) costs time in
    // proportion to the index while adding little to the ranking: it is left out when rarer
    // terms remain, and when none remain, every term is required instead.
    static constexpr qint64 CommonTermShare = 10;
    static constexpr qint64 CommonTermMinimum = 2000;
    // A store that searches vectors itself (the team store's HNSW index) compares the query
    // with each allowed text instead when a filter leaves no more than this many: its index
    // would have to walk past nearly all others to find them.
    static constexpr qsizetype ExactScanTexts = 2000;
    // Its index is asked again for this many times more neighbours while too few of those it
    // found are allowed, at most StoreSearchRounds times, before comparing one by one.
    static constexpr int StoreSearchGrowth = 4;
    static constexpr int StoreSearchRounds = 4;

private:
    struct Loaded;
    using Ranking = std::vector<SearchIndex::Scored>;
    // Texts of the index that match the words, best first, at most k.
    static Result<Ranking> keywordRows(StoreReader &reader, const SearchIndex &index,
        const QString &expression, int k, const SearchIndex::Filter &filter);
    // Texts of the index nearest to the query vector, best first, at most k.
    static Result<Ranking> vectorRows(StoreReader &reader, const SearchIndex &index,
        const QList<float> &vector, int k, const SearchIndex::Filter &filter);
    static Result<Ranking> exactRows(StoreReader &reader, const SearchIndex &index,
        const QList<float> &vector, int k, const SearchIndex::Filter &filter);
    static Ranking fuse(const Ranking &vector, const Ranking &keyword, int k);
    static Result<QString> focusedExpression(
        StoreReader &reader, const KeywordQuery &query, qsizetype texts);
    // The query's vector, paid for (and recorded) when the provider charges.
    Result<QList<float>> embedQuery(
        RunPlan plan, const RunSettings &settings, qint64 spaceId, const QString &query) const;
    static Result<QStringList> foldersOfOtherSpaces(StoreReader &reader, qint64 spaceId);
    void recordCost(QueryRecord cost, const QList<AttemptRecord> &requests) const;
    Result<std::shared_ptr<const Loaded>> load(
        StoreReader &reader, const SpaceRow &space, qint64 runs);

    const QString m_databasePath;
    QMutex m_mutex;
    std::shared_ptr<const Loaded> m_loaded; // guarded by m_mutex
};

} // namespace SignalHub::Core
