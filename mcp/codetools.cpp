#include "codetools.h"

#include "filename.h"
#include "logging.h"
#include "snippetreader.h"
#include "storereader.h"
#include "watcher.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace SignalHub::Core {

namespace {

const QString SearchCode = QStringLiteral("search_code");
const QString ReadLines = QStringLiteral("read_lines");
const QString IndexStatus = QStringLiteral("index_status");
const QString ReindexTool = QStringLiteral("reindex");

QJsonObject schema(const QJsonObject &properties, const QStringList &required = {})
{
    return { { QStringLiteral("type"), QStringLiteral("object") },
        { QStringLiteral("properties"), properties },
        { QStringLiteral("required"), QJsonArray::fromStringList(required) },
        { QStringLiteral("additionalProperties"), false } };
}

QJsonObject typed(const char *type, const QString &description = QString())
{
    QJsonObject property { { QStringLiteral("type"), QLatin1StringView(type) } };
    if (!description.isEmpty())
        property.insert(QStringLiteral("description"), description);
    return property;
}

QJsonObject arrayOf(const QJsonObject &items)
{
    return { { QStringLiteral("type"), QStringLiteral("array") },
        { QStringLiteral("items"), items } };
}

QJsonObject nullable(const char *type)
{
    return { { QStringLiteral("type"),
        QJsonArray { QLatin1StringView(type), QStringLiteral("null") } } };
}

QJsonObject location()
{
    return schema({ { QStringLiteral("path"), typed("string") },
                      { QStringLiteral("start_line"), typed("integer") },
                      { QStringLiteral("end_line"), typed("integer") } },
        { QStringLiteral("path"), QStringLiteral("start_line"), QStringLiteral("end_line") });
}

QJsonObject tool(const QString &name, const QString &title, const QString &description,
    const QJsonObject &input, const QJsonObject &output, bool readOnly)
{
    return { { QStringLiteral("name"), name }, { QStringLiteral("title"), title },
        { QStringLiteral("description"), description }, { QStringLiteral("inputSchema"), input },
        { QStringLiteral("outputSchema"), output },
        { QStringLiteral("annotations"),
            QJsonObject { { QStringLiteral("readOnlyHint"), readOnly },
                { QStringLiteral("destructiveHint"), false },
                { QStringLiteral("idempotentHint"), true },
                { QStringLiteral("openWorldHint"), false } } } };
}

QJsonObject answer(const QString &text, const QJsonObject &structured)
{
    return { { QStringLiteral("content"),
                 QJsonArray { QJsonObject { { QStringLiteral("type"), QStringLiteral("text") },
                     { QStringLiteral("text"), text } } } },
        { QStringLiteral("structuredContent"), structured }, { QStringLiteral("isError"), false } };
}

QJsonObject failure(const QString &message)
{
    return { { QStringLiteral("content"),
                 QJsonArray { QJsonObject { { QStringLiteral("type"), QStringLiteral("text") },
                     { QStringLiteral("text"), message } } } },
        { QStringLiteral("isError"), true } };
}

// A fence longer than any run of backticks in the text, so a snippet never closes it.
QString fenced(const QString &text, const QString &language)
{
    qsizetype longest = 0;
    static const QRegularExpression ticks(QStringLiteral("`+"));
    for (auto it = ticks.globalMatch(text); it.hasNext();)
        longest = std::max(longest, it.next().capturedLength());
    const QString fence(std::max<qsizetype>(3, longest + 1), u'`');
    // Markdown's names where KSyntaxHighlighting's have signs in them.
    QString info = language.toLower().remove(u' ');
    if (info == u"c++")
        info = QStringLiteral("cpp");
    else if (info == u"c#")
        info = QStringLiteral("csharp");
    return fence + info + u'\n' + text + u'\n' + fence + u'\n';
}

// The indexed folder that holds `path` (absolute, or relative to one of them), and the path
// with symbolic links resolved, so a link cannot lead out of the folder.
struct Inside
{
    QString root;
    QString path;
};

Result<Inside> insideIndexedFolder(const QString &databasePath, const QString &path)
{
    auto reader = StoreReader::open(databasePath);
    if (!reader)
        return reader.error();
    auto sources = (*reader)->sources();
    if (!sources)
        return sources.error();
    for (const SourceSpace &source : std::as_const(*sources)) {
        const QString candidate = QDir(source.root).absoluteFilePath(path);
        const QString real = QFileInfo(candidate).canonicalFilePath();
        const QString root = QFileInfo(source.root).canonicalFilePath();
        if (real.isEmpty() || root.isEmpty())
            continue;
        if (real == root || real.startsWith(root + u'/'))
            return Inside { source.root, real };
    }
    QStringList roots;
    for (const SourceSpace &source : std::as_const(*sources))
        roots.append(FileName::display(source.root));
    return Error { roots.isEmpty()
            ? QStringLiteral("nothing is indexed yet, so no file can be read")
            : QStringLiteral("%1 is not inside an indexed folder (%2)")
                  .arg(path, roots.join(QStringLiteral(", "))) };
}

Result<int> integer(
    const QJsonObject &arguments, const QString &name, int fallback, int minimum, int maximum)
{
    const QJsonValue value = arguments.value(name);
    if (value.isUndefined() || value.isNull())
        return fallback;
    const double number = value.toDouble(std::numeric_limits<double>::quiet_NaN());
    if (!value.isDouble() || number != std::floor(number) || number < minimum || number > maximum)
        return Error { QStringLiteral("%1 must be a whole number from %2 to %3")
                .arg(name)
                .arg(minimum)
                .arg(maximum) };
    return int(number);
}

Result<QString> text(const QJsonObject &arguments, const QString &name, bool required)
{
    const QJsonValue value = arguments.value(name);
    if (value.isUndefined() && !required)
        return QString();
    if (!value.isString() || (required && value.toString().trimmed().isEmpty()))
        return Error { QStringLiteral("%1 must be a non-empty string").arg(name) };
    return value.toString();
}

Status onlyKnown(const QJsonObject &arguments, const QStringList &known)
{
    for (auto it = arguments.begin(); it != arguments.end(); ++it)
        if (!known.contains(it.key()))
            return Error { QStringLiteral("unknown argument %1 (known: %2)")
                    .arg(it.key(), known.join(QStringLiteral(", "))) };
    return {};
}

QString modeName(Searcher::Mode mode)
{
    switch (mode) {
    case Searcher::Mode::Vector:
        return QStringLiteral("vector");
    case Searcher::Mode::Keyword:
        return QStringLiteral("keyword");
    case Searcher::Mode::Hybrid:
        break;
    }
    return QStringLiteral("hybrid");
}

QJsonObject renderSearch(const Result<Searcher::Answer> &found, const Searcher::Request &request,
    const QStringList &pending)
{
    if (!found)
        return failure(found.errorMessage());
    if (found->outcome == Searcher::Answer::Outcome::NothingIndexed)
        return failure(QStringLiteral(
            "nothing is indexed yet: run `signalhub-cli index FOLDER` (or call reindex with a "
            "folder that was indexed before)"));
    if (found->outcome == Searcher::Answer::Outcome::SpaceNotIndexed)
        return failure(
            QStringLiteral("the index holds no vectors of %1").arg(found->space.displayName()));
    QJsonArray results;
    QString text;
    int budget = CodeTools::SnippetBudgetChars;
    for (const SearchHit &hit : found->hits) {
        const QString path = FileName::display(hit.path);
        QStringList lines
            = SnippetReader::lines(hit, CodeTools::MaxSnippetLines).value_or(QStringList());
        const int shown = std::max(0, hit.endLine - hit.startLine + 1);
        bool truncated = lines.size() < shown;
        QString snippet = lines.join(u'\n');
        if (snippet.size() > budget) {
            // Whole lines only: cut where the budget runs out.
            snippet.truncate(std::max<qsizetype>(0, snippet.lastIndexOf(u'\n', budget)));
            truncated = true;
        }
        budget -= int(snippet.size());
        QJsonArray alsoAt;
        for (const SearchLocation &other : hit.alsoAt)
            alsoAt.append(QJsonObject { { QStringLiteral("path"), FileName::display(other.path) },
                { QStringLiteral("start_line"), other.startLine },
                { QStringLiteral("end_line"), other.endLine } });
        results.append(QJsonObject { { QStringLiteral("path"), path },
            { QStringLiteral("start_line"), hit.startLine },
            { QStringLiteral("end_line"), hit.endLine }, { QStringLiteral("score"), hit.score },
            { QStringLiteral("language"), hit.language }, { QStringLiteral("snippet"), snippet },
            { QStringLiteral("truncated"), truncated }, { QStringLiteral("stale"), hit.stale },
            { QStringLiteral("also_at"), alsoAt } });
        text
            += QStringLiteral("%1:%2-%3  score %4%5%6\n")
                   .arg(path)
                   .arg(hit.startLine)
                   .arg(hit.endLine)
                   .arg(hit.score, 0, 'f', 3)
                   .arg(hit.language.isEmpty() ? QString() : QStringLiteral("  ") + hit.language)
                   .arg(hit.stale ? QStringLiteral("  (changed since it was indexed)") : QString());
        if (!snippet.isEmpty())
            text += fenced(snippet, hit.language);
        if (truncated)
            text += QStringLiteral("(shortened: read_lines %1 %2-%3 shows all of it)\n")
                        .arg(path)
                        .arg(hit.startLine)
                        .arg(hit.endLine);
        for (const SearchLocation &other : hit.alsoAt)
            text += QStringLiteral("also at %1:%2-%3\n")
                        .arg(FileName::display(other.path))
                        .arg(other.startLine)
                        .arg(other.endLine);
        text += u'\n';
    }
    if (found->hits.isEmpty())
        text = request.pathGlob.isEmpty() && request.language.isEmpty()
            ? QStringLiteral("No hits.\n")
            : QStringLiteral("No hits among the files the path and language filters leave.\n");
    QJsonArray notSearched;
    for (const QString &root : found->notSearched)
        notSearched.append(FileName::display(root));
    if (!notSearched.isEmpty())
        text += QStringLiteral("Not searched (indexed with another model): %1\n")
                    .arg(found->notSearched.join(QStringLiteral(", ")));
    QJsonArray pendingPaths;
    for (const QString &path : pending)
        pendingPaths.append(FileName::display(path));
    if (!pending.isEmpty())
        text += QStringLiteral("Changed but not searched yet (being indexed): %1\n")
                    .arg(pending.join(QStringLiteral(", ")));
    return answer(text,
        { { QStringLiteral("results"), results },
            { QStringLiteral("mode"), modeName(request.mode) },
            { QStringLiteral("pending_paths"), pendingPaths },
            { QStringLiteral("not_searched"), notSearched } });
}

QJsonObject renderLines(const QString &databasePath, const QString &path, int start, int end)
{
    const auto inside = insideIndexedFolder(databasePath, path);
    if (!inside)
        return failure(inside.errorMessage());
    QFile file(inside->path);
    if (!QFileInfo(inside->path).isFile() || !file.open(QIODevice::ReadOnly))
        return failure(QStringLiteral("cannot read %1: %2")
                .arg(path,
                    QFileInfo(inside->path).isFile() ? file.errorString()
                                                     : QStringLiteral("not a file")));
    QStringList lines;
    int total = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine();
        ++total;
        if (total >= start && total <= end)
            lines.append(QString::fromUtf8(line).chopped(line.endsWith('\n') ? 1 : 0));
    }
    if (start > total)
        return failure(
            QStringLiteral("%1 has %2 lines; start_line is %3").arg(path).arg(total).arg(start));
    const int last = std::min(end, total);
    const QString body = lines.join(u'\n');
    QString text = QStringLiteral("%1:%2-%3 of %4 lines\n")
                       .arg(FileName::display(inside->path))
                       .arg(start)
                       .arg(last)
                       .arg(total)
        + fenced(body, QFileInfo(inside->path).suffix());
    return answer(text,
        { { QStringLiteral("path"), FileName::display(inside->path) },
            { QStringLiteral("start_line"), start }, { QStringLiteral("end_line"), last },
            { QStringLiteral("total_lines"), total }, { QStringLiteral("text"), body } });
}

struct StoreState
{
    QList<FolderCounts> folders;
    QList<RunRow> running;
    std::optional<RunRow> lastRun;
};

Result<StoreState> readStoreState(const QString &databasePath)
{
    auto reader = StoreReader::open(databasePath);
    if (!reader)
        return reader.error();
    auto folders = (*reader)->folderCounts();
    if (!folders)
        return folders.error();
    auto runs = (*reader)->runs();
    if (!runs)
        return runs.error();
    StoreState state;
    state.folders = *folders;
    for (const RunRow &run : std::as_const(*runs)) {
        if (run.status == u"running")
            state.running.append(run);
        if (!state.lastRun || run.id > state.lastRun->id)
            state.lastRun = run;
    }
    return state;
}

QJsonValue timeJson(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODate)) : QJsonValue();
}

QJsonObject runJson(const RunRow &run)
{
    return { { QStringLiteral("run"), run.id }, { QStringLiteral("status"), run.status },
        { QStringLiteral("model"), run.model },
        { QStringLiteral("started"), timeJson(run.started) },
        { QStringLiteral("finished"), timeJson(run.finished) } };
}

} // namespace

CodeTools::CodeTools(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_searcher(std::make_shared<Searcher>(m_options.databasePath))
{
    connect(&m_indexer, &Indexer::finished, this, [this](const IndexSummary &summary) {
        qCInfo(lcMcp) << "reindex run" << summary.runId << "ended:" << summary.stored << "stored,"
                      << summary.failed << "failed";
        m_reindexing.clear();
        startNextReindex();
    });
}

CodeTools::~CodeTools() = default;

void CodeTools::setWatcher(Watcher *watcher)
{
    m_watcher = watcher;
}

QString CodeTools::instructions()
{
    return QStringLiteral(
        "Signal Hub indexes code folders for search by meaning and by identifier. Use "
        "search_code to find where something is implemented or used (describe it in words, or "
        "give identifiers), read_lines to read around a hit, index_status to see which folders "
        "are indexed and how current they are, and reindex after large changes to a folder "
        "nobody watches.");
}

QJsonArray CodeTools::definitions() const
{
    const QJsonObject hit = schema({ { QStringLiteral("path"), typed("string") },
                                       { QStringLiteral("start_line"), typed("integer") },
                                       { QStringLiteral("end_line"), typed("integer") },
                                       { QStringLiteral("score"), typed("number") },
                                       { QStringLiteral("language"), typed("string") },
                                       { QStringLiteral("snippet"), typed("string") },
                                       { QStringLiteral("truncated"), typed("boolean") },
                                       { QStringLiteral("stale"), typed("boolean") },
                                       { QStringLiteral("also_at"), arrayOf(location()) } },
        { QStringLiteral("path"), QStringLiteral("start_line"), QStringLiteral("end_line"),
            QStringLiteral("score"), QStringLiteral("snippet") });
    QJsonObject mode = typed("string",
        QStringLiteral("hybrid (default) fuses meaning and identifiers; vector is meaning only, "
                       "keyword identifiers and words only"));
    mode.insert(QStringLiteral("enum"),
        QJsonArray {
            QStringLiteral("hybrid"), QStringLiteral("vector"), QStringLiteral("keyword") });
    QJsonObject limit = typed("integer", QStringLiteral("hits to return (default 10)"));
    limit.insert(QStringLiteral("minimum"), 1);
    limit.insert(QStringLiteral("maximum"), MaxLimit);
    QJsonObject query = typed("string",
        QStringLiteral("what the code does, in words, or identifiers (parseJsonString and "
                       "parse_json_string both match the words parse json string)"));
    query.insert(QStringLiteral("minLength"), 1);
    QJsonObject line = typed("integer");
    line.insert(QStringLiteral("minimum"), 1);

    const QJsonObject folder = schema({ { QStringLiteral("path"), typed("string") },
                                          { QStringLiteral("files"), typed("integer") },
                                          { QStringLiteral("chunks"), typed("integer") },
                                          { QStringLiteral("stored"), typed("integer") },
                                          { QStringLiteral("pending"), typed("integer") },
                                          { QStringLiteral("failed"), typed("integer") },
                                          { QStringLiteral("watched"), typed("boolean") },
                                          { QStringLiteral("state"), typed("string") },
                                          { QStringLiteral("up_to_date_at"), nullable("string") } },
        { QStringLiteral("path"), QStringLiteral("files"), QStringLiteral("chunks"),
            QStringLiteral("stored"), QStringLiteral("pending"), QStringLiteral("failed"),
            QStringLiteral("watched"), QStringLiteral("state") });
    const QJsonObject run = schema({ { QStringLiteral("run"), typed("integer") },
        { QStringLiteral("status"), typed("string") }, { QStringLiteral("model"), typed("string") },
        { QStringLiteral("started"), nullable("string") },
        { QStringLiteral("finished"), nullable("string") } });

    return {
        tool(SearchCode, QStringLiteral("Search the indexed code"),
            QStringLiteral("Finds code in the indexed folders by meaning and by identifiers. "
                           "Returns path:start-end, score and the lines of each hit."),
            schema({ { QStringLiteral("query"), query }, { QStringLiteral("limit"), limit },
                       { QStringLiteral("path"),
                           typed("string",
                               QStringLiteral("only files whose path inside their folder "
                                              "matches this glob, e.g. src/**/*.cpp")) },
                       { QStringLiteral("language"),
                           typed("string",
                               QStringLiteral("only files of this language, e.g. C++, Python")) },
                       { QStringLiteral("mode"), mode } },
                { QStringLiteral("query") }),
            schema({ { QStringLiteral("results"), arrayOf(hit) },
                       { QStringLiteral("mode"), typed("string") },
                       { QStringLiteral("pending_paths"),
                           arrayOf(typed("string",
                               QStringLiteral("changed files whose new text is not searched "
                                              "yet"))) },
                       { QStringLiteral("not_searched"), arrayOf(typed("string")) } },
                { QStringLiteral("results"), QStringLiteral("pending_paths") }),
            true),
        tool(ReadLines, QStringLiteral("Read lines of an indexed file"),
            QStringLiteral("Reads lines of a file inside an indexed folder (at most %1 per "
                           "call); path is absolute or relative to its folder.")
                .arg(MaxReadLines),
            schema(
                { { QStringLiteral("path"), typed("string") },
                    { QStringLiteral("start_line"), line }, { QStringLiteral("end_line"), line } },
                { QStringLiteral("path"), QStringLiteral("start_line") }),
            schema({ { QStringLiteral("path"), typed("string") },
                       { QStringLiteral("start_line"), typed("integer") },
                       { QStringLiteral("end_line"), typed("integer") },
                       { QStringLiteral("total_lines"), typed("integer") },
                       { QStringLiteral("text"), typed("string") } },
                { QStringLiteral("path"), QStringLiteral("start_line"), QStringLiteral("end_line"),
                    QStringLiteral("total_lines"), QStringLiteral("text") }),
            true),
        tool(IndexStatus, QStringLiteral("Index status"),
            QStringLiteral("Lists the indexed folders with their files, chunk counts (stored, "
                           "pending, failed), whether they are watched and up to date, and the "
                           "runs going on."),
            schema({}),
            schema({ { QStringLiteral("database"), typed("string") },
                       { QStringLiteral("folders"), arrayOf(folder) },
                       { QStringLiteral("running"), arrayOf(run) },
                       { QStringLiteral("last_run"),
                           QJsonObject { { QStringLiteral("anyOf"),
                               QJsonArray { run,
                                   QJsonObject {
                                       { QStringLiteral("type"), QStringLiteral("null") } } } } } },
                       { QStringLiteral("reindexing"), arrayOf(typed("string")) } },
                { QStringLiteral("database"), QStringLiteral("folders"), QStringLiteral("running"),
                    QStringLiteral("reindexing") }),
            true),
        tool(ReindexTool, QStringLiteral("Index a path again"),
            QStringLiteral("Indexes a file or folder inside an indexed folder again, now; "
                           "returns at once, index_status shows the progress. Unchanged files "
                           "cost nothing."),
            schema({ { QStringLiteral("path"), typed("string") } }, { QStringLiteral("path") }),
            schema({ { QStringLiteral("path"), typed("string") },
                       { QStringLiteral("folder"), typed("string") },
                       { QStringLiteral("queued"), typed("boolean") } },
                { QStringLiteral("path"), QStringLiteral("folder"), QStringLiteral("queued") }),
            false),
    };
}

bool CodeTools::has(const QString &name) const
{
    return name == SearchCode || name == ReadLines || name == IndexStatus || name == ReindexTool;
}

void CodeTools::call(
    const QString &name, const QJsonObject &arguments, QObject *context, Reply reply)
{
    if (name == SearchCode)
        searchCode(arguments, context, std::move(reply));
    else if (name == ReadLines)
        readLines(arguments, context, std::move(reply));
    else if (name == IndexStatus)
        indexStatus(context, std::move(reply));
    else
        reindex(arguments, context, std::move(reply));
}

Result<Searcher::Request> CodeTools::searchRequest(const QJsonObject &arguments) const
{
    if (Status known = onlyKnown(arguments,
            { QStringLiteral("query"), QStringLiteral("limit"), QStringLiteral("path"),
                QStringLiteral("language"), QStringLiteral("mode") });
        !known)
        return known.error();
    Searcher::Request request;
    const auto query = text(arguments, QStringLiteral("query"), true);
    const auto limit = integer(arguments, QStringLiteral("limit"), 10, 1, MaxLimit);
    const auto glob = text(arguments, QStringLiteral("path"), false);
    const auto language = text(arguments, QStringLiteral("language"), false);
    const auto mode = text(arguments, QStringLiteral("mode"), false);
    for (const QString &problem : { query.errorMessage(), limit.errorMessage(), glob.errorMessage(),
             language.errorMessage(), mode.errorMessage() })
        if (!problem.isEmpty())
            return Error { problem };
    if (*mode == u"vector")
        request.mode = Searcher::Mode::Vector;
    else if (*mode == u"keyword")
        request.mode = Searcher::Mode::Keyword;
    else if (!mode->isEmpty() && *mode != u"hybrid")
        return Error {
            QStringLiteral("mode must be hybrid, vector or keyword, not %1").arg(*mode)
        };
    request.query = *query;
    request.k = *limit;
    request.pathGlob = *glob;
    request.language = *language;
    request.settings = m_options.settings;
    request.spaceGiven = m_options.spaceGiven;
    request.keyFor = m_options.keyFor;
    return request;
}

void CodeTools::searchCode(const QJsonObject &arguments, QObject *context, Reply reply)
{
    auto request = searchRequest(arguments);
    if (!request) {
        reply(failure(request.errorMessage()));
        return;
    }
    whenFresh([this, context, request = *request, reply = std::move(reply)](
                  const QStringList &pending) mutable {
        QtConcurrent::run([searcher = m_searcher, request, pending] {
            return renderSearch(searcher->search(request), request, pending);
        }).then(context, std::move(reply));
    });
}

void CodeTools::whenFresh(std::function<void(const QStringList &pending)> then)
{
    if (!m_watcher) {
        then({});
        return;
    }
    m_watcher->settle([this, then = std::move(then)]() mutable {
        // One waiter per search: it ends when nothing is pending or at the deadline, and its
        // connections end with it.
        auto *waiter = new QObject(this);
        const QDeadlineTimer deadline(FreshnessWait);
        const auto check = [this, waiter, deadline, then]() {
            const QStringList pending = m_watcher ? m_watcher->pendingPaths() : QStringList();
            if ((!pending.isEmpty() && !deadline.hasExpired()) || waiter->property("done").toBool())
                return;
            waiter->setProperty("done", true);
            waiter->deleteLater();
            then(pending);
        };
        if (m_watcher)
            connect(m_watcher, &Watcher::runFinished, waiter, check);
        QTimer::singleShot(FreshnessWait, waiter, check);
        check();
    });
}

void CodeTools::readLines(const QJsonObject &arguments, QObject *context, Reply reply)
{
    const auto path = text(arguments, QStringLiteral("path"), true);
    const auto start = integer(arguments, QStringLiteral("start_line"), 0, 1, INT_MAX);
    const auto end = integer(arguments, QStringLiteral("end_line"),
        start && *start > 0 ? *start + MaxReadLines - 1 : 1, 1, INT_MAX);
    Status known = onlyKnown(arguments,
        { QStringLiteral("path"), QStringLiteral("start_line"), QStringLiteral("end_line") });
    for (const QString &problem :
        { known.errorMessage(), path.errorMessage(), start.errorMessage(), end.errorMessage() })
        if (!problem.isEmpty()) {
            reply(failure(problem));
            return;
        }
    if (*start == 0 || *end < *start) {
        reply(failure(*start == 0 ? QStringLiteral("start_line is required")
                                  : QStringLiteral("end_line must not be before start_line")));
        return;
    }
    const int last = std::min(*end, *start + MaxReadLines - 1);
    QtConcurrent::run([db = m_options.databasePath, path = *path, first = *start, last] {
        return renderLines(db, path, first, last);
    }).then(context, std::move(reply));
}

QJsonArray CodeTools::watchedFolders() const
{
    QJsonArray folders;
    if (!m_watcher)
        return folders;
    for (const Watcher::Folder &f : m_watcher->folders())
        folders.append(QJsonObject { { QStringLiteral("root"), f.root },
            { QStringLiteral("watching"), f.watching }, { QStringLiteral("indexing"), f.indexing },
            { QStringLiteral("waiting_for_git"), f.waitingForGit },
            { QStringLiteral("held"), f.held },
            { QStringLiteral("up_to_date_at"), timeJson(f.upToDate) } });
    return folders;
}

void CodeTools::indexStatus(QObject *context, Reply reply)
{
    // The watcher's state is read here, on its thread; the store's on the pool.
    QtConcurrent::run([db = m_options.databasePath, watched = watchedFolders(),
                          reindexing = m_reindexing] {
        const auto state = readStoreState(db);
        if (!state)
            return failure(state.errorMessage());
        QJsonArray folders;
        QString text;
        for (const FolderCounts &counts : state->folders) {
            QJsonObject watch;
            for (const QJsonValue &w : watched)
                if (w[u"root"] == counts.root)
                    watch = w.toObject();
            const bool watching = watch.value(u"watching").toBool();
            QString stateName = QStringLiteral("not watched");
            if (!watch.value(u"held").toString().isEmpty())
                stateName = QStringLiteral("changes wait: ") + watch.value(u"held").toString();
            else if (watch.value(u"waiting_for_git").toBool())
                stateName = QStringLiteral("waiting for git");
            else if (watch.value(u"indexing").toBool())
                stateName = QStringLiteral("indexing changes");
            else if (watching)
                stateName = QStringLiteral("up to date, watched");
            const QJsonValue upToDate = watch.value(u"up_to_date_at");
            folders.append(QJsonObject { { QStringLiteral("path"), FileName::display(counts.root) },
                { QStringLiteral("files"), counts.files },
                { QStringLiteral("chunks"), counts.chunks },
                { QStringLiteral("stored"), counts.stored },
                { QStringLiteral("pending"), counts.pending },
                { QStringLiteral("failed"), counts.failed },
                { QStringLiteral("watched"), watching }, { QStringLiteral("state"), stateName },
                { QStringLiteral("up_to_date_at"),
                    upToDate.isUndefined() ? QJsonValue() : upToDate } });
            text += QStringLiteral(
                "%1: %2 files, %3 chunks (%4 stored, %5 pending, %6 failed); %7\n")
                        .arg(FileName::display(counts.root))
                        .arg(counts.files)
                        .arg(counts.chunks)
                        .arg(counts.stored)
                        .arg(counts.pending)
                        .arg(counts.failed)
                        .arg(stateName);
        }
        if (state->folders.isEmpty())
            text = QStringLiteral("Nothing is indexed yet.\n");
        QJsonArray running;
        for (const RunRow &run : state->running) {
            running.append(runJson(run));
            text += QStringLiteral("Run %1 is going on (started %2).\n")
                        .arg(run.id)
                        .arg(run.started.toUTC().toString(Qt::ISODate));
        }
        for (const QString &path : reindexing)
            text += QStringLiteral("Indexing again: %1\n").arg(path);
        return answer(text,
            { { QStringLiteral("database"), db }, { QStringLiteral("folders"), folders },
                { QStringLiteral("running"), running },
                { QStringLiteral("last_run"),
                    state->lastRun ? QJsonValue(runJson(*state->lastRun)) : QJsonValue() },
                { QStringLiteral("reindexing"), QJsonArray::fromStringList(reindexing) } });
    }).then(context, std::move(reply));
}

void CodeTools::reindex(const QJsonObject &arguments, QObject *context, Reply reply)
{
    const auto path = text(arguments, QStringLiteral("path"), true);
    const Status known = onlyKnown(arguments, { QStringLiteral("path") });
    if (!path || !known) {
        reply(failure(path ? known.errorMessage() : path.errorMessage()));
        return;
    }
    QtConcurrent::run([db = m_options.databasePath, settings = m_options.settings,
                          path = *path]() -> Result<Reindex> {
        const auto inside = insideIndexedFolder(db, path);
        if (!inside)
            return inside.error();
        Reindex next;
        next.root = inside->root;
        // The run names paths as the store does: below the folder as it was indexed.
        const QString relative
            = QDir(QFileInfo(inside->root).canonicalFilePath()).relativeFilePath(inside->path);
        if (relative != u".")
            next.paths.append(QDir(inside->root).filePath(relative));
        next.settings = IndexRequest::lastRunSettings(settings, db, true);
        return next;
    }).then(context, [this, reply = std::move(reply)](const Result<Reindex> &next) {
        if (!next) {
            reply(failure(next.errorMessage()));
            return;
        }
        const QString target = next->paths.isEmpty() ? next->root : next->paths.first();
        startReindex(*next);
        reply(answer(QStringLiteral("Indexing %1 again; index_status shows when it is done.\n")
                         .arg(FileName::display(target)),
            { { QStringLiteral("path"), FileName::display(target) },
                { QStringLiteral("folder"), FileName::display(next->root) },
                { QStringLiteral("queued"), true } }));
    });
}

void CodeTools::startReindex(const Reindex &next)
{
    if (m_watcher && m_watcher->reindex(next.paths.isEmpty() ? next.root : next.paths.first()))
        return;
    m_reindexQueue.append(next);
    startNextReindex();
}

void CodeTools::startNextReindex()
{
    if (m_indexer.isRunning() || m_reindexQueue.isEmpty())
        return;
    const Reindex next = m_reindexQueue.takeFirst();
    IndexRequest request;
    request.roots = { next.root };
    request.onlyPaths = next.paths;
    request.settings = next.settings;
    request.apiKey = m_options.apiKey;
    request.databasePath = m_options.databasePath;
    m_reindexing = next.paths.isEmpty() ? QStringList { next.root } : next.paths;
    qCInfo(lcMcp) << "indexing again:" << m_reindexing;
    m_indexer.start(request);
}

} // namespace SignalHub::Core
