#pragma once

#include <QtGlobal>
#include <random>

namespace SignalHub::Core {

struct RetrySettings
{
    int maxRetries = 5; // after the first attempt: 6 attempts in all
    int baseMs = 500;
    int capMs = 60000;
};

// Exponential backoff with full jitter: the n-th retry waits a uniform time in
// [0, min(cap, base·2^(n-1))]. A server's Retry-After wins over our own guess.
class RetryPolicy
{
public:
    using Settings = RetrySettings;

    explicit RetryPolicy(Settings settings = {}, quint32 seed = std::random_device {}());

    const Settings &settings() const { return m_settings; }
    bool mayRetry(int attemptsSoFar) const { return attemptsSoFar <= m_settings.maxRetries; }
    qint64 delayMs(int retryNumber, qint64 serverRetryAfterMs = -1);

private:
    Settings m_settings;
    std::mt19937 m_random;
};

} // namespace SignalHub::Core
