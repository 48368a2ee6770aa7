#pragma once

#include "provider.h"

#include <QtGlobal>

namespace SignalHub::Core {

struct RateLimits
{
    qint64 requestsPerMinute = 0; // 0: none
    qint64 tokensPerMinute = 0;
};

// Paces requests under requests-per-minute and tokens-per-minute limits, and holds every
// sender during a shared cool-down after a 429. Limits come from the user or are learned
// from x-ratelimit-* headers. Times are milliseconds on a monotonic clock the caller passes.
class RateLimiter
{
public:
    using Limits = RateLimits;

    explicit RateLimiter(Limits userLimits = {});

    // 0 if a request may go now, else how long to wait: the size of a request does not
    // matter here, so a batch can be formed once it may go.
    qint64 waitMs(qint64 nowMs);
    // Counts a request that goes now.
    void consume(qint64 tokens);
    // waitMs(), and consume() when that is 0.
    qint64 acquire(qint64 tokens, qint64 nowMs);
    void coolDown(qint64 untilMs);
    qint64 coolDownRemaining(qint64 nowMs) const
    {
        return std::max<qint64>(0, m_coolDownUntil - nowMs);
    }
    void learn(const RateLimitHeaders &headers, qint64 nowMs);
    Limits limits() const { return m_limits; }
    // The largest request, in tokens, that keeps any minute under the token limit (0: none).
    qint64 maxTokensPerRequest() const
    {
        return m_tokens.perMinute > 0 ? m_tokens.perMinute / 50 : 0;
    }

private:
    struct Bucket
    {
        qint64 perMinute = 0;
        double level = 0; // may go negative: a request larger than what is left is a debt
        qint64 updatedMs = -1;
        void refill(qint64 nowMs);
        qint64 waitFor(qint64 nowMs) const;
    };

    Limits m_limits;
    bool m_userSetRequests = false;
    bool m_userSetTokens = false;
    Bucket m_requests;
    Bucket m_tokens;
    qint64 m_coolDownUntil = 0;
};

} // namespace SignalHub::Core
