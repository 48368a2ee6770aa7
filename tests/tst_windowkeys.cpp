// The window's own key path. Under tests/run-with-keyring.sh (a private session bus with an
// unlocked gnome-keyring in a throwaway HOME): the settings dialog saves a typed key in the
// keychain, nowhere else, and a run started from the window sends it as a Bearer token.
// Run plain without a session bus (tst_windowkeys_nokeychain): the dialog says there is no
// keychain, names the environment variable, and writes no key anywhere.

#include "embeddingtestserver.h"
#include "keystore.h"
#include "mainwindow.h"
#include "settingsdialog.h"
#include "testserverthread.h"

#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QEventLoop>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace SignalHub;
using namespace SignalHub::Core;
using namespace SignalHub::Testing;
using SignalHub::Ui::MainWindow;

namespace {
constexpr int WaitMs = 20000;

bool keyringMode()
{
    return !qEnvironmentVariableIsEmpty("SIGNALHUB_KEYRING_HOME");
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

QByteArray readKey(const QString &provider, const QString &baseUrl)
{
    QByteArray result;
    bool answered = false;
    QEventLoop loop;
    QObject context;
    KeyStore::read(*providerFromName(provider), baseUrl, &context,
        [&](const QByteArray &key, const QString &) {
            result = key;
            answered = true;
            loop.quit();
        });
    if (!answered) {
        QTimer::singleShot(WaitMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return result;
}

// Every file under `root` that holds `needle`, but the keyring's own (encrypted) files.
QStringList filesHolding(const QString &root, const QByteArray &needle)
{
    QStringList found;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.contains(u"/keyrings/"))
            continue;
        QFile file(path);
        if (file.size() < 64 * 1024 * 1024 && file.open(QIODevice::ReadOnly)
            && file.readAll().contains(needle))
            found.append(path);
    }
    return found;
}
} // namespace

class TestWindowKeys : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void dialogSavesTheKeyAndARunSendsIt();
    void withoutSecretServiceNothingIsSaved();
    void settingsClosedBeforeTheKeychainAnswers();

private:
    void configure(MainWindow &window);

    QTemporaryDir m_dir;
    QString m_folder;
    QByteArray m_key;
    std::unique_ptr<TestServerThread> m_server;
};

void TestWindowKeys::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QVERIFY(qEnvironmentVariableIsEmpty("OPENAI_API_KEY")); // the key must come from the window
    m_key = "sk-window-" + QByteArray::number(QCoreApplication::applicationPid()) + "-Vq8Lm";
    m_folder = m_dir.filePath(QStringLiteral("project"));
    writeFile(m_folder + QStringLiteral("/a.py"), "def a():\n    return 1\n");
    writeFile(m_folder + QStringLiteral("/b.md"), "# B\n\nSome words about b.\n");
    TestServerConfig config;
    config.dimensions = 16;
    config.apiKey = QString::fromLatin1(m_key); // 401 unless "Authorization: Bearer <key>"
    m_server = std::make_unique<TestServerThread>(config);
    QVERIFY(m_server->start());
}

void TestWindowKeys::configure(MainWindow &window)
{
    RunSettings s;
    s.provider = ProviderKind::OpenAi;
    s.baseUrl = m_server->server()->openAiUrl().toString();
    s.model = QStringLiteral("test-model");
    s.dimensions = 16;
    s.maxRetries = 0;
    s.timeoutSeconds = 10;
    window.settings().setRunSettings(s);
    window.settings().setDatabasePath(m_dir.filePath(QStringLiteral("keys.sqlite")));
    // The window's own runs send the key; a watcher's would be counted with them.
    window.settings().setWatchesFolders(false);
}

void TestWindowKeys::dialogSavesTheKeyAndARunSendsIt()
{
    if (!keyringMode())
        QSKIP("needs a Secret Service: runs under tests/run-with-keyring.sh (ctest's "
              "tst_windowkeys)");
    const QString home = qEnvironmentVariable("SIGNALHUB_KEYRING_HOME");
    QVERIFY(QDir::homePath().startsWith(home)); // never the user's keyring
    MainWindow window;
    configure(window);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString baseUrl = window.settings().runSettings().baseUrl;
    QVERIFY(readKey(QStringLiteral("openai"), baseUrl).isEmpty());

    // Without the key the server refuses: what follows proves the window sent it.
    QSignalSpy finished(&window, &MainWindow::runFinished);
    window.startIndexing({ m_folder });
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, WaitMs);
    QCOMPARE(finished.last().first().value<IndexSummary>().outcome, IndexSummary::Outcome::Fatal);
    QVERIFY(m_server->server()->statusCount(401) > 0);
    m_server->server()->reset();

    Ui::SettingsDialog dialog(window.settings(), &window);
    dialog.show();
    auto *note = dialog.findChild<QLabel *>(QStringLiteral("keyNote"));
    auto *key = dialog.findChild<QLineEdit *>(QStringLiteral("apiKey"));
    QTRY_VERIFY2_WITH_TIMEOUT(key->isEnabled(), qPrintable(note->text()), WaitMs);
    QVERIFY(note->text().contains(u"keychain"));
    key->setFocus();
    QTest::keyClicks(key, QString::fromLatin1(m_key)); // typed, as a person does
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QTRY_COMPARE_WITH_TIMEOUT(readKey(QStringLiteral("openai"), baseUrl), m_key, WaitMs);

    window.settings().sync();
    QFile settingsFile(window.settings().fileName());
    QVERIFY(settingsFile.open(QIODevice::ReadOnly));
    const QByteArray saved = settingsFile.readAll();
    QVERIFY(saved.contains("test-model"));
    QVERIFY(!saved.contains(m_key));

    window.startIndexing({ m_folder });
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, WaitMs);
    const IndexSummary summary = finished.last().first().value<IndexSummary>();
    QCOMPARE(summary.outcome, IndexSummary::Outcome::Completed);
    QVERIFY(summary.stored > 0);
    QCOMPARE(summary.failed, qint64(0));
    QVERIFY(m_server->server()->requests() > 0);
    QCOMPARE(m_server->server()->statusCount(401), qint64(0)); // every request had the Bearer key

    // The key is in no plain file: settings, database (with its WAL), anything in HOME or XDG.
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunning(), WaitMs);
    QCOMPARE(filesHolding(home, m_key), QStringList());
    QCOMPARE(filesHolding(m_dir.path(), m_key), QStringList());
    QVERIFY(QFileInfo::exists(m_dir.filePath(QStringLiteral("keys.sqlite"))));
}

void TestWindowKeys::withoutSecretServiceNothingIsSaved()
{
    if (keyringMode())
        QSKIP("runs without a session bus (ctest's tst_windowkeys_nokeychain)");
    QVERIFY(qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"));
    MainWindow window;
    configure(window);
    Ui::SettingsDialog dialog(window.settings(), &window);
    dialog.show();
    auto *note = dialog.findChild<QLabel *>(QStringLiteral("keyNote"));
    QTRY_VERIFY2_WITH_TIMEOUT(
        note->text().contains(u"No keychain") && note->text().contains(u"OPENAI_API_KEY"),
        qPrintable(note->text()), WaitMs);
    auto *key = dialog.findChild<QLineEdit *>(QStringLiteral("apiKey"));
    QVERIFY(!key->isEnabled());
    key->setText(QString::fromLatin1(m_key)); // even if a key got into the field
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    window.settings().sync();
    QTest::qWait(200); // a keychain write, were one started, would have answered by now
    QFile settingsFile(window.settings().fileName());
    QVERIFY(settingsFile.open(QIODevice::ReadOnly));
    QVERIFY(settingsFile.readAll().contains("test-model"));
    QCOMPARE(filesHolding(QDir::homePath(), m_key), QStringList());
    QCOMPARE(filesHolding(m_dir.path(), m_key), QStringList());
    QVERIFY(readKey(QStringLiteral("openai"), window.settings().runSettings().baseUrl).isEmpty());
}

void TestWindowKeys::settingsClosedBeforeTheKeychainAnswers()
{
    // Opening Settings asks the keychain whether it answers; a dialog closed at once must
    // not take the keychain's job down with it while its D-Bus call is out.
    MainWindow window;
    configure(window);
    for (int i = 0; i < 5; ++i) {
        auto *dialog = new Ui::SettingsDialog(window.settings(), &window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
        dialog->close();
    }
    QTest::qWait(500); // the keychain answers the five probes meanwhile
    QVERIFY(window.findChildren<Ui::SettingsDialog *>().isEmpty());
}

int main(int argc, char *argv[])
{
    // Outside the keyring runner: a temporary HOME and XDG folders, and no session bus.
    QTemporaryDir home;
    if (!keyringMode()) {
        qputenv("HOME", home.path().toUtf8());
        qputenv("XDG_CONFIG_HOME", (home.path() + QStringLiteral("/config")).toUtf8());
        qputenv("XDG_DATA_HOME", (home.path() + QStringLiteral("/data")).toUtf8());
        qputenv("XDG_CACHE_HOME", (home.path() + QStringLiteral("/cache")).toUtf8());
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        qunsetenv("DISPLAY"); // nothing to autolaunch a bus for
        qunsetenv("OPENAI_API_KEY");
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("signalhub-test"));
    QApplication::setOrganizationName(QStringLiteral("signalhub"));
    QStandardPaths::setTestModeEnabled(true);
    TestWindowKeys test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_windowkeys.moc"
