// The embeddings test server, checked over real sockets with the client every network test
// uses: QNetworkAccessManager with 32 connections per host.
#include "embeddingresponsebuilder.h"
#include "embeddingtestserver.h"
#include "ratelimitwindow.h"
#include "testserverthread.h"

#include <QElapsedTimer>
#include <QHttp1Configuration>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QtEndian>
#include <cmath>
#include <memory>

using namespace SignalHub::Testing;

namespace {

struct Answer
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    qint64 elapsedMs = 0;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString errorMessage() const
    {
        const QJsonValue value = json().value(QLatin1StringView("error"));
        return value.isString() ? value.toString()
                                : value.toObject().value(QLatin1StringView("message")).toString();
    }
};

QJsonObject embeddingBody(
    const QStringList &inputs, const QString &format = QStringLiteral("float"))
{
    return { { QStringLiteral("model"), QStringLiteral("text-embedding-3-small") },
        { QStringLiteral("input"), QJsonArray::fromStringList(inputs) },
        { QStringLiteral("encoding_format"), format } };
}

QStringList texts(int count, const QString &prefix = QStringLiteral("text"))
{
    QStringList out;
    for (int i = 0; i < count; ++i)
        out.append(QStringLiteral("%1 %2: int main() { return %2; }").arg(prefix).arg(i));
    return out;
}

QList<float> floatsOf(const QJsonValue &embedding)
{
    QList<float> out;
    if (embedding.isString()) {
        const QByteArray raw = QByteArray::fromBase64(embedding.toString().toLatin1());
        for (qsizetype i = 0; i + 4 <= raw.size(); i += 4)
            out.append(qFromLittleEndian<float>(raw.constData() + i));
        return out;
    }
    for (const QJsonValue &value : embedding.toArray())
        out.append(float(value.toDouble()));
    return out;
}

} // namespace

class TestTestServer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<EmbeddingTestServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;

    QNetworkRequest request(const QString &path, int timeoutMs = 15000) const
    {
        QUrl url = m_server->baseUrl();
        url.setPath(path);
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        QHttp1Configuration http1;
        http1.setNumberOfConnectionsPerHost(32);
        request.setHttp1Configuration(http1);
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        request.setTransferTimeout(timeoutMs);
        return request;
    }

    QNetworkReply *start(const QNetworkRequest &request, const QJsonObject &body)
    {
        return m_network->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }

    static Answer collect(QNetworkReply *reply, const QElapsedTimer &clock)
    {
        Answer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.error = reply->error();
        if (reply->isOpen())
            answer.body = reply->readAll();
        for (const auto &[name, value] : reply->rawHeaderPairs())
            answer.headers.insert(name.toLower(), value);
        answer.elapsedMs = clock.elapsed();
        reply->deleteLater();
        return answer;
    }

    // Waits for every reply, bounded by the replies' own transfer timeouts.
    QList<Answer> waitAll(const QList<QNetworkReply *> &replies, const QElapsedTimer &clock)
    {
        QList<Answer> answers(replies.size());
        int pending = int(replies.size());
        QEventLoop loop;
        for (qsizetype i = 0; i < replies.size(); ++i) {
            connect(replies[i], &QNetworkReply::finished, &loop, [&, i] {
                answers[i] = collect(replies[i], clock);
                if (--pending == 0)
                    loop.quit();
            });
        }
        QTimer guard;
        guard.setSingleShot(true);
        connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
        guard.start(30000);
        if (pending > 0)
            loop.exec();
        return answers;
    }

    Answer post(const QString &path, const QJsonObject &body,
        const QList<QPair<QByteArray, QByteArray>> &headers = {}, int timeoutMs = 15000)
    {
        QNetworkRequest req = request(path, timeoutMs);
        for (const auto &[name, value] : headers)
            req.setRawHeader(name, value);
        QElapsedTimer clock;
        clock.start();
        return waitAll({ start(req, body) }, clock).first();
    }

    Answer embed(const QStringList &inputs, const QString &format = QStringLiteral("float"))
    {
        return post(QStringLiteral("/v1/embeddings"), embeddingBody(inputs, format));
    }

    Answer get(const QString &path)
    {
        QElapsedTimer clock;
        clock.start();
        return waitAll({ m_network->get(request(path)) }, clock).first();
    }

    // Every vector of an OpenAI answer is the expected one for the input its index names.
    static void verifyVectors(const Answer &answer, const QStringList &inputs, int dims)
    {
        QCOMPARE(answer.status, 200);
        const QJsonObject json = answer.json();
        QCOMPARE(json.value(QLatin1StringView("object")).toString(), QStringLiteral("list"));
        const QJsonArray data = json.value(QLatin1StringView("data")).toArray();
        QCOMPARE(data.size(), inputs.size());
        QSet<int> seen;
        for (const QJsonValue &item : data) {
            const QJsonObject object = item.toObject();
            QCOMPARE(
                object.value(QLatin1StringView("object")).toString(), QStringLiteral("embedding"));
            const int index = object.value(QLatin1StringView("index")).toInt(-1);
            QVERIFY(index >= 0 && index < inputs.size());
            seen.insert(index);
            const QList<float> vector = floatsOf(object.value(QLatin1StringView("embedding")));
            QCOMPARE(vector.size(), dims);
            QCOMPARE(vector, EmbeddingTestServer::expectedVector(inputs[index], dims));
        }
        QCOMPARE(seen.size(), inputs.size());
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_server = std::make_unique<EmbeddingTestServer>();
        QVERIFY2(m_server->listen(), qPrintable(m_server->errorString()));
        QVERIFY(m_server->port() != 0);
        QCOMPARE(m_server->baseUrl().host(), QStringLiteral("127.0.0.1"));
        m_network = std::make_unique<QNetworkAccessManager>();
    }

    void cleanup()
    {
        m_network.reset();
        m_server.reset();
    }

    void expectedVectorIsDeterministicAndNormalised()
    {
        const QList<float> a = EmbeddingTestServer::expectedVector(QStringLiteral("hello"), 1536);
        QCOMPARE(a.size(), 1536);
        QCOMPARE(EmbeddingTestServer::expectedVector(QStringLiteral("hello"), 1536), a);
        QVERIFY(EmbeddingTestServer::expectedVector(QStringLiteral("hello!"), 1536) != a);
        double norm = 0;
        for (float value : a)
            norm += double(value) * value;
        QVERIFY(std::abs(norm - 1.0) < 1e-5);
        // Shorter vectors are renormalised prefixes, as with text-embedding-3.
        const QList<float> short4 = EmbeddingTestServer::expectedVector(QStringLiteral("hello"), 4);
        const double ratio = double(a[0]) / short4[0];
        for (int i = 1; i < 4; ++i)
            QVERIFY(std::abs(double(a[i]) / short4[i] - ratio) < 1e-4);
    }

    void goDurations_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("zero") << qint64(0) << QByteArray("0s");
        QTest::newRow("ms") << qint64(12) << QByteArray("12ms");
        QTest::newRow("fraction") << qint64(1500) << QByteArray("1.5s");
        QTest::newRow("minutes") << qint64(360000) << QByteArray("6m0s");
        QTest::newRow("hours") << qint64(3723004) << QByteArray("1h2m3.004s");
    }

    void goDurations()
    {
        QFETCH(qint64, ms);
        QFETCH(QByteArray, text);
        QCOMPARE(RateLimitWindow::goDuration(ms), text);
    }

    void openAiVectors_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("dimensions"); // 0: the server's default
        QTest::newRow("float") << QStringLiteral("float") << 0;
        QTest::newRow("base64") << QStringLiteral("base64") << 0;
        QTest::newRow("base64 256") << QStringLiteral("base64") << 256;
        QTest::newRow("float 3") << QStringLiteral("float") << 3;
    }

    void openAiVectors()
    {
        QFETCH(QString, format);
        QFETCH(int, dimensions);
        const QStringList inputs { QStringLiteral("alpha"), QStringLiteral("βeta ünïcode"),
            QStringLiteral("alpha") };
        QJsonObject body = embeddingBody(inputs, format);
        if (dimensions > 0)
            body.insert(QStringLiteral("dimensions"), dimensions);
        const Answer answer = post(QStringLiteral("/v1/embeddings"), body);
        verifyVectors(answer, inputs, dimensions > 0 ? dimensions : 1536);
        const QJsonObject json = answer.json();
        QCOMPARE(json.value(QLatin1StringView("model")).toString(),
            QStringLiteral("text-embedding-3-small"));
        qint64 tokens = 0;
        for (const QString &input : inputs)
            tokens += EmbeddingTestServer::promptTokens(input);
        QCOMPARE(EmbeddingTestServer::promptTokens(QStringLiteral("βeta ünïcode")),
            qint64(4)); // 15 bytes
        const QJsonObject usage = json.value(QLatin1StringView("usage")).toObject();
        QCOMPARE(usage.value(QLatin1StringView("prompt_tokens")).toInteger(), tokens);
        QCOMPARE(usage.value(QLatin1StringView("total_tokens")).toInteger(), tokens);
        if (format == QLatin1StringView("base64"))
            QVERIFY(json.value(QLatin1StringView("data"))
                    .toArray()
                    .first()[QLatin1StringView("embedding")]
                    .isString());
    }

    void stringInputAndAlias()
    {
        QJsonObject body = embeddingBody({});
        body.insert(QStringLiteral("input"), QStringLiteral("just one"));
        body.remove(QStringLiteral("encoding_format"));
        const Answer answer = post(QStringLiteral("/embeddings"), body);
        verifyVectors(answer, { QStringLiteral("just one") }, 1536);
    }

    void ollamaEmbed()
    {
        const QStringList inputs = texts(3);
        const QJsonObject body { { QStringLiteral("model"), QStringLiteral("nomic-embed-text") },
            { QStringLiteral("input"), QJsonArray::fromStringList(inputs) },
            { QStringLiteral("truncate"), true } };
        const Answer answer = post(QStringLiteral("/api/embed"), body);
        QCOMPARE(answer.status, 200);
        const QJsonObject json = answer.json();
        QCOMPARE(
            json.value(QLatin1StringView("model")).toString(), QStringLiteral("nomic-embed-text"));
        const QJsonArray embeddings = json.value(QLatin1StringView("embeddings")).toArray();
        QCOMPARE(embeddings.size(), 3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(floatsOf(embeddings[i]), EmbeddingTestServer::expectedVector(inputs[i], 1536));
        QVERIFY(json.value(QLatin1StringView("prompt_eval_count")).toInteger() > 0);
    }

    void manyRequestsInFlight()
    {
        TestServerConfig config;
        config.setLatency(300);
        config.dimensions = 8;
        m_server->setConfig(config);
        QElapsedTimer clock;
        clock.start();
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 20; ++i)
            replies.append(start(request(QStringLiteral("/v1/embeddings")),
                embeddingBody(texts(2, QString::number(i)))));
        const QList<Answer> answers = waitAll(replies, clock);
        const qint64 elapsed = clock.elapsed();
        for (const Answer &answer : answers)
            QCOMPARE(answer.status, 200);
        QVERIFY2(m_server->maxConcurrency() >= 16,
            qPrintable(QString::number(m_server->maxConcurrency())));
        // One by one would take 20 × 300 ms; the bound is loose as the machine is shared.
        QVERIFY2(elapsed < 5000, qPrintable(QString::number(elapsed)));
        QVERIFY(elapsed >= 300);
        QCOMPARE(m_server->currentConcurrency(), 0);
        QCOMPARE(m_server->requests(), 20);
    }

    void pipelinedKeepAlive()
    {
        // Three requests in one write on one connection: three answers, in order.
        // The server shares this thread, so wait with the event loop, never waitFor*().
        QTcpSocket socket;
        QByteArray received;
        QList<QByteArray> bodies;
        QByteArray badHead;
        connect(&socket, &QTcpSocket::readyRead, this, [&] {
            received += socket.readAll();
            for (;;) {
                const qsizetype headEnd = received.indexOf("\r\n\r\n");
                if (headEnd < 0)
                    return;
                const QByteArray head = received.left(headEnd);
                if (!head.startsWith("HTTP/1.1 200") || !head.contains("Connection: keep-alive"))
                    badHead = head;
                const QRegularExpression lengthPattern(QStringLiteral("Content-Length: (\\d+)"));
                const qsizetype length
                    = lengthPattern.match(QString::fromLatin1(head)).captured(1).toLongLong();
                if (received.size() < headEnd + 4 + length)
                    return;
                bodies.append(received.mid(headEnd + 4, length));
                received.remove(0, headEnd + 4 + length);
            }
        });
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        QByteArray wire;
        for (int i = 0; i < 3; ++i) {
            const QByteArray body
                = QJsonDocument(embeddingBody({ QStringLiteral("pipelined %1").arg(i) }))
                      .toJson(QJsonDocument::Compact);
            wire += "POST /v1/embeddings HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                    "application/json\r\n"
                    "Content-Length: "
                + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        }
        socket.write(wire); // buffered until connected
        QTRY_COMPARE_WITH_TIMEOUT(bodies.size(), 3, 10000);
        QVERIFY2(badHead.isEmpty(), badHead.constData());
        QCOMPARE(bodies.size(), 3);
        for (int i = 0; i < 3; ++i) {
            const QJsonArray data
                = QJsonDocument::fromJson(bodies[i]).object()[QLatin1StringView("data")].toArray();
            QCOMPARE(floatsOf(data.first()[QLatin1StringView("embedding")]),
                EmbeddingTestServer::expectedVector(QStringLiteral("pipelined %1").arg(i), 1536));
        }
        QCOMPARE(m_server->maxConcurrency(), 1); // one connection, one request at a time
    }

    void largeBody()
    {
        TestServerConfig config;
        config.dimensions = 64;
        m_server->setConfig(config);
        QStringList inputs;
        for (int i = 0; i < 2048; ++i)
            inputs.append(QString::number(i).rightJustified(8, u'0')
                + QString(8192 - 8, QChar(u'a' + i % 26)));
        QElapsedTimer clock;
        clock.start();
        const Answer answer = embed(inputs, QStringLiteral("base64"));
        QCOMPARE(answer.status, 200);
        const QJsonArray data = answer.json()[QLatin1StringView("data")].toArray();
        QCOMPARE(data.size(), 2048);
        for (int i : { 0, 1000, 2047 })
            QCOMPARE(floatsOf(data[i][QLatin1StringView("embedding")]),
                EmbeddingTestServer::expectedVector(inputs[i], 64));
        QCOMPARE(m_server->stats().inputs, 2048);
        QCOMPARE(m_server->stats().totalTokens, 2048 * 2048);
        qInfo("2048 inputs x 8192 chars answered in %lld ms", clock.elapsed());
        QVERIFY(clock.elapsed() < 20000);
    }

    void concurrencyCap_data()
    {
        QTest::addColumn<bool>("reject");
        QTest::newRow("queue") << false;
        QTest::newRow("reject") << true;
    }

    void concurrencyCap()
    {
        QFETCH(bool, reject);
        TestServerConfig config;
        config.setLatency(250);
        config.dimensions = 4;
        config.maxConcurrency = 2;
        config.overCapacity = reject ? OverCapacity::Reject : OverCapacity::Queue;
        m_server->setConfig(config);
        QElapsedTimer clock;
        clock.start();
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 6; ++i)
            replies.append(start(
                request(QStringLiteral("/v1/embeddings")), embeddingBody({ QString::number(i) })));
        const QList<Answer> answers = waitAll(replies, clock);
        int ok = 0;
        int refused = 0;
        for (const Answer &answer : answers) {
            ok += answer.status == 200;
            refused += answer.status == 429;
            if (answer.status == 429)
                QVERIFY(answer.headers.contains("retry-after-ms"));
        }
        QCOMPARE(m_server->maxConcurrency(), 2);
        if (reject) {
            QCOMPARE(ok, 2);
            QCOMPARE(refused, 4);
        } else {
            QCOMPARE(ok, 6);
            QVERIFY2(clock.elapsed() >= 3 * 250 - 50, qPrintable(QString::number(clock.elapsed())));
        }
        QCOMPARE(m_server->stats().queued, 0);
    }

    void raisedCapStartsQueuedRequests()
    {
        TestServerConfig config;
        config.setLatency(1000);
        config.dimensions = 2;
        config.maxConcurrency = 1;
        m_server->setConfig(config);
        QElapsedTimer clock;
        clock.start();
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 3; ++i)
            replies.append(start(
                request(QStringLiteral("/v1/embeddings")), embeddingBody({ QString::number(i) })));
        QTRY_COMPARE(m_server->stats().queued, 2);
        config.maxConcurrency = 8;
        m_server->setConfig(config); // at runtime: the queued two start now, not one by one
        const QList<Answer> answers = waitAll(replies, clock);
        for (const Answer &answer : answers)
            QCOMPARE(answer.status, 200);
        QCOMPARE(m_server->maxConcurrency(), 3); // the two queued ones started together
    }

    void requestRateLimit()
    {
        TestServerConfig config;
        config.dimensions = 4;
        config.rpmLimit = 3;
        config.rateWindowMs = 1000;
        m_server->setConfig(config);
        for (int i = 0; i < 3; ++i) {
            const Answer answer = embed({ QStringLiteral("r%1").arg(i) });
            QCOMPARE(answer.status, 200);
            QCOMPARE(answer.headers.value("x-ratelimit-limit-requests"), QByteArray("3"));
            QCOMPARE(
                answer.headers.value("x-ratelimit-remaining-requests"), QByteArray::number(2 - i));
        }
        const Answer limited = embed({ QStringLiteral("r3") });
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.json()[QLatin1StringView("error")][QLatin1StringView("code")].toString(),
            QStringLiteral("rate_limit_exceeded"));
        const qint64 retryMs = limited.headers.value("retry-after-ms").toLongLong();
        QVERIFY2(
            retryMs > 0 && retryMs <= 1000, limited.headers.value("retry-after-ms").constData());
        QCOMPARE(limited.headers.value("retry-after"), QByteArray("1"));
        QCOMPARE(limited.headers.value("x-ratelimit-remaining-requests"), QByteArray("0"));
        const QRegularExpression goDuration(
            QStringLiteral("^(\\d+h)?(\\d+m)?(\\d+(\\.\\d+)?s|\\d+ms)$"));
        const QString reset
            = QString::fromLatin1(limited.headers.value("x-ratelimit-reset-requests"));
        QVERIFY2(goDuration.match(reset).hasMatch(), qPrintable(reset));
        QCOMPARE(m_server->stats().rateLimited, 1);
        QTest::qWait(int(retryMs) + 20);
        QCOMPARE(embed({ QStringLiteral("r3") }).status, 200);
    }

    void tokenRateLimit()
    {
        TestServerConfig config;
        config.dimensions = 4;
        config.tpmLimit = 10;
        config.rateWindowMs = 5000;
        config.retryAfter = RetryAfterHeaders::Milliseconds;
        m_server->setConfig(config);
        const QString eightTokens(32, u'x');
        const Answer first = embed({ eightTokens });
        QCOMPARE(first.status, 200);
        QCOMPARE(first.headers.value("x-ratelimit-limit-tokens"), QByteArray("10"));
        QCOMPARE(first.headers.value("x-ratelimit-remaining-tokens"), QByteArray("2"));
        const Answer second = embed({ eightTokens });
        QCOMPARE(second.status, 429);
        QVERIFY(second.headers.contains("retry-after-ms"));
        QVERIFY(!second.headers.contains("retry-after"));
        QVERIFY(second.errorMessage().contains(QLatin1StringView("TPM")));
        const Answer tooLarge = embed({ QString(100, u'x') });
        QCOMPARE(tooLarge.status, 429);
        QVERIFY2(tooLarge.errorMessage().contains(QLatin1StringView("too large")),
            qPrintable(tooLarge.errorMessage()));
    }

    void randomErrorsAreSeeded()
    {
        TestServerConfig config;
        config.dimensions = 2;
        config.seed = 42;
        config.faultRates.httpError = 0.5;
        m_server->setConfig(config);
        auto run = [this] {
            QList<int> statuses;
            for (int i = 0; i < 30; ++i)
                statuses.append(embed({ QStringLiteral("e") }).status);
            return statuses;
        };
        const QList<int> first = run();
        QVERIFY2(first.count(200) > 0 && first.count(200) < 30,
            qPrintable(QString::number(first.count(200))));
        QVERIFY(first.contains(500));
        QVERIFY(first.contains(503));
        QCOMPARE(first.count(200) + first.count(500) + first.count(503), 30);
        m_server->reset(); // reseeds: the same sequence again
        QCOMPARE(run(), first);
        QCOMPARE(m_server->statusCount(500), first.count(500));
    }

    void failNextRequests()
    {
        m_server->failNext(3, 503);
        for (int i = 0; i < 3; ++i) {
            const Answer answer = embed({ QStringLiteral("f") });
            QCOMPARE(answer.status, 503);
            QCOMPARE(
                answer.json()[QLatin1StringView("error")][QLatin1StringView("type")].toString(),
                QStringLiteral("server_error"));
        }
        QCOMPARE(embed({ QStringLiteral("f") }).status, 200);
        QCOMPARE(m_server->statusCount(503), 3);
        QCOMPARE(m_server->statusCount(200), 1);
    }

    void malformedJson()
    {
        m_server->injectFault(Fault::MalformedJson);
        const Answer answer = embed({ QStringLiteral("m") });
        QCOMPARE(answer.status, 200);
        QJsonParseError error;
        QJsonDocument::fromJson(answer.body, &error);
        QVERIFY(error.error != QJsonParseError::NoError);
        QCOMPARE(m_server->stats().answeredInputs, 0); // faulty answers do not count as answers
        verifyVectors(embed({ QStringLiteral("m") }), { QStringLiteral("m") }, 1536);
    }

    void countMismatch()
    {
        m_server->injectFault(Fault::CountMismatch);
        const Answer answer = embed(texts(3));
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.json()[QLatin1StringView("data")].toArray().size(), 2);
    }

    void nanInOneVector_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("base64") << QStringLiteral("base64");
        QTest::newRow("float") << QStringLiteral("float");
    }

    void nanInOneVector()
    {
        QFETCH(QString, format);
        m_server->injectFault(Fault::NanValue);
        const Answer answer = embed(texts(4), format);
        QCOMPARE(answer.status, 200);
        if (format == QLatin1StringView("float")) {
            // Literal NaN, as Python's json writes it: not JSON any more.
            QCOMPARE(answer.body.count("NaN"), 1);
            QVERIFY(QJsonDocument::fromJson(answer.body).isNull());
            return;
        }
        int vectorsWithNan = 0;
        for (const QJsonValue &item : answer.json()[QLatin1StringView("data")].toArray()) {
            const QList<float> vector = floatsOf(item[QLatin1StringView("embedding")]);
            vectorsWithNan += std::any_of(
                vector.cbegin(), vector.cend(), [](float v) { return std::isnan(v); });
        }
        QCOMPARE(vectorsWithNan, 1);
    }

    void wrongDimensions()
    {
        m_server->injectFault(Fault::WrongDimensions);
        const Answer answer = embed(texts(3), QStringLiteral("base64"));
        QCOMPARE(answer.status, 200);
        QList<qsizetype> sizes;
        for (const QJsonValue &item : answer.json()[QLatin1StringView("data")].toArray())
            sizes.append(floatsOf(item[QLatin1StringView("embedding")]).size());
        QCOMPARE(sizes.count(1536), 2);
        QCOMPARE(sizes.count(1535), 1);
    }

    void connectionReset()
    {
        TestServerConfig config;
        config.faultRates.connectionReset = 1.0;
        m_server->setConfig(config);
        const Answer answer = embed({ QStringLiteral("reset me") });
        QCOMPARE(answer.status, 0);
        const QList<QNetworkReply::NetworkError> resetErrors { QNetworkReply::RemoteHostClosedError,
            QNetworkReply::ConnectionRefusedError, QNetworkReply::UnknownNetworkError };
        QVERIFY2(resetErrors.contains(answer.error), qPrintable(QString::number(answer.error)));
        qInfo("reset seen by the client as error %d after %lld resets", int(answer.error),
            m_server->stats().resets);
        QVERIFY(m_server->stats().resets >= 1);
        QTRY_COMPARE(m_server->currentConcurrency(), 0);
    }

    void stall()
    {
        m_server->injectFault(Fault::Stall);
        QElapsedTimer clock;
        clock.start();
        const Answer answer = post(
            QStringLiteral("/v1/embeddings"), embeddingBody({ QStringLiteral("s") }), {}, 500);
        QVERIFY2(answer.error == QNetworkReply::OperationCanceledError
                || answer.error == QNetworkReply::TimeoutError,
            qPrintable(QString::number(answer.error)));
        QVERIFY2(clock.elapsed() >= 450 && clock.elapsed() < 5000,
            qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(m_server->stats().stalls, 1);
        // The stalled request held its slot until the client gave up.
        QTRY_COMPARE(m_server->currentConcurrency(), 0);
        QCOMPARE(embed({ QStringLiteral("s") }).status, 200);
    }

    void markerRejected()
    {
        TestServerConfig config;
        config.rejectMarker = QStringLiteral("POISON");
        m_server->setConfig(config);
        const Answer answer
            = embed({ QStringLiteral("fine"), QStringLiteral("has POISON inside") });
        QCOMPARE(answer.status, 400);
        QVERIFY2(answer.errorMessage().contains(QLatin1StringView("POISON")),
            qPrintable(answer.errorMessage()));
        QCOMPARE(answer.json()[QLatin1StringView("error")][QLatin1StringView("type")].toString(),
            QStringLiteral("invalid_request_error"));
        QCOMPARE(embed({ QStringLiteral("fine") }).status, 200);
    }

    void batchLimit_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("413") << 413;
        QTest::newRow("422") << 422;
    }

    void batchLimit()
    {
        QFETCH(int, status);
        TestServerConfig config;
        config.dimensions = 2;
        config.maxBatchInputs = 64;
        config.batchLimitStatus = status;
        m_server->setConfig(config);
        const Answer answer = embed(texts(66));
        QCOMPARE(answer.status, status);
        QCOMPARE(answer.json()[QLatin1StringView("error")].toString(),
            QStringLiteral("batch size 66 > maximum allowed batch size 64"));
        QCOMPARE(embed(texts(64)).status, 200);
    }

    void apiKey()
    {
        TestServerConfig config;
        config.apiKey = QStringLiteral("sk-test-secret-1234");
        m_server->setConfig(config);
        QCOMPARE(embed({ QStringLiteral("k") }).status, 401);
        const QJsonObject body = embeddingBody({ QStringLiteral("k") });
        const Answer wrong = post(QStringLiteral("/v1/embeddings"), body,
            { { "Authorization", "Bearer sk-wrong-key-9999" } });
        QCOMPARE(wrong.status, 401);
        QVERIFY(!wrong.body.contains("sk-test-secret"));
        QCOMPARE(post(QStringLiteral("/v1/embeddings"), body,
                     { { "Authorization", "Bearer sk-test-secret-1234" } })
                     .status,
            200);
    }

    void unknownModel()
    {
        TestServerConfig config;
        config.models = { QStringLiteral("text-embedding-3-small") };
        m_server->setConfig(config);
        QJsonObject body = embeddingBody({ QStringLiteral("x") });
        body.insert(QStringLiteral("model"), QStringLiteral("no-such-model"));
        const Answer answer = post(QStringLiteral("/v1/embeddings"), body);
        QCOMPARE(answer.status, 404);
        QCOMPARE(answer.json()[QLatin1StringView("error")][QLatin1StringView("code")].toString(),
            QStringLiteral("model_not_found"));
        QVERIFY(answer.errorMessage().contains(QLatin1StringView("no-such-model")));
        QCOMPARE(embed({ QStringLiteral("x") }).status, 200);
    }

    void base64Refused()
    {
        TestServerConfig config;
        config.rejectBase64 = true;
        config.dimensions = 8;
        m_server->setConfig(config);
        const Answer refused = embed({ QStringLiteral("b") }, QStringLiteral("base64"));
        QCOMPARE(refused.status, 400);
        QVERIFY(refused.errorMessage().contains(QLatin1StringView("base64")));
        verifyVectors(embed({ QStringLiteral("b") }), { QStringLiteral("b") }, 8);
    }

    void inputTokenLimit()
    {
        TestServerConfig config;
        config.dimensions = 2;
        config.maxInputTokens = 8;
        m_server->setConfig(config);
        QCOMPARE(embed({ QString(32, u'x') }).status, 200); // 8 tokens
        const Answer tooLong = embed({ QStringLiteral("short"), QString(33, u'x') });
        QCOMPARE(tooLong.status, 400);
        QVERIFY2(tooLong.errorMessage().contains(
                     QLatin1StringView("maximum context length is 8 tokens")),
            qPrintable(tooLong.errorMessage()));
        QJsonObject ollama { { QStringLiteral("model"), QStringLiteral("m") },
            { QStringLiteral("input"), QString(33, u'x') }, { QStringLiteral("truncate"), false } };
        QCOMPARE(post(QStringLiteral("/api/embed"), ollama).status, 400);
        ollama.insert(QStringLiteral("truncate"), true);
        QCOMPARE(post(QStringLiteral("/api/embed"), ollama).status, 200);
    }

    void dimensionsOverrideRefused()
    {
        TestServerConfig config;
        config.allowDimensionsOverride = false;
        m_server->setConfig(config);
        QJsonObject body = embeddingBody({ QStringLiteral("d") });
        body.insert(QStringLiteral("dimensions"), 256);
        QCOMPARE(post(QStringLiteral("/v1/embeddings"), body).status, 400);
    }

    void badRequests_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("not json") << QByteArray("{\"model\":");
        QTest::newRow("no model") << QByteArray("{\"input\":[\"a\"]}");
        QTest::newRow("empty input") << QByteArray("{\"model\":\"m\",\"input\":[]}");
        QTest::newRow("empty string") << QByteArray("{\"model\":\"m\",\"input\":[\"\"]}");
        QTest::newRow("tokens") << QByteArray("{\"model\":\"m\",\"input\":[[1,2]]}");
        QTest::newRow("format") << QByteArray(
            "{\"model\":\"m\",\"input\":\"a\",\"encoding_format\":\"int8\"}");
    }

    void badRequests()
    {
        QFETCH(QByteArray, body);
        QElapsedTimer clock;
        clock.start();
        const Answer answer
            = waitAll({ m_network->post(request(QStringLiteral("/v1/embeddings")), body) }, clock)
                  .first();
        QCOMPARE(answer.status, 400);
        QVERIFY(!answer.errorMessage().isEmpty());
    }

    void shuffledOrder()
    {
        TestServerConfig config;
        config.shuffleOrder = true;
        config.dimensions = 16;
        m_server->setConfig(config);
        const QStringList inputs = texts(10);
        const Answer answer = embed(inputs);
        verifyVectors(answer, inputs, 16);
        QList<int> indexes;
        for (const QJsonValue &item : answer.json()[QLatin1StringView("data")].toArray())
            indexes.append(item[QLatin1StringView("index")].toInt());
        QVERIFY(!std::is_sorted(indexes.cbegin(), indexes.cend()));
    }

    void counters()
    {
        TestServerConfig config;
        config.dimensions = 4;
        m_server->setConfig(config);
        const QJsonObject body
            = embeddingBody({ QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("a") });
        QCOMPARE(
            post(QStringLiteral("/v1/embeddings"), body, { { "X-Request-Id", "req-1" } }).status,
            200);
        // The same request again, as a transport retry would send it.
        QCOMPARE(
            post(QStringLiteral("/v1/embeddings"), body, { { "X-Request-Id", "req-1" } }).status,
            200);
        m_server->failNext(1, 500);
        QCOMPARE(post(QStringLiteral("/v1/embeddings"), embeddingBody({ QStringLiteral("c") }),
                     { { "X-Request-Id", "req-2" } })
                     .status,
            500);
        QCOMPARE(post(QStringLiteral("/nowhere"), body).status, 404);

        const TestServerStats stats = m_server->stats();
        QCOMPARE(stats.requests, 4);
        QCOMPARE(stats.statusCount(200), 2);
        QCOMPARE(stats.statusCount(500), 1);
        QCOMPARE(stats.statusCount(404), 1);
        QCOMPARE(stats.inputs, 7);
        QCOMPARE(stats.distinctInputs, 3);
        QCOMPARE(stats.resentInputs, 4); // "a" twice in the first, then all three again
        QCOMPARE(stats.answeredInputs, 6);
        QCOMPARE(stats.reansweredInputs, 4);
        QCOMPARE(stats.transportResends, 1);
        QCOMPARE(stats.totalTokens, 6); // 1 token each, clean answers only
        QCOMPARE(stats.receivedTokens, 7);
        QCOMPARE(stats.maxConcurrency, 1);

        const Answer statsAnswer = get(QStringLiteral("/stats"));
        QCOMPARE(statsAnswer.status, 200);
        QCOMPARE(statsAnswer.json(), stats.toJson());
        QCOMPARE(m_server->requests(), 4); // /stats itself is not counted

        m_server->reset();
        const TestServerStats zero = m_server->stats();
        QCOMPARE(zero.requests, 0);
        QCOMPARE(zero.inputs, 0);
        QVERIFY(zero.statusCounts.isEmpty());
        QCOMPARE(
            post(QStringLiteral("/v1/embeddings"), body, { { "X-Request-Id", "req-1" } }).status,
            200);
        QCOMPARE(m_server->transportResends(), 0);
        QCOMPARE(m_server->distinctInputs(), 2);
        QCOMPARE(m_server->resentInputs(), 1);
    }

    void controlEndpoint()
    {
        const QJsonObject inject { { QStringLiteral("fault"), QStringLiteral("http-error") },
            { QStringLiteral("count"), 2 }, { QStringLiteral("status"), 502 } };
        QCOMPARE(post(QStringLiteral("/control"), inject).status, 200);
        QCOMPARE(post(QStringLiteral("/control"),
                     { { QStringLiteral("fault"), QStringLiteral("nope") } })
                     .status,
            400);
        QCOMPARE(embed({ QStringLiteral("c") }).status, 502);
        QCOMPARE(embed({ QStringLiteral("c") }).status, 502);
        QCOMPARE(embed({ QStringLiteral("c") }).status, 200);
        QCOMPARE(post(QStringLiteral("/control"),
                     { { QStringLiteral("fault"), QStringLiteral("stall") } })
                     .status,
            200);
        QCOMPARE(
            post(QStringLiteral("/control"), { { QStringLiteral("clear"), true } }).status, 200);
        QCOMPARE(embed({ QStringLiteral("c") }).status, 200);
        QCOMPARE(m_server->requests(), 4); // control requests are not counted
        QCOMPARE(post(QStringLiteral("/stats/reset"), {}).status, 200);
        QCOMPARE(m_server->requests(), 0);
    }

    void serverInItsOwnThread()
    {
        // The test thread blocks in waitForReadyRead(); a server on it could never answer.
        TestServerConfig config;
        config.dimensions = 4;
        config.setLatency(20);
        TestServerThread thread(config);
        QVERIFY(thread.start());
        QVERIFY(thread.port() != 0);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, thread.port());
        QVERIFY(socket.waitForConnected(5000));
        const QByteArray body
            = QJsonDocument(embeddingBody({ QStringLiteral("threaded") })).toJson();
        socket.write(
            "POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QByteArray received;
        QElapsedTimer clock;
        clock.start();
        while (socket.state() == QAbstractSocket::ConnectedState && clock.elapsed() < 10000) {
            socket.waitForReadyRead(500);
            received += socket.readAll();
        }
        received += socket.readAll();
        QVERIFY2(received.startsWith("HTTP/1.1 200 OK\r\n"), received.left(200).constData());
        QVERIFY(received.contains("Connection: close"));
        const QJsonObject json
            = QJsonDocument::fromJson(received.mid(received.indexOf("\r\n\r\n") + 4)).object();
        QCOMPARE(floatsOf(json[QLatin1StringView("data")][0][QLatin1StringView("embedding")]),
            EmbeddingTestServer::expectedVector(QStringLiteral("threaded"), 4));
        QCOMPARE(thread.server()->stats().answeredInputs, 1);
    }

    void standaloneExecutable()
    {
        const QString program = qEnvironmentVariable("SIGNALHUB_BINARY_DIR")
            + QStringLiteral("/bin/signalhub-testserver");
        QVERIFY2(QFile::exists(program), qPrintable(program));
        QProcess process;
        process.start(program,
            { QStringLiteral("--dimensions"), QStringLiteral("8"), QStringLiteral("--fail-next"),
                QStringLiteral("1:503"), QStringLiteral("--inject"),
                QStringLiteral("count-mismatch"), QStringLiteral("--latency"),
                QStringLiteral("5-20") });
        QVERIFY(process.waitForStarted(5000));
        QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 10000);
        const int port = process.readLine().trimmed().toInt();
        QVERIFY(port > 0);
        m_server->close(); // the requests below must reach the process
        QUrl url(QStringLiteral("http://127.0.0.1:%1/v1/embeddings").arg(port));
        QNetworkRequest req(url);
        req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        req.setTransferTimeout(10000);
        QElapsedTimer clock;
        clock.start();
        const QByteArray body = QJsonDocument(embeddingBody(texts(2))).toJson();
        QCOMPARE(waitAll({ m_network->post(req, body) }, clock).first().status, 503);
        const Answer mismatch = waitAll({ m_network->post(req, body) }, clock).first();
        QCOMPARE(mismatch.json()[QLatin1StringView("data")].toArray().size(), 1);
        const Answer clean = waitAll({ m_network->post(req, body) }, clock).first();
        QCOMPARE(clean.status, 200);
        const QJsonArray data = clean.json()[QLatin1StringView("data")].toArray();
        QCOMPARE(floatsOf(data[1][QLatin1StringView("embedding")]),
            EmbeddingTestServer::expectedVector(texts(2)[1], 8));
        process.kill();
        QVERIFY(process.waitForFinished(5000));
    }

    void commandLineErrors()
    {
        const QString program = qEnvironmentVariable("SIGNALHUB_BINARY_DIR")
            + QStringLiteral("/bin/signalhub-testserver");
        QProcess process;
        process.start(program, { QStringLiteral("--fault"), QStringLiteral("bogus=0.5") });
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(process.readAllStandardError().contains("bogus"));
    }
};

QTEST_GUILESS_MAIN(TestTestServer)
#include "tst_testserver.moc"
