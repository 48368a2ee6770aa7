// The real window against the in-process embeddings test server and real database files:
// drop a folder, watch the run, fail a poison chunk, heal and retry, change settings through
// the dialog, export the cost report.

#include "embeddingtestserver.h"
#include "failedmodel.h"
#include "filesmodel.h"
#include "folderrollupmodel.h"
#include "gettingstarteddialog.h"
#include "indexpage.h"
#include "mainwindow.h"
#include "mcptoken.h"
#include "reportmodel.h"
#include "reportwriter.h"
#include "runsmodel.h"
#include "searchmodel.h"
#include "settings.h"
#include "settingsdialog.h"
#include "snippetreader.h"
#include "statuspanel.h"
#include "storereader.h"
#include "syntaxrepository.h"
#include "testhome.h"
#include "testserverthread.h"
#include "throughputchart.h"
#include "translations.h"
#include "watchedfoldersmodel.h"
#include "windowtext.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QChart>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFont>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTextLayout>
#include <QThreadPool>
#include <QTimer>
#include <QValueAxis>

using namespace SignalHub;
using namespace SignalHub::Core;
using namespace SignalHub::Testing;
using SignalHub::Ui::MainWindow;

namespace {
const QString kMarker = QStringLiteral("POISON_CHUNK_MARKER");
const QByteArray kKey = "sk-test-key";
constexpr int kRunTimeoutMs = 40000;

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

// The item of the window's menus with this text, if any.
QAction *menuItem(const QMainWindow &window, QStringView text)
{
    for (QAction *action : window.menuBar()->actions())
        if (action->menu())
            for (QAction *item : action->menu()->actions())
                if (item->text() == text)
                    return item;
    return nullptr;
}

// Answers the next message box the window opens (they are modal: this runs from its loop).
void answerNextMessageBox(QMessageBox::StandardButton button, QString *text)
{
    auto *poll = new QTimer;
    poll->setInterval(20);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, button, text] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        if (text)
            *text = box->text();
        box->button(button)->click();
        poll->deleteLater();
    });
    poll->start();
}

QByteArray pythonModule(int n)
{
    QByteArray out;
    for (int f = 0; f < 6; ++f)
        out += "def function_" + QByteArray::number(n) + "_" + QByteArray::number(f)
            + "(value):\n"
              "    \"\"\"Doubles the value of module "
            + QByteArray::number(n)
            + ".\"\"\"\n"
              "    total = value * 2 + "
            + QByteArray::number(f)
            + "\n"
              "    return total\n\n";
    return out;
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void dropIndexesAndRetryHealsFailures();
    void settingsDialogReachesTheEngine();
    void settingsDialogRefusesInvalidValues();
    void settingsDialogKeepsTheIndexWhereItIsTold();
    void settingsDialogChoosesTheBuiltInVariant();
    void settingsDialogTestsTheConnection();
    void settingsDialogWithoutKeychain();
    void csvExportMatchesTheStore();
    void layoutIsRemembered();
    void aboutNamesVersionAndFiles();
    void helpHasGettingStartedAndTheReadme();
    void searchFindsAChunkByItsText();
    void searchByWordsMarksThemInTheSnippet();
    void searchKeepsToTheChosenLanguage();
    void searchNamesTheFoldersItLeavesOut();
    void expensiveRunAsksFirst();
    void olderCutsAreCutAgainWhenAsked();
    void closingDuringARunCancelsCleanly();
    void pauseHoldsRequestsAndResumeFinishes();
    void failedChunkIsHighlightedAndOpensInEditor();
    void searchHitOpensInEditor();
    void retryAsksAboutTheFailedChunksCost();
    void settingsSurviveClosingTheWindow();
    void settingsSaveErrorShowsInTheStatusBar();
    void noLabelIsCut_data();
    void noLabelIsCut();
    void storeTotalsFollowTheRunAndCancelSaysSo();
    void refusedKeyStopsTheRun();
    void startPageShowsWhatIsIndexed();
    void statusBarSaysNothingStaleDuringALocalRun();
    void indexedFoldersAreWatched();
    void removedFolderLeavesTheIndexAndTheOthersStayWatched();
    void agentsReachTheIndexOverHttp();
    void runStateSaysWhatIsGoingOn_data();
    void runStateSaysWhatIsGoingOn();
    void coolingDownSaysUntilWhen();
    void chartStartsAtItsFirstPointAndReadsItsTicks();
    void countsOfOneAreSingular();
    void cleanupTestCase();

private:
    void configure(MainWindow &window, const QString &database);
    IndexSummary waitForRun(MainWindow &window, QSignalSpy &finished, int runs);

    // The poisoned folder's store: three failed chunks (C++, Python, Markdown), one stored file.
    QString poisonedDatabase(MainWindow &window);
    QStringList editorArguments(const QString &recordFile);

    QTemporaryDir m_dir;
    QString m_folder;
    QString m_poisoned; // a folder with a space in its name
    QString m_editorScript; // records its arguments, one a line, in args.txt beside it
    std::unique_ptr<TestServerThread> m_server;
    TestServerConfig m_config;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_folder = m_dir.filePath(QStringLiteral("project"));
    for (int i = 0; i < 5; ++i)
        writeFile(m_folder + QStringLiteral("/src/module%1.py").arg(i), pythonModule(i));
    writeFile(
        m_folder + QStringLiteral("/src/poison.py"), "# " + kMarker.toUtf8() + "\nPOISON = 1\n");
    writeFile(m_folder + QStringLiteral("/README.md"),
        "# Project\n\nA small project for the window test.\n");
    m_poisoned = m_dir.filePath(QStringLiteral("poisoned folder"));
    writeFile(m_poisoned + QStringLiteral("/first.cpp"),
        "// " + kMarker.toUtf8() + " one\nint first(int value)\n{\n    return value + 1;\n}\n");
    writeFile(
        m_poisoned + QStringLiteral("/second.py"), "# " + kMarker.toUtf8() + " two\nSECOND = 2\n");
    writeFile(m_poisoned + QStringLiteral("/third.md"), kMarker.toUtf8() + " three\n");
    QByteArray fine;
    for (int i = 7; i < 21; ++i)
        fine += pythonModule(i); // several chunks, so a hit can start further down
    writeFile(m_poisoned + QStringLiteral("/fine.py"), fine);
    m_editorScript = m_dir.filePath(QStringLiteral("fake editor/record editor.sh"));
    // Needs nothing from PATH (one test empties it): sh built-ins and mv by its full path.
    const QString mv = QStandardPaths::findExecutable(QStringLiteral("mv"));
    QVERIFY(!mv.isEmpty());
    writeFile(m_editorScript,
        "#!/bin/sh\nout=\"${0%/*}/args.txt\"\nprintf '%s\\n' \"$@\" > \"$out.tmp\" && '"
            + mv.toUtf8() + "' \"$out.tmp\" \"$out\"\n");
    QVERIFY(QFile::setPermissions(m_editorScript,
        QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup
            | QFile::ExeGroup));
    m_config.setLatency(5);
    m_config.apiKey = QString::fromLatin1(kKey);
    m_config.rejectMarker = kMarker;
    m_server = std::make_unique<TestServerThread>(m_config);
    QVERIFY(m_server->start());
}

void TestMainWindow::configure(MainWindow &window, const QString &database)
{
    RunSettings s;
    s.provider = ProviderKind::OpenAi;
    s.baseUrl = m_server->server()->openAiUrl().toString();
    s.model = QStringLiteral("test-model");
    s.dimensions = 32;
    s.maxRetries = 1;
    s.backoffBaseMs = 10;
    s.timeoutSeconds = 10;
    window.settings().setRunSettings(s);
    window.settings().setDatabasePath(database);
    // Watching has a test of its own: elsewhere its runs would be counted with the window's.
    window.settings().setWatchesFolders(false);
}

IndexSummary TestMainWindow::waitForRun(MainWindow &window, QSignalSpy &finished, int runs)
{
    [&] { QTRY_COMPARE_WITH_TIMEOUT(finished.count(), runs, kRunTimeoutMs); }();
    if (finished.count() != runs)
        return {};
    [&] { QTRY_VERIFY_WITH_TIMEOUT(!window.failedModel()->isLoading(), 10000); }();
    return finished.last().first().value<IndexSummary>();
}

void TestMainWindow::dropIndexesAndRetryHealsFailures()
{
    const QString database = m_dir.filePath(QStringLiteral("drop.sqlite"));
    MainWindow window;
    configure(window, database);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy started(&window, &MainWindow::runStarted);
    QSignalSpy finished(&window, &MainWindow::runFinished);
    // Asked when the run starts: a small run may well be over before the test looks again.
    bool runningWhenStarted = false;
    connect(&window, &MainWindow::runStarted, &window,
        [&] { runningWhenStarted = window.isRunning(); });

    // A real drop of a file URL, as a file manager sends it.
    QMimeData mime;
    mime.setUrls({ QUrl::fromLocalFile(m_folder) });
    const QPoint at = window.rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
    QVERIFY(drop.isAccepted());
    QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 10000);
    QVERIFY(runningWhenStarted);

    const IndexSummary summary = waitForRun(window, finished, 1);
    QCOMPARE(summary.outcome, IndexSummary::Outcome::Completed);
    QCOMPARE(summary.failed, qint64(1));
    QVERIFY(summary.stored > 5);
    QVERIFY(!window.isRunning());
    QVERIFY(window.settings().recentFolders().contains(QFileInfo(m_folder).absoluteFilePath()));

    // File rows and chunk counts are those of the store.
    auto reader = StoreReader::open(database);
    QVERIFY2(reader, qPrintable(reader.errorMessage()));
    auto source = (*reader)->sourceId(QFileInfo(m_folder).absoluteFilePath());
    QVERIFY(source && source->has_value());
    auto files = (*reader)->files(**source);
    QVERIFY(files);
    Ui::FilesModel *model = window.filesModel();
    QCOMPARE(model->rowCount(), int(files->size()));
    qint64 storeChunks = 0;
    for (const FileRow &file : *files) {
        const int row = model->rowOf(file.file.path);
        QVERIFY2(row >= 0, qPrintable(file.file.path));
        auto chunks = (*reader)->chunks(file.id);
        QVERIFY(chunks);
        storeChunks += chunks->size();
        QCOMPARE(model->file(row).chunksTotal, int(chunks->size()));
        const bool poison = file.file.path.endsWith(u"poison.py");
        QCOMPARE(model->file(row).state,
            poison ? FileProgress::State::Failed : FileProgress::State::Done);
    }
    QCOMPARE(storeChunks, summary.chunks);

    // The indexed folder's row rolls up every file; activating it lists exactly its files.
    Ui::FolderRollupModel *folders = window.foldersModel();
    QTRY_VERIFY_WITH_TIMEOUT(folders->rowCount() > 0, 10000);
    int top = -1;
    for (int row = 0; row < folders->rowCount(); ++row) {
        if (folders->totals(row).files == model->rowCount())
            top = row;
    }
    QVERIFY(top >= 0);
    qint64 fileChunks = 0;
    qint64 fileTokens = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        fileChunks += model->file(row).chunksTotal;
        fileTokens += model->file(row).tokens;
    }
    QCOMPARE(folders->totals(top).chunksTotal, fileChunks);
    QCOMPARE(folders->totals(top).tokens, fileTokens);
    QCOMPARE(folders->state(top), FileProgress::State::Failed); // poison.py
    auto *foldersView = window.findChild<QTableView *>(QStringLiteral("foldersView"));
    auto *filesView = window.findChild<QTableView *>(QStringLiteral("filesView"));
    QVERIFY(foldersView && filesView);
    const QModelIndex topIndex = foldersView->model()->index(0, 0);
    const int topFiles
        = folders->totals(folders->rowOf(topIndex.data(Ui::FolderRollupModel::PathRole).toString()))
              .files;
    Q_EMIT foldersView->activated(topIndex);
    QVERIFY(window.findChild<QLineEdit *>(QStringLiteral("filesFilter"))
            ->text()
            .startsWith(topIndex.data(Ui::FolderRollupModel::PathRole).toString()));
    QCOMPARE(filesView->model()->rowCount(), topFiles);
    window.findChild<QLineEdit *>(QStringLiteral("filesFilter"))->clear();

    // Chart and status panel.
    QVERIFY(window.chart()->pointCount() > 0);
    QCOMPARE(
        window.findChild<QLabel *>(QStringLiteral("statusFailed"))->text(), QStringLiteral("1"));
    QTRY_COMPARE_WITH_TIMEOUT(window.storeSummary().stored, summary.stored, 10000);
    auto storeSummary = (*reader)->summary();
    QVERIFY(storeSummary);
    QCOMPARE(window.storeSummary().failed, storeSummary->failed);
    QCOMPARE(window.storeSummary().tokens, storeSummary->tokens);
    QVERIFY(window.findChild<QLabel *>(QStringLiteral("storeTotals"))
            ->text()
            .contains(QString::number(storeSummary->stored)));

    // The poison chunk is in the failed list, with the server's reason and its text.
    QTRY_COMPARE_WITH_TIMEOUT(window.failedModel()->rowCount(), 1, 10000);
    const FailedChunk &failed = window.failedModel()->chunk(0);
    QVERIFY(failed.chunk.path.endsWith(u"poison.py"));
    QCOMPARE(failed.httpStatus, 400);
    QVERIFY2(failed.reason.contains(kMarker) || failed.reason.contains(u"400"),
        qPrintable(failed.reason));
    QSignalSpy shown(&window, &MainWindow::snippetShown);
    auto *failedView = window.findChild<QTableView *>(QStringLiteral("failedView"));
    failedView->setCurrentIndex(failedView->model()->index(0, 0));
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 10000);
    QVERIFY(shown.first().first().toString().contains(kMarker));
    QVERIFY(window.findChild<QPlainTextEdit *>(QStringLiteral("failedText"))
            ->toPlainText()
            .contains(kMarker));

    // Heal the server, retry: the list empties and the chunk is stored.
    TestServerConfig healed = m_config;
    healed.rejectMarker.clear();
    m_server->server()->setConfig(healed);
    window.retryFailed();
    const IndexSummary retried = waitForRun(window, finished, 2);
    m_server->server()->setConfig(m_config);
    QCOMPARE(retried.outcome, IndexSummary::Outcome::Completed);
    QCOMPARE(retried.failed, qint64(0));
    QTRY_COMPARE_WITH_TIMEOUT(window.failedModel()->rowCount(), 0, 10000);
    auto after = (*reader)->summary();
    QVERIFY(after);
    QCOMPARE(after->failed, qint64(0));
    QCOMPARE(after->pending, qint64(0));
}

void TestMainWindow::settingsDialogReachesTheEngine()
{
    const QString database = m_dir.filePath(QStringLiteral("batch.sqlite"));
    MainWindow window;
    configure(window, database);
    TestServerConfig limited = m_config;
    limited.rejectMarker.clear();
    limited.maxBatchInputs = 2; // more inputs in one request: 413
    m_server->server()->setConfig(limited);
    m_server->server()->reset();

    Ui::SettingsDialog dialog(window.settings(), &window);
    auto *batch = dialog.findChild<QSpinBox *>(QStringLiteral("batchSize"));
    QVERIFY(batch);
    QCOMPARE(batch->value(), 100);
    batch->setValue(2);
    auto *budget = dialog.findChild<QDoubleSpinBox *>(QStringLiteral("watchBudget"));
    QVERIFY(budget);
    QCOMPARE(budget->value(), 5.0);
    budget->setValue(12.5);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(window.settings().runSettings().batchSize, 2);
    QCOMPARE(window.settings().runSettings().watchBudgetUsdPerDay, 12.5);

    QSignalSpy finished(&window, &MainWindow::runFinished);
    window.startIndexing({ m_folder });
    const IndexSummary summary = waitForRun(window, finished, 1);
    m_server->server()->setConfig(m_config);
    QCOMPARE(summary.outcome, IndexSummary::Outcome::Completed);
    QCOMPARE(summary.failed, qint64(0));
    const TestServerStats stats = m_server->server()->stats();
    QCOMPARE(stats.statusCount(413), qint64(0)); // no request carried more than 2 inputs
    QVERIFY(stats.requests >= (summary.stored + 1) / 2);
}

void TestMainWindow::settingsDialogRefusesInvalidValues()
{
    MainWindow window;
    configure(window, m_dir.filePath(QStringLiteral("unused.sqlite")));
    Ui::SettingsDialog dialog(window.settings(), &window);
    dialog.findChild<QSpinBox *>(QStringLiteral("batchSize"))->setValue(5000);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected)); // still open
    auto *error = dialog.findChild<QLabel *>(QStringLiteral("validationError"));
    QVERIFY(error->text().contains(u"2048"));
    QCOMPARE(window.settings().runSettings().batchSize, 100);
}

// The index's place is a file or a team store's URL; a URL with a password is refused, and the
// window reads from a team store it cannot reach no file of its own instead.
void TestMainWindow::settingsDialogKeepsTheIndexWhereItIsTold()
{
    const QString database = m_dir.filePath(QStringLiteral("where.sqlite"));
    MainWindow window;
    configure(window, database);
    {
        Ui::SettingsDialog dialog(window.settings(), &window);
        auto *location = dialog.findChild<QLineEdit *>(QStringLiteral("databaseLocation"));
        QVERIFY(location);
        QCOMPARE(location->text(), database);
        location->setText(QStringLiteral("postgresql://me:hunter2@127.0.0.1/team"));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("validationError"))
                ->text()
                .contains(u"PGPASSWORD"));
        QCOMPARE(window.settings().databasePath(), database);
    }
    // Nothing listens on port 1: the window says it cannot reach the store.
    const QString team = QStringLiteral("postgresql://signalhub@127.0.0.1:1/team");
    window.openSettings();
    auto *dialog = window.findChild<Ui::SettingsDialog *>();
    QVERIFY(dialog);
    dialog->findChild<QLineEdit *>(QStringLiteral("databaseLocation"))->setText(team);
    dialog->accept();
    QCOMPARE(window.settings().databasePath(), team);
    QCOMPARE(window.databasePath(), team);
    auto *totals = window.findChild<QLabel *>(QStringLiteral("storeTotals"));
    QVERIFY(totals);
    QTRY_VERIFY_WITH_TIMEOUT(totals->text().contains(u"Cannot connect to the team store"), 10000);
    QVERIFY(!QFileInfo::exists(team));
}

// The built-in model's variant is a choice of its own in the dialog; the fast one indexes into
// a space named after it.
void TestMainWindow::settingsDialogChoosesTheBuiltInVariant()
{
    const QString database = m_dir.filePath(QStringLiteral("variant.sqlite"));
    MainWindow window;
    configure(window, database);
    Ui::SettingsDialog dialog(window.settings(), &window);
    auto *provider = dialog.findChild<QComboBox *>(QStringLiteral("provider"));
    auto *variant = dialog.findChild<QComboBox *>(QStringLiteral("localModel"));
    auto *model = dialog.findChild<QLineEdit *>(QStringLiteral("model"));
    QVERIFY(provider && variant && model);
    QVERIFY(!variant->isEnabled());
    provider->setCurrentIndex(provider->findData(int(ProviderKind::Local)));
    QVERIFY(variant->isEnabled());
    QVERIFY(!model->isEnabled());
    variant->setCurrentIndex(variant->findData(RunSettings::localFastModel()));
    dialog.findChild<QSpinBox *>(QStringLiteral("dimensions"))->setValue(0); // the model's own
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const RunSettings chosen = window.settings().runSettings();
    QCOMPARE(chosen.effectiveModel(), RunSettings::localFastModel());

    QSignalSpy finished(&window, &MainWindow::runFinished);
    window.startIndexing({ m_folder + QStringLiteral("/src") });
    QVERIFY(waitForRun(window, finished, 1).stored > 0);
    auto reader = StoreReader::open(database);
    QVERIFY2(reader, qPrintable(reader.errorMessage()));
    auto spaces = (*reader)->spaces();
    QVERIFY2(spaces, qPrintable(spaces.errorMessage()));
    QCOMPARE(spaces->size(), 1);
    QCOMPARE(spaces->first().key.model, RunSettings::localFastModel());

    Ui::SettingsDialog again(window.settings(), &window);
    QCOMPARE(again.findChild<QComboBox *>(QStringLiteral("localModel"))->currentData().toString(),
        RunSettings::localFastModel());
}

void TestMainWindow::settingsDialogTestsTheConnection()
{
    MainWindow window;
    configure(window, m_dir.filePath(QStringLiteral("unused.sqlite")));
    m_server->server()->reset();
    Ui::SettingsDialog dialog(window.settings(), &window);
    QSignalSpy tested(&dialog, &Ui::SettingsDialog::connectionTested);
    dialog.findChild<QPushButton *>(QStringLiteral("testConnection"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 1, 20000);
    QVERIFY2(tested.first().at(0).toBool(), qPrintable(tested.first().at(1).toString()));
    QVERIFY(tested.first().at(1).toString().contains(u"32"));
    QCOMPARE(m_server->server()->requests(), qint64(1));

    // A wrong URL is a clear failure, not a hang.
    dialog.findChild<QLineEdit *>(QStringLiteral("baseUrl"))
        ->setText(QStringLiteral("http://127.0.0.1:1/v1"));
    dialog.findChild<QPushButton *>(QStringLiteral("testConnection"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 2, 30000);
    QVERIFY(!tested.last().at(0).toBool());
    QVERIFY(!tested.last().at(1).toString().isEmpty());
}

void TestMainWindow::settingsDialogWithoutKeychain()
{
    // This test's session bus does not exist, so no Secret Service answers.
    MainWindow window;
    configure(window, m_dir.filePath(QStringLiteral("unused.sqlite")));
    Ui::SettingsDialog dialog(window.settings(), &window);
    auto *note = dialog.findChild<QLabel *>(QStringLiteral("keyNote"));
    QTRY_VERIFY2_WITH_TIMEOUT(
        note->text().contains(u"OPENAI_API_KEY") && note->text().contains(u"No keychain"),
        qPrintable(note->text()), 20000);
    auto *key = dialog.findChild<QLineEdit *>(QStringLiteral("apiKey"));
    QVERIFY(!key->isEnabled());
    // Whatever is typed, no key reaches the settings file.
    key->setText(QStringLiteral("sk-must-not-be-saved"));
    dialog.accept();
    window.settings().sync();
    QFile file(window.settings().fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray saved = file.readAll();
    QVERIFY(saved.contains("test-model"));
    QVERIFY(!saved.contains("sk-must-not-be-saved"));
    QVERIFY(!saved.contains(kKey));
}

void TestMainWindow::csvExportMatchesTheStore()
{
    const QString database = m_dir.filePath(QStringLiteral("drop.sqlite"));
    QVERIFY(QFileInfo::exists(database));
    MainWindow window;
    configure(window, database);
    window.reloadStoreViews(); // the window opened on the default database
    QSignalSpy exported(&window, &MainWindow::reportExported);
    const QString csvPath = m_dir.filePath(QStringLiteral("report.csv"));
    window.exportReport(csvPath, ReportBy::Run, false);
    QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 10000);
    QCOMPARE(exported.first().at(1).toString(), QString());

    QFile file(csvPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QVERIFY(lines.size() >= 3); // header and the two runs of the drop test
    const QList<QByteArray> header = lines.first().trimmed().split(',');
    const qsizetype tokensColumn = header.indexOf("tokens");
    QVERIFY2(tokensColumn >= 0, lines.first().constData());
    qint64 tokens = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        QByteArray cell = lines[i].trimmed().split(',').value(tokensColumn);
        tokens += cell.replace('"', "").toLongLong();
    }
    auto reader = StoreReader::open(database);
    QVERIFY(reader);
    auto summary = (*reader)->summary();
    QVERIFY(summary);
    QVERIFY(summary->tokens > 0);
    QCOMPARE(tokens, summary->tokens);
    auto rows = (*reader)->report(ReportBy::Run);
    QVERIFY(rows);
    QCOMPARE(file.fileName(), csvPath);
    file.seek(0);
    QCOMPARE(file.readAll(),
        ReportWriter::csv(*rows, ReportBy::Run)); // what `signalhub-cli report` writes

    // The runs view shows the same runs.
    QTRY_COMPARE_WITH_TIMEOUT(window.runsModel()->rowCount(), int(rows->size()), 10000);
    auto runs = (*reader)->runs();
    QVERIFY(runs);
    qint64 runTokens = 0;
    for (const RunRow &run : *runs)
        runTokens += run.totals.tokens;
    QVERIFY(runTokens > 0);
    QCOMPARE(window.runsModel()->totalTokens(), runTokens);

    // "Report by" shows the breakdown it exports, in the window too.
    auto *by = window.findChild<QComboBox *>(QStringLiteral("reportBy"));
    auto *reportView = window.findChild<QTableView *>(QStringLiteral("reportView"));
    QVERIFY(by && reportView);
    by->setCurrentIndex(by->findData(int(ReportBy::Model)));
    auto byModel = (*reader)->report(ReportBy::Model);
    QVERIFY(byModel);
    QCOMPARE(byModel->size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(window.reportModel()->by(), ReportBy::Model, 10000);
    QCOMPARE(reportView->model()->rowCount(), 1);
    QCOMPARE(
        reportView->model()->headerData(0, Qt::Horizontal).toString(), QStringLiteral("Model"));
    QCOMPARE(reportView->model()->index(0, 0).data().toString(), QStringLiteral("test-model"));
    QCOMPARE(reportView->model()->index(0, 1).data().toString(),
        QLocale().toString(byModel->first().tokens));
    QCOMPARE(byModel->first().tokens, summary->tokens);
}

void TestMainWindow::layoutIsRemembered()
{
    QRect geometry;
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.resize(640, 480); // within the offscreen screen, so nothing is clamped
        geometry = window.geometry();
        window.close();
    }
    MainWindow again;
    QCOMPARE(again.size(), geometry.size());
}

void TestMainWindow::aboutNamesVersionAndFiles()
{
    MainWindow window;
    configure(window, m_dir.filePath(QStringLiteral("about.sqlite")));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAction *about = menuItem(window, u"&About Signal Hub");
    QVERIFY(about);
    about->trigger();
    auto *box = window.findChild<QMessageBox *>(QStringLiteral("aboutBox"));
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QVERIFY(!box->isModal() || box->windowModality() != Qt::ApplicationModal);
    QVERIFY(box->text().contains(QStringLiteral(SIGNALHUB_VERSION)));
    QVERIFY(box->informativeText().contains(QStringLiteral("about.sqlite")));
    QVERIFY(box->informativeText().contains(QFileInfo(window.settings().fileName()).fileName()));
    box->close();
    QTRY_VERIFY(!window.findChild<QMessageBox *>(QStringLiteral("aboutBox")));
}

void TestMainWindow::helpHasGettingStartedAndTheReadme()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAction *gettingStarted = menuItem(window, u"&Getting started");
    QVERIFY(gettingStarted);
    gettingStarted->trigger();
    auto *dialog = dynamic_cast<Ui::GettingStartedDialog *>(
        window.findChild<QDialog *>(QStringLiteral("gettingStarted")));
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("gettingStartedSteps"))
            ->text()
            .contains(QStringLiteral("Drop a folder on the window")));
    // The README's own sections, each one shown when chosen.
    const QStringList sections = dialog->sections();
    for (const QString &title : { QStringLiteral("Quick start"), QStringLiteral("The window") })
        QVERIFY2(sections.contains(title), qPrintable(sections.join(u", ")));
    dialog->showSection(int(sections.indexOf(QStringLiteral("The window"))));
    auto *readme = dialog->findChild<QTextBrowser *>(QStringLiteral("readmeView"));
    QCOMPARE(readme->textCursor().block().text(), QStringLiteral("The window"));
    QVERIFY2(readme->cursorRect().top() < readme->viewport()->height() / 4,
        qPrintable(QString::number(readme->cursorRect().top())));
    dialog->close();
}

void TestMainWindow::searchFindsAChunkByItsText()
{
    const QString database = m_dir.filePath(QStringLiteral("drop.sqlite"));
    QVERIFY(QFileInfo::exists(database));
    auto reader = StoreReader::open(database);
    QVERIFY(reader);
    auto source = (*reader)->sourceId(QFileInfo(m_folder).absoluteFilePath());
    QVERIFY(source && source->has_value());
    auto files = (*reader)->files(**source);
    QVERIFY(files);
    const QString target
        = QFileInfo(m_folder + QStringLiteral("/src/module3.py")).absoluteFilePath();
    ChunkRow chunk;
    for (const FileRow &file : *files)
        if (file.file.path == target)
            chunk = (*reader)->chunks(file.id)->value(0);
    QVERIFY(chunk.id > 0);
    // What was embedded is exactly the chunk's lines, so the same text is the nearest vector.
    const QString text = SnippetReader::text(target, chunk.startLine, chunk.endLine);
    QVERIFY(!text.isEmpty());

    MainWindow window;
    configure(window, database);
    // By meaning only, where the same text scores a cosine of 1.
    auto *mode = window.findChild<QComboBox *>(QStringLiteral("searchMode"));
    QVERIFY(mode);
    mode->setCurrentIndex(mode->findData(int(Searcher::Mode::Vector)));
    QSignalSpy done(window.searchModel(), &Ui::SearchModel::finished);
    QSignalSpy failed(window.searchModel(), &Ui::SearchModel::searchFailed);
    window.search(text);
    QTRY_VERIFY_WITH_TIMEOUT(done.count() + failed.count() > 0, 20000);
    QVERIFY2(
        failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    Ui::SearchModel *model = window.searchModel();
    QVERIFY(model->rowCount() > 1);
    QCOMPARE(model->hit(0).hit.path, target);
    QCOMPARE(model->hit(0).hit.startLine, chunk.startLine);
    QVERIFY(model->hit(0).hit.score > 0.999f);
    QVERIFY(model->hit(1).hit.score < model->hit(0).hit.score);
    QVERIFY(model->hit(0).snippet.contains(u"def function_3_0"));
}

// Words only, in the files a pattern leaves: the identifier is found however it is written,
// and its words are marked in the text shown.
void TestMainWindow::searchByWordsMarksThemInTheSnippet()
{
    const QString database = m_dir.filePath(QStringLiteral("drop.sqlite"));
    QVERIFY(QFileInfo::exists(database));
    MainWindow window;
    configure(window, database);
    auto *mode = window.findChild<QComboBox *>(QStringLiteral("searchMode"));
    auto *glob = window.findChild<QLineEdit *>(QStringLiteral("searchPathGlob"));
    QVERIFY(mode && glob);
    mode->setCurrentIndex(mode->findData(int(Searcher::Mode::Keyword)));
    glob->setText(QStringLiteral("module3.py"));
    QSignalSpy done(window.searchModel(), &Ui::SearchModel::finished);
    QSignalSpy shown(&window, &MainWindow::snippetShown);
    window.search(QStringLiteral("FUNCTION_3_0"));
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 20000);
    Ui::SearchModel *model = window.searchModel();
    QVERIFY(model->rowCount() > 0);
    for (int row = 0; row < model->rowCount(); ++row)
        QVERIFY2(model->hit(row).hit.path.endsWith(u"/module3.py"),
            qPrintable(model->hit(row).hit.path));
    QVERIFY(model->hit(0).snippet.contains(u"def function_3_0"));
    const QStringList words { QStringLiteral("function"), QStringLiteral("3"),
        QStringLiteral("0") };
    QCOMPARE(model->words(), words);
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 10000);
    auto *view = window.findChild<QPlainTextEdit *>(QStringLiteral("searchText"));
    QVERIFY(view);
    const QList<QTextEdit::ExtraSelection> marked = view->extraSelections();
    QVERIFY(marked.size() >= 3);
    QSet<QString> seen;
    for (const QTextEdit::ExtraSelection &selection : marked)
        seen.insert(selection.cursor.selectedText().toLower());
    QCOMPARE(seen, QSet<QString>(words.cbegin(), words.cend()));
}

// The languages are listed without the GUI thread loading syntax definitions; a chosen one
// leaves out the files of every other.
void TestMainWindow::searchKeepsToTheChosenLanguage()
{
    const QString database = m_dir.filePath(QStringLiteral("drop.sqlite"));
    QVERIFY(QFileInfo::exists(database));
    MainWindow window;
    configure(window, database);
    auto *mode = window.findChild<QComboBox *>(QStringLiteral("searchMode"));
    auto *language = window.findChild<QComboBox *>(QStringLiteral("searchLanguage"));
    QVERIFY(mode && language);
    mode->setCurrentIndex(mode->findData(int(Searcher::Mode::Keyword)));
    QTRY_VERIFY_WITH_TIMEOUT(language->findData(QStringLiteral("Markdown")) > 0, 10000);
    QVERIFY(language->findData(QStringLiteral("Python")) > 0);
    QVERIFY(!syntaxRepositoryCreatedOn(QThread::currentThread()));
    Ui::SearchModel *model = window.searchModel();
    const auto searchIn = [&](const QString &name) {
        language->setCurrentIndex(language->findData(name));
        QSignalSpy done(model, &Ui::SearchModel::finished);
        window.search(QStringLiteral("project value module"));
        return done.wait(20000);
    };
    QVERIFY(searchIn(QStringLiteral("Markdown")));
    QVERIFY(model->rowCount() > 0);
    for (int row = 0; row < model->rowCount(); ++row)
        QCOMPARE(model->hit(row).hit.language, QStringLiteral("Markdown"));
    QVERIFY(searchIn(QStringLiteral("Python")));
    for (int row = 0; row < model->rowCount(); ++row)
        QCOMPARE(model->hit(row).hit.language, QStringLiteral("Python"));
}

// The project indexed in one space, then its src folder with other dimensions: the last run's
// space searches src alone, and the window says which folder it left out.
void TestMainWindow::searchNamesTheFoldersItLeavesOut()
{
    const QString database = m_dir.filePath(QStringLiteral("two-spaces.sqlite"));
    MainWindow window;
    configure(window, database);
    QSignalSpy finished(&window, &MainWindow::runFinished);
    window.startIndexing({ m_folder });
    QVERIFY(waitForRun(window, finished, 1).stored > 0);
    RunSettings s = window.settings().runSettings();
    s.dimensions = 48;
    window.settings().setRunSettings(s);
    window.startIndexing({ m_folder + QStringLiteral("/src") });
    QVERIFY(waitForRun(window, finished, 2).stored > 0);

    QSignalSpy done(window.searchModel(), &Ui::SearchModel::finished);
    window.search(QStringLiteral("def function"));
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 20000);
    Ui::SearchModel *model = window.searchModel();
    QVERIFY(model->rowCount() > 0);
    for (int row = 0; row < model->rowCount(); ++row)
        QVERIFY2(model->hit(row).hit.path.contains(u"/src/"), qPrintable(model->hit(row).hit.path));
    QCOMPARE(model->notSearched(), QStringList { QFileInfo(m_folder).absoluteFilePath() });
    const QString message = window.statusBar()->currentMessage();
    QVERIFY2(
        message.contains(QStringLiteral("; not searched: 1 folder indexed with another model (")
            + QFileInfo(m_folder).absoluteFilePath() + u')'),
        qPrintable(message));
}

void TestMainWindow::expensiveRunAsksFirst()
{
    MainWindow window;
    configure(window, m_dir.filePath(QStringLiteral("expensive.sqlite")));
    RunSettings s = window.settings().runSettings();
    s.usdPerMillionTokens = 1000000; // a dollar a token
    s.estimateThresholdUsd = 0.5;
    window.settings().setRunSettings(s);
    m_server->server()->reset();
    QSignalSpy started(&window, &MainWindow::runStarted);
    QSignalSpy finished(&window, &MainWindow::runFinished);

    QString question;
    answerNextMessageBox(QMessageBox::No, &question);
    window.startIndexing({ m_folder });
    QTRY_VERIFY_WITH_TIMEOUT(!question.isEmpty(), 20000);
    QVERIFY2(question.contains(u"$"), qPrintable(question));
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunning(), 10000);
    QCOMPARE(started.count(), 0);
    QCOMPARE(m_server->server()->requests(), qint64(0)); // nothing was sent

    question.clear();
    answerNextMessageBox(QMessageBox::Yes, &question);
    window.startIndexing({ m_folder });
    const IndexSummary summary = waitForRun(window, finished, 1);
    QVERIFY(!question.isEmpty());
    QCOMPARE(started.count(), 1);
    QVERIFY(summary.stored > 0);
}

// Files an older version of the chunking rules cut keep their chunks (nothing paid twice);
// the run says so, and cuts them again when asked, after its estimate.
void TestMainWindow::olderCutsAreCutAgainWhenAsked()
{
    const QString database = m_dir.filePath(QStringLiteral("rechunk.sqlite"));
    MainWindow window;
    configure(window, database);
    QSignalSpy finished(&window, &MainWindow::runFinished);
    window.startIndexing({ m_folder });
    QCOMPARE(waitForRun(window, finished, 1).filesCutBefore, 0);
    const auto chunkings = [&database] {
        QStringList found;
        const QString connection = QStringLiteral("chunkings");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
            db.setDatabaseName(database);
            if (db.open()) {
                QSqlQuery q(QStringLiteral("SELECT DISTINCT chunking FROM files"), db);
                while (q.next())
                    found.append(q.value(0).toString());
            }
        }
        QSqlDatabase::removeDatabase(connection);
        return found;
    };
    const QStringList current = chunkings();
    QCOMPARE(current.size(), 1);
    {
        // As version 1 recorded the same sizes: without a version.
        QSqlDatabase db
            = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("older"));
        db.setDatabaseName(database);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("UPDATE files SET chunking = '%1'")
                .arg(current.first().first(current.first().lastIndexOf(u'/')))));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("older"));

    m_server->server()->reset();
    window.startIndexing({ m_folder });
    const IndexSummary kept = waitForRun(window, finished, 2);
    QCOMPARE(m_server->server()->requests(), qint64(0));
    QVERIFY(kept.filesCutBefore > 0);
    auto *notice = window.findChild<QLabel *>(QStringLiteral("olderCuts"));
    QVERIFY(notice && !notice->isHidden());
    QVERIFY2(notice->text().contains(QLocale().toString(kept.filesCutBefore) + u" unchanged files"),
        qPrintable(notice->text()));

    QString question;
    answerNextMessageBox(QMessageBox::Yes, &question);
    Q_EMIT notice->linkActivated(QStringLiteral("#rechunk"));
    const IndexSummary cutAgain = waitForRun(window, finished, 3);
    QVERIFY2(question.contains(u"older chunking rules"), qPrintable(question));
    QCOMPARE(cutAgain.filesCutBefore, 0);
    QCOMPARE(chunkings(), current);
    QVERIFY(notice->isHidden());
}

void TestMainWindow::closingDuringARunCancelsCleanly()
{
    const QString database = m_dir.filePath(QStringLiteral("close.sqlite"));
    TestServerConfig slow = m_config;
    slow.setLatency(400);
    m_server->server()->setConfig(slow);
    MainWindow window;
    configure(window, database);
    RunSettings s = window.settings().runSettings();
    s.batchSize = 1;
    s.concurrency = 1;
    window.settings().setRunSettings(s);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy started(&window, &MainWindow::runStarted);
    QSignalSpy finished(&window, &MainWindow::runFinished);
    window.startIndexing({ m_folder });
    QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 10000);
    QTest::qWait(500);

    QString question;
    answerNextMessageBox(QMessageBox::Yes, &question);
    QVERIFY(!window.close()); // asks, then waits for the run to end
    QVERIFY(question.contains(u"Stop"));
    QVERIFY(window.isVisible());
    const IndexSummary summary = waitForRun(window, finished, 1);
    m_server->server()->setConfig(m_config);
    QCOMPARE(summary.outcome, IndexSummary::Outcome::Cancelled);
    QVERIFY(summary.pending > 0);
    QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), 5000); // closed once the worker had committed
    auto reader = StoreReader::open(database);
    QVERIFY(reader);
    auto status = (*reader)->summary();
    QVERIFY(status);
    QCOMPARE(status->pending, summary.pending);
    QCOMPARE(status->stored, summary.stored);
}

void TestMainWindow::pauseHoldsRequestsAndResumeFinishes()
{
    TestServerConfig slow = m_config;
    slow.rejectMarker.clear();
    slow.setLatency(150);
    m_server->server()->setConfig(slow);
    m_server->server()->reset();
    MainWindow window;
    configure(window, m_dir.filePath(QStringLiteral("pause.sqlite")));
    RunSettings s = window.settings().runSettings();
    s.batchSize = 1;
    s.concurrency = 1;
    window.settings().setRunSettings(s);
    QSignalSpy started(&window, &MainWindow::runStarted);
    QSignalSpy finished(&window, &MainWindow::runFinished);
    window.startIndexing({ m_folder });
    QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(m_server->server()->requests() >= 2, 10000);

    auto *pause = window.findChild<QPushButton *>(QStringLiteral("pauseButton"));
    auto *resume = window.findChild<QPushButton *>(QStringLiteral("resumeButton"));
    QVERIFY(pause->isEnabled());
    QVERIFY(!resume->isEnabled());
    pause->click();
    QVERIFY(resume->isEnabled());
    auto *state = window.findChild<QLabel *>(QStringLiteral("statusState"));
    QTRY_VERIFY_WITH_TIMEOUT(state->text().contains(u"paused"), 5000);
    QTest::qWait(600); // what was in flight is answered
    const qint64 held = m_server->server()->requests();
    QTest::qWait(800);
    QCOMPARE(m_server->server()->requests(), held);
    QVERIFY(window.isRunning());

    resume->click();
    const IndexSummary summary = waitForRun(window, finished, 1);
    m_server->server()->setConfig(m_config);
    QCOMPARE(summary.outcome, IndexSummary::Outcome::Completed);
    QCOMPARE(summary.pending, qint64(0));
    QVERIFY(m_server->server()->requests() > held);
}

QString TestMainWindow::poisonedDatabase(MainWindow &window)
{
    const QString database = m_dir.filePath(QStringLiteral("poisoned.sqlite"));
    configure(window, database);
    if (QFileInfo::exists(database))
        return database;
    m_server->server()->setConfig(m_config);
    QSignalSpy finished(&window, &MainWindow::runFinished);
    window.startIndexing({ m_poisoned }); // no price for test-model: nothing to ask
    const IndexSummary summary = waitForRun(window, finished, 1);
    [&] {
        QCOMPARE(summary.failed, qint64(3));
        QVERIFY(summary.stored > 0);
    }();
    return database;
}

// The fake editor's arguments once it has run (it writes them with one rename).
QStringList TestMainWindow::editorArguments(const QString &recordFile)
{
    QStringList args;
    [&] { QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(recordFile), 10000); }();
    QFile file(recordFile);
    if (file.open(QIODevice::ReadOnly))
        args = QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
    file.remove();
    return args;
}

namespace {
QTextCharFormat formatAt(const QTextBlock &block, int position)
{
    const QList<QTextLayout::FormatRange> ranges = block.layout()->formats();
    for (const QTextLayout::FormatRange &range : ranges)
        if (position >= range.start && position < range.start + range.length)
            return range.format;
    return {};
}
} // namespace

void TestMainWindow::failedChunkIsHighlightedAndOpensInEditor()
{
    MainWindow window;
    poisonedDatabase(window);
    window.reloadStoreViews();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE_WITH_TIMEOUT(window.failedModel()->rowCount(), 3, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!window.failedModel()->isLoading(), 10000);

    // The editor command goes through the dialog, which checks it.
    Ui::SettingsDialog dialog(window.settings(), &window);
    auto *editor = dialog.findChild<QLineEdit *>(QStringLiteral("editorCommand"));
    QVERIFY(editor);
    editor->setText(QStringLiteral("--line {line}"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected)); // no program, no {file}
    const QString command = u'"' + m_editorScript + QStringLiteral("\" --line {line} {file}");
    editor->setText(command);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(window.settings().editorCommand(), command);

    auto *failedView = window.findChild<QTableView *>(QStringLiteral("failedView"));
    int cppRow = -1;
    for (int row = 0; row < failedView->model()->rowCount(); ++row)
        if (failedView->model()->index(row, 0).data().toString().contains(u"first.cpp"))
            cppRow = row;
    QVERIFY(cppRow >= 0);
    QSignalSpy shown(&window, &MainWindow::snippetShown);
    failedView->setCurrentIndex(failedView->model()->index(cppRow, 0));
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 20000);

    // At the default size the file and lines come first and whole; the reason in full is
    // on the detail line.
    window.resize(1100, 760);
    window.findChild<QTabWidget *>(QStringLiteral("tabs"))->setCurrentIndex(1);
    QTRY_COMPARE(window.size(), QSize(1100, 760));
    QCOMPARE(failedView->horizontalHeader()->logicalIndex(0), int(Ui::FailedModel::LocationColumn));
    QVERIFY2(failedView->columnWidth(Ui::FailedModel::LocationColumn)
            >= static_cast<QAbstractItemView *>(failedView)
                ->sizeHintForColumn(Ui::FailedModel::LocationColumn),
        qPrintable(QString::number(failedView->columnWidth(Ui::FailedModel::LocationColumn))));
    const FailedChunk &cpp
        = window.failedModel()->chunk(static_cast<QSortFilterProxyModel *>(failedView->model())
                ->mapToSource(failedView->model()->index(cppRow, 0))
                .row());
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("failedDetail"))->text(),
        QStringLiteral("%1, lines 1–5: %2")
            .arg(QDir::toNativeSeparators(m_poisoned + QStringLiteral("/first.cpp")), cpp.reason));
    QVERIFY(!cpp.reason.isEmpty());
    QCOMPARE(cutLabels(&window), QStringList());

    // The keyword is formatted, the plain identifier is not: highlighting reached the view.
    QTextDocument *document
        = window.findChild<QPlainTextEdit *>(QStringLiteral("failedText"))->document();
    const int keyword = document->toPlainText().indexOf(u"return");
    QVERIFY(keyword >= 0);
    const QTextBlock block = document->findBlock(keyword);
    const QTextCharFormat keywordFormat = formatAt(block, keyword - block.position());
    const QTextCharFormat plainFormat = formatAt(block, block.text().indexOf(u"value"));
    QVERIFY(keywordFormat.hasProperty(QTextFormat::ForegroundBrush)
        || keywordFormat.hasProperty(QTextFormat::FontWeight));
    QVERIFY(keywordFormat != plainFormat);
    // ... and was computed off the GUI thread, which never loaded a syntax repository.
    QVERIFY(!syntaxRepositoryCreatedOn(QCoreApplication::instance()->thread()));

    // "Open in editor" starts the configured command at the chunk's first line; the path
    // (with a space) is one argument.
    QSignalSpy opened(&window, &MainWindow::editorOpened);
    const QString recordFile
        = QFileInfo(m_editorScript).absolutePath() + QStringLiteral("/args.txt");
    QFile::remove(recordFile);
    window.findChild<QPushButton *>(QStringLiteral("openFailedButton"))->click();
    const FailedChunk &failed
        = window.failedModel()->chunk(static_cast<QSortFilterProxyModel *>(failedView->model())
                ->mapToSource(failedView->currentIndex())
                .row());
    QVERIFY(failed.chunk.path.endsWith(u"poisoned folder/first.cpp"));
    QCOMPARE(editorArguments(recordFile),
        (QStringList { QStringLiteral("--line"), QString::number(failed.chunk.startLine),
            failed.chunk.path }));
    QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 5000);
    QVERIFY(!opened.first().first().toString().isEmpty());
}

void TestMainWindow::searchHitOpensInEditor()
{
    MainWindow window;
    const QString database = poisonedDatabase(window);
    const QString target = QFileInfo(m_poisoned + QStringLiteral("/fine.py")).absoluteFilePath();
    auto reader = StoreReader::open(database);
    QVERIFY(reader);
    auto source = (*reader)->sourceId(QFileInfo(m_poisoned).absoluteFilePath());
    QVERIFY(source && source->has_value());
    ChunkRow chunk;
    auto files = (*reader)->files(**source);
    QVERIFY(files);
    for (const FileRow &file : *files)
        if (file.file.path == target)
            chunk = (*reader)->chunks(file.id)->value(1);
    QVERIFY(chunk.id > 0 && chunk.startLine > 1);
    QSignalSpy done(window.searchModel(), &Ui::SearchModel::finished);
    window.search(SnippetReader::text(target, chunk.startLine, chunk.endLine));
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 20000);
    QCOMPARE(window.searchModel()->hit(0).hit.path, target);
    QCOMPARE(window.searchModel()->hit(0).hit.startLine, chunk.startLine);
    auto *view = window.findChild<QTableView *>(QStringLiteral("searchView"));
    QTRY_COMPARE(view->currentIndex().row(), 0);

    // A configured command, from the search page.
    const QString recordFile
        = QFileInfo(m_editorScript).absolutePath() + QStringLiteral("/args.txt");
    QFile::remove(recordFile);
    window.settings().setEditorCommand(
        u'"' + m_editorScript + QStringLiteral("\" --goto {file}:{line}"));
    QSignalSpy opened(&window, &MainWindow::editorOpened);
    window.findChild<QPushButton *>(QStringLiteral("openHitButton"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 10000);
    QCOMPARE(editorArguments(recordFile),
        (QStringList {
            QStringLiteral("--goto"), target + u':' + QString::number(chunk.startLine) }));

    // No command: a known editor in PATH is found (here a fake "code") with its own syntax.
    const QString bin = m_dir.filePath(QStringLiteral("bin"));
    QVERIFY(QDir().mkpath(bin));
    QFile::remove(bin + QStringLiteral("/code"));
    QVERIFY(QFile::copy(m_editorScript, bin + QStringLiteral("/code")));
    QVERIFY(QFile::setPermissions(
        bin + QStringLiteral("/code"), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    const QByteArray path = qgetenv("PATH");
    const QByteArray visual = qgetenv("VISUAL");
    qputenv("PATH", bin.toUtf8());
    qunsetenv("VISUAL");
    window.settings().setEditorCommand(QString());
    window.findChild<QPushButton *>(QStringLiteral("openHitButton"))->click();
    (void)QTest::qWaitFor([&] { return opened.count() == 2; }, 10000);
    qputenv("PATH", path); // before anything can fail
    if (!visual.isEmpty())
        qputenv("VISUAL", visual);
    QCOMPARE(opened.count(), 2);
    const QStringList detected = editorArguments(bin + QStringLiteral("/args.txt"));
    QCOMPARE(detected,
        (QStringList {
            QStringLiteral("--goto"), target + u':' + QString::number(chunk.startLine) }));
    QVERIFY(opened.last().first().toString().contains(bin + QStringLiteral("/code")));

    // An editor that gives up at once is reported in its own words, where the user looks.
    const QString complaining = bin + QStringLiteral("/complain");
    writeFile(complaining, "#!/bin/sh\necho 'cannot open display: :99' >&2\nexit 1\n");
    QVERIFY(
        QFile::setPermissions(complaining, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    window.settings().setEditorCommand(complaining + QStringLiteral(" {file}"));
    QString shown;
    answerNextMessageBox(QMessageBox::Ok, &shown);
    window.findChild<QPushButton *>(QStringLiteral("openHitButton"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 3, 10000);
    QVERIFY2(shown.contains(u"cannot open display: :99"), qPrintable(shown));
    QVERIFY(opened.last().first().toString().isEmpty());
}

void TestMainWindow::retryAsksAboutTheFailedChunksCost()
{
    MainWindow window;
    const QString database = poisonedDatabase(window);
    window.reloadStoreViews();
    QTRY_COMPARE_WITH_TIMEOUT(window.failedModel()->rowCount(), 3, 10000);
    auto reader = StoreReader::open(database);
    QVERIFY(reader);
    auto failed = (*reader)->failedChunks();
    QVERIFY(failed);
    QCOMPARE(failed->size(), 3);
    qint64 failedTokens = 0;
    for (const FailedChunk &chunk : *failed)
        failedTokens += chunk.chunk.tokens;
    QVERIFY(failedTokens > 0);
    const auto tokensAsked = [](const QString &question) {
        const QRegularExpressionMatch match
            = QRegularExpression(QStringLiteral("\\(([^ ]+) tokens\\)")).match(question);
        return match.hasMatch() ? QLocale().toLongLong(match.captured(1)) : -1;
    };

    // A dollar a token, 50 cents of patience: the retry asks first, with the store's tokens.
    RunSettings s = window.settings().runSettings();
    s.usdPerMillionTokens = 1000000;
    s.estimateThresholdUsd = 0.5;
    window.settings().setRunSettings(s);
    TestServerConfig healed = m_config;
    healed.rejectMarker.clear();
    m_server->server()->setConfig(healed);
    m_server->server()->reset();
    QSignalSpy started(&window, &MainWindow::runStarted);
    QSignalSpy finished(&window, &MainWindow::runFinished);
    QString question;
    answerNextMessageBox(QMessageBox::No, &question);
    window.findChild<QPushButton *>(QStringLiteral("retryButton"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(!question.isEmpty(), 20000);
    QCOMPARE(tokensAsked(question), failedTokens);
    QVERIFY2(question.contains(u"Retry"), qPrintable(question));
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunning(), 10000);
    QTest::qWait(100);
    QCOMPARE(started.count(), 0);
    QCOMPARE(m_server->server()->requests(), qint64(0)); // declined: nothing sent
    QCOMPARE((*reader)->failedChunks()->size(), 3);

    // The selected one only: its own tokens are asked about, and only it is sent.
    auto *failedView = window.findChild<QTableView *>(QStringLiteral("failedView"));
    auto *proxy = static_cast<QSortFilterProxyModel *>(failedView->model());
    int row = -1;
    for (int r = 0; r < proxy->rowCount(); ++r)
        if (window.failedModel()
                ->chunk(proxy->mapToSource(proxy->index(r, 0)).row())
                .chunk.path.endsWith(u"second.py"))
            row = r;
    QVERIFY(row >= 0);
    const FailedChunk selected
        = window.failedModel()->chunk(proxy->mapToSource(proxy->index(row, 0)).row());
    failedView->selectionModel()->select(
        proxy->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    auto *retrySelected = window.findChild<QPushButton *>(QStringLiteral("retrySelectedButton"));
    QVERIFY(retrySelected->isEnabled());
    question.clear();
    answerNextMessageBox(QMessageBox::Yes, &question);
    retrySelected->click();
    IndexSummary summary = waitForRun(window, finished, 1);
    QCOMPARE(tokensAsked(question), qint64(selected.chunk.tokens));
    QCOMPARE(summary.outcome, IndexSummary::Outcome::Completed);
    QCOMPARE(summary.stored, qint64(1));
    QCOMPARE(m_server->server()->inputs(), qint64(1));
    auto left = (*reader)->failedChunks();
    QVERIFY(left);
    QCOMPARE(left->size(), 2);
    for (const FailedChunk &chunk : *left)
        QVERIFY(chunk.chunk.id != selected.chunk.id);
    // The retried file is done; the files whose chunks were not chosen are not part of the run.
    Ui::FilesModel *files = window.filesModel();
    const auto rowOf = [&](const char *name) {
        return files->rowOf(QFileInfo(m_poisoned + QLatin1StringView(name)).absoluteFilePath());
    };
    QVERIFY(rowOf("/second.py") >= 0);
    QCOMPARE(files->file(rowOf("/second.py")).state, FileProgress::State::Done);
    QCOMPARE(rowOf("/first.cpp"), -1);
    QCOMPARE(rowOf("/third.md"), -1);

    // Below the threshold it goes straight on (a question left open would time this out).
    s.estimateThresholdUsd = 1e9;
    window.settings().setRunSettings(s);
    window.retryFailed();
    summary = waitForRun(window, finished, 2);
    m_server->server()->setConfig(m_config);
    QCOMPARE(summary.failed, qint64(0));
    QCOMPARE((*reader)->failedChunks()->size(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(window.failedModel()->rowCount(), 0, 10000);
}

void TestMainWindow::settingsSurviveClosingTheWindow()
{
    QString fileName;
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        RunSettings s = window.settings().runSettings();
        s.batchSize = 17;
        window.settings().setRunSettings(s);
        window.settings().setEditorCommand(QStringLiteral("kate --line {line} {file}"));
        fileName = window.settings().fileName();
        QVERIFY(window.close()); // saves on the settings' thread; the destructor waits
    }
    Settings again;
    QCOMPARE(again.fileName(), fileName);
    QCOMPARE(again.runSettings().batchSize, 17);
    QCOMPARE(again.editorCommand(), QStringLiteral("kate --line {line} {file}"));
    QVERIFY(!again.windowGeometry().isEmpty());
}

void TestMainWindow::settingsSaveErrorShowsInTheStatusBar()
{
    MainWindow window;
    configure(window, m_dir.filePath(QStringLiteral("unused.sqlite")));
    const QString fileName = window.settings().fileName();
    QFile::remove(fileName);
    // A folder where the file goes: the write fails, even for root.
    QVERIFY(QDir().mkpath(fileName));
    const auto removeFolder = qScopeGuard([&] { QDir(fileName).removeRecursively(); });
    window.openSettings();
    auto *dialog = window.findChild<Ui::SettingsDialog *>();
    QVERIFY(dialog);
    // Closing the dialog deletes it: let its keychain probe answer first.
    auto *note = dialog->findChild<QLabel *>(QStringLiteral("keyNote"));
    QTRY_VERIFY_WITH_TIMEOUT(note->text().contains(u"OPENAI_API_KEY"), 20000);
    dialog->accept(); // saves on the settings' own thread
    QTRY_VERIFY_WITH_TIMEOUT(window.statusBar()->currentMessage().contains(fileName), 10000);
    QCOMPARE(window.statusBar()->currentMessage(), window.settings().saveError());
}

void TestMainWindow::noLabelIsCut_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<ProgressSnapshot>("snapshot");
    ProgressSnapshot paused = busySnapshot();
    paused.paused = true;
    ProgressSnapshot stalled = busySnapshot();
    stalled.longestWaitMs = 123000;
    ProgressSnapshot cooling = busySnapshot();
    cooling.coolDownMs = 65000;
    for (const QSize size : { QSize(1100, 760), QSize(1280, 720) }) {
        const QString name = QStringLiteral("%1x%2 ").arg(size.width()).arg(size.height());
        QTest::addRow("%s", qPrintable(name + u"running")) << size << busySnapshot();
        QTest::addRow("%s", qPrintable(name + u"paused")) << size << paused;
        QTest::addRow("%s", qPrintable(name + u"stalled")) << size << stalled;
        QTest::addRow("%s", qPrintable(name + u"cooling down")) << size << cooling;
    }
}

void TestMainWindow::noLabelIsCut()
{
    QFETCH(QSize, size);
    QFETCH(ProgressSnapshot, snapshot);
    // A desktop's usual font (the offscreen platform's own is smaller), and numbers with
    // group separators, as an English user reads them.
    const QFont font = QApplication::font();
    QApplication::setFont(QFont(QStringLiteral("DejaVu Sans"), 11));
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    const auto restore = qScopeGuard([before, font] {
        QLocale::setDefault(before);
        QApplication::setFont(font);
    });
    MainWindow window;
    configure(window, m_dir.filePath(QStringLiteral("fits.sqlite")));
    QSignalSpy reloaded(&window, &MainWindow::storeViewsReloaded);
    window.reloadStoreViews();
    QTRY_VERIFY(!reloaded.isEmpty()); // its totals do not replace those shown below
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.resize(size);
    window.findChild<Ui::IndexPage *>()->showRunView();
    auto *panel = window.findChild<Ui::StatusPanel *>();
    QVERIFY(panel);
    panel->showStoreSummary(bigStoreSummary());
    panel->showProgress(snapshot);
    QTRY_COMPARE(window.size(), size);
    QTRY_VERIFY2(cutLabels(&window).isEmpty(), qPrintable(cutLabels(&window).join(u"; ")));
}

void TestMainWindow::storeTotalsFollowTheRunAndCancelSaysSo()
{
    const QString folder = m_dir.filePath(QStringLiteral("many modules"));
    for (int i = 0; i < 12; ++i)
        writeFile(folder + QStringLiteral("/module%1.py").arg(i), pythonModule(40 + i));
    TestServerConfig slow = m_config;
    slow.setLatency(300);
    m_server->server()->setConfig(slow);
    const auto restore = qScopeGuard([this] { m_server->server()->setConfig(m_config); });
    MainWindow window;
    configure(window, m_dir.filePath(QStringLiteral("totals.sqlite")));
    RunSettings s = window.settings().runSettings();
    s.batchSize = 1;
    s.concurrency = 1;
    window.settings().setRunSettings(s);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy finished(&window, &MainWindow::runFinished);
    window.startIndexing({ folder });

    // The store's totals are read again while the run goes on, not only at its end.
    QTRY_VERIFY_WITH_TIMEOUT(window.storeSummary().stored > 0, kRunTimeoutMs);
    QVERIFY(window.isRunning());
    const QString totals = window.findChild<QLabel *>(QStringLiteral("storeTotals"))->text();
    QVERIFY2(
        totals.contains(
            QStringLiteral("(%1 stored").arg(QLocale().toString(window.storeSummary().stored))),
        qPrintable(totals));

    // Cancelled, the run has time left: it is not "done".
    window.cancelRun();
    const IndexSummary summary = waitForRun(window, finished, 1);
    QCOMPARE(summary.outcome, IndexSummary::Outcome::Cancelled);
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("statusEta"))->text(),
        QStringLiteral("none: cancelled"));
}

void TestMainWindow::refusedKeyStopsTheRun()
{
    TestServerConfig refusing = m_config;
    refusing.apiKey = QStringLiteral("sk-another-key");
    m_server->server()->setConfig(refusing);
    const auto restore = qScopeGuard([this] { m_server->server()->setConfig(m_config); });
    MainWindow window;
    configure(window, m_dir.filePath(QStringLiteral("refused.sqlite")));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy finished(&window, &MainWindow::runFinished);
    window.startIndexing({ m_folder });
    const IndexSummary summary = waitForRun(window, finished, 1);
    QCOMPARE(summary.outcome, IndexSummary::Outcome::Fatal);
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("statusEta"))->text(),
        QStringLiteral("none: stopped"));

    // Where the user looks, with the fix and the way to it.
    auto *box = window.findChild<QMessageBox *>(QStringLiteral("runStoppedBox"));
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QVERIFY2(box->text().startsWith(QStringLiteral("Stopped: the server refused the API key "
                                                   "(HTTP 401")),
        qPrintable(box->text()));
    QVERIFY2(box->text().contains(QStringLiteral("Check the key")), qPrintable(box->text()));
    auto *settings = box->findChild<QPushButton *>(QStringLiteral("runStoppedSettings"));
    QVERIFY(settings);
    settings->click();
    auto *dialog = window.findChild<Ui::SettingsDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    dialog->reject();
}

void TestMainWindow::startPageShowsWhatIsIndexed()
{
    // A new start on the database of the first test: the start page says what it holds.
    const QString database = m_dir.filePath(QStringLiteral("drop.sqlite"));
    QVERIFY(QFileInfo::exists(database));
    auto reader = StoreReader::open(database);
    QVERIFY(reader);
    auto summary = (*reader)->summary();
    QVERIFY(summary);
    QVERIFY(summary->files > 1 && summary->chunks > 1);
    QCOMPARE(summary->sources, qint64(1));
    MainWindow window;
    configure(window, database);
    window.reloadStoreViews();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *indexed = window.findChild<QLabel *>(QStringLiteral("alreadyIndexed"));
    QVERIFY(indexed);
    QTRY_VERIFY(indexed->isVisible());
    QCOMPARE(indexed->text(),
        QStringLiteral("Already indexed: %1 files and %2 chunks from 1 folder. Search them on "
                       "the Search tab, or drop a folder to index more.")
            .arg(summary->files)
            .arg(summary->chunks));
}

// A folder indexed from the window is watched from then on: a new file is indexed by itself,
// the table says so and when; its check box turns watching off, and the choice is kept.
void TestMainWindow::indexedFoldersAreWatched()
{
    const QString database = m_dir.filePath(QStringLiteral("live.sqlite"));
    const QString folder = QFileInfo(m_dir.filePath(QStringLiteral("live"))).absoluteFilePath();
    QVERIFY(QDir().mkpath(folder));
    writeFile(folder + QStringLiteral("/first.py"), "def first():\n    return 1\n");
    MainWindow window;
    configure(window, database);
    window.settings().setWatchesFolders(true);
    Ui::WatchedFoldersModel *model = window.watchedFoldersModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(&window, &MainWindow::runFinished);
    QSignalSpy watchRuns(&window, &MainWindow::watchRunFinished);
    window.startIndexing({ folder });
    QVERIFY(waitForRun(window, finished, 1).stored > 0);

    // Watched, and brought up to date once watched.
    QTRY_COMPARE_WITH_TIMEOUT(watchRuns.count(), 1, kRunTimeoutMs);
    QCOMPARE(model->rowCount(), 1);
    const QModelIndex name = model->index(0, Ui::WatchedFoldersModel::FolderColumn);
    QCOMPARE(name.data().toString(), folder);
    QCOMPARE(name.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Checked);
    const QModelIndex state = model->index(0, Ui::WatchedFoldersModel::StateColumn);
    QTRY_COMPARE_WITH_TIMEOUT(state.data().toString(), QStringLiteral("Watched"), 10000);
    QVERIFY(model->index(0, Ui::WatchedFoldersModel::UpToDateColumn).data().toString()
        != QStringLiteral("–"));

    writeFile(folder + QStringLiteral("/second.py"), "def second():\n    return 2\n");
    QTRY_COMPARE_WITH_TIMEOUT(watchRuns.count(), 2, kRunTimeoutMs);
    QCOMPARE(watchRuns.last().first().value<IndexSummary>().stored, 1);

    QVERIFY(model->setData(name, Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(state.data().toString(), QStringLiteral("Not watched"));
    QCOMPARE(window.settings().unwatchedFolders(), QStringList { folder });
}

// "Remove from Index…" on the watched folders page, asked and answered: the folder's rows leave
// the store, and watching goes on for the folder that is left. A folder deleted from the disk
// stays listed, not watched, so that it can be removed.
void TestMainWindow::removedFolderLeavesTheIndexAndTheOthersStayWatched()
{
    const QString database = m_dir.filePath(QStringLiteral("removal.sqlite"));
    const QString kept
        = QFileInfo(m_dir.filePath(QStringLiteral("removal/kept"))).absoluteFilePath();
    const QString dropped
        = QFileInfo(m_dir.filePath(QStringLiteral("removal/dropped"))).absoluteFilePath();
    writeFile(kept + QStringLiteral("/kept.py"), "def kept():\n    return 1\n");
    writeFile(dropped + QStringLiteral("/dropped.py"), "def dropped():\n    return 2\n");
    MainWindow window;
    configure(window, database);
    window.settings().setWatchesFolders(true);
    Ui::WatchedFoldersModel *model = window.watchedFoldersModel();
    QSignalSpy finished(&window, &MainWindow::runFinished);
    QSignalSpy watchRuns(&window, &MainWindow::watchRunFinished);
    QSignalSpy removed(&window, &MainWindow::folderRemoved);
    window.startIndexing({ kept, dropped });
    QVERIFY(waitForRun(window, finished, 1).stored > 0);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(watchRuns.count(), 2, kRunTimeoutMs);

    // Deleted from the disk; the next run reads the list again.
    QVERIFY(QDir(dropped).removeRecursively());
    window.startIndexing({ kept });
    QVERIFY(waitForRun(window, finished, 2).unchanged > 0);
    int row = 0;
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, 10000);
    while (model->index(row, Ui::WatchedFoldersModel::FolderColumn).data().toString() != dropped)
        QVERIFY(++row < model->rowCount());
    const QModelIndex gone = model->index(row, Ui::WatchedFoldersModel::FolderColumn);
    QTRY_VERIFY_WITH_TIMEOUT(model->index(row, Ui::WatchedFoldersModel::StateColumn)
                                 .data()
                                 .toString()
                                 .startsWith(QStringLiteral("Not found")),
        10000);
    QVERIFY(!gone.data(Qt::CheckStateRole).isValid());
    QVERIFY(!(model->flags(gone) & Qt::ItemIsUserCheckable));
    QCOMPARE(model->watchedRoots(), QStringList { kept });

    auto *view = window.findChild<QTableView *>(QStringLiteral("watchedFoldersView"));
    auto *remove = window.findChild<QPushButton *>(QStringLiteral("removeFolder"));
    QVERIFY(view && remove);
    QVERIFY(!remove->isEnabled());
    view->selectRow(row);
    QVERIFY(remove->isEnabled());
    QString question;
    answerNextMessageBox(QMessageBox::Yes, &question);
    remove->click();
    QTRY_COMPARE_WITH_TIMEOUT(removed.count(), 1, 20000);
    QVERIFY(question.contains(dropped));
    QCOMPARE(removed.first().at(0).toString(), dropped);
    QCOMPARE(removed.first().at(1).toString(), QString());
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, 10000);
    QCOMPARE(model->index(0, Ui::WatchedFoldersModel::FolderColumn).data().toString(), kept);
    {
        auto reader = StoreReader::open(database);
        QVERIFY(reader);
        const QList<SourceSpace> sources = (*reader)->sources().value();
        QCOMPARE(sources.size(), 1);
        QCOMPARE(sources.first().root, kept);
    }

    // Watching started again for the folder that is left.
    const qsizetype runs = watchRuns.count();
    writeFile(kept + QStringLiteral("/more.py"), "def more():\n    return 3\n");
    QTRY_VERIFY_WITH_TIMEOUT(watchRuns.count() > runs, kRunTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(watchRuns.last().first().value<IndexSummary>().stored, 1, 10000);
}

namespace {

struct HttpAnswer
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray session;
    QJsonObject body;
};

// One POST to an MCP endpoint, answered while the window's event loop runs.
HttpAnswer postMcp(const QString &url, const QByteArray &token, const QByteArray &session,
    const QJsonObject &message)
{
    QNetworkAccessManager manager;
    QNetworkRequest request { QUrl(url) };
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setRawHeader("Accept", "application/json, text/event-stream");
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    if (!session.isEmpty())
        request.setRawHeader("Mcp-Session-Id", session);
    request.setTransferTimeout(20000);
    QNetworkReply *reply = manager.post(request, QJsonDocument(message).toJson());
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    HttpAnswer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.error = reply->error();
    answer.session = reply->rawHeader("Mcp-Session-Id");
    answer.body = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return answer;
}

QJsonObject request(int id, const QString &method, const QJsonObject &params)
{
    return { { QStringLiteral("jsonrpc"), QStringLiteral("2.0") }, { QStringLiteral("id"), id },
        { QStringLiteral("method"), method }, { QStringLiteral("params"), params } };
}

} // namespace

void TestMainWindow::agentsReachTheIndexOverHttp()
{
    const QString database = m_dir.filePath(QStringLiteral("agents.sqlite"));
    const QString folder = QFileInfo(m_dir.filePath(QStringLiteral("agents"))).absoluteFilePath();
    QVERIFY(QDir().mkpath(folder));
    writeFile(folder + QStringLiteral("/beacon.py"),
        "def send_udp_beacon(port):\n    \"\"\"Announces this host on the network.\"\"\"\n"
        "    return port\n");
    MainWindow window;
    configure(window, database);
    QSignalSpy finished(&window, &MainWindow::runFinished);
    window.startIndexing({ folder });
    QVERIFY(waitForRun(window, finished, 1).stored > 0);

    QTcpServer probe; // a port nobody uses now
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const int port = probe.serverPort();
    probe.close();
    auto *portBox = window.findChild<QSpinBox *>(QStringLiteral("agentPort"));
    auto *serve = window.findChild<QCheckBox *>(QStringLiteral("serveAgents"));
    auto *address = window.findChild<QLineEdit *>(QStringLiteral("agentUrl"));
    auto *tokenField = window.findChild<QLineEdit *>(QStringLiteral("agentToken"));
    auto *state = window.findChild<QLabel *>(QStringLiteral("agentState"));
    QVERIFY(portBox && serve && address && tokenField && state);
    QCOMPARE(state->text(), QStringLiteral("Not serving."));
    portBox->setValue(port);
    serve->setChecked(true);
    const QString url = QStringLiteral("http://127.0.0.1:%1/mcp").arg(port);
    QTRY_COMPARE_WITH_TIMEOUT(address->text(), url, 10000);
    QVERIFY(window.settings().servesAgents());
    QCOMPARE(window.settings().agentPort(), port);
    // The window shows the token the headless server uses too, hidden until asked.
    const QByteArray token = tokenField->text().toLatin1();
    QCOMPARE(tokenField->echoMode(), QLineEdit::Password);
    QFile tokenFile(Core::McpToken::path());
    QVERIFY(tokenFile.open(QIODevice::ReadOnly));
    QCOMPARE(tokenFile.readAll().trimmed(), token);

    const HttpAnswer stranger
        = postMcp(url, "not-the-token", {}, request(1, QStringLiteral("initialize"), {}));
    QCOMPARE(stranger.status, 401);
    const HttpAnswer opened = postMcp(url, token, {},
        request(1, QStringLiteral("initialize"),
            { { QStringLiteral("protocolVersion"), QStringLiteral("2025-11-25") },
                { QStringLiteral("capabilities"), QJsonObject() },
                { QStringLiteral("clientInfo"),
                    QJsonObject { { QStringLiteral("name"), QStringLiteral("tst_mainwindow") },
                        { QStringLiteral("version"), QStringLiteral("1") } } } }));
    QCOMPARE(opened.status, 200);
    QVERIFY(!opened.session.isEmpty());
    const HttpAnswer found = postMcp(url, token, opened.session,
        request(2, QStringLiteral("tools/call"),
            { { QStringLiteral("name"), QStringLiteral("search_code") },
                { QStringLiteral("arguments"),
                    QJsonObject { { QStringLiteral("query"),
                        QStringLiteral("announce the host on the network") } } } }));
    QCOMPARE(found.status, 200);
    const QJsonObject result = found.body.value(u"result").toObject();
    QVERIFY2(!result.value(u"isError").toBool(), QJsonDocument(result).toJson().constData());
    QCOMPARE(result[u"structuredContent"][u"results"][0][u"path"].toString(),
        folder + QStringLiteral("/beacon.py"));

    // Turned off, the port closes.
    serve->setChecked(false);
    QCOMPARE(state->text(), QStringLiteral("Not serving."));
    QVERIFY(address->text().isEmpty());
    QCOMPARE(postMcp(url, token, opened.session, request(3, QStringLiteral("ping"), {})).error,
        QNetworkReply::ConnectionRefusedError);
}

void TestMainWindow::statusBarSaysNothingStaleDuringALocalRun()
{
    MainWindow window;
    window.settings().setRunSettings(RunSettings {}); // the built-in model: nothing to estimate
    window.settings().setDatabasePath(m_dir.filePath(QStringLiteral("local.sqlite")));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QString whenStarted = QStringLiteral("(not started)");
    connect(&window, &MainWindow::runStarted, &window,
        [&] { whenStarted = window.statusBar()->currentMessage(); });
    QSignalSpy finished(&window, &MainWindow::runFinished);
    window.startIndexing({ m_poisoned + QStringLiteral("/first.cpp") });
    const IndexSummary summary = waitForRun(window, finished, 1);
    QCOMPARE(summary.outcome, IndexSummary::Outcome::Completed);
    QCOMPARE(whenStarted, QString()); // "Preparing…" is over once the run starts
}

void TestMainWindow::runStateSaysWhatIsGoingOn_data()
{
    QTest::addColumn<ProgressSnapshot>("snapshot");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("retries");
    ProgressSnapshot s;
    s.chunksPerSecond = 12.34;
    s.inFlight = 2;
    s.concurrency = 4;
    QTest::newRow("running") << s << QStringLiteral("running, 12.3 chunks/s")
                             << QStringLiteral("0");
    s.retries = 1234;
    s.rateLimited = 1;
    QTest::newRow("retried") << s << QStringLiteral("running, 12.3 chunks/s")
                             << QStringLiteral("1,234 (1 answer 429)");
    s.longestWaitMs = 4999; // a normal answer time
    QTest::newRow("answering") << s << QStringLiteral("running, 12.3 chunks/s")
                               << QStringLiteral("1,234 (1 answer 429)");
    s.longestWaitMs = 12345;
    s.rateLimited = 567;
    QTest::newRow("waiting") << s << QStringLiteral("waiting on 2 requests for 12 s")
                             << QStringLiteral("1,234 (567 answers 429)");
    s.inFlight = 1;
    QTest::newRow("waiting on one") << s << QStringLiteral("waiting on 1 request for 12 s")
                                    << QStringLiteral("1,234 (567 answers 429)");
    s.inFlight = 0;
    s.longestWaitMs = 0;
    s.retriesWaiting = 3;
    s.nextRetryMs = 1500;
    s.rateLimited = 0;
    QTest::newRow("retrying") << s << QStringLiteral("3 batches to retry in 1.5 s")
                              << QStringLiteral("1,234");
    s.retriesWaiting = 1;
    QTest::newRow("retrying one") << s << QStringLiteral("1 batch to retry in 1.5 s")
                                  << QStringLiteral("1,234");
    s.paused = true;
    QTest::newRow("paused") << s << QStringLiteral("paused") << QStringLiteral("1,234");
}

void TestMainWindow::runStateSaysWhatIsGoingOn()
{
    QFETCH(ProgressSnapshot, snapshot);
    QFETCH(QString, state);
    QFETCH(QString, retries);
    // Numbers as an English user reads them (the tests run under the C locale, which has no
    // group separators).
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    const auto restore = qScopeGuard([before] { QLocale::setDefault(before); });
    MainWindow window;
    auto *panel = window.findChild<Ui::StatusPanel *>();
    QVERIFY(panel);
    panel->showProgress(snapshot);
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("statusState"))->text(), state);
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("statusRetries"))->text(), retries);
}

void TestMainWindow::coolingDownSaysUntilWhen()
{
    // One request per 3 s: the second one is answered 429 with the time to wait.
    TestServerConfig limited = m_config;
    limited.rpmLimit = 1;
    limited.rateWindowMs = 3000;
    m_server->server()->setConfig(limited);
    m_server->server()->reset();
    const auto restore = qScopeGuard([this] { m_server->server()->setConfig(m_config); });
    MainWindow window;
    configure(window, m_dir.filePath(QStringLiteral("cooling.sqlite")));
    RunSettings s = window.settings().runSettings();
    s.batchSize = 1;
    s.concurrency = 1;
    s.maxRetries = 5;
    window.settings().setRunSettings(s);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy finished(&window, &MainWindow::runFinished);
    auto *state = window.findChild<QLabel *>(QStringLiteral("statusState"));
    const QRegularExpression until(
        QStringLiteral("^cooling down after a 429 until (\\d\\d:\\d\\d:\\d\\d)$"));
    QString seen;
    QTime seenAt;
    auto *watch = new QTimer(&window);
    connect(watch, &QTimer::timeout, &window, [&] {
        if (seen.isEmpty() && until.match(state->text()).hasMatch()) {
            seen = state->text();
            seenAt = QTime::currentTime();
        }
    });
    watch->start(20);
    window.startIndexing({ m_folder });
    QTRY_VERIFY_WITH_TIMEOUT(!seen.isEmpty(), kRunTimeoutMs);
    // The time named is when the server's window reopens: within its 3 s from now.
    const QTime when = QTime::fromString(until.match(seen).captured(1), QStringLiteral("HH:mm:ss"));
    const int ahead = seenAt.secsTo(when);
    QVERIFY2(ahead >= -1 && ahead <= 4, qPrintable(seen));
    window.cancelRun();
    waitForRun(window, finished, 1);
}

void TestMainWindow::chartStartsAtItsFirstPointAndReadsItsTicks()
{
    // The first progress of a run 40 s in (a long scan before it), under 2 chunks/s.
    MainWindow window;
    Ui::ThroughputChart *chart = window.chart();
    for (int tenths = 400; tenths <= 600; tenths += 5) {
        ProgressSnapshot s;
        s.elapsedMs = tenths * 100;
        s.chunksPerSecond = 1.9;
        s.tokensPerSecond = 1900;
        chart->addSnapshot(s);
    }
    QValueAxis *time = nullptr;
    QValueAxis *chunks = nullptr;
    const QList<QAbstractAxis *> axes = chart->chart()->axes();
    for (QAbstractAxis *axis : axes) {
        if (axis->alignment() == Qt::AlignBottom)
            time = qobject_cast<QValueAxis *>(axis);
        if (axis->alignment() == Qt::AlignLeft)
            chunks = qobject_cast<QValueAxis *>(axis);
    }
    QVERIFY(time && chunks);
    QCOMPARE(time->min(), 40.0);
    QCOMPARE(time->max(), 60.0);
    QCOMPARE(chunks->labelFormat(), QStringLiteral("%.1f"));
    QStringList ticks;
    for (int i = 0; i < chunks->tickCount(); ++i)
        ticks.append(QString::number(
            chunks->min() + i * (chunks->max() - chunks->min()) / (chunks->tickCount() - 1), 'f',
            1));
    QCOMPARE(ticks,
        QStringList({ QStringLiteral("0.0"), QStringLiteral("0.5"), QStringLiteral("1.0"),
            QStringLiteral("1.5"), QStringLiteral("2.0") }));
}

void TestMainWindow::countsOfOneAreSingular()
{
    // Numbers as an English user reads them (the tests run under the C locale, which has no
    // group separators).
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    const auto restore = qScopeGuard([before] { QLocale::setDefault(before); });
    IndexSummary cancelled;
    cancelled.outcome = IndexSummary::Outcome::Cancelled;
    cancelled.stored = 3;
    cancelled.pending = 1;
    QCOMPARE(Ui::StatusPanel::describe(cancelled),
        QStringLiteral("Cancelled: 3 stored, 1 chunk left pending for the next run."));
    IndexSummary finished;
    finished.stored = 1234;
    finished.skippedFiles = 1;
    finished.tokens = 5678;
    finished.seconds = 3;
    QCOMPARE(Ui::StatusPanel::describe(finished),
        QStringLiteral("Finished: 1,234 stored, 0 already stored, 0 failed, 1 file skipped; "
                       "5,678 tokens, $0.0000 in 3 s."));
    MainWindow window;
    StatusSummary one;
    one.files = 1;
    one.chunks = 1;
    one.stored = 1;
    one.tokens = 12;
    one.runs = 1;
    window.findChild<Ui::StatusPanel *>()->showStoreSummary(one);
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("storeTotals"))->text(),
        QStringLiteral("In the database: 1 file, 1 chunk (1 stored, 0 failed, 0 pending); 12 "
                       "tokens paid, $0.0000 in 1 run."));
}

void TestMainWindow::cleanupTestCase()
{
    // No test made the GUI thread load syntax definitions.
    QVERIFY(!syntaxRepositoryCreatedOn(QCoreApplication::instance()->thread()));
}

int main(int argc, char *argv[])
{
    // Never the user's home, settings, keyring or data: everything under a temporary folder.
    QTemporaryDir home;
    useTemporaryHome(home);
    qputenv("OPENAI_API_KEY", kKey);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("signalhub-test"));
    QApplication::setOrganizationName(QStringLiteral("signalhub"));
    QStandardPaths::setTestModeEnabled(true);
    // As the GUI's main() does: English needs its catalogue for plural forms ("1 file").
    Core::Translations::install(&app);
    TestMainWindow test;
    const int status = QTest::qExec(&test, argc, argv);
    // As the GUI's main() does: the windows' reads on the global pool open store connections,
    // which need the application, and Qt waits for the pool only once the application is gone.
    QThreadPool::globalInstance()->waitForDone();
    return status;
}

#include "tst_mainwindow.moc"
