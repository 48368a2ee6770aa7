#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace SignalHub::Testing {

// What the server can do to an answer instead of (or to) a clean embeddings response.
enum class Fault
{
    HttpError, // an error status with an OpenAI-style error body (500/503 unless told)
    MalformedJson, // 200 whose body is cut off half-way
    CountMismatch, // 200 with one embedding too few
    NanValue, // 200 where one vector holds a NaN (literal NaN in float JSON)
    WrongDimensions, // 200 where one vector has one value too few
    ConnectionReset, // TCP RST (SO_LINGER {1,0} then close) instead of an answer
    Stall, // status line and headers promising a body, then silence
};

// Names used on the command line and in POST /control: http-error, malformed-json,
// count-mismatch, nan, wrong-dimensions, reset, stall.
QString faultName(Fault fault);
std::optional<Fault> faultFromName(const QString &name);
QList<Fault> allFaults();

// Whose words the server refuses an over-limit request in: clients read limits from them.
enum class LimitWording
{
    Default, // batch: TEI's "batch size N > maximum allowed batch size M"; per input: OpenAI's
             // 400 "This model's maximum context length is M tokens, however you requested N …"
    OpenAi, // batch: "The max number of inputs is M, got N."; per input: 400 "Invalid
            // 'input[i]': maximum input length is M tokens."
    Vllm, // per input: 400 "This model's maximum context length is M tokens. However, you
          // requested N tokens in the input for embedding generation. …"
    Tei, // per input: 422 "Input validation error: `inputs` must have less than M tokens. Given: N"
    LlamaCpp, // per input: 500 "input (N tokens) is too large to process. increase the physical
              // batch size (current batch size: M)"
    Unnamed, // per input: 400 "input is too long", a limit no client can learn
};

// Names on the command line: default, openai, vllm, tei, llama.cpp, unnamed.
std::optional<LimitWording> limitWordingFromName(const QString &name);

// What happens to a request that arrives while maxConcurrency requests are in flight.
enum class OverCapacity
{
    Queue, // waits in a FIFO queue for a free slot (its latency starts then)
    Reject, // answered at once with overCapacityStatus (429 unless told)
};

// Which retry hints a 429 carries.
enum class RetryAfterHeaders
{
    None,
    Seconds,
    Milliseconds,
    Both
};

// Probability (0..1, 1 = every request) of each fault on an answer that passed every
// check. They are drawn in the order of the fields from one generator seeded with `seed`.
struct FaultRates
{
    double httpError = 0; // status drawn from TestServerConfig::errorStatuses
    double malformedJson = 0;
    double countMismatch = 0;
    double nanValue = 0;
    double wrongDimensions = 0;
    double connectionReset = 0;
    double stall = 0;

    double rate(Fault fault) const;
    void setRate(Fault fault, double probability);
};

// Everything about the server's behaviour; zero / empty means "off" everywhere.
struct TestServerConfig
{
    // Vectors
    int dimensions = 1536; // when the request names none
    bool allowDimensionsOverride = true; // otherwise "dimensions" in a request is a 400
    bool shuffleOrder = false; // OpenAI data[] shuffled, each item keeps its true index

    // Access
    QString apiKey; // non-empty: "Authorization: Bearer <apiKey>" or 401
    QStringList models; // non-empty: other models get 404 model_not_found

    // Timing and capacity
    int latencyMinMs = 0; // latency of each answer, uniform in [min, max] (fixed if equal)
    int latencyMaxMs = 0;
    int maxConcurrency = 0; // requests being answered at once; 0 = unlimited
    OverCapacity overCapacity = OverCapacity::Queue;
    int overCapacityStatus = 429;

    // Rate limits over a sliding window (OpenAI's are per minute; tests use seconds)
    int rpmLimit = 0; // requests per window
    qint64 tpmLimit = 0; // prompt tokens per window
    int rateWindowMs = 60000;
    RetryAfterHeaders retryAfter = RetryAfterHeaders::Both;

    // Faults
    quint64 seed = 1; // seeds fault draws, latencies and shuffles
    FaultRates faultRates;
    QList<int> errorStatuses { 500, 503 }; // drawn for FaultRates::httpError
    // Error answers quote the request's Authorization header, as some proxies and gateways do.
    bool echoAuthorization = false;
    int failNextCount = 0; // the next N answered requests fail with failNextStatus
    int failNextStatus = 500;

    // Validation
    QString rejectMarker; // non-empty: an input containing it gets a 400 naming it
    int maxBatchInputs = 0; // TEI-style limit: more inputs -> batchLimitStatus
    int batchLimitStatus = 413; // 413 or 422 (TEI), 400 (OpenAI)
    LimitWording limitWording = LimitWording::Default;
    bool rejectBase64 = false; // encoding_format "base64" -> 400 (tests the float fallback)
    qint64 maxInputTokens = 0; // per input (OpenAI 8191): longer refused (see LimitWording),
                               // on Ollama's API unless "truncate"
    qint64 maxBodyBytes = qint64(512) * 1024 * 1024;

    void setLatency(int fixedMs) { latencyMinMs = latencyMaxMs = fixedMs; }
};

} // namespace SignalHub::Testing
