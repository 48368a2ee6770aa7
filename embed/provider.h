#pragma once

#include "embeddingspace.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

class QNetworkAccessManager;

namespace SignalHub::Core {

// What one request may carry. The batcher packs within all three; a chunk over
// maxTokensPerInput is never sent.
struct ProviderLimits
{
    int maxInputs = 100;
    int maxTokensPerInput = 8191;
    int maxTokensPerRequest = 100000;
};

// Rate-limit state a server announced (x-ratelimit-* headers); -1 where not given.
struct RateLimitHeaders
{
    qint64 limitRequests = -1;
    qint64 limitTokens = -1;
    qint64 remainingRequests = -1;
    qint64 remainingTokens = -1;
    qint64 resetRequestsMs = -1;
    qint64 resetTokensMs = -1;
    bool any() const
    {
        return limitRequests >= 0 || limitTokens >= 0 || remainingRequests >= 0
            || remainingTokens >= 0;
    }
};

// One try at embedding a list of inputs.
struct Attempt
{
    QStringList inputs;
    QString requestId; // sent as X-Request-Id, unique per attempt
    int number = 1; // 1 for the first try of these inputs
    int timeoutMs = 60000;
};

// A failure that, repeated before any good answer, means the run is set up wrong rather
// than unlucky (see SetupFaultDetector).
enum class SetupFault
{
    None,
    Unreachable, // refused, unknown host, TLS: every request will fail alike
    NotAnEmbeddingsApi, // the URL answers, but not with an embeddings API's JSON
};

struct AttemptResult
{
    enum class Kind
    {
        Success, // vectors hold one entry per input, in input order (not validated yet)
        Retryable, // transport error, timeout, 408/409/5xx, malformed body
        RateLimited, // 429: everyone waits
        Rejected, // 400/413/422 and other 4xx, a 5xx saying an input is too long: not retried as is
        Fatal, // 401/403/404/405/501: the run stops
        Cancelled,
    };
    Kind kind = Kind::Retryable;
    int httpStatus = 0;
    QString message;
    qint64 retryAfterMs = -1; // the server's Retry-After(-ms), if any
    int learnedMaxInputs = 0; // a batch limit the server named ("... > maximum 64")
    int learnedMaxTokensPerInput = 0; // a per-input limit it named ("... is 512 tokens")
    bool payloadTooLarge = false; // 413 without a number: the request was too big
    qint64 promptTokens = -1; // usage.prompt_tokens when the server reported it
    SetupFault setupFault = SetupFault::None;
    RateLimitHeaders rateLimits;
    QList<QList<float>> vectors;
};

// Speaks one embeddings API. Lives in, and is only used from, the processor's thread.
class Provider
{
public:
    using Callback = std::function<void(AttemptResult)>;

    virtual ~Provider() = default;

    virtual EmbeddingSpace space() const = 0;
    virtual ProviderLimits limits() const = 0;
    // Called in the processor's thread before the first start().
    virtual void attach(QNetworkAccessManager *network, int maxConnections) = 0;
    // Starts an attempt; `done` runs exactly once, on this thread, after start() returned.
    virtual quint64 start(const Attempt &attempt, Callback done) = 0;
    // Stops an attempt in flight; its callback then reports Cancelled.
    virtual void abort(quint64 handle) = 0;
    // For a model whose dimensions space() did not know (0): what a probe answered, which keys
    // the space from now on. Requests still ask for none. Providers that always know ignore it.
    virtual void useDimensions(int /*dimensions*/) { }
};

} // namespace SignalHub::Core
