#include "httpprovider.h"

#include "httpheaders.h"
#include "limitmessage.h"
#include "logging.h"
#include "secretscrubber.h"

#include <QCoreApplication>
#include <QHttp1Configuration>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QUrlQuery>

namespace SignalHub::Core {

namespace {

bool isUnreachable(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProtocolUnknownError:
        return true;
    default:
        return false;
    }
}

// An HTML page or plain text where JSON belongs: a web server or proxy, not the API.
bool looksLikeJson(const QByteArray &body)
{
    const QByteArray start = body.trimmed().left(1);
    return start == "{" || start == "[";
}

} // namespace

HttpProvider::HttpProvider(HttpProviderConfig config)
    : m_config(std::move(config))
{
    // A key in the base URL's query is as secret as the API key, in whatever form it is quoted.
    const QUrlQuery query(QUrl(m_config.baseUrl.trimmed()));
    for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (!value.isEmpty() && SecretScrubber::isSecretKey(name))
            m_urlSecrets << value << QString::fromUtf8(QUrl::toPercentEncoding(value));
    }
}

HttpProvider::~HttpProvider()
{
    const auto handles = m_inFlight.keys();
    for (quint64 handle : handles) {
        if (QNetworkReply *reply = m_inFlight.value(handle).reply) {
            reply->disconnect();
            reply->abort();
            reply->deleteLater();
        }
    }
}

QUrl HttpProvider::apiUrl(const QString &path) const
{
    QUrl url(m_config.baseUrl.trimmed());
    QString basePath = url.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + path);
    return url;
}

QString HttpProvider::shownEndpoint() const
{
    return SecretScrubber::scrubUrl(endpoint().toString());
}

void HttpProvider::attach(QNetworkAccessManager *network, int maxConnections)
{
    m_network = network;
    m_maxConnections = std::max(1, maxConnections);
}

quint64 HttpProvider::start(const Attempt &attempt, Callback done)
{
    Q_ASSERT(m_network);
    QNetworkRequest request(endpoint());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setHeader(
        QNetworkRequest::UserAgentHeader, QByteArrayLiteral("SignalHub/" SIGNALHUB_VERSION));
    request.setRawHeader("X-Request-Id", attempt.requestId.toLatin1());
    if (!m_config.apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_config.apiKey);
    // Without this Qt opens at most 6 connections per host and queues the rest silently,
    // which looks exactly like server latency.
    QHttp1Configuration http1;
    http1.setNumberOfConnectionsPerHost(m_maxConnections);
    request.setHttp1Configuration(http1);
    request.setTransferTimeout(attempt.timeoutMs);

    const quint64 handle = m_nextHandle++;
    QNetworkReply *reply = m_network->post(request, requestBody(attempt.inputs));
    m_inFlight.insert(
        handle, InFlight { reply, std::move(done), attempt.timeoutMs, requestVariant(), false });
    QObject::connect(
        reply, &QNetworkReply::finished, reply, [this, handle, reply] { finish(handle, reply); });
    return handle;
}

void HttpProvider::abort(quint64 handle)
{
    auto it = m_inFlight.find(handle);
    if (it == m_inFlight.end())
        return;
    it->aborted = true;
    if (it->reply)
        it->reply->abort(); // finished() follows, synchronously
}

void HttpProvider::finish(quint64 handle, QNetworkReply *reply)
{
    reply->deleteLater();
    InFlight entry = m_inFlight.take(handle);
    if (!entry.done)
        return;
    AttemptResult result;
    if (entry.aborted)
        result.kind = AttemptResult::Kind::Cancelled;
    else
        result = classify(reply, entry.timeoutMs, entry.variant);
    entry.done(std::move(result));
}

AttemptResult HttpProvider::classify(QNetworkReply *reply, int timeoutMs, int variant)
{
    AttemptResult result;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.httpStatus = status;
    result.rateLimits = HttpHeaders::rateLimits(*reply);
    result.retryAfterMs = HttpHeaders::retryAfterMs(reply->rawHeader("retry-after-ms"),
        reply->rawHeader("retry-after"), QDateTime::currentDateTimeUtc());

    // A transport error wins over a status: a server that sent the headers of a 200 and then
    // stalled or dropped the connection gave no answer, whatever the status line said.
    const QNetworkReply::NetworkError error = reply->error();
    const bool transportError
        = error != QNetworkReply::NoError && error < QNetworkReply::ContentAccessDenied;
    if (status == 0 || transportError) {
        result.kind = AttemptResult::Kind::Retryable;
        result.httpStatus = 0; // no answer, even if a status line came
        if (error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError)
            result.message = QCoreApplication::translate("HttpProvider", "no answer within %1 s")
                                 .arg(timeoutMs / 1000.0);
        else
            result.message = reply->errorString();
        if (isUnreachable(error)) {
            result.setupFault = SetupFault::Unreachable;
            result.message = QCoreApplication::translate("HttpProvider", "cannot reach %1: %2")
                                 .arg(shownEndpoint(), result.message);
        }
        return result;
    }
    const QByteArray body = reply->readAll();
    if (status >= 200 && status < 300) {
        auto parsed = parseBody(body);
        if (!parsed) {
            result.kind = AttemptResult::Kind::Retryable;
            result.message = parsed.errorMessage();
            if (!looksLikeJson(body)) {
                result.setupFault = SetupFault::NotAnEmbeddingsApi;
                result.message = QCoreApplication::translate(
                    "HttpProvider", "%1 answers with something other than JSON: %2")
                                     .arg(shownEndpoint(), redacted(serverMessage(body)));
            }
            return result;
        }
        result.kind = AttemptResult::Kind::Success;
        result.vectors = std::move(parsed->vectors);
        result.promptTokens = parsed->promptTokens;
        return result;
    }

    const QString message = redacted(serverMessage(body));
    result.message = message.isEmpty()
        ? QCoreApplication::translate("HttpProvider", "HTTP %1").arg(status)
        : QCoreApplication::translate("HttpProvider", "HTTP %1: %2").arg(status).arg(message);
    // llama.cpp answers an input longer than its batch with a 500, the same every time it is
    // sent: retrying would only repeat it.
    if (status >= 500 && LimitMessage::inputTooLong(message)) {
        rejected(result, status, message);
        return result;
    }
    switch (status) {
    case 429:
        if (body.contains("insufficient_quota")) {
            // OpenAI's "You exceeded your current quota": no amount of waiting helps.
            result.kind = AttemptResult::Kind::Fatal;
            return result;
        }
        result.kind = AttemptResult::Kind::RateLimited;
        return result;
    case 408:
    case 409:
    case 500:
    case 502:
    case 503:
    case 504:
        result.kind = AttemptResult::Kind::Retryable;
        return result;
    case 401:
    case 403:
        result.kind = AttemptResult::Kind::Fatal;
        result.message = QCoreApplication::translate("HttpProvider",
            "the server refused the API key (HTTP %1: %2). Check the key, or the "
            "variable or file it comes from.")
                             .arg(status)
                             .arg(message);
        return result;
    case 404:
        result.kind = AttemptResult::Kind::Fatal;
        result.message = QCoreApplication::translate(
            "HttpProvider", "the server does not know model '%1' or the URL %2 (HTTP 404: %3).")
                             .arg(m_config.model, shownEndpoint(), message);
        return result;
    case 405:
    case 501:
        // What a web server says to a POST it has no handler for: retrying cannot help.
        result.kind = AttemptResult::Kind::Fatal;
        result.setupFault = SetupFault::NotAnEmbeddingsApi;
        result.message = QCoreApplication::translate("HttpProvider",
            "%1 is not an embeddings API (HTTP %2: %3). Check the base URL (--base-url, or "
            "Settings): it ends where the API's paths begin, e.g. https://api.openai.com/v1.")
                             .arg(shownEndpoint())
                             .arg(status)
                             .arg(message);
        return result;
    default:
        break;
    }
    if (status >= 500) {
        result.kind = AttemptResult::Kind::Retryable;
        return result;
    }
    if (adaptToRejection(status, message, variant)) {
        result.kind = AttemptResult::Kind::Retryable;
        result.retryAfterMs = 0;
        return result;
    }
    rejected(result, status, message);
    return result;
}

void HttpProvider::rejected(AttemptResult &result, int status, const QString &message)
{
    result.kind = AttemptResult::Kind::Rejected;
    result.learnedMaxTokensPerInput = LimitMessage::maxTokensPerInput(message);
    result.learnedMaxInputs = LimitMessage::maxInputs(message);
    result.payloadTooLarge
        = status == 413 && result.learnedMaxInputs == 0 && result.learnedMaxTokensPerInput == 0;
}

QString HttpProvider::redacted(QString message) const
{
    // Servers and proxies may quote the request back; what they say is stored and printed.
    static const QRegularExpression bearer(
        QStringLiteral(R"(\b(Bearer|Basic|token)\s+[A-Za-z0-9._~+/=-]{8,})"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression keyShaped(QStringLiteral(R"(\bsk-[A-Za-z0-9_-]{8,})"));
    const QString hidden = QCoreApplication::translate("HttpProvider", "[redacted]");
    if (!m_config.apiKey.isEmpty())
        message.replace(QString::fromUtf8(m_config.apiKey), hidden);
    for (const QString &secret : m_urlSecrets)
        message.replace(secret, hidden);
    message.replace(bearer, QStringLiteral("\\1 ") + hidden);
    message.replace(keyShaped, hidden);
    return message;
}

QString HttpProvider::serverMessage(const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isObject()) {
        const QJsonValue error = doc.object().value(u"error");
        if (error.isObject())
            return error.toObject().value(u"message").toString();
        if (error.isString())
            return error.toString();
        if (const QString message = doc.object().value(u"message").toString(); !message.isEmpty())
            return message;
    }
    QString text = QString::fromUtf8(body).simplified();
    if (text.size() > 300)
        text = text.left(300) + u'…';
    return text;
}

} // namespace SignalHub::Core
