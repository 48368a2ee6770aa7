// Runs the real window through a scripted run against the test server (rate-limited, one
// poison chunk) and saves what it shows: tools/screenshot writes docs/screenshot.png with it.

#include "embeddingtestserver.h"
#include "failedmodel.h"
#include "icons.h"
#include "mainwindow.h"
#include "testserverthread.h"
#include "throughputchart.h"
#include "translations.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

using namespace SignalHub;

int main(int argc, char *argv[])
{
    QTemporaryDir home;
    qputenv("HOME", home.path().toUtf8());
    qputenv("XDG_CONFIG_HOME", (home.path() + QStringLiteral("/config")).toUtf8());
    qputenv("XDG_DATA_HOME", (home.path() + QStringLiteral("/data")).toUtf8());
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
    qputenv("OPENAI_API_KEY", "sk-screenshot");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("signalhub-screenshot"));
    QStandardPaths::setTestModeEnabled(true);
    // As app/gui/main.cpp does: the picture shows what a user sees.
    QApplication::setWindowIcon(SignalHub::Ui::Icons::application());
    SignalHub::Core::Translations::install(&app);
    const QStringList args = QApplication::arguments();
    if (args.size() < 2) {
        QTextStream(stderr) << "usage: signalhub-screenshot OUTPUT.png [SOURCE_FOLDER]\n";
        return 2;
    }
    const QString output = args.at(1);
    const QString folder
        = args.size() > 2 ? args.at(2) : QStringLiteral(SIGNALHUB_SOURCE_DIR "/core");
    // One poison chunk: a file with the marker, in a folder of its own beside the sources.
    const QString poisonDir = home.filePath(QStringLiteral("extra"));
    QDir().mkpath(poisonDir);
    QFile poison(poisonDir + QStringLiteral("/poison.py"));
    if (poison.open(QIODevice::WriteOnly))
        poison.write("# REJECT_ME: the server refuses this chunk\nvalue = 42\n");
    poison.close();

    Testing::TestServerConfig config;
    config.latencyMinMs = 150;
    config.latencyMaxMs = 400;
    config.rejectMarker = QStringLiteral("REJECT_ME");
    config.apiKey = QStringLiteral("sk-screenshot");
    Testing::TestServerThread server(config);
    if (!server.start())
        return 3;

    Ui::MainWindow window;
    Core::RunSettings s;
    s.provider = Core::ProviderKind::OpenAi;
    s.baseUrl = server.server()->openAiUrl().toString();
    s.model = QStringLiteral("text-embedding-3-small");
    s.dimensions = 64;
    s.batchSize = 4;
    s.concurrency = 2;
    s.maxRetries = 3;
    s.backoffBaseMs = 100;
    s.estimateThresholdUsd = 1000;
    window.settings().setRunSettings(s);
    window.settings().setDatabasePath(home.filePath(QStringLiteral("screenshot.sqlite")));
    window.resize(1280, 820);
    window.show();
    int exitCode = 1;
    QObject::connect(&window, &Ui::MainWindow::runFinished, &window, [&] {
        // Let the store views and the chart settle, then take the picture.
        QTimer::singleShot(1500, &window, [&] {
            exitCode = window.grab().save(output) ? 0 : 1;
            QTextStream(stderr) << "failed chunks listed: " << window.failedModel()->rowCount()
                                << ", chart points: " << window.chart()->pointCount()
                                << ", 429 marks: " << window.chart()->rateLimitMarks()
                                << ", retry marks: " << window.chart()->retryMarks() << '\n';
            QApplication::quit();
        });
    });
    QTimer::singleShot(300, &window, [&] { window.startIndexing({ folder, poisonDir }); });
    // Two bursts of 429 answers and one of 503s, marked on the chart.
    QTimer::singleShot(2500, &window, [&] { server.server()->failNext(3, 429); });
    QTimer::singleShot(4500, &window, [&] { server.server()->failNext(2, 503); });
    QTimer::singleShot(6000, &window, [&] { server.server()->failNext(3, 429); });
    QTimer::singleShot(120000, &app, [] { QApplication::exit(4); });
    const int rc = QApplication::exec();
    return rc ? rc : exitCode;
}
