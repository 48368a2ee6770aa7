#pragma once

#include "embeddingrequest.h"
#include "ratelimitwindow.h"
#include "testserverconfig.h"
#include "testservercounters.h"
#include "testserverstats.h"

#include <QElapsedTimer>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QSet>
#include <QUrl>
#include <atomic>
#include <deque>

class QTcpServer;

namespace SignalHub::Testing {

class HttpConnection;
struct HttpRequest;
struct HttpResponse;

// The project's embeddings server for tests and benchmarks: OpenAI-compatible
// POST /v1/embeddings (and /embeddings), Ollama POST /api/embed, GET /stats,
// POST /stats/reset and POST /control (see injectFault). Vectors are expectedVector() of
// each input; every fault, limit and delay comes from TestServerConfig.
//
// One event loop, no threads: latency is a QTimer. Only ever listens on 127.0.0.1.
// config(), setConfig(), failNext(), injectFault(), stats() and the counter getters may be
// called from any thread; listen() and close() only from the server's own thread.
class EmbeddingTestServer : public QObject
{
    Q_OBJECT

public:
    explicit EmbeddingTestServer(QObject *parent = nullptr);
    explicit EmbeddingTestServer(const TestServerConfig &config, QObject *parent = nullptr);
    ~EmbeddingTestServer() override;

    // Port 0 picks a free one; port() tells which.
    bool listen(quint16 port = 0);
    void close();
    quint16 port() const { return m_port.load(); }
    QUrl baseUrl() const; // http://127.0.0.1:<port>
    QUrl openAiUrl() const; // baseUrl()/v1, what an OpenAI client takes as its base URL
    QString errorString() const;

    TestServerConfig config() const;
    // Also reseeds the random draws and schedules config.failNextCount failures.
    void setConfig(const TestServerConfig &config);
    // The next `count` answers are `status` errors (OpenAI-style error bodies).
    void failNext(int count, int status);
    // The next `count` answers get `fault` (for Fault::HttpError: status 500).
    void injectFault(Fault fault, int count = 1);
    void clearInjectedFaults();

    TestServerStats stats() const;
    qint64 requests() const { return stats().requests; }
    qint64 statusCount(int status) const { return stats().statusCount(status); }
    qint64 inputs() const { return stats().inputs; }
    qint64 distinctInputs() const { return stats().distinctInputs; }
    qint64 resentInputs() const { return stats().resentInputs; }
    qint64 transportResends() const { return stats().transportResends; }
    int currentConcurrency() const { return stats().currentConcurrency; }
    int maxConcurrency() const { return stats().maxConcurrency; }
    qint64 totalTokens() const { return stats().totalTokens; }
    // Zeroes the counters, forgets seen texts and request ids, empties the rate-limit
    // window and reseeds; the config and injected faults stay.
    void reset();

    // The vector the server answers for `text` at `dimensions` (see VectorGenerator).
    static QList<float> expectedVector(const QString &text, int dimensions);
    // The prompt tokens the server bills for `text`: ceil(UTF-8 bytes / 4).
    static qint64 promptTokens(const QString &text);

Q_SIGNALS:
    // After each answer to an embeddings request: its HTTP status, 0 for a reset, -1 for
    // a stall. Emitted in the server's thread.
    void answered(int status);

private:
    struct Job
    {
        QPointer<HttpConnection> connection;
        EmbeddingRequest request;
        QList<QByteArray> digests;
        qint64 tokens = 0;
        int dimensions = 0;
        QList<QPair<QByteArray, QByteArray>> rateHeaders;
        QByteArray authorization;
    };
    struct ScheduledFault
    {
        Fault fault;
        int status;
        int remaining;
    };
    struct DrawnFault
    {
        std::optional<Fault> fault;
        int status = 0;
    };

    void onNewConnection();
    void onRequest(HttpConnection *connection, const HttpRequest &request);
    void onConnectionClosed(HttpConnection *connection);
    void handleEmbedding(HttpConnection *connection, const HttpRequest &request, EmbeddingApi api);
    std::optional<HttpResponse> checkAccess(
        const HttpRequest &request, EmbeddingApi api, const TestServerConfig &config) const;
    std::optional<HttpResponse> validate(
        const EmbeddingRequest &request, const TestServerConfig &config) const;
    std::optional<HttpResponse> admit(Job &job, const TestServerConfig &config);
    void dispatch(Job job, const TestServerConfig &config);
    void start(Job job);
    void finish(const Job &job);
    void releaseSlot(HttpConnection *connection);
    void startQueued();
    DrawnFault drawFault();
    int drawLatencyMs();
    HttpResponse answer(const Job &job, std::optional<Fault> fault);
    HttpResponse errorAnswer(const Job &job, int status, const TestServerConfig &config) const;
    void send(HttpConnection *connection, const HttpResponse &response);
    void handleControl(HttpConnection *connection, const HttpRequest &request);
    void reseed();

    QTcpServer *m_server = nullptr;
    std::atomic<quint16> m_port { 0 };
    TestServerCounters m_counters;
    QSet<HttpConnection *> m_slotHolders; // connections whose request holds a concurrency slot
    std::deque<Job> m_queue; // waiting for a slot (OverCapacity::Queue)
    QElapsedTimer m_clock;

    mutable QMutex m_mutex; // guards everything below
    RateLimitWindow m_window;
    TestServerConfig m_config;
    QList<ScheduledFault> m_scheduled;
    QRandomGenerator m_faultRandom;
    QRandomGenerator m_latencyRandom;
    QRandomGenerator m_shuffleRandom;
};

} // namespace SignalHub::Testing
