#include "ratelimiter.h"

#include <cmath>

namespace SignalHub::Core {

namespace {
// Aim a little under the limit so a server that counts over a sliding window never sees
// more than its limit, whatever the phase of its window.
constexpr double Headroom = 0.96;
} // namespace

RateLimiter::RateLimiter(Limits userLimits)
    : m_limits(userLimits)
    , m_userSetRequests(userLimits.requestsPerMinute > 0)
    , m_userSetTokens(userLimits.tokensPerMinute > 0)
{
    m_requests.perMinute = userLimits.requestsPerMinute;
    m_tokens.perMinute = userLimits.tokensPerMinute;
}

void RateLimiter::Bucket::refill(qint64 nowMs)
{
    if (updatedMs < 0) {
        updatedMs = nowMs;
        return;
    }
    const double ratePerMs = Headroom * double(perMinute) / 60000.0;
    // Nothing is saved up: an idle spell buys no burst that a windowed server would answer
    // with 429s. Sending at level 0 runs into debt that later requests wait out, so any
    // minute carries at most the paced rate plus one request (see maxTokensPerRequest()).
    level = std::min(level + ratePerMs * double(nowMs - updatedMs), 0.0);
    updatedMs = nowMs;
}

qint64 RateLimiter::Bucket::waitFor(qint64 /*nowMs*/) const
{
    if (perMinute <= 0 || level >= 0)
        return 0;
    const double ratePerMs = Headroom * double(perMinute) / 60000.0;
    return static_cast<qint64>(std::ceil(-level / ratePerMs));
}

qint64 RateLimiter::waitMs(qint64 nowMs)
{
    if (m_coolDownUntil > nowMs)
        return m_coolDownUntil - nowMs;
    m_requests.refill(nowMs);
    m_tokens.refill(nowMs);
    return std::max(m_requests.waitFor(nowMs), m_tokens.waitFor(nowMs));
}

void RateLimiter::consume(qint64 tokens)
{
    if (m_requests.perMinute > 0)
        m_requests.level -= 1;
    if (m_tokens.perMinute > 0)
        m_tokens.level -= double(tokens);
}

qint64 RateLimiter::acquire(qint64 tokens, qint64 nowMs)
{
    const qint64 wait = waitMs(nowMs);
    if (wait == 0)
        consume(tokens);
    return wait;
}

void RateLimiter::coolDown(qint64 untilMs)
{
    m_coolDownUntil = std::max(m_coolDownUntil, untilMs);
}

void RateLimiter::learn(const RateLimitHeaders &headers, qint64 nowMs)
{
    // What went out before the limit was known is in the server's window already: start the
    // bucket in that debt, or the first window overflows into 429s.
    auto adopt = [nowMs](Bucket &bucket, qint64 limit, qint64 remaining) {
        const bool first = bucket.perMinute <= 0;
        bucket.perMinute = limit;
        if (first && remaining >= 0 && remaining < limit) {
            bucket.level = -double(limit - remaining);
            bucket.updatedMs = nowMs;
        }
    };
    if (!m_userSetRequests && headers.limitRequests > 0
        && headers.limitRequests != m_requests.perMinute) {
        adopt(m_requests, headers.limitRequests, headers.remainingRequests);
        m_limits.requestsPerMinute = headers.limitRequests;
    }
    if (!m_userSetTokens && headers.limitTokens > 0 && headers.limitTokens != m_tokens.perMinute) {
        adopt(m_tokens, headers.limitTokens, headers.remainingTokens);
        m_limits.tokensPerMinute = headers.limitTokens;
    }
    // The server says nothing is left: wait for its reset instead of collecting a 429.
    if (headers.remainingRequests == 0 && headers.resetRequestsMs > 0)
        coolDown(nowMs + headers.resetRequestsMs);
    if (headers.remainingTokens == 0 && headers.resetTokensMs > 0)
        coolDown(nowMs + headers.resetTokensMs);
}

} // namespace SignalHub::Core
