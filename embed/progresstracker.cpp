#include "progresstracker.h"

#include <algorithm>

namespace SignalHub::Core {

void ProgressTracker::addCompletion(qint64 nowMs, qint64 chunks, qint64 tokens)
{
    if (m_firstMs < 0)
        m_firstMs = nowMs;
    m_samples.push_back({ nowMs, chunks, tokens });
    m_windowChunks += chunks;
    m_windowTokens += tokens;
    m_lastCompletionMs = nowMs;
    m_completions += 1;
    dropOld(nowMs);
}

void ProgressTracker::dropOld(qint64 nowMs)
{
    while (!m_samples.empty() && m_samples.front().atMs < nowMs - m_windowMs) {
        m_windowChunks -= m_samples.front().chunks;
        m_windowTokens -= m_samples.front().tokens;
        m_samples.pop_front();
    }
}

double ProgressTracker::spanSeconds(qint64 nowMs) const
{
    // Early in a run the window is not full yet: divide by the time actually covered.
    const qint64 covered = std::min(m_windowMs, nowMs - m_firstMs);
    return std::max<qint64>(covered, 250) / 1000.0;
}

double ProgressTracker::chunksPerSecond(qint64 nowMs)
{
    if (m_firstMs < 0)
        return 0;
    dropOld(nowMs);
    return m_windowChunks / spanSeconds(nowMs);
}

double ProgressTracker::tokensPerSecond(qint64 nowMs)
{
    if (m_firstMs < 0)
        return 0;
    dropOld(nowMs);
    return m_windowTokens / spanSeconds(nowMs);
}

double ProgressTracker::etaSeconds(qint64 remainingTokens, qint64 nowMs)
{
    if (remainingTokens == 0)
        return 0;
    const double rate = tokensPerSecond(nowMs);
    if (rate <= 0 || m_completions < MinEtaCompletions || nowMs - m_firstMs < MinEtaSpanMs)
        return -1;
    // Exponential smoothing keeps the ETA from jumping with every batch.
    m_smoothedTokenRate = m_smoothedTokenRate <= 0 ? rate : 0.8 * m_smoothedTokenRate + 0.2 * rate;
    return remainingTokens / m_smoothedTokenRate;
}

} // namespace SignalHub::Core
