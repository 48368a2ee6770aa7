// BatchProcessor with the OpenAI and Ollama providers against the embeddings test server, one
// test per fault: every item ends stored once with exactly the server's vector, or failed once
// with its reason (or pending when the run stops), and the server sees no more requests than
// the fault explains. Timing, pacing and concurrency are in tst_batchprocessorflow.
#include "processorharness.h"

#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <cmath>

using namespace Harness;

Q_DECLARE_METATYPE(Harness::Api)
Q_DECLARE_METATYPE(SignalHub::Testing::Fault)
Q_DECLARE_METATYPE(SignalHub::Testing::LimitWording)

class TestBatchProcessor : public QObject
{
    Q_OBJECT

private:
    QElapsedTimer m_clock;

    // A port nothing listens on: connections to it are refused.
    static quint16 closedPort()
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost))
            return 0;
        return probe.serverPort(); // closed when `probe` goes
    }

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

    void happyPath_data()
    {
        QTest::addColumn<Api>("api");
        QTest::addColumn<bool>("rejectBase64");
        QTest::newRow("openai base64, shuffled") << Api::OpenAi << false;
        QTest::newRow("openai float fallback") << Api::OpenAi << true;
        QTest::newRow("ollama") << Api::Ollama << false;
    }
    void happyPath()
    {
        QFETCH(Api, api);
        QFETCH(bool, rejectBase64);
        TestServerConfig config = baseConfig();
        config.shuffleOrder = true;
        config.rejectBase64 = rejectBase64;
        auto server = startServer(config);
        QVERIFY(server);
        ProcessorSettings ps = fastSettings(4);
        ps.limits.maxInputs = 50;
        Run run(makeProvider(api, *server), ps, &m_clock);
        const QList<EmbedItem> items = shuffledIds(makeItems(250), 7);
        qint64 tokens = 0;
        for (const EmbedItem &item : items)
            tokens += item.tokens;
        run.enqueue(items);
        QVERIFY(run.waitFinished(20000));
        QCOMPARE(*run.outcome, BatchProcessor::Outcome::Completed);
        run.verifyItems(Dims);
        QCOMPARE(run.storedCount(), 250);
        QCOMPARE(run.embeddedTokens, tokens); // the server's usage, summed
        const TestServerStats stats = (*server)->stats();
        QCOMPARE(stats.reansweredInputs, 0);
        if (rejectBase64) {
            // Each of the first wave may be refused once; all of them switch to floats.
            QVERIFY(stats.statusCount(400) >= 1);
            QVERIFY2(stats.statusCount(400) <= ps.concurrency,
                qPrintable(QString::number(stats.statusCount(400))));
            QVERIFY(stats.requests <= 5 + ps.concurrency);
            QCOMPARE(stats.inputs - stats.statusCount(400) * 50, 250);
        } else {
            QCOMPARE(stats.requests, 5);
        }
    }

    void serverErrors_data()
    {
        QTest::addColumn<Api>("api");
        QTest::addColumn<double>("rate");
        QTest::addColumn<int>("failNext");
        QTest::newRow("openai random 500/503") << Api::OpenAi << 0.3 << 0;
        QTest::newRow("ollama random 500/503") << Api::Ollama << 0.3 << 0;
        QTest::newRow("openai failNext 3x500") << Api::OpenAi << 0.0 << 3;
    }
    void serverErrors()
    {
        QFETCH(Api, api);
        QFETCH(double, rate);
        QFETCH(int, failNext);
        TestServerConfig config = baseConfig();
        config.seed = 42;
        config.faultRates.httpError = rate;
        auto server = startServer(config);
        QVERIFY(server);
        (*server)->failNext(failNext, 500);
        ProcessorSettings ps = fastSettings(4);
        ps.limits.maxInputs = 20;
        ps.retry.maxRetries = 8; // 0.3^9: no batch may run out of retries by chance
        Run run(makeProvider(api, *server), ps, &m_clock);
        run.enqueue(makeItems(300));
        QVERIFY(run.waitFinished(30000));
        QCOMPARE(*run.outcome, BatchProcessor::Outcome::Completed);
        run.verifyItems(Dims);
        QCOMPARE(run.storedCount(), 300);
        const TestServerStats stats = (*server)->stats();
        const qint64 errors = stats.statusCount(500) + stats.statusCount(503);
        QCOMPARE(stats.requests, 15 + errors);
        QCOMPARE(qint64(run.records.size()), stats.requests);
        if (failNext > 0)
            QCOMPARE(errors, failNext);
        else
            QVERIFY(errors > 0);
    }

    // An invalid 200 is retried like a 5xx, never stored; when it never heals, the reason is
    // the validator's precise one.
    void invalidAnswers_data()
    {
        QTest::addColumn<Api>("api");
        QTest::addColumn<Fault>("fault");
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("reason");
        const int never = 6; // every attempt of maxRetries 5
        for (int count : { 2, never }) {
            const bool healed = count < never;
            const char *suffix = healed ? "healed" : "never heals";
            QTest::addRow("openai malformed, %s", suffix)
                << Api::OpenAi << Fault::MalformedJson << count
                << QStringLiteral("malformed answer");
            QTest::addRow("ollama malformed, %s", suffix)
                << Api::Ollama << Fault::MalformedJson << count
                << QStringLiteral("malformed answer");
            QTest::addRow("openai count mismatch, %s", suffix)
                << Api::OpenAi << Fault::CountMismatch << count
                << QStringLiteral("99 embeddings for 100 inputs");
            QTest::addRow("ollama count mismatch, %s", suffix)
                << Api::Ollama << Fault::CountMismatch << count
                << QStringLiteral("99 embeddings for 100 inputs");
            QTest::addRow("openai nan, %s", suffix)
                << Api::OpenAi << Fault::NanValue << count << QStringLiteral("NaN at input 50");
            QTest::addRow("ollama nan, %s", suffix)
                << Api::Ollama << Fault::NanValue << count << QStringLiteral("NaN at input 50");
            QTest::addRow("openai wrong dimensions, %s", suffix)
                << Api::OpenAi << Fault::WrongDimensions << count
                << QStringLiteral("63 dimensions instead of 64 at input 99");
        }
    }
    void invalidAnswers()
    {
        QFETCH(Api, api);
        QFETCH(Fault, fault);
        QFETCH(int, count);
        QFETCH(QString, reason);
        auto server = startServer(baseConfig());
        QVERIFY(server);
        (*server)->injectFault(fault, count);
        ProcessorSettings ps = fastSettings(1);
        Run run(makeProvider(api, *server), ps, &m_clock);
        run.enqueue(makeItems(100));
        QVERIFY(run.waitFinished(20000));
        QCOMPARE(*run.outcome, BatchProcessor::Outcome::Completed);
        run.verifyItems(Dims);
        const bool healed = count <= ps.retry.maxRetries;
        QCOMPARE((*server)->requests(), healed ? count + 1 : count);
        QVERIFY(!run.records.isEmpty());
        QVERIFY2(run.records.first().error.contains(reason), qPrintable(run.records.first().error));
        if (healed) {
            QCOMPARE(run.storedCount(), 100);
        } else {
            QCOMPARE(run.failedItems(), 100);
            for (const FailedItem &f : std::as_const(run.failures)) {
                QVERIFY2(f.reason.contains(reason), qPrintable(f.reason));
                QCOMPARE(f.attempts, count);
            }
        }
    }

    void connectionReset_data()
    {
        QTest::addColumn<Api>("api");
        QTest::newRow("openai") << Api::OpenAi;
        QTest::newRow("ollama") << Api::Ollama;
    }
    void connectionReset()
    {
        QFETCH(Api, api);
        auto server = startServer(baseConfig());
        QVERIFY(server);
        (*server)->injectFault(Fault::ConnectionReset, 3);
        ProcessorSettings ps = fastSettings(2);
        ps.limits.maxInputs = 25;
        Run run(makeProvider(api, *server), ps, &m_clock);
        run.enqueue(makeItems(100));
        QVERIFY(run.waitFinished(20000));
        QCOMPARE(*run.outcome, BatchProcessor::Outcome::Completed);
        run.verifyItems(Dims);
        QCOMPARE(run.storedCount(), 100);
        QCOMPARE((*server)->stats().resets, 3);
        QCOMPARE((*server)->stats().reansweredInputs, 0);
    }

    void stall()
    {
        auto server = startServer(baseConfig());
        QVERIFY(server);
        (*server)->injectFault(Fault::Stall, 1);
        ProcessorSettings ps = fastSettings(1);
        ps.timeoutMs = 1000;
        Run run(makeProvider(Api::OpenAi, *server), ps, &m_clock);
        const qint64 started = m_clock.elapsed();
        run.enqueue(makeItems(40));
        QVERIFY(run.waitFinished(10000));
        QCOMPARE(*run.outcome, BatchProcessor::Outcome::Completed);
        run.verifyItems(Dims);
        QCOMPARE(run.storedCount(), 40);
        QCOMPARE((*server)->stats().stalls, 1);
        QCOMPARE(run.records.size(), 2);
        QVERIFY2(run.records.first().error.contains(QStringLiteral("no answer within 1 s")),
            qPrintable(run.records.first().error));
        const qint64 stalledFor = run.records.first().finishedMs - run.records.first().startedMs;
        // QNAM's transfer timer is a coarse one (5 % early or late).
        QVERIFY2(stalledFor >= 940 && stalledFor < 2000, qPrintable(QString::number(stalledFor)));
        QVERIFY2(run.finishedAtMs - started < 4000,
            qPrintable(QString::number(run.finishedAtMs - started)));
    }

    // One poisoned input among 100 in one batch: bisection isolates it, 99 are stored.
    void poisonInput_data()
    {
        QTest::addColumn<Api>("api");
        QTest::addColumn<int>("poisoned");
        QTest::newRow("openai, input 37") << Api::OpenAi << 37;
        QTest::newRow("openai, input 0") << Api::OpenAi << 0;
        QTest::newRow("ollama, input 99") << Api::Ollama << 99;
    }
    void poisonInput()
    {
        QFETCH(Api, api);
        QFETCH(int, poisoned);
        TestServerConfig config = baseConfig();
        config.rejectMarker = QStringLiteral("POISON");
        auto server = startServer(config);
        QVERIFY(server);
        Run run(makeProvider(api, *server), fastSettings(4), &m_clock);
        QList<EmbedItem> items = makeItems(100);
        items[poisoned].text += QStringLiteral(" POISON");
        const qint64 poisonId = items[poisoned].id;
        run.enqueue(items);
        QVERIFY(run.waitFinished(20000));
        QCOMPARE(*run.outcome, BatchProcessor::Outcome::Completed);
        run.verifyItems(Dims);
        QCOMPARE(run.storedCount(), 99);
        QCOMPARE(run.failedItems(), 1);
        const FailedItem failure = run.failures.value(poisonId);
        QCOMPARE(failure.id, poisonId);
        QCOMPARE(failure.httpStatus, 400);
        QVERIFY2(failure.reason.contains(QStringLiteral("contains the rejected marker 'POISON'")),
            qPrintable(failure.reason));
        const qint64 extra = (*server)->requests() - 1;
        QVERIFY2(extra <= 2 * std::log2(100.0) + 1, qPrintable(QString::number(extra)));
    }

    // A run set up wrong fails every request alike: it stops within a few requests with one
    // message naming the setting to change, counts the tokens of every answered request, and
    // marks no chunk failed: they stay pending for the corrected run.
    void misconfigurationStopsEarly_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QString>("named");
        QTest::newRow("wrong dimensions")
            << QStringLiteral("dimensions") << QStringLiteral("256-dimensional vectors");
        QTest::newRow("connection refused")
            << QStringLiteral("refused") << QStringLiteral("cannot reach");
        QTest::newRow("a web site, not an API")
            << QStringLiteral("site") << QStringLiteral("something other than JSON");
        QTest::newRow("501") << QStringLiteral("501")
                             << QStringLiteral("is not an embeddings API (HTTP 501");
        QTest::newRow("inputs over the server's limit")
            << QStringLiteral("input limit") << QStringLiteral("--max-input-tokens");
    }
    void misconfigurationStopsEarly()
    {
        QFETCH(QString, setup);
        QFETCH(QString, named);
        TestServerConfig config = baseConfig();
        HttpProviderConfig provider;
        provider.model = QStringLiteral("m");
        provider.dimensions = Dims;
        ProcessorSettings ps = fastSettings(4);
        if (setup == u"dimensions") {
            config.dimensions = 256;
            provider.model = QStringLiteral("text-embedding-3-small"); // 1536, not asked for
            provider.dimensions = 0;
        } else if (setup == u"501") {
            config.failNextCount = 1000;
            config.failNextStatus = 501;
        } else if (setup == u"input limit") {
            // A limit the server does not name: the streak is what tells.
            config.maxInputTokens = 4;
            config.limitWording = LimitWording::Unnamed;
            ps.limits.maxInputs = 2;
        }
        auto server = startServer(config);
        QVERIFY(server);
        const int port = QUrl(server->baseUrl()).port();
        provider.baseUrl = server->openAiUrl();
        if (setup == u"site")
            provider.baseUrl = QStringLiteral("http://127.0.0.1:%1/site/v1").arg(port);
        if (setup == u"refused")
            provider.baseUrl = QStringLiteral("http://127.0.0.1:%1/v1").arg(closedPort());
        Run run(std::make_unique<OpenAiProvider>(provider), ps, &m_clock);
        run.enqueue(makeItems(400));
        QVERIFY(run.waitFinished(20000));
        QCOMPARE(*run.outcome, BatchProcessor::Outcome::Fatal);
        QVERIFY2(run.finishMessage.contains(named), qPrintable(run.finishMessage));
        QCOMPARE(run.storedCount(), 0);
        QCOMPARE(run.failedItems(), 0);
        run.verifyItems(Dims, true);
        // A streak, plus the requests in flight (and their halves) when it ended.
        const auto kind = setup == u"input limit" ? SetupFaultDetector::Kind::InputRejected
                                                  : SetupFaultDetector::Kind::Unreachable;
        const int bound = 2 * (SetupFaultDetector::streak(kind) + ps.concurrency);
        QVERIFY2(run.records.size() <= bound, qPrintable(QString::number(run.records.size())));
        for (const AttemptRecord &record : std::as_const(run.records)) {
            QCOMPARE(record.billed, record.httpStatus == 200);
            if (setup == u"dimensions")
                QVERIFY(record.tokens > 0 && record.tokensFromServer);
        }
    }

    // The same failures after a good answer are the chunks' own: they fail, the run goes on.
    void failuresAfterAGoodAnswerAreTheChunks()
    {
        TestServerConfig config = baseConfig();
        config.maxInputTokens = 12;
        auto server = startServer(config);
        QVERIFY(server);
        ProcessorSettings ps = fastSettings(1);
        ps.limits.maxInputs = 1;
        Run run(makeProvider(Api::OpenAi, *server), ps, &m_clock);
        QList<EmbedItem> items = makeItems(1);
        items += makeItems(5, QStringLiteral("long"), 2, 40); // over 12 tokens each
        run.enqueue(items);
        QVERIFY(run.waitFinished(20000));
        QCOMPARE(*run.outcome, BatchProcessor::Outcome::Completed);
        run.verifyItems(Dims);
        QCOMPARE(run.storedCount(), 1);
        QCOMPARE(run.failedItems(), 5);
    }

    // A base URL's query belongs after the API's path (Azure needs ?api-version=), and its
    // secret parameters are never shown.
    void baseUrlQueryStaysAfterThePath()
    {
        auto server = startServer(baseConfig());
        QVERIFY(server);
        HttpProviderConfig provider;
        provider.model = QStringLiteral("m");
        provider.dimensions = Dims;
        provider.baseUrl = server->openAiUrl() + QStringLiteral("?api-version=2024-02-01");
        Run good(std::make_unique<OpenAiProvider>(provider), fastSettings(2), &m_clock);
        good.enqueue(makeItems(20));
        QVERIFY(good.waitFinished(20000));
        QCOMPARE(*good.outcome, BatchProcessor::Outcome::Completed);
        QCOMPARE(good.storedCount(), 20);

        provider.baseUrl = QStringLiteral("http://127.0.0.1:%1/v1?api-version=1&api-key=url-secret")
                               .arg(closedPort());
        Run refused(std::make_unique<OpenAiProvider>(provider), fastSettings(2), &m_clock);
        refused.enqueue(makeItems(20));
        QVERIFY(refused.waitFinished(20000));
        QCOMPARE(*refused.outcome, BatchProcessor::Outcome::Fatal);
        QVERIFY2(refused.finishMessage.contains(
                     QStringLiteral("/v1/embeddings?api-version=1&api-key=***")),
            qPrintable(refused.finishMessage));
        QVERIFY(!refused.finishMessage.contains(QStringLiteral("url-secret")));
        for (const AttemptRecord &record : std::as_const(refused.records))
            QVERIFY(!record.error.contains(QStringLiteral("url-secret")));
    }

    void batchLimit_data()
    {
        QTest::addColumn<Api>("api");
        QTest::addColumn<int>("status");
        QTest::addColumn<LimitWording>("wording");
        QTest::addColumn<QString>("quoted");
        const QString tei = QStringLiteral("maximum allowed batch size 32");
        QTest::newRow("openai 413") << Api::OpenAi << 413 << LimitWording::Default << tei;
        QTest::newRow("openai 422") << Api::OpenAi << 422 << LimitWording::Default << tei;
        QTest::newRow("ollama 413") << Api::Ollama << 413 << LimitWording::Default << tei;
        QTest::newRow("openai 400 max number of inputs")
            << Api::OpenAi << 400 << LimitWording::OpenAi
            << QStringLiteral("The max number of inputs is 32, got");
    }
    void batchLimit()
    {
        QFETCH(Api, api);
        QFETCH(int, status);
        QFETCH(LimitWording, wording);
        QFETCH(QString, quoted);
        TestServerConfig config = baseConfig();
        config.maxBatchInputs = 32;
        config.batchLimitStatus = status;
        config.limitWording = wording;
        auto server = startServer(config);
        QVERIFY(server);
        ProcessorSettings ps = fastSettings(4);
        ps.limits.maxInputs = 100;
        Run run(makeProvider(api, *server), ps, &m_clock);
        run.enqueue(makeItems(500));
        QVERIFY(run.waitFinished(20000));
        QCOMPARE(*run.outcome, BatchProcessor::Outcome::Completed);
        run.verifyItems(Dims);
        QCOMPARE(run.storedCount(), 500);
        QCOMPARE(run.learned.size(), 1); // said once, kept for the rest of the run
        QCOMPARE(run.learned.first().first, 32);
        QVERIFY2(
            run.learned.first().second.contains(quoted), qPrintable(run.learned.first().second));
        QVERIFY((*server)->statusCount(status) <= ps.concurrency);
        for (const AttemptRecord &record : std::as_const(run.records))
            if (record.httpStatus == 200)
                QVERIFY(record.inputs <= 32);
    }

    // A per-input limit a server names in its refusal holds for the rest of the run: chunks
    // over it fail at once with a reason that says what to change, instead of being bisected
    // and sent alone, and everything else is stored.
    void inputLimit_data()
    {
        QTest::addColumn<LimitWording>("wording");
        QTest::addColumn<int>("status");
        QTest::newRow("openai context length") << LimitWording::Default << 400;
        QTest::newRow("openai input length") << LimitWording::OpenAi << 400;
        QTest::newRow("vllm") << LimitWording::Vllm << 400;
        QTest::newRow("tei") << LimitWording::Tei << 422;
        QTest::newRow("llama.cpp") << LimitWording::LlamaCpp << 500;
    }
    void inputLimit()
    {
        QFETCH(LimitWording, wording);
        QFETCH(int, status);
        TestServerConfig config = baseConfig();
        config.maxInputTokens = 20;
        config.limitWording = wording;
        auto server = startServer(config);
        QVERIFY(server);
        ProcessorSettings ps = fastSettings(4);
        ps.limits.maxInputs = 10;
        Run run(makeProvider(Api::OpenAi, *server), ps, &m_clock);
        // One long chunk in every ten, as a folder of mostly small functions has.
        QList<EmbedItem> items;
        for (int i = 0; i < 20; ++i) {
            items += makeItems(9, QStringLiteral("short%1").arg(i), 1 + 10 * i);
            items += makeItems(1, QStringLiteral("long%1").arg(i), 10 + 10 * i, 80);
        }
        run.enqueue(items);
        QVERIFY(run.waitFinished(20000));
        QCOMPARE(*run.outcome, BatchProcessor::Outcome::Completed);
        run.verifyItems(Dims);
        QCOMPARE(run.storedCount(), 180);
        QCOMPARE(run.failedItems(), 20);
        for (const FailedItem &failure : std::as_const(run.failures))
            QVERIFY2(failure.reason.contains(QStringLiteral("the server's limit of 20 per input"))
                    && failure.reason.contains(QStringLiteral("--chunk-tokens below 20")),
                qPrintable(failure.reason));
        QCOMPARE(run.learnedInputLimits.size(), 1);
        QCOMPARE(run.learnedInputLimits.first().first, 20);
        // Only the first wave met the limit; nothing was bisected or sent alone.
        QVERIFY2((*server)->statusCount(status) <= ps.concurrency,
            qPrintable(QString::number((*server)->statusCount(status))));
        QVERIFY2(run.records.size() <= 180 / 10 + 2 * ps.concurrency,
            qPrintable(QString::number(run.records.size())));
    }

    // Authentication and unknown models stop the run: nothing failed, everything else pending.
    void fatal_data()
    {
        QTest::addColumn<Api>("api");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::newRow("openai 401") << Api::OpenAi << 401 << QStringLiteral("refused the API key");
        QTest::newRow("ollama 401") << Api::Ollama << 401 << QStringLiteral("refused the API key");
        QTest::newRow("openai 404")
            << Api::OpenAi << 404 << QStringLiteral("does not know model 'other'");
        QTest::newRow("ollama 404")
            << Api::Ollama << 404 << QStringLiteral("does not know model 'other'");
    }
    void fatal()
    {
        QFETCH(Api, api);
        QFETCH(int, status);
        QFETCH(QString, message);
        TestServerConfig config = baseConfig();
        config.latencyMinMs = 0;
        config.latencyMaxMs = 30;
        if (status == 401)
            config.apiKey = QStringLiteral("sk-right-key-123456");
        else
            config.models = { QStringLiteral("m") };
        auto server = startServer(config);
        QVERIFY(server);
        ProcessorSettings ps = fastSettings(4);
        ps.limits.maxInputs = 20;
        Run run(makeProvider(api, *server,
                    status == 401 ? QStringLiteral("m") : QStringLiteral("other"), Dims,
                    status == 401 ? QByteArray("sk-wrong-key-000000") : QByteArray()),
            ps, &m_clock);
        run.enqueue(makeItems(400));
        QVERIFY(run.waitFinished(10000));
        QCOMPARE(*run.outcome, BatchProcessor::Outcome::Fatal);
        QVERIFY2(run.finishMessage.contains(message), qPrintable(run.finishMessage));
        QVERIFY(!run.finishMessage.contains(
            QStringLiteral("sk-wrong-key-000000"))); // no secret in text
        QTest::qWait(200); // nothing more goes out after the stop
        QVERIFY2((*server)->requests() <= ps.concurrency,
            qPrintable(QString::number((*server)->requests())));
        QCOMPARE(run.failedItems(), 0);
        QCOMPARE(run.storedCount(), 0);
        run.verifyItems(Dims, true);
        QVERIFY(!run.snapshots.isEmpty());
        QCOMPARE(run.snapshots.last().chunksPending, 400);
    }

    void pauseResume()
    {
        TestServerConfig config = baseConfig();
        config.setLatency(200);
        auto server = startServer(config);
        QVERIFY(server);
        ProcessorSettings ps = fastSettings(4);
        ps.limits.maxInputs = 10;
        Run run(makeProvider(Api::OpenAi, *server), ps, &m_clock);
        run.enqueue(makeItems(200));
        QTRY_VERIFY_WITH_TIMEOUT((*server)->requests() >= 4, 5000);
        run.call(&BatchProcessor::pause);
        QTest::qWait(50); // what was sent before the pause arrives
        const qint64 atPause = (*server)->requests();
        QTest::qWait(600); // three latencies: in-flight requests finish, nothing new goes
        QCOMPARE((*server)->requests(), atPause);
        QCOMPARE(run.storedCount(), int(atPause * 10));
        QVERIFY(!run.outcome);
        QVERIFY(run.snapshots.last().paused);
        QCOMPARE(run.snapshots.last().inFlight, 0);
        run.call(&BatchProcessor::resume);
        QVERIFY(run.waitFinished(20000));
        QCOMPARE(*run.outcome, BatchProcessor::Outcome::Completed);
        run.verifyItems(Dims);
        QCOMPARE(run.storedCount(), 200);
        QCOMPARE((*server)->requests(), 20);
    }

    void cancel()
    {
        TestServerConfig config = baseConfig();
        config.setLatency(800);
        auto server = startServer(config);
        QVERIFY(server);
        ProcessorSettings ps = fastSettings(4);
        ps.limits.maxInputs = 10;
        Run run(makeProvider(Api::OpenAi, *server), ps, &m_clock);
        run.enqueue(makeItems(200));
        QTRY_VERIFY_WITH_TIMEOUT((*server)->currentConcurrency() == 4, 5000);
        const qint64 cancelledAt = m_clock.elapsed();
        run.call(&BatchProcessor::cancel);
        QVERIFY(run.waitFinished(2000));
        QCOMPARE(*run.outcome, BatchProcessor::Outcome::Cancelled);
        QVERIFY(run.finishedAtMs - cancelledAt < 400); // aborted, not waited for
        QCOMPARE(run.failedItems(), 0);
        QCOMPARE(run.storedCount(), 0);
        run.verifyItems(Dims, true);
        QCOMPARE(run.snapshots.last().chunksPending, 200);
        QTRY_COMPARE_WITH_TIMEOUT((*server)->currentConcurrency(), 0, 2000); // connections closed
        QTest::qWait(100);
        QCOMPARE((*server)->requests(), 4);
    }

    // Every attempt has its own X-Request-Id: the server's transportResends counts QNAM's own
    // re-sends of one attempt, apart from our retries.
    void requestIds()
    {
        TestServerConfig config = baseConfig();
        config.seed = 7;
        config.faultRates.connectionReset = 0.5; // QNAM re-sends some itself; the rest are ours
        auto server = startServer(config);
        QVERIFY(server);
        ProcessorSettings ps = fastSettings(4);
        ps.limits.maxInputs = 10;
        ps.retry.maxRetries = 8;
        Run run(makeProvider(Api::OpenAi, *server), ps, &m_clock);
        run.enqueue(makeItems(300));
        QVERIFY(run.waitFinished(30000));
        QCOMPARE(*run.outcome, BatchProcessor::Outcome::Completed);
        run.verifyItems(Dims);
        QCOMPARE(run.storedCount(), 300);
        const TestServerStats stats = (*server)->stats();
        QVERIFY(stats.resets > 0);
        QCOMPARE(run.requestIds().size(), run.records.size());
        const qint64 retries = run.records.size() - 30;
        QVERIFY(retries > 0);
        // Ids the server saw once = our attempts; the rest of its requests are QNAM's own
        // re-sends of an attempt after a reset. Now and then QNAM fails an attempt with
        // "Connection closed" before any byte of it reached the server: ours, but unseen.
        const qint64 seenAttempts = stats.requests - stats.transportResends;
        QVERIFY2(seenAttempts <= run.records.size() && seenAttempts >= run.records.size() - 2,
            qPrintable(QStringLiteral("server saw %1 distinct ids, we made %2 attempts")
                    .arg(seenAttempts)
                    .arg(run.records.size())));
        qInfo("%lld resets, %lld retries of ours, %lld transport re-sends by QNAM", stats.resets,
            retries, stats.transportResends);
    }
};

QTEST_GUILESS_MAIN(TestBatchProcessor)
#include "tst_batchprocessor.moc"
