#include "retrypolicy.h"

#include <algorithm>
#include <cmath>

namespace SignalHub::Core {

RetryPolicy::RetryPolicy(Settings settings, quint32 seed)
    : m_settings(settings)
    , m_random(seed)
{ }

qint64 RetryPolicy::delayMs(int retryNumber, qint64 serverRetryAfterMs)
{
    if (serverRetryAfterMs >= 0)
        return serverRetryAfterMs;
    const double exponent = std::min(retryNumber - 1, 30);
    const double ceiling
        = std::min<double>(m_settings.capMs, m_settings.baseMs * std::pow(2.0, exponent));
    std::uniform_real_distribution<double> jitter(0.0, std::max(0.0, ceiling));
    return static_cast<qint64>(jitter(m_random));
}

} // namespace SignalHub::Core
