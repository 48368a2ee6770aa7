#include "httpheaders.h"

#include <QLocale>
#include <QNetworkReply>
#include <QTimeZone>
#include <cmath>

namespace SignalHub::Core::HttpHeaders {

qint64 parseGoDurationMs(QByteArrayView text)
{
    text = text.trimmed();
    if (text.isEmpty())
        return -1;
    double totalMs = 0;
    qsizetype i = 0;
    while (i < text.size()) {
        const qsizetype numberStart = i;
        while (i < text.size()
            && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.'))
            ++i;
        if (i == numberStart)
            return -1;
        bool ok = false;
        const double value = text.sliced(numberStart, i - numberStart).toDouble(&ok);
        if (!ok)
            return -1;
        const qsizetype unitStart = i;
        // "µs" is UTF-8 (two bytes over 0x7f), as Go writes it.
        while (i < text.size()
            && (std::isalpha(static_cast<unsigned char>(text[i]))
                || static_cast<unsigned char>(text[i]) > 0x7f))
            ++i;
        const QByteArrayView unit = text.sliced(unitStart, i - unitStart);
        if (unit == "h")
            totalMs += value * 3600000.0;
        else if (unit == "m")
            totalMs += value * 60000.0;
        else if (unit == "s" || unit.isEmpty()) // a bare number is seconds, as some servers send
            totalMs += value * 1000.0;
        else if (unit == "ms")
            totalMs += value;
        else if (unit == "us" || unit == "\xc2\xb5s"
            || unit == "\xce\xbcs") // u, micro sign, Greek mu
            totalMs += value / 1000.0;
        else if (unit == "ns")
            totalMs += value / 1e6;
        else
            return -1;
    }
    return static_cast<qint64>(std::ceil(totalMs));
}

qint64 retryAfterMs(
    QByteArrayView retryAfterMsHeader, QByteArrayView retryAfterHeader, const QDateTime &now)
{
    bool ok = false;
    if (!retryAfterMsHeader.isEmpty()) {
        const double ms = retryAfterMsHeader.trimmed().toDouble(&ok);
        if (ok && ms >= 0)
            return static_cast<qint64>(std::ceil(ms));
    }
    if (retryAfterHeader.isEmpty())
        return -1;
    const double seconds = retryAfterHeader.trimmed().toDouble(&ok);
    if (ok && seconds >= 0)
        return static_cast<qint64>(std::ceil(seconds * 1000.0));
    // HTTP dates are "Wed, 21 Oct 2026 07:28:30 GMT" (RFC 9110): parse them in the C locale.
    QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(retryAfterHeader.trimmed()),
        QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    when.setTimeZone(QTimeZone::UTC);
    if (when.isValid())
        return std::max<qint64>(0, now.msecsTo(when));
    return -1;
}

namespace {
qint64 headerNumber(const QNetworkReply &reply, const char *name)
{
    const QByteArray value = reply.rawHeader(name);
    bool ok = false;
    const qint64 n = value.trimmed().toLongLong(&ok);
    return ok ? n : -1;
}
} // namespace

RateLimitHeaders rateLimits(const QNetworkReply &reply)
{
    RateLimitHeaders h;
    h.limitRequests = headerNumber(reply, "x-ratelimit-limit-requests");
    h.limitTokens = headerNumber(reply, "x-ratelimit-limit-tokens");
    h.remainingRequests = headerNumber(reply, "x-ratelimit-remaining-requests");
    h.remainingTokens = headerNumber(reply, "x-ratelimit-remaining-tokens");
    h.resetRequestsMs = parseGoDurationMs(reply.rawHeader("x-ratelimit-reset-requests"));
    h.resetTokensMs = parseGoDurationMs(reply.rawHeader("x-ratelimit-reset-tokens"));
    return h;
}

} // namespace SignalHub::Core::HttpHeaders
