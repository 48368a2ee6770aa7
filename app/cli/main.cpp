#include "clicommands.h"
#include "clioptions.h"
#include "filename.h"
#include "translations.h"

#include <QCoreApplication>
#include <QLocale>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("signalhub"));
    QCoreApplication::setOrganizationName(QStringLiteral("signalhub"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SIGNALHUB_VERSION));
    // Messages for people follow their language; --json output (and its error messages) is
    // for scripts and stays the same everywhere: English, with its plural forms ("1 chunk").
    // Reports and exports are never translated.
    const bool json = QCoreApplication::arguments().contains(QStringLiteral("--json"));
    if (!json)
        SignalHub::Core::Translations::useLauncherLocale();
    SignalHub::Core::Translations::install(&app, json ? QLocale(QLocale::English) : QLocale());
    QStringList fileArguments;
    for (int i = 0; i < argc; ++i)
        fileArguments.append(SignalHub::Core::FileName::decode(argv[i]));
    return SignalHub::Cli::CliCommands(SignalHub::Cli::CliOptions::parse(app, fileArguments)).run();
}
