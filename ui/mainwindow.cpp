#include "mainwindow.h"

#include "agentspage.h"
#include "editorcommand.h"
#include "estimator.h"
#include "failedmodel.h"
#include "failedpage.h"
#include "filename.h"
#include "filesmodel.h"
#include "folderremoval.h"
#include "folderrollupmodel.h"
#include "gettingstarteddialog.h"
#include "icons.h"
#include "indexpage.h"
#include "keystore.h"
#include "reportmodel.h"
#include "reportwriter.h"
#include "runsmodel.h"
#include "runspage.h"
#include "searchmodel.h"
#include "searchpage.h"
#include "settingsdialog.h"
#include "snippethighlighter.h"
#include "snippetreader.h"
#include "snippetview.h"
#include "statuspanel.h"
#include "storelocation.h"
#include "storereader.h"
#include "storeschema.h"
#include "throughputchart.h"
#include "viewhelpers.h"
#include "watchedfoldersmodel.h"
#include "watchlock.h"
#include "watchpage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFuture>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QUrl>
#include <QtConcurrentRun>

namespace SignalHub::Ui {

using namespace SignalHub::Core;

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_files(new FilesModel(this))
    , m_folders(new FolderRollupModel(m_files, this))
    , m_failed(new FailedModel(this))
    , m_runs(new RunsModel(this))
    , m_report(new ReportModel(this))
    , m_search(new SearchModel(this))
    , m_watched(new WatchedFoldersModel(this))
{
    setWindowTitle(tr("Signal Hub"));
    setAcceptDrops(true);
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_indexPage = new IndexPage(m_files, m_folders);
    m_status = m_indexPage->statusPanel();
    m_chart = m_indexPage->chart();
    m_tabs->addTab(m_indexPage, tr("&Index"));
    m_failedPage = new FailedPage(m_failed);
    m_tabs->addTab(m_failedPage, tr("&Failed chunks"));
    m_runsPage = new RunsPage(m_runs, m_report);
    m_tabs->addTab(m_runsPage, tr("&Runs and costs"));
    m_searchPage = new SearchPage(m_search);
    m_tabs->addTab(m_searchPage, tr("&Search"));
    m_watchPage = new WatchPage(m_watched);
    m_tabs->addTab(m_watchPage, tr("&Watched folders"));
    m_agentsPage = new AgentsPage;
    m_tabs->addTab(m_agentsPage, tr("&Agents"));
    m_tabs->setTabIcon(0, Icons::indexTab());
    m_tabs->setTabIcon(1, Icons::failedTab());
    m_tabs->setTabIcon(2, Icons::runsTab());
    m_tabs->setTabIcon(3, Icons::search());
    m_tabs->setTabIcon(4, Icons::watchTab());
    m_tabs->setTabIcon(5, Icons::agentsTab());
    setCentralWidget(m_tabs);
    buildActions();

    connectPages();
    connect(&m_indexer, &Indexer::progress, this, &MainWindow::onProgress);
    connect(&m_indexer, &Indexer::teammates, m_chart, &ThroughputChart::addTeammates);
    connect(&m_indexer, &Indexer::filesChanged, m_files, &FilesModel::update);
    connect(&m_indexer, &Indexer::message, this,
        [this](const QString &text) { statusBar()->showMessage(text, 15000); });
    connect(&m_indexer, &Indexer::finished, this, &MainWindow::onFinished);
    connect(m_failed, &FailedModel::loadFailed, this,
        [this](const QString &e) { statusBar()->showMessage(e); });
    connect(m_runs, &RunsModel::loadFailed, this,
        [this](const QString &e) { statusBar()->showMessage(e); });
    connect(m_report, &ReportModel::loadFailed, this,
        [this](const QString &e) { statusBar()->showMessage(e); });
    connect(m_search, &SearchModel::searchFailed, this,
        [this](const QString &e) { statusBar()->showMessage(e); });
    connect(m_search, &SearchModel::finished, this, &MainWindow::showSearchOutcome);

    connect(m_watchPage, &WatchPage::removeRequested, this, &MainWindow::removeFolder);
    connect(m_watched, &WatchedFoldersModel::watchToggled, this,
        [this](const QString &root, bool watched) {
            m_settings.setFolderWatched(root, watched);
            saveSettings();
            restartWatching();
        });
    m_agentsPage->setChoice(m_settings.servesAgents(), m_settings.agentPort());
    connect(m_agentsPage, &AgentsPage::choiceChanged, this, [this](bool serve, int port) {
        m_settings.setServesAgents(serve);
        m_settings.setAgentPort(port);
        saveSettings();
        restartAgents();
    });
    connect(&m_agents, &AgentService::started, m_agentsPage, &AgentsPage::showServing);
    connect(&m_agents, &AgentService::failed, m_agentsPage, &AgentsPage::showFailed);
    m_watchRetry.setInterval(std::chrono::seconds(10));
    m_watchRetry.setSingleShot(true);
    connect(&m_watchRetry, &QTimer::timeout, this, &MainWindow::restartWatching);

    resize(1100, 760);
    restoreLayout();
    refreshRecentFolders();
    updateActions();
    reloadStoreViews();
    reloadWatchedFolders();
    restartAgents();
    loadStorePassword();
}

void MainWindow::loadStorePassword()
{
    // PGPASSWORD, when set, is the user's choice over the keychain; ~/.pgpass is libpq's last.
    const QString url = databasePath();
    if (!StoreLocation::isUrl(url) || !qEnvironmentVariableIsEmpty("PGPASSWORD"))
        return;
    Core::KeyStore::readDatabasePassword(
        url, this, [this, url](const QByteArray &password, const QString &) {
            if (password.isEmpty() || url != databasePath())
                return;
            StoreLocation::setPassword(url, password);
            if (!isRunning())
                reloadStoreViews();
            reloadWatchedFolders();
        });
}

MainWindow::~MainWindow()
{
    // Its run ends (and says so) while it is destroyed: nothing of the window hears it.
    if (m_watcher) {
        m_watcher->disconnect();
        m_watcher.reset();
    }
    // The Indexer's destructor cancels and waits; the views' highlighters go with their documents.
    // The window is hidden by now: waiting for the last settings write loses nothing and
    // stalls no one.
    m_settings.waitForSaved();
}

QString MainWindow::databasePath() const
{
    const QString path = m_settings.databasePath();
    return path.isEmpty() ? StoreSchema::defaultPath() : path;
}

// --- building -------------------------------------------------------------------------

void MainWindow::connectPages()
{
    connect(m_indexPage, &IndexPage::addFolderRequested, this, &MainWindow::addFolder);
    connect(m_indexPage, &IndexPage::indexRequested, this, &MainWindow::startIndexing);
    connect(m_status, &StatusPanel::pauseRequested, this, &MainWindow::pauseRun);
    connect(m_status, &StatusPanel::resumeRequested, this, &MainWindow::resumeRun);
    connect(m_status, &StatusPanel::cancelRequested, this, &MainWindow::cancelRun);
    connect(m_status, &StatusPanel::rechunkRequested, this, &MainWindow::cutAgainWithCurrentRules);
    connect(m_failedPage, &FailedPage::retryRequested, this,
        [this](const QList<qint64> &ids) { retryFailed(ids); });
    connect(m_failedPage, &FailedPage::openRequested, this, &MainWindow::openAt);
    connect(m_failedPage, &FailedPage::reloadRequested, this, &MainWindow::reloadStoreViews);
    connect(m_failedPage, &FailedPage::snippetRequested, this,
        [this](const QString &path, int startLine, int endLine) {
            showSnippet(m_failedPage->snippetView(), path, startLine, endLine);
        });
    connect(m_searchPage, &SearchPage::searchRequested, this, &MainWindow::search);
    connect(m_searchPage, &SearchPage::openRequested, this, &MainWindow::openAt);
    connect(m_searchPage, &SearchPage::snippetRequested, this,
        [this](const QString &path, int startLine, int endLine) {
            showSnippet(m_searchPage->snippetView(), path, startLine, endLine);
        });
    connect(m_runsPage, &RunsPage::exportRequested, this, &MainWindow::exportReport);
    connect(m_runsPage, &RunsPage::reportRequested, this,
        [this](ReportBy by) { m_report->load(databasePath(), by); });
    connect(
        this, &MainWindow::reportExported, this, [this](const QString &path, const QString &error) {
            statusBar()->showMessage(
                error.isEmpty() ? tr("Report written to %1").arg(path) : error, 10000);
        });
}

void MainWindow::buildActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_addFolderAction
        = file->addAction(tr("&Add folder…"), QKeySequence::Open, this, &MainWindow::addFolder);
    m_settingsAction = file->addAction(
        tr("&Settings…"), QKeySequence::Preferences, this, &MainWindow::openSettings);
    m_addFolderAction->setIcon(Icons::addFolder());
    m_settingsAction->setIcon(Icons::settings());
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close)->setIcon(Icons::quit());
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(
        Icons::help(), tr("&Getting started"), QKeySequence::HelpContents, this, [this] {
            auto *dialog = new GettingStartedDialog(this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->show(); // not modal: the steps can stay open beside the window
        });
    help->addSeparator();
    help->addAction(Icons::application(), tr("&About Signal Hub"), this, &MainWindow::showAbout);
    help->addAction(QIcon(QStringLiteral(":/qt-project.org/qmessagebox/images/qtlogo-64.png")),
        tr("About &Qt"), qApp, &QApplication::aboutQt);
    auto *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->addAction(m_addFolderAction);
    toolbar->addAction(m_settingsAction);
}

void MainWindow::showAbout()
{
    // Non-modal (open(), not exec()): the run and its views go on behind it.
    auto *box = new QMessageBox(this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("aboutBox"));
    box->setWindowTitle(tr("About Signal Hub"));
    box->setIconPixmap(Icons::application().pixmap(64));
    box->setTextFormat(Qt::RichText);
    box->setText(tr("<h3>Signal Hub %1</h3><p>Indexes codebases for semantic search.</p>")
            .arg(QStringLiteral(SIGNALHUB_VERSION)));
    box->setInformativeText(
        tr("<p>Database: %1<br>Settings: %2</p><p>Signal Hub is MIT-licensed. The built-in "
           "model is all-MiniLM-L6-v2 (Apache-2.0); exact token counts use tiktoken's rank "
           "files (MIT).</p>")
            .arg(QDir::toNativeSeparators(databasePath()).toHtmlEscaped(),
                QDir::toNativeSeparators(m_settings.fileName()).toHtmlEscaped()));
    box->open();
}

// --- layout memory ----------------------------------------------------------------------

QList<QSplitter *> MainWindow::splitters() const
{
    return m_indexPage->splitters() + QList { m_failedPage->splitter(), m_searchPage->splitter() };
}

void MainWindow::restoreLayout()
{
    if (const QByteArray geometry = m_settings.windowGeometry(); !geometry.isEmpty())
        restoreGeometry(geometry);
    if (const QByteArray state = m_settings.windowState(); !state.isEmpty())
        restoreState(state);
    for (QSplitter *splitter : splitters())
        if (const QByteArray state = m_settings.splitterState(splitter->objectName());
            !state.isEmpty())
            splitter->restoreState(state);
}

void MainWindow::saveLayout()
{
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setWindowState(saveState());
    for (QSplitter *splitter : splitters())
        m_settings.setSplitterState(splitter->objectName(), splitter->saveState());
    saveSettings(); // on the settings' own thread; the destructor waits for it
}

void MainWindow::saveSettings()
{
    reportSaveError(m_settings.save());
}

void MainWindow::reportSaveError(QFuture<QString> save)
{
    // The status bar says why the file could not be written.
    save.then(this, [this](const QString &error) {
        if (!error.isEmpty())
            statusBar()->showMessage(error, 15000);
    });
}

void MainWindow::refreshRecentFolders()
{
    m_indexPage->setRecentFolders(m_settings.recentFolders());
}

// --- running ----------------------------------------------------------------------------

void MainWindow::addFolder()
{
    const QString folder
        = QFileDialog::getExistingDirectory(this, tr("Add folder"), QDir::homePath());
    if (!folder.isEmpty())
        startIndexing({ folder });
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    const bool local = !urls.isEmpty()
        && std::all_of(urls.cbegin(), urls.cend(), [](const QUrl &u) { return u.isLocalFile(); });
    if (local && !isRunning())
        event->acceptProposedAction();
    else
        event->ignore();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList roots;
    const QList<QUrl> urls = event->mimeData()->urls();
    for (const QUrl &url : urls)
        if (url.isLocalFile())
            roots.append(url.toLocalFile());
    if (roots.isEmpty()) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    startIndexing(roots);
}

void MainWindow::startIndexing(const QStringList &roots)
{
    start(roots, false);
}

void MainWindow::cutAgainWithCurrentRules()
{
    start(m_lastRoots, true);
}

void MainWindow::start(const QStringList &roots, bool rechunk)
{
    if (isRunning()) {
        statusBar()->showMessage(
            tr("A run is going on: wait for it to finish or cancel it first."), 8000);
        return;
    }
    IndexRequest request;
    request.roots = roots;
    request.settings = m_settings.runSettings();
    request.databasePath = databasePath();
    request.rechunk = rechunk;
    if (const QString problem = request.settings.validate(); !problem.isEmpty()) {
        QMessageBox::warning(this, tr("Settings need a change"), problem);
        return;
    }
    QStringList folders;
    for (const QString &root : roots)
        folders.append(QFileInfo(root).isDir() ? root : QFileInfo(root).absolutePath());
    m_settings.addRecentFolders(folders);
    saveSettings();
    refreshRecentFolders();
    m_starting = true;
    updateActions();
    statusBar()->showMessage(tr("Preparing…"));
    Core::KeyStore::read(request.settings.provider, request.settings.baseUrl, this,
        [this, request](const QByteArray &key, const QString &error) mutable {
            if (!error.isEmpty())
                statusBar()->showMessage(
                    tr("The keychain did not answer (%1); using no key.").arg(error), 8000);
            request.apiKey = key;
            confirmCostThenLaunch(std::move(request));
        });
}

void MainWindow::retryFailed(const QList<qint64> &chunkIds)
{
    if (isRunning())
        return;
    m_starting = true;
    updateActions();
    // The chunks failed in the space of the last run: they are sent there again, with the key
    // of that run's provider (see IndexRequest::retry, which the CLI uses as well).
    QtConcurrent::run([settings = m_settings.runSettings(), db = databasePath(), chunkIds] {
        return IndexRequest::retry(settings, db, chunkIds, false);
    }).then(this, [this](IndexRequest request) {
        Core::KeyStore::read(request.settings.provider, request.settings.baseUrl, this,
            [this, request](const QByteArray &key, const QString &) mutable {
                request.apiKey = key;
                confirmCostThenLaunch(std::move(request));
            });
    });
}

void MainWindow::retrySelectedFailed()
{
    if (const QList<qint64> ids = m_failedPage->selectedChunkIds(); !ids.isEmpty())
        retryFailed(ids);
}

void MainWindow::confirmCostThenLaunch(IndexRequest request)
{
    // Cutting again is asked for after an estimate, even when the built-in model costs nothing.
    if (request.settings.provider == ProviderKind::Local && !request.rechunk) {
        statusBar()->clearMessage(); // "Preparing…" is over
        launch(std::move(request)); // nothing to pay
        return;
    }
    statusBar()->showMessage(tr("Estimating tokens and cost…"));
    // A retry sends what the store says failed (and is pending); a new run what a scan finds.
    QtConcurrent::run([request] {
        Estimator::Options options;
        options.rechunk = request.rechunk;
        return request.pendingOnly
            ? Estimator::retry(request.settings, request.databasePath, request.retryChunkIds)
            : Estimator::run(request.roots, request.settings, request.databasePath, options);
    }).then(this, [this, request](const Result<Estimator::Estimate> &estimate) mutable {
        if (!estimate) {
            m_starting = false;
            updateActions();
            statusBar()->clearMessage();
            QMessageBox::warning(this, tr("Cannot estimate the cost"), estimate.errorMessage());
            return;
        }
        const QString summary
            = tr("%1 (%2) to send to %3: about %4%5.")
                  .arg(tr("%Ln chunk(s)", nullptr, int(estimate->chunksToSend)),
                      tr("%Ln token(s)", nullptr, int(estimate->tokensToSend)), estimate->model,
                      dollars(estimate->costUsd()),
                      estimate->priceKnown ? QString() : tr(" (no price known for this model)"));
        statusBar()->showMessage(summary, 15000);
        if (request.rechunk) {
            const auto answer = QMessageBox::question(this, tr("Cut files again?"),
                tr("Files cut by older chunking rules are cut again with the current rules, and "
                   "their new chunks are embedded: %1")
                    .arg(summary));
            if (answer != QMessageBox::Yes) {
                m_starting = false;
                updateActions();
                return;
            }
        } else if (estimate->costUsd() > request.settings.estimateThresholdUsd) {
            const QString threshold = dollars(request.settings.estimateThresholdUsd);
            const auto answer = QMessageBox::question(this, tr("Go on?"),
                summary + u'\n'
                    + (request.pendingOnly
                            ? tr("This is above your threshold of %1. Retry anyway?").arg(threshold)
                            : tr("This is above your threshold of %1. Index anyway?")
                                  .arg(threshold)));
            if (answer != QMessageBox::Yes) {
                m_starting = false;
                updateActions();
                return;
            }
        }
        launch(std::move(request));
    });
}

void MainWindow::launch(IndexRequest request)
{
    m_starting = false;
    if (m_closeRequested) { // the window was closed while the key or the estimate was read
        close();
        return;
    }
    m_paused = false;
    if (!request.pendingOnly)
        m_files->clear();
    if (!request.pendingOnly) { // a retry keeps the roots of what is shown
        m_lastRoots = request.roots;
        m_folders->setRoots(request.roots);
        m_files->setRoots(request.roots);
    }
    m_chart->clear();
    m_storeRefresh.start();
    m_indexPage->showRunView();
    m_tabs->setCurrentIndex(0);
    m_status->showStarting();
    m_indexer.start(request);
    updateActions();
    Q_EMIT runStarted();
}

void MainWindow::pauseRun()
{
    if (!m_indexer.isRunning())
        return;
    m_indexer.pause();
    m_paused = true;
    updateActions();
}

void MainWindow::resumeRun()
{
    if (!m_indexer.isRunning())
        return;
    m_indexer.resume();
    m_paused = false;
    updateActions();
}

void MainWindow::cancelRun()
{
    if (!m_indexer.isRunning())
        return;
    m_status->showCancelling();
    m_indexer.cancel();
}

void MainWindow::onProgress(const ProgressSnapshot &snapshot)
{
    m_status->showProgress(snapshot);
    m_chart->addSnapshot(snapshot);
    // The writer commits as the run goes: the totals of the store follow, at a pace that
    // keeps their query from competing with the run.
    if (!m_storeRefresh.isValid() || m_storeRefresh.hasExpired(StoreRefreshMs)) {
        m_storeRefresh.start();
        reloadStoreSummary();
    }
}

void MainWindow::onFinished(const IndexSummary &summary)
{
    m_lastSummary = summary;
    m_paused = false;
    m_status->showSummary(summary);
    statusBar()->showMessage(StatusPanel::describe(summary));
    updateActions();
    reloadStoreViews();
    reloadWatchedFolders(); // a folder indexed for the first time is watched from now on
    if (summary.outcome == IndexSummary::Outcome::Fatal && !m_closeRequested)
        showStopped(summary);
    Q_EMIT runFinished(summary);
    if (m_closeRequested)
        close();
}

void MainWindow::reloadWatchedFolders()
{
    const quint64 job = ++m_watchJob;
    const QString database = databasePath();
    using Folders = QList<WatchedFoldersModel::IndexedFolder>;
    QtConcurrent::run([path = database]() -> Result<Folders> {
        if (!StoreReader::exists(path))
            return Folders(); // nothing indexed yet
        auto reader = StoreReader::open(path);
        if (!reader)
            return reader.error();
        auto sources = (*reader)->sources();
        if (!sources)
            return sources.error();
        Folders folders;
        // Folders, and what is gone (to be removed); a file indexed by itself is not watched.
        for (const SourceSpace &source : std::as_const(*sources)) {
            const QFileInfo root(source.root);
            if (root.isDir() || !root.exists())
                folders.append({ source.root, source.identity, root.exists() });
        }
        return folders;
    }).then(this, [this, job, database](const Result<Folders> &roots) {
        if (job != m_watchJob || database != databasePath())
            return; // a newer read, perhaps of another database, answers
        if (!roots) {
            m_watched->setStopped(roots.errorMessage());
            return;
        }
        const QStringList before = m_watched->watchedRoots();
        m_watched->setFolders(*roots, m_settings.unwatchedFolders());
        if (m_watched->watchedRoots() != before || !m_watcher || database != m_watchedDatabase)
            restartWatching();
    });
}

void MainWindow::removeFolder(const QString &root)
{
    if (isRunning() || !m_removing.isEmpty()) {
        statusBar()->showMessage(
            tr("Remove %1 once the current run has finished.").arg(FileName::display(root)));
        return;
    }
    const auto answer = QMessageBox::question(this, tr("Remove from Index"),
        tr("Remove %1 from the index? Its files, chunks and failures are dropped, with the "
           "vectors no other folder uses; indexing it again embeds it again. The folder itself "
           "is not touched.")
            .arg(FileName::display(root)),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    m_removing = root;
    if (m_watcher) {
        m_rewatch = true;
        m_watcher->stop(); // its stopped() starts the removal
        return;
    }
    startRemoval();
}

void MainWindow::startRemoval()
{
    statusBar()->showMessage(tr("Removing %1 from the index…").arg(FileName::display(m_removing)));
    QtConcurrent::run(&FolderRemoval::remove, databasePath(), m_removing)
        .then(this, [this](const Result<QList<FolderRemoval::Removed>> &removed) {
            const QString root = std::exchange(m_removing, QString());
            qint64 vectors = 0;
            if (removed)
                for (const FolderRemoval::Removed &folder : *removed)
                    vectors += folder.what.vectors;
            if (removed)
                statusBar()->showMessage(tr("Removed %1: %n vector(s) no other folder used were "
                                            "deleted.",
                    nullptr, int(vectors))
                        .arg(FileName::display(root)));
            else
                statusBar()->showMessage(removed.errorMessage());
            m_rewatch = false;
            reloadStoreViews();
            reloadWatchedFolders(); // and watches the others again
            Q_EMIT folderRemoved(root, removed ? QString() : removed.errorMessage());
        });
}

void MainWindow::restartWatching()
{
    m_watchRetry.stop();
    if (m_watcher) {
        m_rewatch = true;
        m_watcher->stop(); // its stopped() comes back here
        return;
    }
    const QStringList roots = m_watched->watchedRoots();
    if (roots.isEmpty() || m_closeRequested || !m_settings.watchesFolders())
        return;
    const RunSettings settings = m_settings.runSettings();
    if (settings.provider == ProviderKind::Local) {
        startWatcher(roots, {});
        return;
    }
    Core::KeyStore::read(settings.provider, settings.baseUrl, this,
        [this, roots](const QByteArray &key, const QString &) {
            if (!m_watcher)
                startWatcher(roots, key);
        });
}

void MainWindow::restartAgents()
{
    if (!m_settings.servesAgents()) {
        m_agents.stop();
        m_agentsPage->showStopped();
        return;
    }
    m_agentsPage->showStarting();
    const RunSettings settings = m_settings.runSettings();
    if (settings.provider == ProviderKind::Local) {
        startAgents({});
        return;
    }
    Core::KeyStore::read(settings.provider, settings.baseUrl, this,
        [this](const QByteArray &key, const QString &) { startAgents(key); });
}

void MainWindow::startAgents(const QByteArray &apiKey)
{
    CodeTools::Options tools;
    tools.databasePath = databasePath();
    tools.settings = m_settings.runSettings();
    tools.apiKey = apiKey;
    tools.keyFor = [provider = tools.settings.provider, apiKey](const RunSettings &space) {
        // The key read for the current provider fits only an index built with it.
        return space.provider == provider ? apiKey : Core::KeyStore::environmentKey(space.provider);
    };
    m_agents.setWatcher(m_watcher.get());
    m_agents.start(tools, quint16(m_settings.agentPort()));
}

void MainWindow::startWatcher(const QStringList &roots, const QByteArray &apiKey)
{
    WatchRequest request;
    request.roots = roots;
    request.settings = m_settings.runSettings();
    request.apiKey = apiKey;
    request.databasePath = databasePath();
    request.holder = tr("the Signal Hub window");
    auto watcher = std::make_unique<Watcher>();
    connect(watcher.get(), &Watcher::folderChanged, m_watched, &WatchedFoldersModel::updateFolder);
    connect(watcher.get(), &Watcher::message, this,
        [this](const QString &text) { statusBar()->showMessage(text, 15000); });
    connect(watcher.get(), &Watcher::runFinished, this, [this](const IndexSummary &summary) {
        if (!isRunning())
            reloadStoreViews();
        Q_EMIT watchRunFinished(summary);
    });
    connect(watcher.get(), &Watcher::stopped, this, [this](const QString &reason) {
        m_watched->setStopped(reason);
        m_watcher.release()->deleteLater();
        if (!m_removing.isEmpty())
            startRemoval();
        else if (std::exchange(m_rewatch, false))
            restartWatching();
    });
    if (const Status started = watcher->start(request); !started) {
        // Another process keeps the database current: the window shows who, and asks again.
        // Otherwise the lock could not be taken at all, and the table says why.
        const QString holder = WatchLock::holder(request.databasePath);
        m_watched->setWatchedElsewhere(holder);
        if (holder.isEmpty())
            m_watched->setStopped(started.errorMessage());
        else
            m_watchRetry.start();
        return;
    }
    m_watched->setWatchedElsewhere(QString());
    m_watcher = std::move(watcher);
    m_agents.setWatcher(m_watcher.get());
    m_watchedDatabase = request.databasePath;
}

void MainWindow::showStopped(const IndexSummary &summary)
{
    // What stopped the run and its fix (a refused key, an unknown model, a wrong URL) need the
    // user's eyes, which the status bar rarely has. Not modal: the window stays usable.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("The run stopped"),
        StatusPanel::describe(summary), QMessageBox::Close, this);
    box->setObjectName(QStringLiteral("runStoppedBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::NonModal);
    QPushButton *settings = box->addButton(tr("Open &Settings…"), QMessageBox::ActionRole);
    settings->setObjectName(QStringLiteral("runStoppedSettings"));
    connect(settings, &QPushButton::clicked, this, &MainWindow::openSettings);
    box->show();
}

void MainWindow::updateActions()
{
    const bool running = m_indexer.isRunning();
    m_status->setRunState(running, m_paused);
    m_failedPage->setBusy(isRunning());
    m_addFolderAction->setEnabled(!isRunning());
    m_settingsAction->setEnabled(!isRunning());
}

// --- store views ------------------------------------------------------------------------

void MainWindow::reloadStoreViews()
{
    const QString path = databasePath();
    m_failed->load(path);
    m_runs->load(path);
    m_report->load(path, m_runsPage->reportBy());
    reloadStoreSummary().then(this, [this](bool shown) {
        if (shown)
            Q_EMIT storeViewsReloaded();
    });
}

QFuture<bool> MainWindow::reloadStoreSummary()
{
    const QString path = databasePath();
    const quint64 job = ++m_storeJob;
    return QtConcurrent::run([path]() -> Result<StatusSummary> {
        if (!StoreReader::exists(path))
            return StatusSummary {};
        auto reader = StoreReader::open(path);
        if (!reader)
            return reader.error();
        return (*reader)->summary();
    }).then(this, [this, job](const Result<StatusSummary> &summary) {
        if (job != m_storeJob)
            return false;
        if (!summary) {
            m_status->showStoreError(summary.errorMessage());
            return false;
        }
        m_storeSummary = *summary;
        m_status->showStoreSummary(*summary);
        m_indexPage->showStoreSummary(*summary);
        m_tabs->setTabText(1,
            summary->failed > 0 ? tr("&Failed chunks (%1)").arg(summary->failed)
                                : tr("&Failed chunks"));
        return true;
    });
}

void MainWindow::exportReport(const QString &path, ReportBy by, bool json)
{
    const QString db = databasePath();
    QtConcurrent::run([db, path, by, json]() -> QString {
        auto reader = StoreReader::open(db);
        if (!reader)
            return reader.errorMessage();
        auto rows = (*reader)->report(by);
        if (!rows)
            return rows.errorMessage();
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return tr("Cannot write %1: %2").arg(path, file.errorString());
        file.write(json ? ReportWriter::json(*rows, by) : ReportWriter::csv(*rows, by));
        if (!file.commit())
            return tr("Cannot write %1: %2").arg(path, file.errorString());
        return QString();
    }).then(this, [this, path](const QString &error) { Q_EMIT reportExported(path, error); });
}

void MainWindow::search(const QString &query)
{
    if (query.trimmed().isEmpty())
        return;
    statusBar()->showMessage(tr("Searching…"));
    Searcher::Request request;
    request.query = query;
    request.k = 20;
    request.mode = m_searchPage->mode();
    request.pathGlob = m_searchPage->pathGlob();
    request.language = m_searchPage->language();
    request.settings = m_settings.runSettings();
    const QString db = databasePath();
    // The key of the provider the index was built with is read inside the model's worker
    // for local runs; for remote ones the current provider's key is the best we know.
    Core::KeyStore::read(request.settings.provider, request.settings.baseUrl, this,
        [this, db, request](
            const QByteArray &key, const QString &) { m_search->search(db, request, key); });
}

// --- snippets ---------------------------------------------------------------------------

void MainWindow::showSnippet(SnippetView *view, const QString &path, int startLine, int endLine)
{
    const quint64 job = ++m_snippetJob;
    // Reading and highlighting both happen on the worker (with its own syntax repository);
    // the theme follows the view's palette, as KSyntaxHighlighting's themeForPalette() does.
    const QColor base = view->palette().color(QPalette::Base);
    const QColor selection = view->palette().color(QPalette::Highlight);
    struct Snippet
    {
        QString text;
        QList<SnippetHighlighter::LineFormats> formats;
    };
    QtConcurrent::run([path, startLine, endLine, base, selection] {
        Snippet snippet;
        snippet.text = SnippetReader::text(path, startLine, endLine);
        if (!snippet.text.isEmpty())
            snippet.formats = SnippetHighlighter::highlight(snippet.text, path, base, selection);
        return snippet;
    }).then(this, [this, job, view, path, startLine](Snippet snippet) {
        if (job != m_snippetJob)
            return;
        view->showSnippet(snippet.text, std::move(snippet.formats), path, startLine);
        Q_EMIT snippetShown(snippet.text);
    });
}

void MainWindow::showSearchOutcome()
{
    const QString hits = tr("%n hit(s)", nullptr, m_search->rowCount());
    const QStringList &left = m_search->notSearched();
    if (left.isEmpty()) {
        statusBar()->showMessage(hits, 5000);
        return;
    }
    QStringList folders;
    for (const QString &root : left)
        folders.append(FileName::display(root));
    // Stays until the next message: the hits are incomplete for as long as they are shown.
    statusBar()->showMessage(hits + u"; "
        + tr("not searched: %n folder(s) indexed with another model (%1)", nullptr,
            int(folders.size()))
            .arg(folders.join(u", ")));
}

void MainWindow::openAt(const QString &path, int line)
{
    const QString configured = m_settings.editorCommand();
    // Looking through PATH and starting a process stay off the GUI thread.
    QtConcurrent::run([configured, path, line] {
        return EditorCommand::open(configured, path, line);
    }).then(this, [this, path, line](const EditorCommand::Launch &launch) {
        const QString file = FileName::display(path);
        if (!launch.complaint.isEmpty()) {
            QMessageBox::warning(this, tr("The editor did not open"),
                tr("%1 ended at once and said:\n\n%2\n\nCheck the editor command in Settings.")
                    .arg(launch.command, launch.complaint));
            Q_EMIT editorOpened(QString());
            return;
        }
        if (launch.started) {
            statusBar()->showMessage(
                tr("Opened %1 at line %2: %3").arg(file).arg(line).arg(launch.command), 10000);
            Q_EMIT editorOpened(launch.command);
            return;
        }
        if (!launch.noEditor) {
            statusBar()->showMessage(
                tr("Cannot start the editor (%1): check the editor command in Settings.")
                    .arg(launch.command),
                15000);
            Q_EMIT editorOpened(QString());
            return;
        }
        // No editor known: the default application opens the file, without the line.
        if (QDesktopServices::openUrl(QUrl::fromLocalFile(path)))
            statusBar()->showMessage(
                tr("Opened %1 with the default application: go to line %2 (set an editor "
                   "command in Settings to open at the line).")
                    .arg(file)
                    .arg(line),
                15000);
        else
            statusBar()->showMessage(tr("No application opens %1.").arg(file), 10000);
        Q_EMIT editorOpened(QString());
    });
}

// --- settings and closing ---------------------------------------------------------------

void MainWindow::openSettings()
{
    auto *dialog = new SettingsDialog(m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The dialog saves when accepted.
    connect(dialog, &QDialog::accepted, this, [this] {
        reportSaveError(m_settings.lastSave());
        // Another database, provider or key: the views and the watcher start again with them.
        m_watchedDatabase.clear();
        if (!isRunning())
            reloadStoreViews();
        reloadWatchedFolders();
        restartAgents();
        loadStorePassword();
    });
    dialog->open();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    if (!isRunning()) {
        m_watchRetry.stop();
        event->accept();
        return;
    }
    if (m_closeRequested) {
        event->ignore(); // still waiting for the run to end
        return;
    }
    const auto answer = QMessageBox::question(this, tr("Stop indexing?"),
        tr("A run is going on. Stop it and close? What was answered is kept, "
           "and the next run picks up the rest."));
    event->ignore();
    if (answer != QMessageBox::Yes)
        return;
    m_closeRequested = true;
    if (m_indexer.isRunning())
        cancelRun(); // onFinished() closes the window once the worker has committed
}

} // namespace SignalHub::Ui
