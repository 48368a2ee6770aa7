#pragma once

#include "runsettings.h"
#include "searcher.h"

#include <QStringList>

class QCoreApplication;

namespace SignalHub::Cli {

// signalhub-cli's arguments, parsed and checked. Exits with code 2 and a message on misuse.
struct CliOptions
{
    QString command;
    QStringList arguments; // paths, the query or the texts
    QString databasePath; // empty: the default location
    Core::RunSettings settings;
    bool providerGiven = false; // any of --provider, --base-url, --model, --dimensions
    QString apiKeyEnv;
    QString apiKeyFile;
    bool json = false;
    bool quiet = false;
    bool listFiles = false; // estimate --files
    bool rechunk = false; // index, estimate --rechunk
    QString sourceName; // index --name
    bool fullCheck = false; // check --full: integrity_check rather than quick_check
    QString reportBy = QStringLiteral("run");
    QString format; // report: csv|json, export: jsonl|npy
    QString output; // -o
    int topK = 10;
    Core::Searcher::Mode searchMode = Core::Searcher::Mode::Hybrid;
    QString pathGlob; // search --path
    QString language; // search --language
    int maxWatches = 0; // watch --max-watches; 0: as the system allows
    QStringList watchPaths; // mcp --watch
    int httpPort = -1; // mcp --http; -1: stdio, 0: a free port

    // `fileArguments`: the process's arguments as FileName decodes them, which is how PATHs
    // are taken (app.arguments() has U+FFFD for bytes that are not UTF-8).
    static CliOptions parse(const QCoreApplication &app, const QStringList &fileArguments);
};

} // namespace SignalHub::Cli
