#include "embeddingtestserver.h"

#include "embeddingresponsebuilder.h"
#include "httpconnection.h"
#include "vectorgenerator.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace SignalHub::Testing {

namespace {

// Separate streams, so that turning on latency does not change which requests fail.
constexpr quint64 LatencySeedSalt = 0x9e3779b97f4a7c15ULL;
constexpr quint64 ShuffleSeedSalt = 0xc2b2ae3d27d4eb4fULL;

QString openAiMessageFor(int status)
{
    switch (status) {
    case 500:
        return QStringLiteral(
            "The server had an error while processing your request. Sorry about that!");
    case 502:
        return QStringLiteral("Bad gateway.");
    case 503:
        return QStringLiteral("The engine is currently overloaded, please try again later.");
    case 429:
        return QStringLiteral("Rate limit reached. Please try again later.");
    default:
        return QStringLiteral("The test server was told to fail this request with status %1.")
            .arg(status);
    }
}

QByteArray retryAfterSeconds(qint64 ms)
{
    return QByteArray::number((ms + 999) / 1000);
}

void addRetryAfter(HttpResponse &response, qint64 ms, RetryAfterHeaders which)
{
    if (which == RetryAfterHeaders::Seconds || which == RetryAfterHeaders::Both)
        response.addHeader("retry-after", retryAfterSeconds(ms));
    if (which == RetryAfterHeaders::Milliseconds || which == RetryAfterHeaders::Both)
        response.addHeader("retry-after-ms", QByteArray::number(ms));
}

HttpResponse apiError(EmbeddingApi api, int status, const QString &message, const QString &type,
    const QJsonValue &param = QJsonValue::Null, const QJsonValue &code = QJsonValue::Null)
{
    return HttpResponse::json(status,
        api == EmbeddingApi::Ollama
            ? EmbeddingResponseBuilder::ollamaError(message)
            : EmbeddingResponseBuilder::openAiError(message, type, param, code));
}

HttpResponse batchLimitError(EmbeddingApi api, qsizetype count, const TestServerConfig &config)
{
    if (config.limitWording == LimitWording::OpenAi) {
        return apiError(api, config.batchLimitStatus,
            QStringLiteral("The max number of inputs is %1, got %2.")
                .arg(config.maxBatchInputs)
                .arg(count),
            QStringLiteral("invalid_request_error"), QStringLiteral("input"));
    }
    // Text Embeddings Inference's answer, whichever API was called.
    const QJsonObject body { { QStringLiteral("error"),
                                 QStringLiteral("batch size %1 > maximum allowed batch size %2")
                                     .arg(count)
                                     .arg(config.maxBatchInputs) },
        { QStringLiteral("error_type"), QStringLiteral("Validation") } };
    return HttpResponse::json(
        config.batchLimitStatus, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

// Input `index` holds `tokens`, over config.maxInputTokens: refused in the words of the server
// config.limitWording names (Ollama's API always in Ollama's).
HttpResponse inputLimitError(
    EmbeddingApi api, qsizetype index, qint64 tokens, const TestServerConfig &config)
{
    const qint64 limit = config.maxInputTokens;
    const QString type = QStringLiteral("invalid_request_error");
    if (api == EmbeddingApi::Ollama)
        return apiError(api, 400, QStringLiteral("input length exceeds the context length"), type);
    switch (config.limitWording) {
    case LimitWording::Default:
        break;
    case LimitWording::OpenAi:
        return apiError(api, 400,
            QStringLiteral("Invalid 'input[%1]': maximum input length is %2 tokens.")
                .arg(index)
                .arg(limit),
            type, QStringLiteral("input"));
    case LimitWording::Vllm:
        return apiError(api, 400,
            QStringLiteral("This model's maximum context length is %1 tokens. However, you "
                           "requested %2 tokens in the input for embedding generation. Please "
                           "reduce the length of the input.")
                .arg(limit)
                .arg(tokens),
            QStringLiteral("BadRequestError"));
    case LimitWording::Tei: {
        const QJsonObject body { { QStringLiteral("error"),
                                     QStringLiteral("Input validation error: `inputs` must have "
                                                    "less than %1 tokens. Given: %2")
                                         .arg(limit)
                                         .arg(tokens) },
            { QStringLiteral("error_type"), QStringLiteral("Validation") } };
        return HttpResponse::json(422, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    case LimitWording::LlamaCpp:
        return apiError(api, 500,
            QStringLiteral("input (%1 tokens) is too large to process. increase the physical "
                           "batch size (current batch size: %2)")
                .arg(tokens)
                .arg(limit),
            QStringLiteral("server_error"));
    case LimitWording::Unnamed:
        return apiError(api, 400, QStringLiteral("input is too long"), type);
    }
    return apiError(api, 400,
        QStringLiteral("This model's maximum context length is %1 tokens, however you requested "
                       "%2 tokens (%2 in your prompt; 0 for the completion). Please reduce your "
                       "prompt; or completion length.")
            .arg(limit)
            .arg(tokens),
        type);
}

QString maskedKey(const QByteArray &key)
{
    if (key.size() <= 8)
        return QStringLiteral("***");
    return QString::fromUtf8(key.left(3)) + QStringLiteral("***") + QString::fromUtf8(key.right(4));
}

} // namespace

EmbeddingTestServer::EmbeddingTestServer(QObject *parent)
    : EmbeddingTestServer(TestServerConfig {}, parent)
{ }

EmbeddingTestServer::EmbeddingTestServer(const TestServerConfig &config, QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    m_clock.start();
    setConfig(config);
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this,
        &EmbeddingTestServer::onNewConnection);
}

EmbeddingTestServer::~EmbeddingTestServer() = default;

bool EmbeddingTestServer::listen(quint16 port)
{
    m_server->setListenBacklogSize(256);
    m_server->setMaxPendingConnections(256);
    if (!m_server->listen(QHostAddress::LocalHost, port))
        return false;
    m_port = m_server->serverPort();
    return true;
}

void EmbeddingTestServer::close()
{
    m_server->close();
    m_port = 0;
}

QUrl EmbeddingTestServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port()));
}

QUrl EmbeddingTestServer::openAiUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(port()));
}

QString EmbeddingTestServer::errorString() const
{
    return m_server->errorString();
}

TestServerConfig EmbeddingTestServer::config() const
{
    QMutexLocker lock(&m_mutex);
    return m_config;
}

void EmbeddingTestServer::setConfig(const TestServerConfig &config)
{
    QMutexLocker lock(&m_mutex);
    m_config = config;
    reseed();
    if (config.failNextCount > 0)
        m_scheduled.append({ Fault::HttpError, config.failNextStatus, config.failNextCount });
    lock.unlock();
    // A higher concurrency cap lets queued requests start; do it in the server's thread.
    QMetaObject::invokeMethod(this, &EmbeddingTestServer::startQueued, Qt::QueuedConnection);
}

void EmbeddingTestServer::failNext(int count, int status)
{
    if (count <= 0)
        return;
    QMutexLocker lock(&m_mutex);
    m_scheduled.append({ Fault::HttpError, status, count });
}

void EmbeddingTestServer::injectFault(Fault fault, int count)
{
    if (count <= 0)
        return;
    QMutexLocker lock(&m_mutex);
    m_scheduled.append({ fault, 500, count });
}

void EmbeddingTestServer::clearInjectedFaults()
{
    QMutexLocker lock(&m_mutex);
    m_scheduled.clear();
}

TestServerStats EmbeddingTestServer::stats() const
{
    return m_counters.snapshot();
}

void EmbeddingTestServer::reset()
{
    m_counters.reset();
    QMutexLocker lock(&m_mutex);
    m_window.clear();
    reseed();
}

QList<float> EmbeddingTestServer::expectedVector(const QString &text, int dimensions)
{
    return VectorGenerator::fromText(text, dimensions);
}

qint64 EmbeddingTestServer::promptTokens(const QString &text)
{
    return EmbeddingRequest::tokensOf(text.toUtf8());
}

void EmbeddingTestServer::reseed()
{
    m_faultRandom.seed(m_config.seed);
    m_latencyRandom.seed(m_config.seed ^ LatencySeedSalt);
    m_shuffleRandom.seed(m_config.seed ^ ShuffleSeedSalt);
}

void EmbeddingTestServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        auto *connection = new HttpConnection(socket, config().maxBodyBytes, this);
        connect(
            connection, &HttpConnection::requestReceived, this, &EmbeddingTestServer::onRequest);
        connect(
            connection, &HttpConnection::closed, this, &EmbeddingTestServer::onConnectionClosed);
    }
}

void EmbeddingTestServer::onRequest(HttpConnection *connection, const HttpRequest &request)
{
    const QByteArray path = request.path();
    if (path == "/stats" && request.method == "GET") {
        const QJsonDocument document(stats().toJson());
        connection->respond(HttpResponse::json(200, document.toJson(QJsonDocument::Compact)));
    } else if (path == "/stats/reset" && request.method == "POST") {
        reset();
        connection->respond(HttpResponse::json(200, "{\"ok\":true}"));
    } else if (path == "/control" && request.method == "POST") {
        handleControl(connection, request);
    } else if (path == "/v1/embeddings" || path == "/embeddings") {
        handleEmbedding(connection, request, EmbeddingApi::OpenAi);
    } else if (path == "/api/embed") {
        handleEmbedding(connection, request, EmbeddingApi::Ollama);
    } else if (path.startsWith("/site/")) {
        // A web site whose every path is its start page, as single-page apps answer: what a
        // base URL that is not an API reaches.
        m_counters.recordRequest(request.header("x-request-id"));
        HttpResponse page;
        page.addHeader("Content-Type", "text/html; charset=utf-8");
        page.body = "<!doctype html><html><head><title>Welcome</title></head><body><h1>Welcome "
                    "to our site</h1></body></html>";
        send(connection, page);
    } else {
        m_counters.recordRequest(request.header("x-request-id"));
        send(connection,
            apiError(EmbeddingApi::OpenAi, 404,
                QStringLiteral("Unknown request URL: %1 %2.")
                    .arg(QString::fromUtf8(request.method), QString::fromUtf8(path)),
                QStringLiteral("invalid_request_error"), QJsonValue::Null,
                QStringLiteral("unknown_url")));
    }
}

void EmbeddingTestServer::handleControl(HttpConnection *connection, const HttpRequest &request)
{
    // {"fault": "<name>", "count": N, "status": S} | {"clear": true}
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    if (body.value(QLatin1StringView("clear")).toBool())
        clearInjectedFaults();
    const QString name = body.value(QLatin1StringView("fault")).toString();
    if (!name.isEmpty()) {
        const std::optional<Fault> fault = faultFromName(name);
        if (!fault) {
            connection->respond(HttpResponse::json(400,
                EmbeddingResponseBuilder::ollamaError(QStringLiteral("unknown fault ") + name)));
            return;
        }
        const int count = body.value(QLatin1StringView("count")).toInt(1);
        if (*fault == Fault::HttpError)
            failNext(count, body.value(QLatin1StringView("status")).toInt(500));
        else
            injectFault(*fault, count);
    }
    connection->respond(HttpResponse::json(200, "{\"ok\":true}"));
}

void EmbeddingTestServer::handleEmbedding(
    HttpConnection *connection, const HttpRequest &request, EmbeddingApi api)
{
    m_counters.recordRequest(request.header("x-request-id"));
    const TestServerConfig config = this->config();
    if (request.method != "POST") {
        send(connection,
            apiError(api, 405, QStringLiteral("Use POST for embeddings."),
                QStringLiteral("invalid_request_error")));
        return;
    }
    if (std::optional<HttpResponse> refusal = checkAccess(request, api, config)) {
        send(connection, *refusal);
        return;
    }
    QString error;
    std::optional<EmbeddingRequest> parsed = EmbeddingRequest::parse(api, request.body, &error);
    if (!parsed) {
        send(connection, apiError(api, 400, error, QStringLiteral("invalid_request_error")));
        return;
    }
    if (!config.models.isEmpty() && !config.models.contains(parsed->model)) {
        const QString message = api == EmbeddingApi::Ollama
            ? QStringLiteral("model \"%1\" not found, try pulling it first").arg(parsed->model)
            : QStringLiteral("The model `%1` does not exist or you do not have access to it.")
                  .arg(parsed->model);
        send(connection,
            apiError(api, 404, message, QStringLiteral("invalid_request_error"), QJsonValue::Null,
                QStringLiteral("model_not_found")));
        return;
    }
    Job job;
    job.connection = connection;
    job.request = std::move(*parsed);
    job.authorization = request.header("authorization");
    job.dimensions = job.request.dimensions.value_or(config.dimensions);
    job.digests.reserve(job.request.inputs.size());
    for (const QByteArray &text : std::as_const(job.request.inputs))
        job.digests.append(VectorGenerator::digest(text));
    job.tokens = job.request.tokens();
    m_counters.recordInputs(job.digests, job.tokens);
    if (std::optional<HttpResponse> refusal = validate(job.request, config)) {
        send(connection, *refusal);
        return;
    }
    if (std::optional<HttpResponse> refusal = admit(job, config)) {
        m_counters.recordRateLimited();
        send(connection, *refusal);
        return;
    }
    dispatch(std::move(job), config);
}

std::optional<HttpResponse> EmbeddingTestServer::checkAccess(
    const HttpRequest &request, EmbeddingApi api, const TestServerConfig &config) const
{
    if (config.apiKey.isEmpty())
        return std::nullopt;
    const QByteArray authorization = request.header("authorization");
    if (authorization == "Bearer " + config.apiKey.toUtf8())
        return std::nullopt;
    const QString message = authorization.isEmpty()
        ? QStringLiteral(
              "You didn't provide an API key. You need to provide your API key in an "
              "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).")
        : QStringLiteral("Incorrect API key provided: %1.").arg(maskedKey(authorization.mid(7)));
    return apiError(api, 401, message, QStringLiteral("invalid_request_error"), QJsonValue::Null,
        authorization.isEmpty() ? QJsonValue(QJsonValue::Null)
                                : QJsonValue(QStringLiteral("invalid_api_key")));
}

std::optional<HttpResponse> EmbeddingTestServer::validate(
    const EmbeddingRequest &request, const TestServerConfig &config) const
{
    const EmbeddingApi api = request.api;
    const qsizetype count = request.inputs.size();
    if (config.maxBatchInputs > 0 && count > config.maxBatchInputs)
        return batchLimitError(api, count, config);
    if (!config.rejectMarker.isEmpty()) {
        const QByteArray marker = config.rejectMarker.toUtf8();
        for (qsizetype i = 0; i < count; ++i) {
            if (request.inputs[i].contains(marker)) {
                return apiError(api, 400,
                    QStringLiteral("Input %1 contains the rejected marker '%2'.")
                        .arg(i)
                        .arg(config.rejectMarker),
                    QStringLiteral("invalid_request_error"), QStringLiteral("input"));
            }
        }
    }
    if (config.maxInputTokens > 0 && !(api == EmbeddingApi::Ollama && request.truncate)) {
        for (qsizetype i = 0; i < count; ++i) {
            const qint64 tokens = EmbeddingRequest::tokensOf(request.inputs[i]);
            if (tokens > config.maxInputTokens)
                return inputLimitError(api, i, tokens, config);
        }
    }
    if (config.rejectBase64 && request.base64) {
        return apiError(api, 400,
            QStringLiteral("encoding_format 'base64' is not supported by this server; "
                           "use 'float'."),
            QStringLiteral("invalid_request_error"), QStringLiteral("encoding_format"));
    }
    if (request.dimensions && !config.allowDimensionsOverride) {
        return apiError(api, 400,
            QStringLiteral("This model does not support specifying dimensions."),
            QStringLiteral("invalid_request_error"), QStringLiteral("dimensions"));
    }
    return std::nullopt;
}

std::optional<HttpResponse> EmbeddingTestServer::admit(Job &job, const TestServerConfig &config)
{
    if (config.rpmLimit <= 0 && config.tpmLimit <= 0)
        return std::nullopt;
    RateLimitDecision decision;
    {
        QMutexLocker lock(&m_mutex);
        decision = m_window.admit(m_clock.elapsed(), job.tokens, config.rpmLimit, config.tpmLimit,
            qMax(1, config.rateWindowMs));
    }
    job.rateHeaders = decision.headers;
    if (decision.allowed)
        return std::nullopt;
    const QString unit = decision.limitedBy == "requests" ? QStringLiteral("requests per min (RPM)")
                                                          : QStringLiteral("tokens per min (TPM)");
    const QString message = decision.tooLarge
        ? QStringLiteral("Request too large for %1 on %2: Limit %3, Requested %4.")
              .arg(job.request.model, unit)
              .arg(decision.limit)
              .arg(decision.requested)
        : QStringLiteral("Rate limit reached for %1 on %2: Limit %3, Used %4, Requested %5. "
                         "Please try again in %6.")
              .arg(job.request.model, unit)
              .arg(decision.limit)
              .arg(decision.used)
              .arg(decision.requested)
              .arg(QString::fromLatin1(RateLimitWindow::goDuration(decision.retryAfterMs)));
    HttpResponse response
        = apiError(job.request.api, 429, message, QString::fromLatin1(decision.limitedBy),
            QJsonValue::Null, QStringLiteral("rate_limit_exceeded"));
    response.headers += decision.headers;
    addRetryAfter(response, decision.retryAfterMs, config.retryAfter);
    return response;
}

void EmbeddingTestServer::dispatch(Job job, const TestServerConfig &config)
{
    const bool full = config.maxConcurrency > 0 && m_slotHolders.size() >= config.maxConcurrency;
    if (!full) {
        start(std::move(job));
        return;
    }
    if (config.overCapacity == OverCapacity::Queue) {
        m_queue.push_back(std::move(job));
        m_counters.setQueued(int(m_queue.size()));
        return;
    }
    HttpResponse response = apiError(job.request.api, config.overCapacityStatus,
        QStringLiteral("Too many concurrent requests: at most %1 at a time.")
            .arg(config.maxConcurrency),
        QStringLiteral("requests"), QJsonValue::Null,
        QStringLiteral("too_many_concurrent_requests"));
    response.headers += job.rateHeaders;
    addRetryAfter(response, qMax(1, config.latencyMaxMs), config.retryAfter);
    send(job.connection, response);
}

void EmbeddingTestServer::start(Job job)
{
    HttpConnection *connection = job.connection;
    if (!connection)
        return;
    m_slotHolders.insert(connection);
    m_counters.enter();
    QTimer::singleShot(drawLatencyMs(), this, [this, job = std::move(job)] { finish(job); });
}

void EmbeddingTestServer::finish(const Job &job)
{
    HttpConnection *connection = job.connection;
    // A connection that went away released its slot when it closed.
    if (!connection || !m_slotHolders.contains(connection))
        return;
    const DrawnFault drawn = drawFault();
    if (drawn.fault == Fault::Stall) {
        // The slot stays taken until the client gives up and closes.
        connection->stall(answer(job, std::nullopt));
        m_counters.recordStall();
        Q_EMIT answered(-1);
        return;
    }
    releaseSlot(connection);
    if (drawn.fault == Fault::ConnectionReset) {
        m_counters.recordReset();
        connection->resetConnection();
        Q_EMIT answered(0);
    } else if (drawn.fault == Fault::HttpError) {
        send(connection, errorAnswer(job, drawn.status, config()));
    } else {
        const HttpResponse response = answer(job, drawn.fault);
        if (!drawn.fault)
            m_counters.recordAnswered(job.digests, job.tokens);
        send(connection, response);
    }
    startQueued();
}

void EmbeddingTestServer::releaseSlot(HttpConnection *connection)
{
    if (m_slotHolders.remove(connection))
        m_counters.leave();
}

void EmbeddingTestServer::startQueued()
{
    const int limit = config().maxConcurrency;
    while (!m_queue.empty() && (limit <= 0 || m_slotHolders.size() < limit)) {
        Job job = std::move(m_queue.front());
        m_queue.pop_front();
        start(std::move(job));
    }
    m_counters.setQueued(int(m_queue.size()));
}

void EmbeddingTestServer::onConnectionClosed(HttpConnection *connection)
{
    std::erase_if(m_queue, [connection](const Job &job) { return job.connection == connection; });
    m_counters.setQueued(int(m_queue.size()));
    if (m_slotHolders.contains(connection)) {
        releaseSlot(connection);
        startQueued();
    }
}

EmbeddingTestServer::DrawnFault EmbeddingTestServer::drawFault()
{
    QMutexLocker lock(&m_mutex);
    if (!m_scheduled.isEmpty()) {
        ScheduledFault &next = m_scheduled.first();
        const DrawnFault drawn { next.fault, next.status };
        if (--next.remaining <= 0)
            m_scheduled.removeFirst();
        return drawn;
    }
    for (Fault fault : allFaults()) {
        const double rate = m_config.faultRates.rate(fault);
        if (rate <= 0 || m_faultRandom.generateDouble() >= rate)
            continue;
        const QList<int> &statuses = m_config.errorStatuses;
        const int status
            = statuses.isEmpty() ? 500 : statuses[m_faultRandom.bounded(int(statuses.size()))];
        return { fault, status };
    }
    return {};
}

int EmbeddingTestServer::drawLatencyMs()
{
    QMutexLocker lock(&m_mutex);
    const int low = qMax(0, m_config.latencyMinMs);
    const int high = qMax(low, m_config.latencyMaxMs);
    return high == low ? low : low + int(m_latencyRandom.bounded(high - low + 1));
}

HttpResponse EmbeddingTestServer::answer(const Job &job, std::optional<Fault> fault)
{
    const EmbeddingRequest &request = job.request;
    QList<QList<float>> vectors;
    vectors.reserve(job.digests.size());
    for (const QByteArray &digest : job.digests)
        vectors.append(VectorGenerator::fromDigest(digest, job.dimensions));
    QList<int> order(vectors.size());
    std::iota(order.begin(), order.end(), 0);
    // Only OpenAI answers carry an index; an Ollama answer in another order would be wrong.
    if (request.api == EmbeddingApi::OpenAi && config().shuffleOrder && order.size() > 1) {
        {
            QMutexLocker lock(&m_mutex);
            std::shuffle(order.begin(), order.end(), m_shuffleRandom);
        }
        if (std::is_sorted(order.begin(), order.end()))
            std::rotate(order.begin(), order.begin() + 1, order.end());
    }
    const qsizetype middle = vectors.size() / 2;
    if (fault == Fault::CountMismatch)
        order.removeLast();
    else if (fault == Fault::NanValue && !vectors[middle].isEmpty())
        vectors[middle][vectors[middle].size() / 2] = std::numeric_limits<float>::quiet_NaN();
    else if (fault == Fault::WrongDimensions && !vectors.last().isEmpty())
        vectors.last().removeLast();
    QByteArray body = request.api == EmbeddingApi::Ollama
        ? EmbeddingResponseBuilder::ollama(vectors, order, request.model, job.tokens)
        : EmbeddingResponseBuilder::openAi(
              vectors, order, request.model, job.tokens, request.base64);
    if (fault == Fault::MalformedJson)
        body.truncate(body.size() / 2); // no proper prefix of a JSON object is valid JSON
    HttpResponse response = HttpResponse::json(200, std::move(body));
    response.headers += job.rateHeaders;
    return response;
}

HttpResponse EmbeddingTestServer::errorAnswer(
    const Job &job, int status, const TestServerConfig &config) const
{
    const QString type
        = status >= 500 ? QStringLiteral("server_error") : QStringLiteral("invalid_request_error");
    QString message = openAiMessageFor(status);
    if (config.echoAuthorization)
        message += QStringLiteral(" (request headers: Authorization: %1)")
                       .arg(QString::fromLatin1(job.authorization));
    return apiError(job.request.api, status, message, type);
}

void EmbeddingTestServer::send(HttpConnection *connection, const HttpResponse &response)
{
    if (!connection)
        return;
    m_counters.recordStatus(response.status);
    connection->respond(response);
    Q_EMIT answered(response.status);
}

} // namespace SignalHub::Testing
