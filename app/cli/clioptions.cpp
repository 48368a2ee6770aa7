#include "clioptions.h"

#include "scanner.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

namespace SignalHub::Cli {

namespace {

[[noreturn]] void usageError(const QString &message)
{
    QTextStream(stderr) << "signalhub-cli: " << message << '\n'
                        << QCoreApplication::translate("cli", "Try 'signalhub-cli --help'.")
                        << '\n';
    ::exit(2);
}

const QStringList Commands { QStringLiteral("index"), QStringLiteral("estimate"),
    QStringLiteral("status"), QStringLiteral("failed"), QStringLiteral("retry-failed"),
    QStringLiteral("report"), QStringLiteral("export"), QStringLiteral("search"),
    QStringLiteral("embed"), QStringLiteral("check"), QStringLiteral("watch"),
    QStringLiteral("mcp"), QStringLiteral("remove"), QStringLiteral("import") };

QString description()
{
    return QCoreApplication::translate("cli",
        "Index codebases for semantic search.\n\n"
        "Commands:\n"
        "  index PATH...      scan, chunk and embed folders or files into the store\n"
        "  estimate PATH...   tokens and dollars before anything is sent (--files: what and why)\n"
        "  status             runs, totals, pending and failed chunks\n"
        "  failed             failed chunks with their reasons\n"
        "  retry-failed       send the failed chunks again\n"
        "  report             costs by run, model, folder, file or day\n"
        "  export             vectors as JSONL or NumPy (.npy + .jsonl); --format index -o FILE\n"
        "                     [PATH...]: the indexed folders as a database another can import\n"
        "  search QUERY       the code that best matches a question or words\n"
        "  embed TEXT...      print vectors as JSON\n"
        "  check              read every page of the database (--full: also every index)\n"
        "  watch PATH...      index folders, then keep them current as files change\n"
        "  mcp                serve coding agents over MCP (stdio; --http PORT for HTTP)\n"
        "  remove PATH...     drop indexed folders with their chunks and unshared vectors\n"
        "  import FILE        add the indexed folders of an exported index (nothing "
        "re-embedded)\n\n"
        "Exit codes: 0 all stored (check: the database is sound), 1 some chunks failed,\n"
        "2 usage or configuration error, 3 fatal (authentication, model not found, database\n"
        "unusable or damaged, disk full), 130/143 interrupted.\n"
        "API keys come from an environment variable (--api-key-env, default OPENAI_API_KEY)\n"
        "or a file (--api-key-file), never from a flag's value.");
}

int intValue(const QCommandLineParser &parser, const QString &name, int fallback, int minimum)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < minimum)
        usageError(QCoreApplication::translate("cli", "--%1 needs a whole number ≥ %2, not '%3'")
                .arg(name)
                .arg(minimum)
                .arg(parser.value(name)));
    return value;
}

qint64 longValue(const QCommandLineParser &parser, const QString &name, qint64 fallback)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const qint64 value = parser.value(name).toLongLong(&ok);
    if (!ok || value < 0)
        usageError(QCoreApplication::translate("cli", "--%1 needs a whole number ≥ 0, not '%2'")
                .arg(name, parser.value(name)));
    return value;
}

double dollarValue(const QCommandLineParser &parser, const QString &name, double fallback)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    if (!ok || value < 0)
        usageError(QCoreApplication::translate("cli", "--%1 needs dollars ≥ 0, e.g. 2.50, not '%2'")
                .arg(name, parser.value(name)));
    return value;
}

Core::Searcher::Mode modeNamed(const QString &value)
{
    if (value.isEmpty() || value == u"hybrid")
        return Core::Searcher::Mode::Hybrid;
    if (value == u"vector")
        return Core::Searcher::Mode::Vector;
    if (value == u"keyword")
        return Core::Searcher::Mode::Keyword;
    usageError(
        QCoreApplication::translate("cli", "--mode needs hybrid, vector or keyword, not '%1'")
            .arg(value));
}

} // namespace

CliOptions CliOptions::parse(const QCoreApplication &app, const QStringList &fileArguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(description());
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"),
        QCoreApplication::translate("cli", "What to do (see above)."), QStringLiteral("COMMAND"));
    parser.addPositionalArgument(QStringLiteral("args"),
        QCoreApplication::translate("cli", "Paths, the query or texts."),
        QStringLiteral("[ARGS...]"));
    auto add
        = [&parser](const QString &name, const QString &help, const QString &value = QString()) {
              parser.addOption(QCommandLineOption(name, help, value));
          };
    add(QStringLiteral("db"),
        QCoreApplication::translate(
            "cli", "The database file (default: in the application data folder)."),
        QStringLiteral("FILE"));
    add(QStringLiteral("provider"),
        QCoreApplication::translate("cli", "local (built-in MiniLM, default), openai or ollama."),
        QStringLiteral("NAME"));
    add(QStringLiteral("base-url"), QCoreApplication::translate("cli", "The provider's base URL."),
        QStringLiteral("URL"));
    add(QStringLiteral("model"),
        QCoreApplication::translate("cli",
            "The embedding model; built in: minilm (exact, the default) or minilm-int8 (fast)."),
        QStringLiteral("NAME"));
    add(QStringLiteral("dimensions"),
        QCoreApplication::translate("cli", "Vector dimensions to ask for."), QStringLiteral("N"));
    add(QStringLiteral("max-input-tokens"),
        QCoreApplication::translate(
            "cli", "Per-input token limit for a model Signal Hub does not know."),
        QStringLiteral("N"));
    add(QStringLiteral("api-key-env"),
        QCoreApplication::translate("cli", "Environment variable holding the API key."),
        QStringLiteral("VAR"));
    add(QStringLiteral("api-key-file"),
        QCoreApplication::translate("cli", "File holding the API key."), QStringLiteral("FILE"));
    add(QStringLiteral("batch-size"),
        QCoreApplication::translate("cli", "Inputs per request (default 100)."),
        QStringLiteral("N"));
    add(QStringLiteral("max-batch-tokens"),
        QCoreApplication::translate("cli", "Tokens per request (default 100000)."),
        QStringLiteral("N"));
    add(QStringLiteral("concurrency"),
        QCoreApplication::translate("cli", "Requests in flight (default 4)."), QStringLiteral("N"));
    add(QStringLiteral("adaptive"),
        QCoreApplication::translate("cli", "Adapt the concurrency to the server (AIMD)."));
    add(QStringLiteral("rpm"), QCoreApplication::translate("cli", "Requests per minute limit."),
        QStringLiteral("N"));
    add(QStringLiteral("tpm"), QCoreApplication::translate("cli", "Tokens per minute limit."),
        QStringLiteral("N"));
    add(QStringLiteral("max-retries"),
        QCoreApplication::translate("cli", "Retries after the first attempt (default 5)."),
        QStringLiteral("N"));
    add(QStringLiteral("timeout"),
        QCoreApplication::translate("cli", "Seconds per request (default 60)."),
        QStringLiteral("SECONDS"));
    add(QStringLiteral("backoff-base-ms"),
        QCoreApplication::translate("cli", "First backoff step in milliseconds (default 500)."),
        QStringLiteral("MS"));
    add(QStringLiteral("backoff-cap-ms"),
        QCoreApplication::translate("cli", "Longest backoff in milliseconds (default 60000)."),
        QStringLiteral("MS"));
    add(QStringLiteral("chunk-tokens"),
        QCoreApplication::translate("cli", "Target chunk size in tokens."), QStringLiteral("N"));
    add(QStringLiteral("exclude"),
        QCoreApplication::translate(
            "cli", "Skip paths matching a gitignore-style glob (repeatable)."),
        QStringLiteral("GLOB"));
    add(QStringLiteral("max-file-size"),
        QCoreApplication::translate("cli", "Skip files larger than this (default 1048576)."),
        QStringLiteral("BYTES"));
    add(QStringLiteral("include-secret-files"),
        QCoreApplication::translate("cli",
            "Also index secret files, skipped by default: those whose names mark them as "
            "holding keys or credentials (gitignore patterns, ! excepts): %1.")
            .arg(Core::Scanner::secretFilePatterns().join(QStringLiteral(" "))));
    add(QStringLiteral("price"),
        QCoreApplication::translate("cli", "Dollars per 1M tokens (default: the price table)."),
        QStringLiteral("USD"));
    add(QStringLiteral("threads"),
        QCoreApplication::translate(
            "cli", "Inference threads for the built-in model (default: all cores)."),
        QStringLiteral("N"));
    add(QStringLiteral("files"),
        QCoreApplication::translate(
            "cli", "estimate: list what would be indexed, and why each skipped file is skipped."));
    add(QStringLiteral("rechunk"),
        QCoreApplication::translate("cli",
            "index, estimate: read and cut every file again, unchanged or not: files that older "
            "chunking rules cut get today's chunks (their new texts are sent), a salvaged "
            "database the chunks it lost."));
    add(QStringLiteral("name"),
        QCoreApplication::translate("cli",
            "index: what the folder is known by wherever it lies (one PATH), for a folder "
            "outside git: a moved copy indexed with the same name keeps its index."),
        QStringLiteral("NAME"));
    add(QStringLiteral("max-watches"),
        QCoreApplication::translate("cli",
            "watch: at most N folder watches (default: as many as the system allows); the "
            "folders beyond are checked every few seconds instead."),
        QStringLiteral("N"));
    add(QStringLiteral("max-run-cost"),
        QCoreApplication::translate(
            "cli", "watch: a batch of changes estimated to cost more waits for you (default $1)."),
        QStringLiteral("USD"));
    add(QStringLiteral("daily-budget"),
        QCoreApplication::translate(
            "cli", "watch: what watching may spend per day with a paid provider (default $5)."),
        QStringLiteral("USD"));
    parser.addOption(QCommandLineOption(QStringLiteral("watch"),
        QCoreApplication::translate(
            "cli", "mcp: keep this folder current while serving (repeat for more folders)."),
        QStringLiteral("PATH")));
    add(QStringLiteral("http"),
        QCoreApplication::translate("cli",
            "mcp: serve Streamable HTTP on 127.0.0.1:PORT (0: a free port) instead of stdio; "
            "clients present the bearer token kept in the config folder."),
        QStringLiteral("PORT"));
    add(QStringLiteral("full"),
        QCoreApplication::translate(
            "cli", "check: also compare every index with its table (integrity_check; slower)."));
    add(QStringLiteral("by"),
        QCoreApplication::translate("cli", "report: run, model, folder, file or day."),
        QStringLiteral("WHAT"));
    add(QStringLiteral("format"),
        QCoreApplication::translate("cli", "report: csv or json; export: jsonl, npy or index."),
        QStringLiteral("FORMAT"));
    parser.addOption(QCommandLineOption({ QStringLiteral("o"), QStringLiteral("output") },
        QCoreApplication::translate("cli", "Write to this file."), QStringLiteral("PATH")));
    parser.addOption(QCommandLineOption({ QStringLiteral("k"), QStringLiteral("top") },
        QCoreApplication::translate("cli", "search: number of hits (default 10)."),
        QStringLiteral("N")));
    add(QStringLiteral("mode"),
        QCoreApplication::translate("cli",
            "search: hybrid (words and meaning, the default), vector (meaning) or keyword "
            "(words; the query is not embedded)."),
        QStringLiteral("MODE"));
    add(QStringLiteral("path"),
        QCoreApplication::translate("cli",
            "search: only files matching this glob; with a '/' it matches the path within the "
            "indexed folder, else the file name ('*' crosses folders)."),
        QStringLiteral("GLOB"));
    add(QStringLiteral("language"),
        QCoreApplication::translate("cli", "search: only files of this language (e.g. C++)."),
        QStringLiteral("NAME"));
    add(QStringLiteral("json"),
        QCoreApplication::translate("cli",
            "Print one JSON document on stdout (report: the report; export, and report with -o: "
            "a summary of the files written)."));
    add(QStringLiteral("quiet"), QCoreApplication::translate("cli", "No progress on stderr."));
    // process() would exit with 1 on an unknown option; DESIGN.md says 2 for usage errors.
    if (!parser.parse(app.arguments()))
        usageError(parser.errorText());
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();

    CliOptions o;
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        parser.showHelp(2);
    o.command = positional.first();
    if (!Commands.contains(o.command))
        usageError(QCoreApplication::translate("cli", "unknown command '%1'").arg(o.command));
    o.arguments = positional.mid(1);
    const bool takesPaths = o.command == u"index" || o.command == u"estimate"
        || o.command == u"watch" || o.command == u"remove";
    // export --format index takes the folders to export, checked below.
    const bool takesArguments = takesPaths || o.command == u"search" || o.command == u"embed"
        || o.command == u"export" || o.command == u"import";
    if (o.command == u"import" && o.arguments.size() != 1)
        usageError(QCoreApplication::translate("cli", "import needs one FILE (an exported index)"));
    if ((takesPaths || o.command == u"search" || o.command == u"embed") && o.arguments.isEmpty())
        usageError(o.command == u"search"
                ? QCoreApplication::translate("cli", "search needs a QUERY")
                : o.command == u"embed"
                ? QCoreApplication::translate("cli", "embed needs TEXT")
                : QCoreApplication::translate("cli", "%1 needs at least one PATH").arg(o.command));
    if (!takesArguments && !o.arguments.isEmpty())
        usageError(QCoreApplication::translate("cli", "%1 takes no arguments (got '%2')")
                .arg(o.command, o.arguments.first()));

    o.databasePath = parser.value(QStringLiteral("db"));
    o.json = parser.isSet(QStringLiteral("json"));
    o.quiet = parser.isSet(QStringLiteral("quiet"));
    o.listFiles = parser.isSet(QStringLiteral("files"));
    o.rechunk = parser.isSet(QStringLiteral("rechunk"));
    o.sourceName = parser.value(QStringLiteral("name")).trimmed();
    if (parser.isSet(QStringLiteral("name")) && (o.command != u"index" || o.arguments.size() != 1))
        usageError(QCoreApplication::translate("cli", "--name names the one PATH of index"));
    if (parser.isSet(QStringLiteral("name")) && o.sourceName.isEmpty())
        usageError(QCoreApplication::translate("cli", "--name needs a name"));
    o.fullCheck = parser.isSet(QStringLiteral("full"));
    o.apiKeyEnv = parser.value(QStringLiteral("api-key-env"));
    o.apiKeyFile = parser.value(QStringLiteral("api-key-file"));
    if (!o.apiKeyEnv.isEmpty() && !o.apiKeyFile.isEmpty())
        usageError(QCoreApplication::translate(
            "cli", "give either --api-key-env or --api-key-file, not both"));

    Core::RunSettings &s = o.settings;
    o.providerGiven = parser.isSet(QStringLiteral("provider"))
        || parser.isSet(QStringLiteral("base-url")) || parser.isSet(QStringLiteral("model"))
        || parser.isSet(QStringLiteral("dimensions"));
    if (parser.isSet(QStringLiteral("provider"))) {
        const QString name = parser.value(QStringLiteral("provider"));
        const auto kind = Core::providerFromName(name);
        if (!kind)
            usageError(QCoreApplication::translate(
                "RunSettings", "unknown provider '%1': use local, openai or ollama")
                    .arg(name));
        s.provider = *kind;
    }
    s.baseUrl = parser.value(QStringLiteral("base-url"));
    s.model = parser.value(QStringLiteral("model"));
    s.dimensions = intValue(parser, QStringLiteral("dimensions"), 0, 1);
    s.maxInputTokens = intValue(parser, QStringLiteral("max-input-tokens"), 0, 1);
    s.batchSize = intValue(parser, QStringLiteral("batch-size"), s.batchSize, 1);
    s.maxBatchTokens = intValue(parser, QStringLiteral("max-batch-tokens"), s.maxBatchTokens, 1);
    s.concurrency = intValue(parser, QStringLiteral("concurrency"), s.concurrency, 1);
    s.adaptive = parser.isSet(QStringLiteral("adaptive"));
    s.requestsPerMinute = longValue(parser, QStringLiteral("rpm"), 0);
    s.tokensPerMinute = longValue(parser, QStringLiteral("tpm"), 0);
    s.maxRetries = intValue(parser, QStringLiteral("max-retries"), s.maxRetries, 0);
    s.timeoutSeconds = intValue(parser, QStringLiteral("timeout"), s.timeoutSeconds, 1);
    s.backoffBaseMs = intValue(parser, QStringLiteral("backoff-base-ms"), s.backoffBaseMs, 0);
    s.backoffCapMs = intValue(parser, QStringLiteral("backoff-cap-ms"), s.backoffCapMs, 0);
    s.chunkTokens = intValue(parser, QStringLiteral("chunk-tokens"), 0, 8);
    s.excludeGlobs = parser.values(QStringLiteral("exclude"));
    s.maxFileSize = longValue(parser, QStringLiteral("max-file-size"), s.maxFileSize);
    s.includeSecretFiles = parser.isSet(QStringLiteral("include-secret-files"));
    s.localThreads = intValue(parser, QStringLiteral("threads"), 0, 1);
    if (parser.isSet(QStringLiteral("price"))) {
        bool ok = false;
        s.usdPerMillionTokens = parser.value(QStringLiteral("price")).toDouble(&ok);
        if (!ok || *s.usdPerMillionTokens < 0)
            usageError(QCoreApplication::translate(
                "cli", "--price needs dollars per 1M tokens, e.g. 0.02"));
    }
    s.estimateThresholdUsd
        = dollarValue(parser, QStringLiteral("max-run-cost"), s.estimateThresholdUsd);
    s.watchBudgetUsdPerDay
        = dollarValue(parser, QStringLiteral("daily-budget"), s.watchBudgetUsdPerDay);
    if (const QString problem = s.validate(); !problem.isEmpty())
        usageError(problem);

    if (parser.isSet(QStringLiteral("by")))
        o.reportBy = parser.value(QStringLiteral("by"));
    if (!QStringList { QStringLiteral("run"), QStringLiteral("model"), QStringLiteral("folder"),
            QStringLiteral("file"), QStringLiteral("day") }
            .contains(o.reportBy))
        usageError(
            QCoreApplication::translate("cli", "--by takes run, model, folder, file or day"));
    o.format = parser.value(QStringLiteral("format"));
    if (o.command == u"report" && o.json && o.format == u"csv")
        usageError(QCoreApplication::translate(
            "cli", "report --json prints the report as JSON: leave out --format csv or --json"));
    if (o.command == u"report" && o.format.isEmpty())
        o.format = o.json ? QStringLiteral("json") : QStringLiteral("csv");
    if (o.command == u"report" && o.format != u"csv" && o.format != u"json")
        usageError(QCoreApplication::translate("cli", "report --format takes csv or json"));
    if (o.command == u"export" && o.format != u"jsonl" && o.format != u"npy"
        && o.format != u"index")
        usageError(QCoreApplication::translate(
            "cli", "export needs --format jsonl, --format npy or --format index"));
    if (o.command == u"export" && o.format == u"npy" && !parser.isSet(QStringLiteral("o")))
        usageError(QCoreApplication::translate(
            "cli", "export --format npy needs -o PATH (writes PATH.npy and PATH.jsonl)"));
    if (o.command == u"export" && o.format == u"index" && !parser.isSet(QStringLiteral("o")))
        usageError(QCoreApplication::translate(
            "cli", "export --format index needs -o FILE (a new database file)"));
    if (o.command == u"export" && o.format != u"index" && !o.arguments.isEmpty())
        usageError(QCoreApplication::translate("cli",
            "export --format %1 exports every folder of the space; only --format index "
            "takes folders (got '%2')")
                .arg(o.format, o.arguments.first()));
    o.output = parser.value(QStringLiteral("o"));
    // Rows on stdout would be one JSON document per line, not one document.
    if (o.command == u"export" && o.json && o.output.isEmpty())
        usageError(QCoreApplication::translate("cli",
            "export --json needs -o PATH: the rows go to the file, and stdout gets one JSON "
            "summary of what was written"));
    o.topK = intValue(parser, QStringLiteral("k"), o.topK, 1);
    o.maxWatches = intValue(parser, QStringLiteral("max-watches"), 0, 1);
    o.httpPort = intValue(parser, QStringLiteral("http"), -1, 0);
    if (o.httpPort > 65535)
        usageError(QCoreApplication::translate("cli", "--http needs a port from 0 to 65535"));
    o.watchPaths = parser.values(QStringLiteral("watch"));
    o.searchMode = modeNamed(parser.value(QStringLiteral("mode")));
    o.pathGlob = parser.value(QStringLiteral("path"));
    o.language = parser.value(QStringLiteral("language"));
    // Last, as it parses again: PATHs byte for byte, so that a name that is not UTF-8 is found.
    if ((takesPaths || !o.watchPaths.isEmpty()) && fileArguments.size() == app.arguments().size()
        && parser.parse(fileArguments)) {
        o.arguments = parser.positionalArguments().mid(1);
        o.watchPaths = parser.values(QStringLiteral("watch"));
    }
    return o;
}

} // namespace SignalHub::Cli
