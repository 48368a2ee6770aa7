#include "clicommands.h"

#include "codetools.h"
#include "estimator.h"
#include "filename.h"
#include "folderremoval.h"
#include "httptransport.h"
#include "indexer.h"
#include "indextransfer.h"
#include "keystore.h"
#include "mcpserver.h"
#include "mcptoken.h"
#include "progressprinter.h"
#include "reportwriter.h"
#include "runplan.h"
#include "searcher.h"
#include "signalwatcher.h"
#include "snippetreader.h"
#include "stdiotransport.h"
#include "storecheck.h"
#include "storelocation.h"
#include "storereader.h"
#include "storeschema.h"
#include "textembedder.h"
#include "vectorexporter.h"
#include "watcher.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTextStream>
#include <csignal>

namespace SignalHub::Cli {

using namespace SignalHub::Core;

namespace {

// Lines of a hit shown by search, in text and in JSON.
constexpr int SnippetLines = 4;

void printOut(const QString &text)
{
    QTextStream(stdout) << text;
}

void printErr(const QString &message)
{
    QTextStream(stderr) << "signalhub-cli: " << message << '\n';
}

// With --json, stdout holds exactly one document: this one.
void printJson(const QJsonDocument &document)
{
    printOut(QString::fromUtf8(document.toJson(QJsonDocument::Compact)) + u'\n');
}

QJsonObject hitJson(const SearchHit &hit)
{
    // The lines the text output shows; null when the file is gone or unreadable.
    const auto lines = SnippetReader::lines(hit, SnippetLines);
    QJsonArray alsoAt;
    for (const SearchLocation &location : hit.alsoAt)
        alsoAt.append(QJsonObject { { QStringLiteral("path"), FileName::display(location.path) },
            { QStringLiteral("start_line"), location.startLine },
            { QStringLiteral("end_line"), location.endLine } });
    return QJsonObject { { QStringLiteral("path"), FileName::display(hit.path) },
        { QStringLiteral("start_line"), hit.startLine },
        { QStringLiteral("end_line"), hit.endLine }, { QStringLiteral("score"), double(hit.score) },
        { QStringLiteral("language"), hit.language }, { QStringLiteral("stale"), hit.stale },
        { QStringLiteral("also_at"), alsoAt },
        { QStringLiteral("snippet"), lines ? QJsonValue(lines->join(u'\n')) : QJsonValue() } };
}

QString hitText(const SearchHit &hit)
{
    QString text = QStringLiteral("%1  %2:%3-%4")
                       .arg(hit.score, 0, 'f', 3)
                       .arg(FileName::display(hit.path))
                       .arg(hit.startLine)
                       .arg(hit.endLine);
    if (hit.stale)
        text += QCoreApplication::translate("cli", "  (changed since it was indexed)");
    text += u'\n';
    for (const SearchLocation &location : hit.alsoAt)
        text += QCoreApplication::translate("cli", "      also at %1:%2-%3\n")
                    .arg(FileName::display(location.path))
                    .arg(location.startLine)
                    .arg(location.endLine);
    return text + SnippetReader::snippet(hit, SnippetLines, QStringLiteral("    "));
}

int userError(const QString &message, int code = 2)
{
    printErr(message);
    return code;
}

QJsonObject summaryJson(const IndexSummary &s)
{
    return QJsonObject { { QStringLiteral("files"), s.files },
        { QStringLiteral("chunks"), s.chunks }, { QStringLiteral("stored"), s.stored },
        { QStringLiteral("failed"), s.failed }, { QStringLiteral("unchanged"), s.unchanged },
        { QStringLiteral("files_cut_before"), s.filesCutBefore },
        { QStringLiteral("stored_by_teammates"), s.storedByTeammates },
        { QStringLiteral("pending"), s.pending },
        { QStringLiteral("skipped_files"), s.skippedFiles },
        { QStringLiteral("unreadable_files"), s.unreadableFiles },
        { QStringLiteral("tokens"), s.tokens }, { QStringLiteral("cost_usd"), s.costUsd },
        { QStringLiteral("price_known"), s.priceKnown }, { QStringLiteral("requests"), s.requests },
        { QStringLiteral("retries"), s.retries }, { QStringLiteral("seconds"), s.seconds },
        { QStringLiteral("chunks_per_s"), s.chunksPerSecond() },
        { QStringLiteral("run"), s.runId } };
}

// Qt has one %n per message, so each count that names a noun is a message of its own.
QString files(qint64 count)
{
    return QCoreApplication::translate("cli", "%n file(s)", nullptr, int(count));
}

QString chunks(qint64 count)
{
    return QCoreApplication::translate("cli", "%n chunk(s)", nullptr, int(count));
}

QString olderCutsText(qint64 files)
{
    return QCoreApplication::translate("cli",
        "%n unchanged file(s) keep chunks cut by an older version of the chunking rules; "
        "estimate and index with --rechunk to cut them again (their new chunks are sent)\n",
        nullptr, int(files));
}

QString summaryText(const IndexSummary &s)
{
    const QString cost = s.priceKnown ? QStringLiteral("$%1").arg(s.costUsd, 0, 'f', 4)
                                      : QCoreApplication::translate("cli", "price unknown");
    QString text
        = QCoreApplication::translate("cli",
            "%1, %2: %3 stored, %4 unchanged, %5 failed; %6 tokens, %7, %8 (%9) in %10 s (%11 "
            "chunks/s)\n")
              .arg(files(s.files), chunks(s.chunks), QString::number(s.stored),
                  QString::number(s.unchanged), QString::number(s.failed),
                  QString::number(s.tokens), cost,
                  QCoreApplication::translate("cli", "%n request(s)", nullptr, int(s.requests)),
                  QCoreApplication::translate("cli", "%n retry(s)", nullptr, int(s.retries)),
                  QString::number(s.seconds, 'f', 1), QString::number(s.chunksPerSecond(), 'f', 1));
    if (s.skippedFiles > 0 || s.unreadableFiles > 0)
        text += QCoreApplication::translate(
            "cli", "%1 skipped by rule, %2 unreadable (see 'estimate --files').\n")
                    .arg(files(s.skippedFiles), QString::number(s.unreadableFiles));
    if (s.storedByTeammates > 0)
        text += QCoreApplication::translate("cli",
            "%n chunk(s) embedded by teammates' workers of the same run (not paid here).\n",
            nullptr, int(s.storedByTeammates));
    if (s.pending > 0)
        text += QCoreApplication::translate(
            "cli", "%n chunk(s) left pending; the next run sends them.\n", nullptr, int(s.pending));
    if (s.filesCutBefore > 0)
        text += olderCutsText(s.filesCutBefore);
    if (s.failed > 0)
        text += QCoreApplication::translate("cli",
            "Failed chunks are listed by 'signalhub-cli failed' and sent again by 'signalhub-cli "
            "retry-failed'.\n");
    return text;
}

// export --json: what was written where, as one document (the rows are in the files).
QJsonObject exportSummary(const QString &database, const QString &format, const QStringList &files,
    qint64 rows, const EmbeddingSpace &space)
{
    return QJsonObject { { QStringLiteral("database"), database },
        { QStringLiteral("format"), format },
        { QStringLiteral("files"), QJsonArray::fromStringList(files) },
        { QStringLiteral("rows"), rows }, { QStringLiteral("dimensions"), space.dimensions },
        { QStringLiteral("space"),
            QJsonObject { { QStringLiteral("provider"), space.provider },
                { QStringLiteral("base_url"), space.baseUrl },
                { QStringLiteral("model"), space.model },
                { QStringLiteral("dimensions"), space.dimensions } } } };
}

QString nothingIndexed()
{
    return QCoreApplication::translate(
        "cli", "the database holds no runs yet: index a folder first");
}

QString noVectorsOf(const EmbeddingSpace &space)
{
    return QCoreApplication::translate("cli", "the database holds no vectors of %1")
        .arg(space.displayName());
}

} // namespace

int CliCommands::run()
{
    const Result<StoreLocation> location = StoreLocation::parse(m_options.databasePath);
    if (!location)
        return userError(location.errorMessage());
    if (location->kind() == StoreLocation::Kind::Postgres
        && qEnvironmentVariableIsEmpty("PGPASSWORD"))
        StoreLocation::setPassword(
            location->display(), KeyStore::readDatabasePasswordBlocking(location->display(), 3000));
    const QString &command = m_options.command;
    if (command == u"index")
        return index(false);
    if (command == u"retry-failed")
        return index(true);
    if (command == u"embed")
        return embed();
    if (command == u"status")
        return status();
    if (command == u"failed")
        return failed();
    if (command == u"report")
        return report();
    if (command == u"export")
        return exportVectors();
    if (command == u"search")
        return search();
    if (command == u"check")
        return check();
    if (command == u"watch")
        return watch();
    if (command == u"mcp")
        return mcp();
    if (command == u"remove")
        return remove();
    if (command == u"import")
        return importIndex();
    return estimate();
}

QByteArray CliCommands::apiKey() const
{
    return apiKeyFor(m_options.settings);
}

QByteArray CliCommands::apiKeyFor(const RunSettings &settings) const
{
    if (!m_options.apiKeyFile.isEmpty()) {
        QFile file(m_options.apiKeyFile);
        if (!file.open(QIODevice::ReadOnly))
            ::exit(
                userError(QCoreApplication::translate("cli", "cannot read the API key file %1: %2")
                        .arg(m_options.apiKeyFile, file.errorString())));
        if (file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther))
            printErr(QCoreApplication::translate(
                "cli", "warning: other users can read the API key file %1 (chmod 600 it)")
                    .arg(m_options.apiKeyFile));
        return file.readAll().trimmed();
    }
    if (!m_options.apiKeyEnv.isEmpty()) {
        const QByteArray key = qgetenv(m_options.apiKeyEnv.toLocal8Bit().constData()).trimmed();
        if (key.isEmpty())
            ::exit(userError(
                QCoreApplication::translate("cli", "the environment variable %1 is not set")
                    .arg(m_options.apiKeyEnv)));
        return key;
    }
    if (settings.provider == ProviderKind::Local)
        return {};
    // OPENAI_API_KEY for OpenAI, else a key the window saved in the keychain.
    const QByteArray key = KeyStore::readBlocking(settings.provider, settings.baseUrl, 3000);
    if (key.isEmpty() && settings.provider == ProviderKind::OpenAi
        && settings.effectiveBaseUrl().contains(u"api.openai.com"))
        ::exit(userError(QCoreApplication::translate("cli",
            "OpenAI needs an API key: set OPENAI_API_KEY, use --api-key-env VAR or "
            "--api-key-file FILE, or save one in the window's settings")));
    return key;
}

QString CliCommands::databasePath() const
{
    if (m_options.databasePath.isEmpty())
        return StoreSchema::defaultPath();
    if (StoreLocation::isUrl(m_options.databasePath))
        return m_options.databasePath;
    return QFileInfo(m_options.databasePath).absoluteFilePath();
}

int CliCommands::index(bool retryFailed)
{
    for (const QString &root : std::as_const(m_options.arguments))
        if (!FileName::exists(root))
            return userError(QCoreApplication::translate("cli", "%1 does not exist")
                    .arg(FileName::display(root)));
    IndexRequest request;
    if (retryFailed) {
        request
            = IndexRequest::retry(m_options.settings, databasePath(), {}, m_options.providerGiven);
    } else {
        request.roots = m_options.arguments;
        request.settings = m_options.settings;
        request.databasePath = databasePath();
        request.rechunk = m_options.rechunk;
        request.sourceName = m_options.sourceName;
    }
    request.apiKey = apiKeyFor(request.settings);

    Indexer indexer;
    ProgressPrinter printer(m_options.quiet);
    SignalWatcher watcher;
    qint64 unchanged = 0;
    IndexSummary summary;
    QObject::connect(&watcher, &SignalWatcher::signalled, &indexer, [&](int signalNumber) {
        printer.message(signalNumber == SIGINT
                ? QCoreApplication::translate("cli",
                      "interrupted: finishing the current commit (Ctrl-C again to quit at once)")
                : QCoreApplication::translate("cli", "terminated: finishing the current commit"));
        indexer.cancel();
    });
    QObject::connect(
        &indexer, &Indexer::message, &indexer, [&](const QString &text) { printer.message(text); });
    QObject::connect(&indexer, &Indexer::progress, &indexer,
        [&](const ProgressSnapshot &snapshot) { printer.update(snapshot, unchanged); });
    QObject::connect(&indexer, &Indexer::finished, &indexer, [&](const IndexSummary &s) {
        summary = s;
        QCoreApplication::quit();
    });
    indexer.start(request);
    QCoreApplication::exec();
    printer.finish();

    if (watcher.received() != 0)
        summary.outcome = IndexSummary::Outcome::Cancelled;
    if (summary.outcome == IndexSummary::Outcome::Fatal)
        userError(summary.message, 3);
    if (m_options.json)
        printOut(
            QString::fromUtf8(QJsonDocument(summaryJson(summary)).toJson(QJsonDocument::Compact))
            + u'\n');
    else
        printOut(summaryText(summary));
    if (watcher.received() != 0)
        return 128 + watcher.received();
    return summary.exitCode();
}

int CliCommands::watch()
{
    for (const QString &root : std::as_const(m_options.arguments))
        if (!QFileInfo(root).isDir())
            return userError(QCoreApplication::translate("cli", "%1 is not a folder")
                    .arg(FileName::display(root)));
    WatchRequest request;
    request.roots = m_options.arguments;
    request.settings = m_options.settings;
    request.apiKey = apiKeyFor(request.settings);
    request.databasePath = databasePath();
    request.holder = QStringLiteral("signalhub-cli watch");
    request.options.maxWatches = m_options.maxWatches;

    Watcher watcher;
    ProgressPrinter printer(m_options.quiet);
    SignalWatcher interrupts;
    QString fatal;
    QObject::connect(
        &interrupts, &SignalWatcher::signalled, &watcher, [&](int) { watcher.stop(); });
    QObject::connect(
        &watcher, &Watcher::message, &watcher, [&](const QString &text) { printer.message(text); });
    QObject::connect(&watcher, &Watcher::folderChanged, &watcher, [&](const Watcher::Folder &f) {
        if (f.watching && !f.indexing && f.upToDate.isValid())
            printer.message(QCoreApplication::translate("cli", "%1 is up to date; watching.")
                    .arg(FileName::display(f.root)));
    });
    QObject::connect(&watcher, &Watcher::runStarted, &watcher, [&](const QString &root, int paths) {
        printer.message(paths == 0
                ? QCoreApplication::translate("cli", "%1: looking for changes…")
                      .arg(FileName::display(root))
                : QCoreApplication::translate("cli", "%1: %n path(s) changed", nullptr, paths)
                      .arg(FileName::display(root)));
    });
    QObject::connect(&watcher, &Watcher::progress, &watcher,
        [&](const ProgressSnapshot &snapshot) { printer.update(snapshot, 0); });
    QObject::connect(&watcher, &Watcher::runFinished, &watcher, [&](const IndexSummary &s) {
        printer.finish();
        // One line per run, as `index` ends: JSON Lines with --json.
        if (m_options.json)
            printJson(QJsonDocument(summaryJson(s)));
        else
            printOut(summaryText(s));
    });
    QObject::connect(&watcher, &Watcher::stopped, &watcher, [&](const QString &reason) {
        fatal = reason;
        QCoreApplication::quit();
    });
    if (const Status started = watcher.start(request); !started)
        return userError(started.errorMessage());
    QCoreApplication::exec();
    printer.finish();
    if (!fatal.isEmpty())
        return userError(fatal, 3);
    return interrupts.received() != 0 ? 128 + interrupts.received() : 0;
}

int CliCommands::mcp()
{
    for (const QString &root : std::as_const(m_options.watchPaths))
        if (!QFileInfo(root).isDir())
            return userError(QCoreApplication::translate("cli", "%1 is not a folder")
                    .arg(FileName::display(root)));
    const QString db = databasePath();
    // Queries and reindex runs keep the space the folders were indexed in, unless flags name one.
    const RunSettings settings = m_options.providerGiven
        ? m_options.settings
        : IndexRequest::lastRunSettings(m_options.settings, db, true);
    const QByteArray key = apiKeyFor(settings);
    CodeTools::Options options;
    options.databasePath = db;
    options.settings = settings;
    options.spaceGiven = m_options.providerGiven;
    options.keyFor = [key](const RunSettings &) { return key; };
    options.apiKey = key;
    CodeTools tools(options);
    McpServer server(tools);

    // stdout belongs to the protocol: everything for people goes to stderr.
    Watcher watcher;
    QObject::connect(
        &watcher, &Watcher::message, &watcher, [](const QString &text) { printErr(text); });
    QObject::connect(&watcher, &Watcher::runFinished, &watcher,
        [](const IndexSummary &s) { QTextStream(stderr) << summaryText(s); });
    QObject::connect(&watcher, &Watcher::stopped, &watcher, [](const QString &reason) {
        if (!reason.isEmpty())
            printErr(QCoreApplication::translate("cli", "stopped watching: %1").arg(reason));
    });
    if (!m_options.watchPaths.isEmpty()) {
        WatchRequest request;
        request.roots.reserve(m_options.watchPaths.size());
        for (const QString &root : std::as_const(m_options.watchPaths))
            request.roots.append(QFileInfo(root).absoluteFilePath());
        request.settings = settings;
        request.apiKey = key;
        request.databasePath = db;
        request.holder = QStringLiteral("signalhub-cli mcp");
        request.options.maxWatches = m_options.maxWatches;
        if (const Status started = watcher.start(request); !started)
            printErr(QCoreApplication::translate(
                "cli", "serving without watching (searches may miss the latest changes): %1")
                    .arg(started.errorMessage()));
        else
            tools.setWatcher(&watcher);
    }

    SignalWatcher interrupts;
    QObject::connect(
        &interrupts, &SignalWatcher::signalled, &server, [] { QCoreApplication::quit(); });
    std::unique_ptr<StdioTransport> stdio;
    std::unique_ptr<HttpTransport> http;
    if (m_options.httpPort >= 0) {
        const auto token = McpToken::load();
        if (!token)
            return userError(token.errorMessage());
        http = std::make_unique<HttpTransport>(server, *token);
        const auto port = http->listen(quint16(m_options.httpPort));
        if (!port)
            return userError(port.errorMessage());
        printErr(QCoreApplication::translate("cli",
            "serving MCP at %1; clients send the header 'Authorization: Bearer TOKEN' with the "
            "token in %2")
                .arg(http->url(), McpToken::path()));
    } else {
        stdio = std::make_unique<StdioTransport>(server);
        QObject::connect(
            stdio.get(), &StdioTransport::finished, &server, [] { QCoreApplication::quit(); });
        stdio->start();
    }
    QCoreApplication::exec();
    watcher.stop();
    return interrupts.received() != 0 ? 128 + interrupts.received() : 0;
}

int CliCommands::embed()
{
    auto vectors = TextEmbedder::embedBlocking(m_options.settings, apiKey(), m_options.arguments);
    if (!vectors)
        return userError(vectors.errorMessage(), 3);
    QJsonArray rows;
    for (qsizetype i = 0; i < vectors->size(); ++i) {
        QJsonArray values;
        for (float v : vectors->at(i))
            values.append(double(v));
        rows.append(QJsonObject { { QStringLiteral("text"), m_options.arguments[i] },
            { QStringLiteral("dimensions"), values.size() },
            { QStringLiteral("vector"), values } });
    }
    printOut(QString::fromUtf8(QJsonDocument(rows).toJson(QJsonDocument::Compact)) + u'\n');
    return 0;
}

int CliCommands::status()
{
    auto reader = StoreReader::open(databasePath());
    if (!reader)
        return userError(reader.errorMessage(), 3);
    auto summary = (*reader)->summary();
    if (!summary)
        return userError(summary.errorMessage(), 3);
    const StatusSummary &s = *summary;
    auto sources = (*reader)->sources();
    if (!sources)
        return userError(sources.errorMessage(), 3);
    QStringList folders;
    QJsonObject identities; // of the folders that have one (SourceIdentity)
    for (const SourceSpace &source : std::as_const(*sources)) {
        folders.append(FileName::display(source.root));
        if (!source.identity.isEmpty())
            identities.insert(folders.last(), source.identity);
    }
    folders.sort();
    folders.removeDuplicates();
    auto running = (*reader)->runningRuns();
    if (!running)
        return userError(running.errorMessage(), 3);
    if (m_options.json) {
        QJsonArray workers;
        for (const RunRow &run : std::as_const(*running))
            workers.append(QJsonObject { { QStringLiteral("run"), run.id },
                { QStringLiteral("host"), run.host },
                { QStringLiteral("started"), run.started.toString(Qt::ISODateWithMs) },
                { QStringLiteral("stored"), run.totals.stored },
                { QStringLiteral("failed"), run.totals.failed },
                { QStringLiteral("tokens"), run.totals.tokens },
                { QStringLiteral("cost_usd"), run.totals.costUsd } });
        QJsonObject json { { QStringLiteral("database"), (*reader)->path() },
            { QStringLiteral("sources"), s.sources }, { QStringLiteral("files"), s.files },
            { QStringLiteral("files_skipped"), s.filesSkipped },
            { QStringLiteral("files_unreadable"), s.filesUnreadable },
            { QStringLiteral("chunks"), s.chunks }, { QStringLiteral("pending"), s.pending },
            { QStringLiteral("stored"), s.stored }, { QStringLiteral("failed"), s.failed },
            { QStringLiteral("vectors"), s.vectors }, { QStringLiteral("spaces"), s.spaces },
            { QStringLiteral("runs"), s.runs }, { QStringLiteral("tokens"), s.tokens },
            { QStringLiteral("cost_usd"), s.costUsd },
            { QStringLiteral("price_known"), s.priceKnown },
            { QStringLiteral("folders"), QJsonArray::fromStringList(folders) },
            { QStringLiteral("folder_identities"), identities },
            { QStringLiteral("running"), workers } };
        printOut(QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)) + u'\n');
        return 0;
    }
    printOut(QCoreApplication::translate("cli",
        "Database: %1\n%2, %3 (%4 skipped, %5 unreadable), %6: %7 stored, %8 pending, %9 "
        "failed\n")
            .arg((*reader)->path(),
                QCoreApplication::translate("cli", "%n folder(s)", nullptr, int(s.sources)),
                files(s.files), QString::number(s.filesSkipped), QString::number(s.filesUnreadable),
                chunks(s.chunks), QString::number(s.stored), QString::number(s.pending),
                QString::number(s.failed)));
    printOut(QCoreApplication::translate("cli", "%1 in %n space(s); ", nullptr, int(s.spaces))
                 .arg(QCoreApplication::translate("cli", "%n vector(s)", nullptr, int(s.vectors)))
        + QCoreApplication::translate(
            "cli", "%n run(s), %1 tokens, $%2 in all\n", nullptr, int(s.runs))
            .arg(s.tokens)
            .arg(s.costUsd, 0, 'f', 4));
    for (const QString &folder : std::as_const(folders))
        printOut(identities.contains(folder)
                ? QCoreApplication::translate("cli", "Folder: %1 (%2)\n")
                      .arg(folder, identities.value(folder).toString())
                : QCoreApplication::translate("cli", "Folder: %1\n").arg(folder));
    for (const RunRow &run : std::as_const(*running))
        printOut(QCoreApplication::translate(
            "cli", "Running now: #%1%2, started %3: %4 stored, %5 failed, %6 tokens so far\n")
                .arg(QString::number(run.id),
                    run.host.isEmpty() ? QString()
                                       : QCoreApplication::translate("cli", " on %1").arg(run.host),
                    run.started.toLocalTime().toString(Qt::ISODate),
                    QString::number(run.totals.stored), QString::number(run.totals.failed),
                    QString::number(run.totals.tokens)));
    if (!s.priceKnown)
        printOut(QCoreApplication::translate("cli",
            "Some tokens were paid at a price Signal Hub does not know: they are not in that sum "
            "(set a model's price with --price).\n"));
    if (s.lastRun)
        printOut(QCoreApplication::translate("cli", "Last run: #%1 %2 %3, %4, started %5\n")
                .arg(s.lastRun->id)
                .arg(s.lastRun->provider, s.lastRun->model, s.lastRun->status,
                    s.lastRun->started.toLocalTime().toString(Qt::ISODate)));
    if (s.lastRun && !s.lastRun->stopReason.isEmpty())
        printOut(QCoreApplication::translate("cli", "It stopped because: %1\n")
                .arg(s.lastRun->stopReason));
    return 0;
}

int CliCommands::failed()
{
    auto reader = StoreReader::open(databasePath());
    if (!reader)
        return userError(reader.errorMessage(), 3);
    auto failures = (*reader)->failedChunks(0);
    if (!failures)
        return userError(failures.errorMessage(), 3);
    if (m_options.json) {
        QJsonArray rows;
        for (const FailedChunk &f : std::as_const(*failures))
            rows.append(QJsonObject { { QStringLiteral("path"), FileName::display(f.chunk.path) },
                { QStringLiteral("start_line"), f.chunk.startLine },
                { QStringLiteral("end_line"), f.chunk.endLine },
                { QStringLiteral("reason"), f.reason },
                { QStringLiteral("http_status"), f.httpStatus },
                { QStringLiteral("attempts"), f.attempts }, { QStringLiteral("run"), f.runId } });
        printOut(QString::fromUtf8(QJsonDocument(rows).toJson(QJsonDocument::Compact)) + u'\n');
        return 0;
    }
    for (const FailedChunk &f : std::as_const(*failures))
        printOut(QStringLiteral("%1:%2-%3\t%4\t(HTTP %5, %6 attempts)\n")
                .arg(FileName::display(f.chunk.path))
                .arg(f.chunk.startLine)
                .arg(f.chunk.endLine)
                .arg(f.reason)
                .arg(f.httpStatus)
                .arg(f.attempts));
    if (failures->isEmpty())
        printOut(QCoreApplication::translate("cli", "No failed chunks.\n"));
    return 0;
}

int CliCommands::report()
{
    auto reader = StoreReader::open(databasePath());
    if (!reader)
        return userError(reader.errorMessage(), 3);
    const ReportBy by = *ReportWriter::byFromName(m_options.reportBy);
    auto rows = (*reader)->report(by);
    if (!rows)
        return userError(rows.errorMessage(), 3);
    const QByteArray data = m_options.format == u"json" ? ReportWriter::json(*rows, by)
                                                        : ReportWriter::csv(*rows, by);
    if (m_options.output.isEmpty()) {
        std::fwrite(data.constData(), 1, size_t(data.size()), stdout);
        return 0;
    }
    QSaveFile file(m_options.output);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        return userError(QCoreApplication::translate("cli", "cannot write %1: %2")
                .arg(m_options.output, file.errorString()));
    // The report went to the file; stdout still gets its one document: what was written.
    if (m_options.json)
        printJson(QJsonDocument(QJsonObject { { QStringLiteral("database"), (*reader)->path() },
            { QStringLiteral("files"),
                QJsonArray { QFileInfo(m_options.output).absoluteFilePath() } },
            { QStringLiteral("format"), m_options.format },
            { QStringLiteral("by"), ReportWriter::byName(by) },
            { QStringLiteral("rows"), rows->size() } }));
    return 0;
}

std::optional<SpaceRow> CliCommands::chooseSpace(StoreReader &reader, int *exitCode) const
{
    // The space of the database's last run, unless provider flags name another.
    if (m_options.providerGiven) {
        const auto plan = RunPlan::make(m_options.settings, QByteArray());
        if (!plan) {
            *exitCode = userError(plan.errorMessage());
            return std::nullopt;
        }
        auto space = reader.findSpace(plan->space());
        if (!space) {
            *exitCode = userError(space.errorMessage(), 3);
            return std::nullopt;
        }
        if (!space->has_value()) {
            *exitCode = userError(noVectorsOf(plan->space()), 1);
            return std::nullopt;
        }
        return **space;
    }
    auto last = reader.lastRunSpace();
    if (!last) {
        *exitCode = userError(last.errorMessage(), 3);
        return std::nullopt;
    }
    if (!last->has_value()) {
        *exitCode = userError(nothingIndexed(), 1);
        return std::nullopt;
    }
    return **last;
}

int CliCommands::copyIndex(const QString &from, const QString &to, const QStringList &paths)
{
    const Result<QList<IndexTransfer::Copied>> copied = IndexTransfer::copy(from, to, paths);
    if (!copied)
        return userError(copied.errorMessage());
    QJsonArray folders;
    for (const IndexTransfer::Copied &folder : *copied) {
        if (m_options.json)
            folders.append(QJsonObject { { QStringLiteral("folder"), folder.root },
                { QStringLiteral("files"), folder.files },
                { QStringLiteral("chunks"), folder.chunks },
                { QStringLiteral("vectors"), folder.vectors } });
        else
            printOut(QCoreApplication::translate(
                "cli", "Copied %1: %2, %3, %n vector(s).\n", nullptr, int(folder.vectors))
                    .arg(FileName::display(folder.root), files(folder.files),
                        chunks(folder.chunks)));
    }
    if (m_options.json)
        printJson(QJsonDocument(QJsonObject { { QStringLiteral("from"), from },
            { QStringLiteral("to"), to }, { QStringLiteral("folders"), folders } }));
    return 0;
}

int CliCommands::importIndex()
{
    const QString file = m_options.arguments.constFirst();
    if (!QFileInfo(file).isFile())
        return userError(QCoreApplication::translate("cli", "%1 is not a file (an exported index)")
                .arg(FileName::display(file)));
    return copyIndex(QFileInfo(file).absoluteFilePath(), databasePath(), {});
}

int CliCommands::exportVectors()
{
    if (m_options.format == u"index") {
        // A new file: an export never merges into what is there.
        if (QFileInfo::exists(m_options.output))
            return userError(QCoreApplication::translate(
                "cli", "%1 exists: export --format index writes a new file")
                    .arg(FileName::display(m_options.output)));
        return copyIndex(
            databasePath(), QFileInfo(m_options.output).absoluteFilePath(), m_options.arguments);
    }
    auto reader = StoreReader::open(databasePath());
    if (!reader)
        return userError(reader.errorMessage(), 3);
    int code = 0;
    const auto space = chooseSpace(**reader, &code);
    if (!space)
        return code;
    VectorExporter exporter(**reader, *space);
    if (m_options.format == u"npy") {
        auto rows = exporter.writeNpy(m_options.output);
        if (!rows)
            return userError(rows.errorMessage(), (*reader)->fault() ? 3 : 1);
        if (m_options.json) {
            const QString base = QFileInfo(m_options.output).absoluteFilePath();
            printJson(QJsonDocument(exportSummary((*reader)->path(), m_options.format,
                { base + u".npy", base + u".jsonl" }, *rows, space->key)));
        } else if (!m_options.quiet)
            QTextStream(stderr) << QCoreApplication::translate(
                "cli", "%n vector(s) written to %1.npy and %1.jsonl\n", nullptr, int(*rows))
                                       .arg(m_options.output);
        return 0;
    }
    QFile out;
    QSaveFile file(m_options.output);
    QIODevice *device = &out;
    if (m_options.output.isEmpty()) {
        if (!out.open(stdout, QIODevice::WriteOnly))
            return userError(out.errorString());
    } else {
        if (!file.open(QIODevice::WriteOnly))
            return userError(QCoreApplication::translate("cli", "cannot write %1: %2")
                    .arg(m_options.output, file.errorString()));
        device = &file;
    }
    auto rows = exporter.writeJsonl(*device);
    if (!rows)
        return userError(rows.errorMessage(), (*reader)->fault() ? 3 : 1);
    if (!m_options.output.isEmpty() && !file.commit())
        return userError(QCoreApplication::translate("cli", "cannot write %1: %2")
                .arg(m_options.output, file.errorString()));
    if (m_options.json)
        printJson(QJsonDocument(exportSummary((*reader)->path(), m_options.format,
            { QFileInfo(m_options.output).absoluteFilePath() }, *rows, space->key)));
    return 0;
}

int CliCommands::search()
{
    Searcher searcher(databasePath());
    Searcher::Request request;
    request.query = m_options.arguments.join(u' ');
    request.k = m_options.topK;
    request.mode = m_options.searchMode;
    request.pathGlob = m_options.pathGlob;
    request.language = m_options.language;
    request.settings = m_options.settings;
    request.spaceGiven = m_options.providerGiven;
    request.keyFor = [this](const RunSettings &settings) { return apiKeyFor(settings); };
    auto answer = searcher.search(request);
    if (!answer)
        return userError(answer.errorMessage(), 3);
    if (answer->outcome == Searcher::Answer::Outcome::NothingIndexed)
        return userError(nothingIndexed(), 1);
    if (answer->outcome == Searcher::Answer::Outcome::SpaceNotIndexed)
        return userError(noVectorsOf(answer->space), 1);
    QStringList notSearched;
    for (const QString &root : std::as_const(answer->notSearched))
        notSearched.append(FileName::display(root));
    if (!notSearched.isEmpty())
        printErr(QCoreApplication::translate("cli",
            "not searched: %n folder(s) indexed with another model (%1); give that model's "
            "--provider and --model to search them",
            nullptr, int(notSearched.size()))
                .arg(notSearched.join(u", ")));
    if (answer->textsWithoutWords > 0)
        printErr(QCoreApplication::translate("cli",
            "%n text(s) indexed before the keyword index existed are found by meaning only; "
            "index their folders again to add their words (nothing is embedded again)",
            nullptr, int(answer->textsWithoutWords)));
    const QList<SearchHit> &hits = answer->hits;
    if (m_options.json) {
        QJsonArray rows;
        for (const SearchHit &hit : hits)
            rows.append(hitJson(hit));
        printJson(QJsonDocument(rows));
        return 0;
    }
    for (const SearchHit &hit : hits)
        printOut(hitText(hit));
    if (hits.isEmpty())
        printOut(m_options.pathGlob.isEmpty() && m_options.language.isEmpty()
                ? QCoreApplication::translate("cli", "No hits.\n")
                : QCoreApplication::translate("cli",
                      "No hits among the files --path and "
                      "--language leave.\n"));
    return 0;
}

int CliCommands::check()
{
    const QString path = databasePath();
    auto problems = StoreCheck::verify(
        path, m_options.fullCheck ? StoreCheck::Depth::Full : StoreCheck::Depth::Quick);
    if (!problems)
        return userError(problems.errorMessage(), 3);
    if (m_options.json) {
        const QJsonObject json { { QStringLiteral("database"), path },
            { QStringLiteral("ok"), problems->isEmpty() },
            { QStringLiteral("problems"), QJsonArray::fromStringList(*problems) } };
        printOut(QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)) + u'\n');
        return problems->isEmpty() ? 0 : 3;
    }
    if (problems->isEmpty()) {
        printOut(QCoreApplication::translate("cli", "%1: ok\n").arg(path));
        return 0;
    }
    for (const QString &problem : std::as_const(*problems))
        printOut(problem + u'\n');
    return userError(StoreCheck::damaged(path,
                         QCoreApplication::translate(
                             "cli", "%n problem(s) found", nullptr, int(problems->size())))
                         .message,
        3);
}

int CliCommands::remove()
{
    const QString db = databasePath();
    QJsonArray removed;
    for (const QString &path : std::as_const(m_options.arguments)) {
        const Result<QList<FolderRemoval::Removed>> done = FolderRemoval::remove(db, path);
        if (!done)
            return userError(done.errorMessage());
        for (const FolderRemoval::Removed &folder : *done) {
            const RemovedSource &what = folder.what;
            if (m_options.json)
                removed.append(QJsonObject { { QStringLiteral("folder"), folder.root },
                    { QStringLiteral("files"), what.files },
                    { QStringLiteral("chunks"), what.chunks },
                    { QStringLiteral("vectors"), what.vectors } });
            else
                printOut(QCoreApplication::translate("cli",
                    "Removed %1: %2, %3, and %n vector(s) no other folder used.\n", nullptr,
                    int(what.vectors))
                        .arg(FileName::display(folder.root), files(what.files),
                            chunks(what.chunks)));
        }
    }
    if (m_options.json)
        printJson(QJsonDocument(QJsonObject { { QStringLiteral("removed"), removed } }));
    return 0;
}

int CliCommands::estimate()
{
    const QString db = databasePath();
    const RunSettings settings = m_options.providerGiven
        ? m_options.settings
        : IndexRequest::lastRunSettings(m_options.settings, db, false);
    Estimator::Options options;
    options.listIgnored = m_options.listFiles;
    options.rechunk = m_options.rechunk;
    auto estimate = Estimator::run(m_options.arguments, settings, db, options);
    if (!estimate)
        return userError(estimate.errorMessage(), 2);
    const Estimator::Estimate &e = *estimate;
    if (m_options.json) {
        QJsonObject json { { QStringLiteral("model"), e.model },
            { QStringLiteral("chunks"), e.chunks },
            { QStringLiteral("chunks_to_send"), e.chunksToSend },
            { QStringLiteral("tokens"), e.tokens },
            { QStringLiteral("tokens_to_send"), e.tokensToSend },
            { QStringLiteral("usd_per_million_tokens"), e.usdPerMillion },
            { QStringLiteral("price_known"), e.priceKnown },
            { QStringLiteral("cost_usd"), e.costUsd() },
            { QStringLiteral("files_cut_before"), e.filesCutBefore } };
        if (m_options.listFiles) {
            QJsonArray files;
            for (const Estimator::FileEstimate &f : e.files)
                files.append(QJsonObject {
                    { QStringLiteral("path"), FileName::display(f.file.absolutePath) },
                    { QStringLiteral("indexed"), f.file.isIndexed() },
                    { QStringLiteral("reason"), f.file.skipMessage },
                    { QStringLiteral("skip"), skipReasonName(f.file.skipReason) },
                    { QStringLiteral("chunks"), f.chunks }, { QStringLiteral("tokens"), f.tokens },
                    { QStringLiteral("tokens_to_send"), f.tokensToSend },
                    { QStringLiteral("encoding"), f.encoding } });
            json.insert(QStringLiteral("files"), files);
        }
        printOut(QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)) + u'\n');
        return 0;
    }
    if (m_options.listFiles) {
        for (const Estimator::FileEstimate &f : e.files) {
            if (f.file.isIndexed())
                printOut(
                    QCoreApplication::translate("cli", "index  %1  (%2, %3 tokens, %4 to send)\n")
                        .arg(FileName::display(f.file.absolutePath), chunks(f.chunks),
                            QString::number(f.tokens), QString::number(f.tokensToSend)));
            else
                printOut(QCoreApplication::translate("cli", "skip   %1  (%2)\n")
                        .arg(FileName::display(f.file.absolutePath), f.file.skipMessage));
        }
    }
    printOut(QCoreApplication::translate(
        "cli", "%1, %2 tokens; to send: %3, %4 tokens; %5 at $%6 per 1M tokens: $%7%8\n")
            .arg(chunks(e.chunks), QString::number(e.tokens), chunks(e.chunksToSend),
                QString::number(e.tokensToSend), e.model, QString::number(e.usdPerMillion, 'f', 4),
                QString::number(e.costUsd(), 'f', 4),
                e.priceKnown ? QString()
                             : QCoreApplication::translate("cli",
                                   " (no price known for this model: set one with --price)")));
    if (e.filesCutBefore > 0)
        printOut(olderCutsText(e.filesCutBefore));
    return 0;
}

} // namespace SignalHub::Cli
