#include "clicommands.h"
#include "clioptions.h"
#include "filename.h"
#include "translations.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("signalhub"));
    QCoreApplication::setOrganizationName(QStringLiteral("signalhub"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SIGNALHUB_VERSION));
    // Messages for people follow their language; --json output (and its error messages) is
    // for scripts and stays the same everywhere. Reports and exports are never translated.
    if (!QCoreApplication::arguments().contains(QStringLiteral("--json")))
        SignalHub::Core::Translations::install(&app);
    QStringList fileArguments;
    for (int i = 0; i < argc; ++i)
        fileArguments.append(SignalHub::Core::FileName::decode(argv[i]));
    return SignalHub::Cli::CliCommands(SignalHub::Cli::CliOptions::parse(app, fileArguments)).run();
}
