#include "clicommands.h"
#include "clioptions.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("signalhub"));
    QCoreApplication::setOrganizationName(QStringLiteral("signalhub"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SIGNALHUB_VERSION));
    return SignalHub::Cli::CliCommands(SignalHub::Cli::CliOptions::parse(app)).run();
}
