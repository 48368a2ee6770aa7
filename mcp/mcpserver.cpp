#include "mcpserver.h"

#include "codetools.h"
#include "logging.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace SignalHub::Core {

namespace {

// Methods the stateless revision removed: they are unknown there, with HTTP's 404.
bool removedInStateless(const QString &method)
{
    static const QStringList removed { QStringLiteral("initialize"), QStringLiteral("ping"),
        QStringLiteral("logging/setLevel"), QStringLiteral("resources/subscribe"),
        QStringLiteral("resources/unsubscribe"), QStringLiteral("notifications/initialized") };
    return removed.contains(method);
}

// The stateless revision marks every result complete, and lets clients cache lists a while.
QJsonObject statelessResult(const QString &method, QJsonObject result)
{
    result.insert(QStringLiteral("resultType"), QStringLiteral("complete"));
    if (method == u"server/discover" || method == u"tools/list") {
        // Tools never change while we run, but a new index may change what they find.
        result.insert(QStringLiteral("ttlMs"), 0);
        result.insert(QStringLiteral("cacheScope"), QStringLiteral("private"));
    }
    return result;
}

} // namespace

McpServer::McpServer(CodeTools &tools, QObject *parent)
    : QObject(parent)
    , m_tools(tools)
{ }

const QStringList &McpServer::sessionRevisions()
{
    static const QStringList revisions { QStringLiteral("2025-03-26"), QStringLiteral("2025-06-18"),
        QStringLiteral("2025-11-25") };
    return revisions;
}

QString McpServer::statelessRevision()
{
    return QStringLiteral("2026-07-28");
}

QString McpServer::metaKey(const char *name)
{
    return QStringLiteral("io.modelcontextprotocol/") + QLatin1StringView(name);
}

QString McpServer::requestedRevision(const QJsonObject &message)
{
    return message.value(u"params")
        .toObject()
        .value(u"_meta")
        .toObject()
        .value(metaKey("protocolVersion"))
        .toString();
}

McpReply McpServer::error(
    const QJsonValue &id, int code, const QString &message, int httpStatus, const QJsonValue &data)
{
    QJsonObject error { { QStringLiteral("code"), code }, { QStringLiteral("message"), message } };
    if (!data.isUndefined() && !data.isNull())
        error.insert(QStringLiteral("data"), data);
    return { QJsonObject { { QStringLiteral("jsonrpc"), QStringLiteral("2.0") },
                 { QStringLiteral("id"), id.isUndefined() ? QJsonValue() : id },
                 { QStringLiteral("error"), error } },
        httpStatus };
}

McpReply McpServer::result(const QJsonValue &id, const QJsonObject &result)
{
    return { QJsonObject { { QStringLiteral("jsonrpc"), QStringLiteral("2.0") },
                 { QStringLiteral("id"), id }, { QStringLiteral("result"), result } },
        200 };
}

void McpServer::handle(
    const QJsonObject &message, const std::shared_ptr<McpSession> &session, Done done)
{
    const QJsonValue id = message.value(u"id");
    if (message.value(u"jsonrpc").toString() != u"2.0"
        || (!message.contains(u"method") && !message.contains(u"result")
            && !message.contains(u"error"))) {
        done(error(id, InvalidRequest, QStringLiteral("not a JSON-RPC 2.0 message"), 400));
        return;
    }
    if (!message.contains(u"method")) {
        // A response to a request of ours: we send none, so there is nothing to match it to.
        done({});
        return;
    }
    if (session)
        handleSession(message, *session, std::move(done));
    else
        handleStateless(message, std::move(done));
}

void McpServer::handleSession(const QJsonObject &message, McpSession &session, Done done)
{
    const QString method = message.value(u"method").toString();
    const QJsonValue id = message.value(u"id");
    const QJsonObject params = message.value(u"params").toObject();
    if (!message.contains(u"id")) {
        // Notifications (initialized, cancelled, progress) need no answer; a tool call that was
        // cancelled still finishes, and its answer is dropped by the client.
        qCDebug(lcMcp) << "notification" << method;
        done({});
        return;
    }
    if (method == u"initialize") {
        done(result(id, initializeResult(params, session)));
        return;
    }
    if (method == u"ping") {
        done(result(id, {}));
        return;
    }
    if (session.protocolVersion.isEmpty()) {
        done(error(id, InvalidRequest,
            QStringLiteral("send initialize first (or name the %1 revision in _meta)")
                .arg(statelessRevision()),
            400));
        return;
    }
    if (method == u"tools/list") {
        done(result(id, { { QStringLiteral("tools"), m_tools.definitions() } }));
        return;
    }
    if (method == u"tools/call") {
        callTool(id, params, 200, std::move(done));
        return;
    }
    done(error(id, MethodNotFound, QStringLiteral("unknown method: %1").arg(method)));
}

void McpServer::handleStateless(const QJsonObject &message, Done done)
{
    const QString method = message.value(u"method").toString();
    const QJsonValue id = message.value(u"id");
    const QJsonObject params = message.value(u"params").toObject();
    const QJsonObject meta = params.value(u"_meta").toObject();
    if (!message.contains(u"id")) {
        done({});
        return;
    }
    QStringList missing;
    for (const char *key : { "protocolVersion", "clientCapabilities" })
        if (!meta.contains(metaKey(key)))
            missing.append(metaKey(key));
    if (!missing.isEmpty()) {
        done(error(id, InvalidParams,
            QStringLiteral("without initialize, each request names in params._meta: %1")
                .arg(missing.join(u", ")),
            400));
        return;
    }
    const QString requested = meta.value(metaKey("protocolVersion")).toString();
    if (requested != statelessRevision()) {
        QJsonArray supported = QJsonArray::fromStringList(sessionRevisions());
        supported.append(statelessRevision());
        done(error(id, UnsupportedProtocolVersion,
            QStringLiteral("unsupported protocol version %1").arg(requested), 400,
            QJsonObject { { QStringLiteral("supported"), supported },
                { QStringLiteral("requested"), requested } }));
        return;
    }
    const auto complete = [method, done](const McpReply &reply) {
        McpReply answer = reply;
        if (answer.body.contains(u"result"))
            answer.body.insert(QStringLiteral("result"),
                statelessResult(method, answer.body.value(u"result").toObject()));
        done(answer);
    };
    if (method == u"server/discover") {
        complete(result(id, discoverResult()));
    } else if (method == u"tools/list") {
        complete(result(id, { { QStringLiteral("tools"), m_tools.definitions() } }));
    } else if (method == u"tools/call") {
        callTool(id, params, 400, complete);
    } else {
        done(error(id, MethodNotFound,
            removedInStateless(method) ? QStringLiteral("%1 is not part of the %2 revision")
                                             .arg(method, statelessRevision())
                                       : QStringLiteral("unknown method: %1").arg(method),
            404));
    }
}

void McpServer::callTool(
    const QJsonValue &id, const QJsonObject &params, int errorStatus, Done done)
{
    const QString name = params.value(u"name").toString();
    if (!m_tools.has(name)) {
        done(error(id, InvalidParams, QStringLiteral("unknown tool: %1").arg(name), errorStatus));
        return;
    }
    const QJsonValue arguments = params.value(u"arguments");
    if (!arguments.isUndefined() && !arguments.isObject()) {
        done(error(
            id, InvalidParams, QStringLiteral("tool arguments must be an object"), errorStatus));
        return;
    }
    qCDebug(lcMcp) << "tools/call" << name;
    m_tools.call(name, arguments.toObject(), this,
        [id, done](const QJsonObject &toolResult) { done(result(id, toolResult)); });
}

QJsonObject McpServer::initializeResult(const QJsonObject &params, McpSession &session) const
{
    const QString asked = params.value(u"protocolVersion").toString();
    session.protocolVersion
        = sessionRevisions().contains(asked) ? asked : sessionRevisions().last();
    qCInfo(lcMcp) << "client" << params.value(u"clientInfo").toObject().value(u"name").toString()
                  << "asked for" << asked << "and got" << session.protocolVersion;
    return { { QStringLiteral("protocolVersion"), session.protocolVersion },
        { QStringLiteral("capabilities"), capabilities() },
        { QStringLiteral("serverInfo"), serverInfo() },
        { QStringLiteral("instructions"), CodeTools::instructions() } };
}

QJsonObject McpServer::discoverResult() const
{
    QJsonArray supported = QJsonArray::fromStringList(sessionRevisions());
    supported.append(statelessRevision());
    return { { QStringLiteral("supportedVersions"), supported },
        { QStringLiteral("capabilities"), capabilities() },
        { QStringLiteral("instructions"), CodeTools::instructions() },
        { QStringLiteral("_meta"), QJsonObject { { metaKey("serverInfo"), serverInfo() } } } };
}

QJsonObject McpServer::serverInfo()
{
    return { { QStringLiteral("name"), QStringLiteral("signalhub") },
        { QStringLiteral("title"), QStringLiteral("Signal Hub") },
        { QStringLiteral("version"), QCoreApplication::applicationVersion() } };
}

QJsonObject McpServer::capabilities()
{
    return { { QStringLiteral("tools"),
        QJsonObject { { QStringLiteral("listChanged"), false } } } };
}

} // namespace SignalHub::Core
