#include "icons.h"
#include "mainwindow.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QThreadPool>
#include <QTimer>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("signalhub"));
    QApplication::setOrganizationName(QStringLiteral("signalhub"));
    QApplication::setApplicationVersion(QStringLiteral(SIGNALHUB_VERSION));
    // The desktop ID (packaging/io.github.signalhub.SignalHub.desktop), so Wayland compositors
    // find the icon and the entry.
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.signalhub.SignalHub"));
    QApplication::setWindowIcon(SignalHub::Ui::Icons::application());
    SignalHub::Core::Translations::useLauncherLocale();
    SignalHub::Core::Translations::install(&app);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Index codebases for semantic search."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("paths"),
        QApplication::translate("main", "Folders or files to index at once."),
        QStringLiteral("[PATH…]"));
    parser.process(app);
    SignalHub::Ui::MainWindow window;
    window.show();
    if (const QStringList paths = parser.positionalArguments(); !paths.isEmpty())
        QTimer::singleShot(0, &window, [&window, paths] { window.startIndexing(paths); });
    const int status = QApplication::exec();
    // The window's reads of the store run on the global pool and open connections, which need
    // the application object; Qt waits for the pool only once that object is gone.
    QThreadPool::globalInstance()->waitForDone();
    return status;
}
