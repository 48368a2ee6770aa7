#include "ratelimitwindow.h"

#include <algorithm>

namespace SignalHub::Testing {

RateLimitDecision RateLimitWindow::admit(
    qint64 nowMs, qint64 tokens, int rpm, qint64 tpm, int windowMs)
{
    prune(nowMs, windowMs);
    RateLimitDecision decision;
    const qint64 requestWait = rpm > 0 ? requestWaitMs(nowMs, rpm, windowMs) : 0;
    const qint64 tokenWait = tpm > 0 ? tokenWaitMs(nowMs, tokens, tpm, windowMs) : 0;
    if (requestWait > 0) {
        decision.limitedBy = "requests";
        decision.limit = rpm;
        decision.used = qint64(m_entries.size());
        decision.requested = 1;
    } else if (tokenWait > 0) {
        decision.limitedBy = "tokens";
        decision.limit = tpm;
        decision.used = m_tokens;
        decision.requested = tokens;
        decision.tooLarge = tokens > tpm;
    }
    decision.allowed = requestWait == 0 && tokenWait == 0;
    decision.retryAfterMs = std::max(requestWait, tokenWait);
    if (decision.allowed) {
        m_entries.push_back({ nowMs, tokens });
        m_tokens += tokens;
    }
    addHeaders(decision, nowMs, rpm, tpm, windowMs);
    return decision;
}

void RateLimitWindow::clear()
{
    m_entries.clear();
    m_tokens = 0;
}

void RateLimitWindow::prune(qint64 nowMs, int windowMs)
{
    while (!m_entries.empty() && m_entries.front().atMs + windowMs <= nowMs) {
        m_tokens -= m_entries.front().tokens;
        m_entries.pop_front();
    }
}

qint64 RateLimitWindow::requestWaitMs(qint64 nowMs, int rpm, int windowMs) const
{
    const qsizetype count = qsizetype(m_entries.size());
    if (count < rpm)
        return 0;
    // This many of the oldest entries must leave the window first.
    const Entry &freeing = m_entries[size_t(count - rpm)];
    return std::max<qint64>(1, freeing.atMs + windowMs - nowMs);
}

qint64 RateLimitWindow::tokenWaitMs(qint64 nowMs, qint64 tokens, qint64 tpm, int windowMs) const
{
    if (m_tokens + tokens <= tpm)
        return 0;
    if (tokens > tpm)
        return windowMs;
    qint64 remaining = m_tokens;
    for (const Entry &entry : m_entries) {
        remaining -= entry.tokens;
        if (remaining + tokens <= tpm)
            return std::max<qint64>(1, entry.atMs + windowMs - nowMs);
    }
    return windowMs;
}

void RateLimitWindow::addHeaders(
    RateLimitDecision &decision, qint64 nowMs, int rpm, qint64 tpm, int windowMs) const
{
    // OpenAI: reset-* is the time until the limit is back to its initial state.
    const qint64 resetMs = m_entries.empty() ? 0 : m_entries.back().atMs + windowMs - nowMs;
    if (rpm > 0) {
        const qint64 remaining = std::max<qint64>(0, rpm - qint64(m_entries.size()));
        decision.headers.append({ "x-ratelimit-limit-requests", QByteArray::number(rpm) });
        decision.headers.append(
            { "x-ratelimit-remaining-requests", QByteArray::number(remaining) });
        decision.headers.append({ "x-ratelimit-reset-requests", goDuration(resetMs) });
    }
    if (tpm > 0) {
        const qint64 remaining = std::max<qint64>(0, tpm - m_tokens);
        decision.headers.append({ "x-ratelimit-limit-tokens", QByteArray::number(tpm) });
        decision.headers.append({ "x-ratelimit-remaining-tokens", QByteArray::number(remaining) });
        decision.headers.append({ "x-ratelimit-reset-tokens", goDuration(resetMs) });
    }
}

QByteArray RateLimitWindow::goDuration(qint64 ms)
{
    if (ms <= 0)
        return "0s";
    if (ms < 1000)
        return QByteArray::number(ms) + "ms";
    const qint64 hours = ms / 3600000;
    const qint64 minutes = ms / 60000 % 60;
    const qint64 wholeSeconds = ms / 1000 % 60;
    const qint64 millis = ms % 1000;
    QByteArray seconds = QByteArray::number(wholeSeconds);
    if (millis != 0) {
        QByteArray fraction = QByteArray::number(millis).rightJustified(3, '0');
        while (fraction.endsWith('0'))
            fraction.chop(1);
        seconds += '.' + fraction;
    }
    QByteArray out;
    if (hours > 0)
        out += QByteArray::number(hours) + 'h';
    if (hours > 0 || minutes > 0)
        out += QByteArray::number(minutes) + 'm';
    return out + seconds + 's';
}

} // namespace SignalHub::Testing
