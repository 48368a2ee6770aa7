// BatchProcessor's flow against the embeddings test server: requests in flight, the shared
// 429 cool-down, TPM pacing, learned limits, adaptive concurrency and progress reports; and
// the request bodies and answers of the OpenAI and Ollama providers.
#include "httpheaders.h"
#include "processorharness.h"
#include "ratelimiter.h"

#include <QHttp1Configuration>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QStandardPaths>
#include <QTest>
#include <cmath>

using namespace Harness;

namespace {

// Exposes the protected request/answer halves of the providers.
class OpenAiProbe : public OpenAiProvider
{
public:
    using OpenAiProvider::adaptToRejection;
    using OpenAiProvider::OpenAiProvider;
    using OpenAiProvider::parseBody;
    using OpenAiProvider::requestBody;
    using OpenAiProvider::requestVariant;
};
class OllamaProbe : public OllamaProvider
{
public:
    using OllamaProvider::OllamaProvider;
    using OllamaProvider::parseBody;
    using OllamaProvider::requestBody;
};

HttpProviderConfig probeConfig(int dims)
{
    HttpProviderConfig config;
    config.baseUrl = QStringLiteral("http://127.0.0.1:1/v1/");
    config.model = QStringLiteral("text-embedding-3-small");
    config.dimensions = dims;
    return config;
}

} // namespace

class TestBatchProcessorFlow : public QObject
{
    Q_OBJECT

private:
    QElapsedTimer m_clock;

    std::unique_ptr<Server> startServer(const TestServerConfig &config)
    {
        return startedServer(config, &m_clock);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_clock.start();
    }

    void openAiRequestBody_data()
    {
        QTest::addColumn<int>("dims");
        QTest::addColumn<QStringList>("inputs");
        QTest::newRow("model's dimensions") << 0 << QStringList { QStringLiteral("a") };
        QTest::newRow("256 dimensions, unicode")
            << 256 << QStringList { QStringLiteral("ü \"q\" \n"), QStringLiteral("b") };
    }
    void openAiRequestBody()
    {
        QFETCH(int, dims);
        QFETCH(QStringList, inputs);
        OpenAiProbe provider(probeConfig(dims));
        QCOMPARE(provider.space().dimensions, dims > 0 ? dims : 1536);
        const QJsonObject body = QJsonDocument::fromJson(provider.requestBody(inputs)).object();
        QCOMPARE(body.value(u"model").toString(), QStringLiteral("text-embedding-3-small"));
        QCOMPARE(body.value(u"input").toVariant().toStringList(), inputs);
        QCOMPARE(body.value(u"encoding_format").toString(), QStringLiteral("base64"));
        QCOMPARE(body.contains(u"dimensions"), dims > 0);
        if (dims > 0)
            QCOMPARE(body.value(u"dimensions").toInt(), dims);
        // A refusal of base64 switches to floats; a refusal of a float request changes nothing.
        QVERIFY(!provider.adaptToRejection(
            400, QStringLiteral("bad input"), provider.requestVariant()));
        QVERIFY(provider.adaptToRejection(
            400, QStringLiteral("encoding_format 'base64' is not supported"), 1));
        QVERIFY(!QJsonDocument::fromJson(provider.requestBody(inputs))
                .object()
                .contains(u"encoding_format"));
        QVERIFY(!provider.adaptToRejection(
            400, QStringLiteral("encoding_format 'base64' is not supported"), 0));
    }

    void ollamaRequestBody()
    {
        OllamaProbe provider(probeConfig(128));
        const QJsonObject body
            = QJsonDocument::fromJson(provider.requestBody({ QStringLiteral("x") })).object();
        QCOMPARE(body.value(u"truncate"), QJsonValue(false)); // cut silently is worse than failed
        QCOMPARE(body.value(u"dimensions").toInt(), 128);
        QCOMPARE(body.value(u"input").toArray().size(), 1);
    }

    void parseAnswers_data()
    {
        QTest::addColumn<bool>("ollama");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("vectors");
        QTest::addColumn<QString>("error"); // empty: parses
        QTest::addColumn<bool>("hasNaN");
        QTest::newRow("openai floats out of order")
            << false
            << QByteArray("{\"data\":[{\"index\":1,\"embedding\":[3,4]},{\"index\":0,\"embedding\":"
                          "[1,2]}]}")
            << 2 << QString() << false;
        QTest::newRow("openai base64")
            << false << QByteArray("{\"data\":[{\"index\":0,\"embedding\":\"AACAPwAAAEA=\"}]}") << 1
            << QString() << false;
        QTest::newRow("openai bare NaN")
            << false << QByteArray("{\"data\":[{\"index\":0,\"embedding\":[1,NaN,2]}]}") << 1
            << QString() << true;
        QTest::newRow("openai duplicate index")
            << false
            << QByteArray(
                   "{\"data\":[{\"index\":0,\"embedding\":[1]},{\"index\":0,\"embedding\":[2]}]}")
            << 0 << QStringLiteral("appears twice") << false;
        QTest::newRow("openai cut off") << false << QByteArray("{\"data\":[{\"index\":0,\"embed")
                                        << 0 << QStringLiteral("malformed answer") << false;
        QTest::newRow("NaN inside a string is text")
            << false << QByteArray("{\"data\":[{\"index\":0,\"embedding\":\"NaN\"}],") << 0
            << QStringLiteral("malformed answer") << false;
        QTest::newRow("ollama bare NaN")
            << true << QByteArray("{\"embeddings\":[[1,2],[NaN,-Infinity]]}") << 2 << QString()
            << true;
        QTest::newRow("ollama no embeddings") << true << QByteArray("{\"error\":\"x\"}") << 0
                                              << QStringLiteral("malformed answer") << false;
    }
    void parseAnswers()
    {
        QFETCH(bool, ollama);
        QFETCH(QByteArray, body);
        QFETCH(int, vectors);
        QFETCH(QString, error);
        QFETCH(bool, hasNaN);
        OpenAiProbe openAi(probeConfig(2));
        OllamaProbe ollamaProbe(probeConfig(2));
        auto parsed = ollama ? ollamaProbe.parseBody(body) : openAi.parseBody(body);
        if (!error.isEmpty()) {
            QVERIFY(!parsed);
            QVERIFY2(parsed.errorMessage().contains(error), qPrintable(parsed.errorMessage()));
            return;
        }
        QVERIFY2(parsed, qPrintable(parsed.errorMessage()));
        QCOMPARE(parsed->vectors.size(), vectors);
        if (body.contains("\"index\":1"))
            QCOMPARE(parsed->vectors[0], (QList<float> { 1, 2 }));
        if (body.contains("AACAPwAAAEA="))
            QCOMPARE(parsed->vectors[0], (QList<float> { 1, 2 }));
        EmbeddingValidator validator(ollama ? 2 : 3);
        const QString verdict = validator.check(parsed->vectors, vectors);
        QCOMPARE(verdict.startsWith(QStringLiteral("NaN at input")), hasNaN);
    }

    // Go durations as servers write them in x-ratelimit-reset-*, including the micro sign.
    void goDurations_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("1m0s") << QByteArray("1m0s") << qint64(60000);
        QTest::newRow("1.5s") << QByteArray("1.5s") << qint64(1500);
        QTest::newRow("micro sign") << QByteArray("1500\xc2\xb5s") << qint64(2);
        QTest::newRow("greek mu") << QByteArray("2000\xce\xbcs") << qint64(2);
        QTest::newRow("unknown unit") << QByteArray("3x") << qint64(-1);
    }
    void goDurations()
    {
        QFETCH(QByteArray, text);
        QFETCH(qint64, ms);
        QCOMPARE(HttpHeaders::parseGoDurationMs(text), ms);
    }

    // A model of unknown dimensions: the first valid answer sets them for the run.
    void validatorLearnsDimensions()
    {
        EmbeddingValidator validator(0);
        QCOMPARE(validator.check({ { 1, 0 }, { 0, 1, 0 } }, 2),
            QStringLiteral("3 dimensions instead of 2 at input 1"));
        QCOMPARE(validator.dimensions(), 0);
        QCOMPARE(validator.check({ { 1, 0, 0 } }, 1), QString());
        QCOMPARE(validator.dimensions(), 3);
        QCOMPARE(validator.check({ { 1, 0 } }, 1),
            QStringLiteral("2 dimensions instead of 3 at input 0"));
        QCOMPARE(
            validator.check({ {} }, 1), QStringLiteral("0 dimensions instead of 3 at input 0"));
    }

    // QNAM opens at most 6 connections per host unless told otherwise (QHttp1Configuration).
    void concurrency_data()
    {
        QTest::addColumn<int>("concurrency");
        QTest::newRow("8") << 8;
        QTest::newRow("16") << 16;
    }
    void concurrency()
    {
        QFETCH(int, concurrency);
        TestServerConfig config = baseConfig();
        config.setLatency(200);
        auto server = startServer(config);
        QVERIFY(server);
        ProcessorSettings ps = fastSettings(concurrency);
        ps.limits.maxInputs = 10;
        Run run(makeProvider(Api::OpenAi, *server), ps, &m_clock);
        const qint64 started = m_clock.elapsed();
        run.enqueue(makeItems(concurrency * 30));
        QVERIFY(run.waitFinished(10000));
        QCOMPARE(*run.outcome, BatchProcessor::Outcome::Completed);
        run.verifyItems(Dims);
        QCOMPARE((*server)->maxConcurrency(), concurrency);
        QCOMPARE((*server)->requests(), concurrency * 3);
        QVERIFY2(run.finishedAtMs - started < 4000,
            qPrintable(QString::number(run.finishedAtMs - started)));
    }

    // A 429 with retry-after 1.5 s holds every sender: no request reaches the server in the
    // 1.5 s after it (only those sent before the client read the 429).
    void rateLimitCoolDown()
    {
        TestServerConfig config = baseConfig();
        config.maxConcurrency = 2;
        config.overCapacity = OverCapacity::Reject;
        config.overCapacityStatus = 429;
        config.setLatency(1500); // over-capacity answers carry retry-after = the latency
        config.retryAfter = RetryAfterHeaders::Both;
        auto server = startServer(config);
        QVERIFY(server);
        ProcessorSettings ps = fastSettings(4);
        ps.limits.maxInputs = 10;
        Run run(makeProvider(Api::OpenAi, *server), ps, &m_clock);
        run.enqueue(makeItems(40), false);
        // More work arrives during the cool-down, while two senders are idle: it must wait too.
        QTRY_VERIFY_WITH_TIMEOUT((*server)->statusCount(429) >= 1, 5000);
        QTest::qWait(300);
        QVERIFY((*server)->statusCount(429) <= 2);
        run.enqueue(makeItems(20, QStringLiteral("late"), 1000));
        QVERIFY(run.waitFinished(15000));
        QCOMPARE(*run.outcome, BatchProcessor::Outcome::Completed);
        run.verifyItems(Dims);
        QCOMPARE(run.storedCount(), 60);
        QVERIFY((*server)->statusCount(429) >= 2);

        // The client's view: nothing starts between a 429 and its retry-after.
        for (const AttemptRecord &limited : std::as_const(run.records)) {
            if (limited.httpStatus != 429)
                continue;
            for (const AttemptRecord &other : std::as_const(run.records)) {
                if (other.startedMs > limited.finishedMs)
                    QVERIFY2(other.startedMs >= limited.finishedMs + 1500 - 2,
                        qPrintable(QStringLiteral("sent %1 ms after a 429")
                                .arg(other.startedMs - limited.finishedMs)));
            }
        }
        // The server's view: a 429 is answered on arrival, a 200 1.5 s after it.
        QList<qint64> arrivals;
        QList<qint64> limitedAt;
        for (const ServerEvent &e : (*server).events()) {
            arrivals.append(e.status == 429 ? e.atMs : e.atMs - 1500);
            if (e.status == 429)
                limitedAt.append(e.atMs);
        }
        for (qint64 t : std::as_const(limitedAt))
            for (qint64 a : std::as_const(arrivals))
                QVERIFY2(!(a > t + 100 && a < t + 1500 - 50),
                    qPrintable(QStringLiteral("a request arrived %1 ms after a 429").arg(a - t)));
    }

    // Pacing to a TPM limit: the server's window is 2 s, so the processor's per-minute figure
    // is the window's limit times 30. Requests are 2 % of the window's limit, within the
    // limiter's 4 % headroom, so no sliding window ever sees more than the limit.
    void tpmPacing()
    {
        constexpr qint64 WindowLimit = 50000;
        constexpr int WindowMs = 2000;
        TestServerConfig config = baseConfig();
        config.tpmLimit = WindowLimit;
        config.rateWindowMs = WindowMs;
        config.setLatency(10);
        auto server = startServer(config);
        QVERIFY(server);
        ProcessorSettings ps = fastSettings(4);
        ps.limits.maxInputs = 5; // ~500 tokens: 1 % of the window's limit
        ps.rateLimits.tokensPerMinute = WindowLimit * 60000 / WindowMs;
        Run run(makeProvider(Api::OpenAi, *server), ps, &m_clock);
        const QList<EmbedItem> items = makeItems(800, QStringLiteral("paced"), 1, 370);
        qint64 tokens = 0;
        for (const EmbedItem &item : items)
            tokens += item.tokens;
        QVERIFY(tokens > WindowLimit * 3 / 2); // pacing must matter
        run.enqueue(items);
        QVERIFY(run.waitFinished(20000));
        QCOMPARE(*run.outcome, BatchProcessor::Outcome::Completed);
        run.verifyItems(Dims);
        QCOMPARE(run.storedCount(), 800);
        const TestServerStats stats = (*server)->stats();
        QVERIFY2(stats.statusCount(429) * 100 <= stats.requests,
            qPrintable(QStringLiteral("%1 429s in %2 requests")
                    .arg(stats.statusCount(429))
                    .arg(stats.requests)));
        qint64 first = std::numeric_limits<qint64>::max();
        qint64 last = 0;
        for (const AttemptRecord &r : std::as_const(run.records)) {
            first = std::min(first, r.startedMs);
            last = std::max(last, r.startedMs);
        }
        // Nothing is saved up at the start: the last request starts once all tokens but its
        // own have had their share of time.
        const double rate = double(tokens - 600) / std::max<qint64>(1, last - first) * WindowMs;
        qInfo("paced at %.0f tokens per window of %d ms (limit %lld), %lld 429s", rate, WindowMs,
            WindowLimit, stats.statusCount(429));
        QVERIFY2(rate >= 0.7 * WindowLimit, qPrintable(QString::number(rate)));
    }

    // Under a requests-per-minute limit requests are the scarce resource: while chunks arrive
    // a few at a time (as a folder is read), each request still goes out full.
    void rpmFillsEachRequest()
    {
        auto server = startServer(baseConfig());
        QVERIFY(server);
        ProcessorSettings ps = fastSettings(4);
        ps.rateLimits.requestsPerMinute = 120; // one request every half second
        Run run(makeProvider(Api::OpenAi, *server), ps, &m_clock);
        constexpr int Groups = 10;
        constexpr int PerGroup = 30;
        for (int group = 0; group < Groups; ++group)
            run.enqueue(makeItems(PerGroup, QStringLiteral("g%1").arg(group), 1 + group * PerGroup),
                group == Groups - 1);
        QVERIFY(run.waitFinished(20000));
        QCOMPARE(*run.outcome, BatchProcessor::Outcome::Completed);
        run.verifyItems(Dims);
        QCOMPARE(run.storedCount(), Groups * PerGroup);
        QCOMPARE(run.records.size(), 3);
        for (const AttemptRecord &record : std::as_const(run.records))
            QCOMPARE(record.inputs, 100);
    }

    // Limits are learned from x-ratelimit-* headers unless the user set them.
    void learnedLimits()
    {
        TestServerConfig config = baseConfig();
        config.rpmLimit = 120;
        config.tpmLimit = 600000;
        config.rateWindowMs = 60000;
        auto server = startServer(config);
        QVERIFY(server);
        QNetworkAccessManager network;
        QNetworkRequest request(QUrl(server->openAiUrl() + QStringLiteral("/embeddings")));
        request.setHeader(
            QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = network.post(request, "{\"model\":\"m\",\"input\":[\"hello\"]}");
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 5000);
        const RateLimitHeaders headers = HttpHeaders::rateLimits(*reply);
        reply->deleteLater();
        QCOMPARE(headers.limitRequests, 120);
        QCOMPARE(headers.limitTokens, 600000);
        QCOMPARE(headers.remainingRequests, 119);
        QVERIFY(headers.resetRequestsMs > 59000 && headers.resetRequestsMs <= 60000);

        RateLimiter learner;
        learner.learn(headers, 0);
        QCOMPARE(learner.limits().requestsPerMinute, 120);
        QCOMPARE(learner.limits().tokensPerMinute, 600000);
        // 120 a minute with 4 % headroom: one request every 521 ms. The probe request the
        // headers answered is in the server's window already, so it is paid for first.
        const qint64 first = learner.acquire(1, 0);
        QVERIFY2(first >= 515 && first <= 525, qPrintable(QString::number(first)));
        QCOMPARE(learner.acquire(1, first), 0);
        const qint64 wait = learner.acquire(1, first + 1);
        QVERIFY2(wait >= 515 && wait <= 525, qPrintable(QString::number(wait)));

        RateLimiter userSet(RateLimits { 600, 0 });
        userSet.learn(headers, 0);
        QCOMPARE(userSet.limits().requestsPerMinute, 600);
        QCOMPARE(userSet.limits().tokensPerMinute, 600000); // not set by the user: learned

        RateLimitHeaders exhausted = headers;
        exhausted.remainingRequests = 0;
        exhausted.resetRequestsMs = 800;
        RateLimiter waiting;
        waiting.learn(exhausted, 1000);
        QCOMPARE(waiting.coolDownRemaining(1000), 800);
        QCOMPARE(waiting.acquire(1, 1500), 300);
    }

    // Without limits of its own the processor paces to what the headers announce: 6 a minute,
    // of which the first wave of 4 used 4, leaves nothing to send for the next 40 s, and no 429.
    void learnedLimitsPace()
    {
        TestServerConfig config = baseConfig();
        config.rpmLimit = 6;
        config.rateWindowMs = 60000;
        auto server = startServer(config);
        QVERIFY(server);
        ProcessorSettings ps = fastSettings(4);
        ps.limits.maxInputs = 5;
        Run run(makeProvider(Api::OpenAi, *server), ps, &m_clock);
        run.enqueue(makeItems(100));
        QTRY_VERIFY_WITH_TIMEOUT(run.storedCount() == 20, 5000);
        QTest::qWait(1000);
        QCOMPARE((*server)->requests(), 4);
        QCOMPARE((*server)->statusCount(429), 0);
        QVERIFY(!run.outcome);
        run.call(&BatchProcessor::cancel);
        QVERIFY(run.waitFinished(2000));
        QCOMPARE(*run.outcome, BatchProcessor::Outcome::Cancelled);
        QCOMPARE(run.failedItems(), 0);
        run.verifyItems(Dims, true);
        QCOMPARE(run.snapshots.last().chunksPending, 80);
    }

    // AIMD: over a server that takes 4 at once and answers 429 beyond, concurrency comes down
    // and every item is stored; switched off, concurrency stays where it was set. The items a
    // second are printed, not asserted: on shared cores they measure the machine's load
    // (bench_engine holds the throughput figures).
    void adaptiveConcurrency_data()
    {
        QTest::addColumn<bool>("adaptive");
        QTest::newRow("adaptive") << true;
        QTest::newRow("fixed") << false;
    }
    void adaptiveConcurrency()
    {
        QFETCH(bool, adaptive);
        constexpr int Cap = 4;
        constexpr int LatencyMs = 100;
        TestServerConfig config = baseConfig();
        config.maxConcurrency = Cap;
        config.overCapacity = OverCapacity::Reject;
        config.setLatency(LatencyMs);
        config.retryAfter = RetryAfterHeaders::Milliseconds;
        auto server = startServer(config);
        QVERIFY(server);
        ProcessorSettings ps = fastSettings(12);
        ps.adaptive = adaptive;
        ps.limits.maxInputs = 10;
        Run run(makeProvider(Api::OpenAi, *server), ps, &m_clock);
        const qint64 started = m_clock.elapsed();
        run.enqueue(makeItems(600));
        QVERIFY(run.waitFinished(20000));
        QCOMPARE(*run.outcome, BatchProcessor::Outcome::Completed);
        run.verifyItems(Dims);
        QCOMPARE(run.storedCount(), 600);
        const double seconds = (run.finishedAtMs - started) / 1000.0;
        const double ideal = Cap * 10 * 1000.0 / LatencyMs; // items a second
        const TestServerStats stats = (*server)->stats();
        int maxSeen = 0;
        double sum = 0;
        for (const ProgressSnapshot &s : std::as_const(run.snapshots)) {
            maxSeen = std::max(maxSeen, s.concurrency);
            sum += s.concurrency;
        }
        const double mean = sum / std::max<qsizetype>(1, run.snapshots.size());
        qInfo("%s: %.0f items/s (ideal %.0f), %lld 429s in %lld requests, concurrency mean %.1f, "
              "last %d",
            adaptive ? "adaptive" : "fixed", 600 / seconds, ideal, stats.statusCount(429),
            stats.requests, mean, run.snapshots.last().concurrency);
        if (adaptive) {
            QVERIFY2(mean <= 2 * Cap, qPrintable(QString::number(mean)));
            QVERIFY(run.snapshots.last().concurrency <= 2 * Cap);
        } else {
            QCOMPARE(maxSeen, 12);
            QCOMPARE(run.snapshots.last().concurrency, 12);
        }
    }

    // Progress is coalesced to about 10 signals a second, the last one is exact and an ETA
    // appears once the rate was measured over a few answers and seconds, not before.
    void progressReports()
    {
        TestServerConfig config = baseConfig();
        config.setLatency(50);
        auto server = startServer(config);
        QVERIFY(server);
        ProcessorSettings ps = fastSettings(2);
        ps.limits.maxInputs = 10;
        ps.usdPerMillionTokens = 0.02;
        Run run(makeProvider(Api::OpenAi, *server), ps, &m_clock);
        const QList<EmbedItem> items = makeItems(1200);
        qint64 tokens = 0;
        for (const EmbedItem &item : items)
            tokens += item.tokens;
        const qint64 started = m_clock.elapsed();
        run.enqueue(items);
        QVERIFY(run.waitFinished(10000));
        QCOMPARE(*run.outcome, BatchProcessor::Outcome::Completed);
        run.verifyItems(Dims);
        const double seconds = (run.finishedAtMs - started) / 1000.0;
        QVERIFY(seconds >= 2.9); // 60 rounds of 50 ms
        QVERIFY2(run.snapshots.size() <= 12 * seconds + 3,
            qPrintable(
                QStringLiteral("%1 snapshots in %2 s").arg(run.snapshots.size()).arg(seconds)));
        QVERIFY(run.snapshots.size() >= 5);
        const ProgressSnapshot last = run.snapshots.last();
        QCOMPARE(last.chunksDone, 1200);
        QCOMPARE(last.chunksFailed, 0);
        QCOMPARE(last.chunksPending, 0);
        QCOMPARE(last.tokensDone, tokens);
        QCOMPARE(last.tokensPending, 0);
        QCOMPARE(last.requests, 120);
        QCOMPARE(last.retries, 0);
        QCOMPARE(last.inFlight, 0);
        QVERIFY(qAbs(last.costUsd - tokens * 0.02 / 1e6) < 1e-12);
        QCOMPARE(last.projectedCostUsd, last.costUsd);
        // While chunks wait, the projection is what was spent plus the rest at the price.
        const auto waiting = std::find_if(run.snapshots.cbegin(), run.snapshots.cend(),
            [](const ProgressSnapshot &s) { return s.tokensPending > 0 && s.tokensDone > 0; });
        QVERIFY(waiting != run.snapshots.cend());
        QVERIFY(
            qAbs(waiting->projectedCostUsd - waiting->costUsd - waiting->tokensPending * 0.02 / 1e6)
            < 1e-12);
        bool etaKnown = false;
        for (qsizetype i = 0; i < run.snapshots.size(); ++i) {
            const ProgressSnapshot &s = run.snapshots.at(i);
            if (run.snapshotTimes.at(i) - started < ProgressTracker::MinEtaSpanMs)
                QCOMPARE(s.etaSeconds, -1.0);
            etaKnown = etaKnown || (s.chunksPending > 0 && s.etaSeconds > 0 && s.etaSeconds < 10);
        }
        QVERIFY(etaKnown);
        for (const ProgressSnapshot &s : std::as_const(run.snapshots))
            QVERIFY(!s.stalled);
    }

    // "Stalled" once nothing has completed for longer than the timeout.
    void stalledProgress()
    {
        TestServerConfig config = baseConfig();
        config.faultRates.stall = 1.0;
        auto server = startServer(config);
        QVERIFY(server);
        ProcessorSettings ps = fastSettings(1);
        ps.timeoutMs = 700;
        Run run(makeProvider(Api::OpenAi, *server), ps, &m_clock);
        const qint64 started = m_clock.elapsed();
        run.enqueue(makeItems(20));
        auto stalledIndex = [&run] {
            for (qsizetype i = 0; i < run.snapshots.size(); ++i)
                if (run.snapshots[i].stalled)
                    return i;
            return qsizetype(-1);
        };
        QTRY_VERIFY_WITH_TIMEOUT(stalledIndex() >= 0, 5000);
        const qsizetype i = stalledIndex();
        QVERIFY(run.snapshotTimes[i] - started >= 700);
        QVERIFY2(run.snapshots[i].stalledReason.contains(QStringLiteral("nothing completed")),
            qPrintable(run.snapshots[i].stalledReason));
        // The one request in flight has been waiting since it was sent, and says so.
        QCOMPARE(run.snapshots[i].inFlight, 1);
        QVERIFY(run.snapshots[i].longestWaitMs > 0);
        QVERIFY2(run.snapshots[i].stalledReason.contains(QStringLiteral("in flight, ")),
            qPrintable(run.snapshots[i].stalledReason));
        run.call(&BatchProcessor::cancel);
        QVERIFY(run.waitFinished(2000));
        QCOMPARE(*run.outcome, BatchProcessor::Outcome::Cancelled);
        QCOMPARE(run.failedItems(), 0);
        QVERIFY((*server)->stats().stalls >= 1);
    }
};

QTEST_GUILESS_MAIN(TestBatchProcessorFlow)
#include "tst_batchprocessorflow.moc"
