#include "httptransport.h"

#include "logging.h"
#include "mcpserver.h"

#include <QHttpHeaders>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QPromise>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QUrl>

namespace SignalHub::Core {

namespace {

using StatusCode = QHttpServerResponse::StatusCode;

QHttpServerResponse jsonResponse(
    const QJsonObject &body, int status, const QString &sessionId = QString())
{
    QHttpServerResponse response(QByteArrayLiteral("application/json"),
        QJsonDocument(body).toJson(QJsonDocument::Compact), StatusCode(status));
    if (!sessionId.isEmpty()) {
        QHttpHeaders headers = response.headers();
        headers.append("Mcp-Session-Id", sessionId.toLatin1());
        response.setHeaders(std::move(headers));
    }
    return response;
}

QHttpServerResponse errorResponse(int status, int code, const QString &message,
    const QJsonValue &id = QJsonValue(), const QJsonValue &data = QJsonValue())
{
    return jsonResponse(McpServer::error(id, code, message, status, data).body, status);
}

QFuture<QHttpServerResponse> ready(QHttpServerResponse response)
{
    QPromise<QHttpServerResponse> promise;
    promise.start();
    promise.addResult(std::move(response));
    promise.finish();
    return promise.future();
}

QByteArray header(const QHttpServerRequest &request, QAnyStringView name)
{
    return request.headers().value(name).trimmed().toByteArray();
}

// Tokens are compared in time that does not depend on where they differ.
bool sameToken(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

// The name a stateless request's Mcp-Name header must repeat, if its method has one.
QString nameOf(const QJsonObject &message)
{
    const QJsonObject params = message.value(u"params").toObject();
    const QString method = message.value(u"method").toString();
    if (method == u"tools/call" || method == u"prompts/get")
        return params.value(u"name").toString();
    if (method == u"resources/read")
        return params.value(u"uri").toString();
    return {};
}

} // namespace

HttpTransport::HttpTransport(McpServer &server, QByteArray token, QObject *parent)
    : QObject(parent)
    , m_server(server)
    , m_token(std::move(token))
{
    m_http.route(QStringLiteral("/mcp"), QHttpServerRequest::Method::AnyKnown, this,
        [this](const QHttpServerRequest &request) { return respond(request); });
    m_http.setMissingHandler(this, [](const QHttpServerRequest &, QHttpServerResponder &responder) {
        responder.write(QByteArrayLiteral("MCP is served at /mcp\n"), "text/plain",
            QHttpServerResponder::StatusCode::NotFound);
    });
}

HttpTransport::~HttpTransport() = default;

Result<quint16> HttpTransport::listen(quint16 port)
{
    auto *tcp = new QTcpServer(this);
    if (!tcp->listen(QHostAddress::LocalHost, port) || !m_http.bind(tcp)) {
        const QString reason = tcp->errorString();
        delete tcp;
        return Error { QStringLiteral("cannot listen on 127.0.0.1:%1: %2").arg(port).arg(reason) };
    }
    m_tcp = tcp;
    m_port = tcp->serverPort();
    return m_port;
}

QString HttpTransport::url() const
{
    return QStringLiteral("http://127.0.0.1:%1/mcp").arg(m_port);
}

bool HttpTransport::isLocalHost(const QByteArray &host)
{
    QUrl url;
    url.setAuthority(QString::fromLatin1(host));
    // The name is what a rebinding page controls; the port may differ behind a local proxy.
    const QString name = url.host();
    return name == u"127.0.0.1" || name == u"localhost" || name == u"::1";
}

std::optional<QHttpServerResponse> HttpTransport::refusal(const QHttpServerRequest &request) const
{
    // Host and Origin first: a page that rebinds its name to 127.0.0.1 learns nothing, not
    // even whether it needs a token.
    const QByteArray host = header(request, "host");
    if (!isLocalHost(host))
        return errorResponse(403, McpServer::InvalidRequest,
            QStringLiteral("Host %1 is not this machine").arg(QString::fromLatin1(host)));
    if (const QByteArray origin = header(request, "origin"); !origin.isEmpty()) {
        const QUrl url(QString::fromLatin1(origin));
        if (url.scheme() != u"http" || !isLocalHost(url.authority().toLatin1()))
            return errorResponse(403, McpServer::InvalidRequest,
                QStringLiteral("Origin %1 may not use this server")
                    .arg(QString::fromLatin1(origin)));
    }
    const QByteArray authorization = header(request, "authorization");
    if (!authorization.startsWith("Bearer ")
        || !sameToken(authorization.mid(7).trimmed(), m_token)) {
        QHttpServerResponse response = errorResponse(401, McpServer::InvalidRequest,
            QStringLiteral("a bearer token is required: Signal Hub's window shows it, and "
                           "headless servers keep it in the file `signalhub-cli mcp` names"));
        QHttpHeaders headers = response.headers();
        headers.append(QHttpHeaders::WellKnownHeader::WWWAuthenticate, "Bearer");
        response.setHeaders(std::move(headers));
        return response;
    }
    return std::nullopt;
}

QFuture<QHttpServerResponse> HttpTransport::respond(const QHttpServerRequest &request)
{
    if (auto refused = refusal(request))
        return ready(std::move(*refused));
    switch (request.method()) {
    case QHttpServerRequest::Method::Post:
        return post(request);
    case QHttpServerRequest::Method::Delete:
        return ready(endSession(request));
    default:
        break;
    }
    QHttpServerResponse response(QHttpServerResponse::StatusCode::MethodNotAllowed);
    QHttpHeaders headers;
    headers.append(QHttpHeaders::WellKnownHeader::Allow, "POST, DELETE");
    response.setHeaders(std::move(headers));
    return ready(std::move(response));
}

QFuture<QHttpServerResponse> HttpTransport::post(const QHttpServerRequest &request)
{
    if (request.body().size() > MaxBodyBytes)
        return ready(errorResponse(413, McpServer::InvalidRequest,
            QStringLiteral("a message may have at most %1 bytes").arg(MaxBodyBytes)));
    if (!header(request, "content-type").startsWith("application/json"))
        return ready(errorResponse(415, McpServer::InvalidRequest,
            QStringLiteral("messages are sent as application/json")));
    const QByteArray accept = header(request, "accept");
    if (!accept.isEmpty() && !accept.contains("application/json") && !accept.contains("*/*"))
        return ready(errorResponse(406, McpServer::InvalidRequest,
            QStringLiteral("answers are application/json: accept it")));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return ready(errorResponse(400, McpServer::ParseError,
            QStringLiteral("not JSON: %1").arg(parseError.errorString())));
    if (!document.isObject())
        return ready(errorResponse(400, McpServer::InvalidRequest,
            QStringLiteral("one JSON-RPC message per request; batches are not part of MCP")));
    const QJsonObject message = document.object();
    const QJsonValue id = message.value(u"id");
    const QString method = message.value(u"method").toString();
    const QByteArray version = header(request, "mcp-protocol-version");
    const QByteArray sessionId = header(request, "mcp-session-id");

    const bool sessionVersion
        = McpServer::sessionRevisions().contains(QString::fromLatin1(version));
    const bool stateless = sessionId.isEmpty()
        && ((!version.isEmpty() && !sessionVersion)
            || (version.isEmpty() && method != u"initialize"
                && !McpServer::requestedRevision(message).isEmpty()));
    if (stateless) {
        const auto mismatch = [&id](const QString &what) {
            return ready(errorResponse(400, McpServer::HeaderMismatch, what, id));
        };
        if (version.isEmpty())
            return mismatch(QStringLiteral("the MCP-Protocol-Version header is missing"));
        if (header(request, "mcp-method") != method.toUtf8())
            return mismatch(
                QStringLiteral("the Mcp-Method header does not name the method %1").arg(method));
        if (const QString name = nameOf(message);
            !name.isEmpty() && header(request, "mcp-name") != name.toUtf8())
            return mismatch(QStringLiteral("the Mcp-Name header does not name %1").arg(name));
        const QString requested = McpServer::requestedRevision(message);
        if (!requested.isEmpty() && requested.toLatin1() != version)
            return mismatch(QStringLiteral("the MCP-Protocol-Version header (%1) differs from "
                                           "_meta's protocolVersion (%2)")
                    .arg(QString::fromLatin1(version), requested));
        return answer(message, nullptr);
    }
    if (method == u"initialize" && sessionId.isEmpty())
        return answer(message, newSession());
    if (sessionId.isEmpty())
        return ready(errorResponse(400, McpServer::InvalidRequest,
            QStringLiteral("the Mcp-Session-Id header is missing: send initialize first"), id));
    const std::shared_ptr<McpSession> session = m_sessions.value(QString::fromLatin1(sessionId));
    if (!session)
        return ready(errorResponse(404, McpServer::InvalidRequest,
            QStringLiteral("no session %1 (it ended, or the server restarted): initialize again")
                .arg(QString::fromLatin1(sessionId)),
            id));
    if (!version.isEmpty() && !sessionVersion)
        return ready(errorResponse(400, McpServer::InvalidRequest,
            QStringLiteral("unsupported MCP-Protocol-Version %1").arg(QString::fromLatin1(version)),
            id));
    session->lastUsed = QDateTime::currentDateTimeUtc();
    return answer(message, session);
}

QFuture<QHttpServerResponse> HttpTransport::answer(
    const QJsonObject &message, const std::shared_ptr<McpSession> &session)
{
    auto promise = std::make_shared<QPromise<QHttpServerResponse>>();
    promise->start();
    QFuture<QHttpServerResponse> future = promise->future();
    const QString sessionId = session ? session->id : QString();
    m_server.handle(message, session, [promise, sessionId](const McpReply &reply) {
        if (reply.body.isEmpty())
            promise->addResult(QHttpServerResponse(QHttpServerResponse::StatusCode::Accepted));
        else
            promise->addResult(jsonResponse(reply.body, reply.httpStatus, sessionId));
        promise->finish();
    });
    return future;
}

QHttpServerResponse HttpTransport::endSession(const QHttpServerRequest &request)
{
    const QString sessionId = QString::fromLatin1(header(request, "mcp-session-id"));
    if (sessionId.isEmpty())
        return errorResponse(
            400, McpServer::InvalidRequest, QStringLiteral("the Mcp-Session-Id header is missing"));
    if (!m_sessions.remove(sessionId))
        return errorResponse(
            404, McpServer::InvalidRequest, QStringLiteral("no session %1").arg(sessionId));
    qCInfo(lcMcp) << "session" << sessionId << "ended by its client";
    return QHttpServerResponse(QHttpServerResponse::StatusCode::Ok);
}

std::shared_ptr<McpSession> HttpTransport::newSession()
{
    if (m_sessions.size() >= MaxSessions) {
        auto oldest = m_sessions.begin();
        for (auto it = m_sessions.begin(); it != m_sessions.end(); ++it)
            if (it.value()->lastUsed < oldest.value()->lastUsed)
                oldest = it;
        qCInfo(lcMcp) << "session" << oldest.key() << "dropped: too many sessions";
        m_sessions.erase(oldest);
    }
    quint64 bits[2];
    QRandomGenerator::system()->fillRange(bits);
    auto session = std::make_shared<McpSession>();
    session->id = QString::number(bits[0], 16).rightJustified(16, u'0')
        + QString::number(bits[1], 16).rightJustified(16, u'0');
    session->lastUsed = QDateTime::currentDateTimeUtc();
    m_sessions.insert(session->id, session);
    return session;
}

} // namespace SignalHub::Core
