#pragma once

#include "indexer.h"
#include "result.h"
#include "runsettings.h"
#include "searcher.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <chrono>
#include <functional>
#include <memory>

namespace SignalHub::Core {

class Watcher;

// The tools an agent calls: search_code, read_lines, index_status and reindex. Each answer is
// a text an agent reads plus the same data as structuredContent, kept under ~20k tokens however
// large the hits; bad arguments are answered as tool errors (isError) that say what to change.
// The Searcher, and with it the model and the vectors, stays loaded between calls. Lives on one
// thread; the store and the files are read on the thread pool.
class CodeTools : public QObject
{
public:
    struct Options
    {
        QString databasePath; // absolute
        RunSettings settings; // reindex runs use it; queries too when spaceGiven
        bool spaceGiven = false; // else queries use the space of the database's last run
        Searcher::KeyLookup keyFor;
        QByteArray apiKey; // for reindex runs, kept in memory only
    };
    using Reply = std::function<void(const QJsonObject &result)>;

    // An answer's share of the agent's context: Claude Code refuses tool results over ~25k
    // tokens, and the text and structuredContent each carry the snippets.
    static constexpr int SnippetBudgetChars = 24'000;
    static constexpr int MaxSnippetLines = 60;
    static constexpr int MaxReadLines = 400;
    static constexpr int MaxLimit = 50;
    // How long a search waits for the run of files saved before it to commit; what is still
    // not in by then is named in pending_paths.
    static constexpr std::chrono::milliseconds FreshnessWait { 2000 };

    explicit CodeTools(Options options, QObject *parent = nullptr);
    ~CodeTools() override;

    // Runs reindex requests of watched folders through it, and reports its state in
    // index_status. Null: no folder is watched.
    void setWatcher(Watcher *watcher);
    // What the server tells the agent at initialize, for its system prompt.
    static QString instructions();
    QJsonArray definitions() const;
    bool has(const QString &name) const;
    // `reply` is called on `context`'s thread, once.
    void call(const QString &name, const QJsonObject &arguments, QObject *context, Reply reply);

private:
    struct Reindex
    {
        QString root;
        QStringList paths; // empty: the whole folder
        RunSettings settings; // the last run's space and scan rules
    };

    void searchCode(const QJsonObject &arguments, QObject *context, Reply reply);
    void readLines(const QJsonObject &arguments, QObject *context, Reply reply);
    void indexStatus(QObject *context, Reply reply);
    void reindex(const QJsonObject &arguments, QObject *context, Reply reply);
    void startReindex(const Reindex &next);
    // Calls `then` once the watched folders' changes saved before this call are in, or at
    // FreshnessWait with those that are not.
    void whenFresh(std::function<void(const QStringList &pending)> then);
    void startNextReindex();
    QJsonArray watchedFolders() const;
    Result<Searcher::Request> searchRequest(const QJsonObject &arguments) const;

    Options m_options;
    std::shared_ptr<Searcher> m_searcher;
    QPointer<Watcher> m_watcher;
    Indexer m_indexer; // reindex runs of folders nobody watches here
    QList<Reindex> m_reindexQueue;
    QStringList m_reindexing; // paths of the run that goes on
};

} // namespace SignalHub::Core
