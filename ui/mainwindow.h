#pragma once

#include "agentservice.h"
#include "indexer.h"
#include "indextypes.h"
#include "settings.h"
#include "storetypes.h"
#include "watcher.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QMainWindow>
#include <QTimer>
#include <memory>

class QAction;
class QSplitter;
class QTabWidget;

namespace SignalHub::Ui {

class AgentsPage;
class FailedModel;
class FailedPage;
class FilesModel;
class FolderRollupModel;
class IndexPage;
class ReportModel;
class RunsModel;
class RunsPage;
class SearchModel;
class SearchPage;
class SnippetView;
class StatusPanel;
class ThroughputChart;
class WatchPage;
class WatchedFoldersModel;

// The desktop window: drop folders to index them with the current settings, watch files,
// throughput and costs live, look at failures, reports and search. Every store read, file
// read and embedding runs off the GUI thread; results come back through then(this, ...).
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    SignalHub::Core::Settings &settings() { return m_settings; }
    QString databasePath() const;
    // The team store's password from the keychain, for this process's connections to it.
    void loadStorePassword();
    bool isRunning() const { return m_indexer.isRunning() || m_starting; }

    // Index folders or files with the current settings (asks first when a paid run would cost
    // more than the threshold).
    void startIndexing(const QStringList &roots);
    // Indexes the last run's folders again, cutting again the unchanged files that older
    // chunking rules cut (they keep their chunks otherwise); asks first, with the estimate.
    void cutAgainWithCurrentRules();
    // Retries the failed chunks `chunkIds` (all failed chunks when empty), asking first like
    // startIndexing() when a paid provider would cost more than the threshold.
    void retryFailed(const QList<qint64> &chunkIds = {});
    // Drops an indexed folder from the index after asking (FolderRemoval): watching pauses
    // meanwhile, so that no run of the watcher brings its files back. folderRemoved() follows.
    void removeFolder(const QString &root);
    void retrySelectedFailed();
    void pauseRun();
    void resumeRun();
    void cancelRun();
    void reloadStoreViews();
    void search(const QString &query);
    // Writes the cost report grouped by `by` as CSV or JSON; reportExported() follows.
    void exportReport(const QString &path, SignalHub::Core::ReportBy by, bool json);
    void openSettings();
    // Opens the file at the line in the editor of the settings (or a known one from PATH),
    // else with the desktop's default application, without the line.
    void openAt(const QString &path, int line);

    FilesModel *filesModel() const { return m_files; }
    FolderRollupModel *foldersModel() const { return m_folders; }
    FailedModel *failedModel() const { return m_failed; }
    RunsModel *runsModel() const { return m_runs; }
    ReportModel *reportModel() const { return m_report; }
    SearchModel *searchModel() const { return m_search; }
    WatchedFoldersModel *watchedFoldersModel() const { return m_watched; }
    ThroughputChart *chart() const { return m_chart; }
    const SignalHub::Core::IndexSummary &lastSummary() const { return m_lastSummary; }
    const SignalHub::Core::StatusSummary &storeSummary() const { return m_storeSummary; }

Q_SIGNALS:
    void runStarted();
    void runFinished(const SignalHub::Core::IndexSummary &summary);
    void storeViewsReloaded();
    // The watcher's run of changed files ended.
    void watchRunFinished(const SignalHub::Core::IndexSummary &summary);
    void reportExported(const QString &path, const QString &error);
    // A folder left the index, or could not (error).
    void folderRemoved(const QString &root, const QString &error);
    void snippetShown(const QString &text);
    // After "Open in editor": the command started, empty when the default application (or
    // nothing) opened the file.
    void editorOpened(const QString &command);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    // The pages ask, the window does.
    void connectPages();
    void startRemoval();
    void buildActions();
    void showAbout();
    void showSearchOutcome();
    QList<QSplitter *> splitters() const;
    void restoreLayout();
    void saveLayout();
    // Settings::save() and a look at its outcome once the write is done.
    void saveSettings();
    void reportSaveError(QFuture<QString> save);
    void refreshRecentFolders();
    void addFolder();
    void start(const QStringList &roots, bool rechunk);
    void launch(SignalHub::Core::IndexRequest request);
    void confirmCostThenLaunch(SignalHub::Core::IndexRequest request);
    void onProgress(const SignalHub::Core::ProgressSnapshot &snapshot);
    void onFinished(const SignalHub::Core::IndexSummary &summary);
    void showStopped(const SignalHub::Core::IndexSummary &summary);
    void updateActions();
    // Reads the indexed folders off the GUI thread, then watches those the user wants watched.
    void reloadWatchedFolders();
    // Stops the watcher, if any, and starts one for the folders wanted now.
    void restartWatching();
    void startWatcher(const QStringList &roots, const QByteArray &apiKey);
    // Serves coding agents as the settings say: stops, or starts again with the current
    // database and provider (reading its key first when it has one).
    void restartAgents();
    void startAgents(const QByteArray &apiKey);
    // Reads the store's totals off the GUI thread and shows them; true once shown (false
    // when a newer read replaced this one or the read failed).
    QFuture<bool> reloadStoreSummary();
    // Reads and highlights the lines off the GUI thread; only the latest request shows.
    void showSnippet(SnippetView *view, const QString &path, int startLine, int endLine);

    // Read from disk once, here, before the window shows (allowed); every write goes to the
    // settings' own thread (Settings::save), and the destructor waits for the last one.
    SignalHub::Core::Settings m_settings;
    SignalHub::Core::Indexer m_indexer;
    FilesModel *m_files;
    FolderRollupModel *m_folders;
    FailedModel *m_failed;
    RunsModel *m_runs;
    ReportModel *m_report;
    SearchModel *m_search;
    WatchedFoldersModel *m_watched;
    ThroughputChart *m_chart = nullptr;
    IndexPage *m_indexPage = nullptr;
    StatusPanel *m_status = nullptr;
    FailedPage *m_failedPage = nullptr;
    RunsPage *m_runsPage = nullptr;
    SearchPage *m_searchPage = nullptr;
    WatchPage *m_watchPage = nullptr;
    AgentsPage *m_agentsPage = nullptr;
    // The MCP server coding agents reach while the window is open (Settings::servesAgents).
    SignalHub::Core::AgentService m_agents;
    // One per database: another process may hold it, then the window tries again now and then.
    std::unique_ptr<SignalHub::Core::Watcher> m_watcher;
    QTimer m_watchRetry;
    bool m_rewatch = false; // start again once the watcher stopped
    QString m_removing; // the folder to remove once the watcher has stopped
    QString m_watchedDatabase;
    quint64 m_watchJob = 0;

    QTabWidget *m_tabs = nullptr;
    QAction *m_addFolderAction = nullptr;
    QAction *m_settingsAction = nullptr;

    SignalHub::Core::IndexSummary m_lastSummary;
    QStringList m_lastRoots; // of the last run that scanned folders
    SignalHub::Core::StatusSummary m_storeSummary;
    bool m_starting = false; // reading the key or estimating, before the Indexer runs
    bool m_paused = false;
    bool m_closeRequested = false;
    quint64 m_storeJob = 0;
    static constexpr qint64 StoreRefreshMs = 2000;
    QElapsedTimer m_storeRefresh; // since the store's totals were last read during a run
    quint64 m_snippetJob = 0;
};

} // namespace SignalHub::Ui
