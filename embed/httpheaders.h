#pragma once

#include "provider.h"

#include <QByteArray>
#include <QDateTime>

class QNetworkReply;

namespace SignalHub::Core::HttpHeaders {

// "6m0s", "1.5s", "12ms", "1h2m3.5s" (Go's time.Duration format) -> milliseconds, -1 if not one.
qint64 parseGoDurationMs(QByteArrayView text);
// retry-after-ms wins over retry-after, which is seconds or an HTTP date; -1 if neither.
qint64 retryAfterMs(
    QByteArrayView retryAfterMsHeader, QByteArrayView retryAfterHeader, const QDateTime &now);
RateLimitHeaders rateLimits(const QNetworkReply &reply);

} // namespace SignalHub::Core::HttpHeaders
