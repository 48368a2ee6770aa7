#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <deque>

namespace SignalHub::Testing {

// The verdict on one request, with the x-ratelimit-* headers that go with every answer.
struct RateLimitDecision
{
    bool allowed = true;
    bool tooLarge = false; // the request alone is over the token limit: waiting cannot help
    QByteArray limitedBy; // "requests" or "tokens" when not allowed
    qint64 retryAfterMs = 0; // when not allowed: until the window has room for it
    qint64 limit = 0; // of the limit that refused it, for the error message
    qint64 used = 0;
    qint64 requested = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
};

// Sliding-window request and token limits, OpenAI style: only admitted requests count.
class RateLimitWindow
{
public:
    // rpm / tpm of 0 mean no such limit.
    RateLimitDecision admit(qint64 nowMs, qint64 tokens, int rpm, qint64 tpm, int windowMs);
    void clear();

    // Go's time.Duration.String() of a millisecond count: "6m0s", "1.5s", "12ms", "0s".
    static QByteArray goDuration(qint64 ms);

private:
    struct Entry
    {
        qint64 atMs;
        qint64 tokens;
    };
    void prune(qint64 nowMs, int windowMs);
    qint64 requestWaitMs(qint64 nowMs, int rpm, int windowMs) const;
    qint64 tokenWaitMs(qint64 nowMs, qint64 tokens, qint64 tpm, int windowMs) const;
    void addHeaders(
        RateLimitDecision &decision, qint64 nowMs, int rpm, qint64 tpm, int windowMs) const;

    std::deque<Entry> m_entries;
    qint64 m_tokens = 0;
};

} // namespace SignalHub::Testing
