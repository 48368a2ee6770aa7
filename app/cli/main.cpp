#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

namespace {

constexpr int ExitUsage = 2;

int notBuiltYet(const QString &command)
{
    QTextStream(stderr) << QCoreApplication::translate("cli",
                                                       "signalhub-cli: '%1' is not built yet in "
                                                       "this version of Signal Hub.\n")
                               .arg(command);
    return ExitUsage;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("signalhub"));
    QCoreApplication::setOrganizationName(QStringLiteral("signalhub"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SIGNALHUB_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "cli",
        "Index codebases for semantic search.\n\n"
        "Commands:\n"
        "  index PATH...      scan, chunk and embed folders or files into the store\n"
        "  estimate PATH...   tokens and dollars before anything is sent\n"
        "  status             runs, totals, pending and failed chunks\n"
        "  failed             failed chunks with their reasons\n"
        "  retry-failed       send the failed chunks again\n"
        "  report             costs by run, model, folder, file or day\n"
        "  export             vectors as JSONL or NumPy\n"
        "  search QUERY       nearest chunks to a question\n"
        "  embed TEXT...      print vectors as JSON"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QCoreApplication::translate("cli", "What to do (see above)."));
    parser.process(app);

    const QStringList args = parser.positionalArguments();
    if (args.isEmpty()) {
        parser.showHelp(ExitUsage);
    }
    return notBuiltYet(args.first());
}
