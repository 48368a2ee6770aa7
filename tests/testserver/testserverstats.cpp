#include "testserverstats.h"

namespace SignalHub::Testing {

QJsonObject TestServerStats::toJson() const
{
    QJsonObject statuses;
    for (auto it = statusCounts.cbegin(); it != statusCounts.cend(); ++it)
        statuses.insert(QString::number(it.key()), it.value());
    return {
        { QStringLiteral("requests"), requests },
        { QStringLiteral("status_counts"), statuses },
        { QStringLiteral("resets"), resets },
        { QStringLiteral("stalls"), stalls },
        { QStringLiteral("rate_limited"), rateLimited },
        { QStringLiteral("inputs"), inputs },
        { QStringLiteral("distinct_inputs"), distinctInputs },
        { QStringLiteral("resent_inputs"), resentInputs },
        { QStringLiteral("answered_inputs"), answeredInputs },
        { QStringLiteral("reanswered_inputs"), reansweredInputs },
        { QStringLiteral("transport_resends"), transportResends },
        { QStringLiteral("current_concurrency"), currentConcurrency },
        { QStringLiteral("max_concurrency"), maxConcurrency },
        { QStringLiteral("queued"), queued },
        { QStringLiteral("received_tokens"), receivedTokens },
        { QStringLiteral("total_tokens"), totalTokens },
    };
}

} // namespace SignalHub::Testing
