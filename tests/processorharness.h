#pragma once
// Drives a BatchProcessor in its own thread, as IndexWorker and TextEmbedder do, against the
// embeddings test server, and records everything it reports. Shared by tst_batchprocessor*.

#include "batchprocessor.h"
#include "embeddingtestserver.h"
#include "ollamaprovider.h"
#include "openaiprovider.h"
#include "testserverthread.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QMutex>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>
#include <QThread>
#include <algorithm>
#include <memory>
#include <optional>

namespace Harness {

using namespace SignalHub::Core;
using namespace SignalHub::Testing;

enum class Api
{
    OpenAi,
    Ollama
};

inline constexpr int Dims = 64;

// Fast, bounded settings every network test starts from.
inline ProcessorSettings fastSettings(int concurrency = 4)
{
    ProcessorSettings ps;
    ps.concurrency = concurrency;
    ps.retry = RetrySettings { 5, 50, 500 };
    ps.timeoutMs = 2000;
    return ps;
}

inline QList<EmbedItem> makeItems(
    int count, const QString &prefix = QStringLiteral("item"), int firstId = 1, int padding = 0)
{
    QList<EmbedItem> items;
    for (int i = 0; i < count; ++i) {
        QString text = QStringLiteral("%1 %2: int f%2() { return %2; }").arg(prefix).arg(i);
        if (padding > 0)
            text += QString(padding, u'x');
        items.append(
            EmbedItem { firstId + i, text, int(EmbeddingTestServer::promptTokens(text)), 0 });
    }
    return items;
}

// Ids in a shuffled order, so nothing depends on ids being sorted or dense.
inline QList<EmbedItem> shuffledIds(QList<EmbedItem> items, quint32 seed)
{
    QList<qint64> ids;
    for (const EmbedItem &item : std::as_const(items))
        ids.append(item.id * 7919 + 13);
    std::shuffle(ids.begin(), ids.end(), QRandomGenerator(seed));
    for (qsizetype i = 0; i < items.size(); ++i)
        items[i].id = ids[i];
    return items;
}

struct ServerEvent
{
    qint64 atMs;
    int status;
    qint64 requestsSoFar;
};

// The test server in its own thread, with the time of every answer on a shared clock.
class Server
{
public:
    explicit Server(const TestServerConfig &config)
        : m_thread(config)
    { }
    bool start(const QElapsedTimer *clock)
    {
        m_clock = clock;
        if (!m_thread.start())
            return false;
        EmbeddingTestServer *s = m_thread.server();
        QObject::connect(
            s, &EmbeddingTestServer::answered, s,
            [this, s](int status) {
                QMutexLocker lock(&m_mutex);
                m_events.append(ServerEvent { m_clock->elapsed(), status, s->requests() });
            },
            Qt::DirectConnection);
        return true;
    }
    EmbeddingTestServer *operator->() const { return m_thread.server(); }
    EmbeddingTestServer *get() const { return m_thread.server(); }
    QList<ServerEvent> events() const
    {
        QMutexLocker lock(&m_mutex);
        return m_events;
    }
    QString openAiUrl() const { return m_thread.server()->openAiUrl().toString(); }
    QString baseUrl() const { return m_thread.server()->baseUrl().toString(); }

private:
    const QElapsedTimer *m_clock = nullptr;
    mutable QMutex m_mutex;
    QList<ServerEvent> m_events;
    // Last, so that it is destroyed first: the server's thread appends to m_events until the
    // thread has stopped.
    TestServerThread m_thread;
};

inline std::unique_ptr<Provider> makeProvider(Api api, const Server &server,
    const QString &model = QStringLiteral("m"), int dims = Dims, const QByteArray &key = {})
{
    HttpProviderConfig config;
    config.model = model;
    config.dimensions = dims;
    config.apiKey = key;
    if (api == Api::OpenAi) {
        config.baseUrl = server.openAiUrl();
        return std::make_unique<OpenAiProvider>(config);
    }
    config.baseUrl = server.baseUrl();
    return std::make_unique<OllamaProvider>(config);
}

// One processor in its own thread plus what it said, collected in the test's thread.
class Run : public QObject
{
public:
    Run(std::unique_ptr<Provider> provider, const ProcessorSettings &settings,
        const QElapsedTimer *clock)
        : m_clock(clock)
    {
        m_thread.setObjectName(QStringLiteral("processor"));
        processor = new BatchProcessor(std::move(provider), settings);
        processor->moveToThread(&m_thread);
        connect(processor, &BatchProcessor::embedded, this,
            [this](const QList<EmbeddedItem> &items, qint64 tokens) {
                for (const EmbeddedItem &item : items) {
                    embeddedCount[item.id] += 1;
                    vectors.insert(item.id, item.vector);
                }
                embeddedTokens += tokens;
            });
        connect(processor, &BatchProcessor::failed, this, [this](const QList<FailedItem> &items) {
            for (const FailedItem &item : items) {
                failedCount[item.id] += 1;
                failures.insert(item.id, item);
            }
        });
        connect(processor, &BatchProcessor::requestFinished, this,
            [this](const AttemptRecord &record) { records.append(record); });
        connect(
            processor, &BatchProcessor::progress, this, [this](const ProgressSnapshot &snapshot) {
                snapshots.append(snapshot);
                snapshotTimes.append(m_clock->elapsed());
            });
        connect(processor, &BatchProcessor::batchLimitLearned, this,
            [this](
                int maxInputs, const QString &reason) { learned.append({ maxInputs, reason }); });
        connect(processor, &BatchProcessor::inputLimitLearned, this,
            [this](int maxTokens, const QString &reason) {
                learnedInputLimits.append({ maxTokens, reason });
            });
        connect(processor, &BatchProcessor::finished, this,
            [this](BatchProcessor::Outcome o, const QString &message) {
                outcome = o;
                finishMessage = message;
                finishedAtMs = m_clock->elapsed();
            });
        m_thread.start();
    }
    ~Run() override
    {
        QMetaObject::invokeMethod(processor, &QObject::deleteLater);
        m_thread.quit();
        m_thread.wait();
    }

    void enqueue(QList<EmbedItem> items, bool end = true)
    {
        for (const EmbedItem &item : std::as_const(items))
            texts.insert(item.id, item.text);
        QMetaObject::invokeMethod(
            processor, [p = processor, items = std::move(items), end]() mutable {
                p->enqueue(std::move(items));
                if (end)
                    p->endOfInput();
            });
    }
    void call(void (BatchProcessor::*slot)())
    {
        QMetaObject::invokeMethod(processor, slot, Qt::BlockingQueuedConnection);
    }
    bool waitFinished(int timeoutMs)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!outcome && !deadline.hasExpired())
            QTest::qWait(10);
        return outcome.has_value();
    }

    // Every item ends in exactly one state: stored once with exactly the server's vector, or
    // failed once with a reason; `pendingOk` allows the third state of a stopped run.
    void verifyItems(int dims, bool pendingOk = false) const
    {
        for (auto it = texts.cbegin(); it != texts.cend(); ++it) {
            const int stored = embeddedCount.value(it.key());
            const int failedTimes = failedCount.value(it.key());
            QVERIFY2(stored + failedTimes <= 1,
                qPrintable(QStringLiteral("item %1 reported %2 times")
                        .arg(it.key())
                        .arg(stored + failedTimes)));
            if (!pendingOk)
                QVERIFY2(stored + failedTimes == 1,
                    qPrintable(QStringLiteral("item %1 lost").arg(it.key())));
            if (stored) {
                const QList<float> expected = EmbeddingTestServer::expectedVector(it.value(), dims);
                QCOMPARE(vectors.value(it.key()).size(), expected.size());
                QVERIFY2(vectors.value(it.key()) == expected,
                    qPrintable(QStringLiteral("wrong vector for item %1").arg(it.key())));
            } else if (failedTimes) {
                QVERIFY2(!failures.value(it.key()).reason.isEmpty(), "failed without a reason");
            }
        }
        for (auto it = embeddedCount.cbegin(); it != embeddedCount.cend(); ++it)
            QVERIFY2(texts.contains(it.key()), "an id that was never enqueued came back");
        for (auto it = failedCount.cbegin(); it != failedCount.cend(); ++it)
            QVERIFY2(texts.contains(it.key()), "an id that was never enqueued failed");
    }

    int storedCount() const { return int(embeddedCount.size()); }
    int failedItems() const { return int(failedCount.size()); }
    QSet<QString> requestIds() const
    {
        QSet<QString> ids;
        for (const AttemptRecord &r : records)
            ids.insert(r.requestId);
        return ids;
    }

    BatchProcessor *processor = nullptr;
    QHash<qint64, QString> texts;
    QHash<qint64, int> embeddedCount;
    QHash<qint64, QList<float>> vectors;
    QHash<qint64, int> failedCount;
    QHash<qint64, FailedItem> failures;
    qint64 embeddedTokens = 0;
    QList<AttemptRecord> records;
    QList<ProgressSnapshot> snapshots;
    QList<qint64> snapshotTimes;
    QList<QPair<int, QString>> learned;
    QList<QPair<int, QString>> learnedInputLimits;
    std::optional<BatchProcessor::Outcome> outcome;
    QString finishMessage;
    qint64 finishedAtMs = -1;

private:
    const QElapsedTimer *m_clock;
    QThread m_thread;
};

// A server of Dims dimensions, the fault-free start every test changes from.
inline TestServerConfig baseConfig()
{
    TestServerConfig config;
    config.dimensions = Dims;
    return config;
}

// Started on its own thread; nullptr when it could not listen.
inline std::unique_ptr<Server> startedServer(const TestServerConfig &config, QElapsedTimer *clock)
{
    auto server = std::make_unique<Server>(config);
    if (!server->start(clock))
        return nullptr;
    return server;
}

} // namespace Harness
