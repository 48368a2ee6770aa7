// With the German catalogue installed the way the GUI's main() does it (Core::Translations),
// the real window, the settings dialog and the status bar speak German; English users keep the
// source strings; the CLI follows the user's language except for --json output.

#include "indexpage.h"
#include "mainwindow.h"
#include "runsmodel.h"
#include "settingsdialog.h"
#include "statuspanel.h"
#include "testhome.h"
#include "translations.h"
#include "windowtext.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFont>
#include <QLabel>
#include <QLibraryInfo>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace SignalHub;
using namespace Qt::StringLiterals;

namespace {
QStringList tabTexts(const Ui::MainWindow &window)
{
    QStringList texts;
    auto *tabs = window.findChild<QTabWidget *>(u"tabs"_s);
    for (int i = 0; tabs && i < tabs->count(); ++i)
        texts.append(tabs->tabText(i));
    return texts;
}

QString firstMenuTitle(const Ui::MainWindow &window)
{
    const auto actions = window.menuBar()->actions();
    return actions.isEmpty() ? QString() : actions.first()->text();
}

// What `signalhub-cli ARGS` prints on stderr for a user whose language is `lang`.
QString cliStderr(const QString &lang, const QStringList &arguments)
{
    QProcess cli;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"LANG"_s, lang);
    env.insert(u"LC_ALL"_s, lang);
    env.insert(u"LANGUAGE"_s, lang.left(2));
    cli.setProcessEnvironment(env);
    cli.start(qEnvironmentVariable("SIGNALHUB_BINARY_DIR") + u"/bin/signalhub-cli"_s, arguments);
    if (!cli.waitForFinished(20000))
        return u"(did not finish)"_s;
    return QString::fromUtf8(cli.readAllStandardError());
}
} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void germanWindow();
    void germanQtStrings();
    void englishKeepsTheSourceStrings();
    void cliFollowsTheLanguageButNotWithJson();
    void germanRunsPage();
    void launcherLocaleFormatsTheNumbers();
    void germanWindowFitsItsText_data();
    void germanWindowFitsItsText();
};

void TestTranslations::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(QFile::exists(Core::Translations::catalogueDirectory() + u"/signalhub_de.qm"_s),
        "the German catalogue is not embedded");
}

void TestTranslations::cleanup()
{
    Core::Translations::uninstall(qApp);
    QLocale::setDefault(QLocale::c());
}

void TestTranslations::germanWindow()
{
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    QCOMPARE(Core::Translations::install(qApp).left(2), u"de"_s);

    Ui::MainWindow window;
    QCOMPARE(firstMenuTitle(window), u"&Datei"_s);
    QCOMPARE(tabTexts(window),
        QStringList({ u"&Indexieren"_s, u"&Fehlgeschlagene Chunks"_s, u"&Läufe und Kosten"_s,
            u"&Suche"_s, u"Ü&berwachte Ordner"_s, u"A&genten"_s }));
    auto *pause = window.findChild<QPushButton *>(u"pauseButton"_s);
    QVERIFY(pause);
    QCOMPARE(pause->text(), u"&Pausieren"_s);

    // A status text: exporting the cost report before anything was indexed fails, and the
    // status bar says why in German (core's message, through the same catalogue).
    QSignalSpy exported(&window, &Ui::MainWindow::reportExported);
    QTemporaryDir dir;
    window.exportReport(dir.filePath(u"report.csv"_s), Core::ReportBy::Run, false);
    // The result may come back before exportReport() returns: count, do not only wait.
    QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 1, 10000);
    QCOMPARE(window.statusBar()->currentMessage(),
        u"Unter %1 gibt es noch keine Signal-Hub-Datenbank: indexieren Sie zuerst einen Ordner."_s
            .arg(window.databasePath()));

    Ui::SettingsDialog dialog(window.settings());
    QCOMPARE(dialog.windowTitle(), u"Einstellungen"_s);
}

void TestTranslations::germanQtStrings()
{
    const QString qtDir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    if (!QFile::exists(qtDir + u"/qtbase_de.qm"_s))
        QSKIP("Qt's own German catalogue is not installed (Debian qt6-translations-l10n)");
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Austria));
    QVERIFY(!Core::Translations::install(qApp).isEmpty());
    Ui::MainWindow window;
    Ui::SettingsDialog dialog(window.settings());
    auto *buttons = dialog.findChild<QDialogButtonBox *>();
    QVERIFY(buttons);
    QCOMPARE(buttons->button(QDialogButtonBox::Cancel)->text().remove(u'&'), u"Abbrechen"_s);
}

void TestTranslations::englishKeepsTheSourceStrings()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    QVERIFY(Core::Translations::install(qApp).isEmpty());
    Ui::MainWindow window;
    QCOMPARE(firstMenuTitle(window), u"&File"_s);
    Ui::SettingsDialog dialog(window.settings());
    QCOMPARE(dialog.windowTitle(), u"Settings"_s);
    // Plural forms come from the English catalogue, not "(s)".
    for (const auto &[n, words] : { std::pair { 1, u"1 hit"_s }, std::pair { 3, u"3 hits"_s } })
        QCOMPARE(QCoreApplication::translate("SignalHub::Ui::MainWindow", "%n hit(s)", nullptr, n),
            words);
}

void TestTranslations::cliFollowsTheLanguageButNotWithJson()
{
    const QString missing = QDir::temp()
                                .filePath(u"signalhub-no-such-folder-%1"_s)
                                .arg(QCoreApplication::applicationPid());
    QTemporaryDir dir;
    const QString db = dir.filePath(u"cli.sqlite"_s);
    const QString german = cliStderr(u"de_DE.UTF-8"_s, { u"index"_s, u"--db"_s, db, missing });
    QVERIFY2(german.contains(u"existiert nicht"_s), qPrintable(german));
    const QString json
        = cliStderr(u"de_DE.UTF-8"_s, { u"index"_s, u"--json"_s, u"--db"_s, db, missing });
    QVERIFY2(json.contains(u"does not exist"_s), qPrintable(json));
}

void TestTranslations::germanRunsPage()
{
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    QCOMPARE(Core::Translations::install(qApp).left(2), u"de"_s);
    Ui::MainWindow window;
    Core::RunRow run;
    run.id = 7;
    run.started = QDateTime(QDate(2026, 12, 2), QTime(14, 3));
    run.status = u"finished"_s;
    run.totals.tokens = 1234567;
    window.runsModel()->setRows({ run });
    const auto shown
        = [&](int column) { return window.runsModel()->index(0, column).data().toString(); };
    QCOMPARE(shown(Ui::RunsModel::StatusColumn), u"abgeschlossen"_s);
    QCOMPARE(shown(Ui::RunsModel::StartedColumn), u"02.12.26 14:03"_s);
    QCOMPARE(shown(Ui::RunsModel::TokensColumn), u"1.234.567"_s);
    auto *by = window.findChild<QComboBox *>(u"reportBy"_s);
    QVERIFY(by);
    QStringList names;
    for (int i = 0; i < by->count(); ++i)
        names.append(by->itemText(i));
    QCOMPARE(names, QStringList({ u"Lauf"_s, u"Modell"_s, u"Ordner"_s, u"Datei"_s, u"Tag"_s }));
}

void TestTranslations::launcherLocaleFormatsTheNumbers()
{
    // tools/signalhub passes the user's locale this way (the build root knows only C.UTF-8).
    qputenv("SIGNALHUB_LOCALE", "de_DE.UTF-8");
    const auto unset = qScopeGuard([] { qunsetenv("SIGNALHUB_LOCALE"); });
    Core::Translations::useLauncherLocale();
    QCOMPARE(QLocale().toString(1147), u"1.147"_s);
    QCOMPARE(Core::Translations::install(qApp).left(2), u"de"_s);
    Ui::MainWindow window;
    Core::ProgressSnapshot snapshot;
    snapshot.chunksDone = 1147;
    window.findChild<Ui::StatusPanel *>()->showProgress(snapshot);
    QCOMPARE(window.findChild<QLabel *>(u"statusDone"_s)->text(), u"1.147"_s);
}

void TestTranslations::germanWindowFitsItsText_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1100x760") << QSize(1100, 760);
    QTest::newRow("1280x720") << QSize(1280, 720);
}

void TestTranslations::germanWindowFitsItsText()
{
    QFETCH(QSize, size);
    // A desktop's usual font (the offscreen platform's own is smaller).
    const QFont font = QApplication::font();
    QApplication::setFont(QFont(u"DejaVu Sans"_s, 11));
    const auto restore = qScopeGuard([font] { QApplication::setFont(font); });
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    QCOMPARE(Core::Translations::install(qApp).left(2), u"de"_s);
    Ui::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.resize(size);
    window.findChild<Ui::IndexPage *>()->showRunView();
    Core::ProgressSnapshot paused = busySnapshot();
    paused.paused = true;
    auto *panel = window.findChild<Ui::StatusPanel *>();
    panel->showStoreSummary(bigStoreSummary());
    for (const Core::ProgressSnapshot &snapshot : { busySnapshot(), paused }) {
        panel->showProgress(snapshot);
        QTRY_COMPARE(window.size(), size);
        QTRY_VERIFY2(cutLabels(&window).isEmpty(), qPrintable(cutLabels(&window).join(u"; ")));
    }
}

int main(int argc, char *argv[])
{
    QTemporaryDir home;
    useTemporaryHome(home);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("signalhub-test"));
    QApplication::setOrganizationName(QStringLiteral("signalhub"));
    TestTranslations test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_translations.moc"
