#pragma once

#include "progresstracker.h"

#include <QChartView>
#include <QList>
#include <QPointF>
#include <deque>

class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace SignalHub::Ui {

// Chunks/s and tokens/s of the current run over a moving window, fed one ProgressSnapshot per
// tick; the times the 429 and retry counters grew are marked. Points are bounded, and each
// series is replaced once per tick, never appended point by point.
class ThroughputChart : public QChartView
{
    Q_OBJECT

public:
    explicit ThroughputChart(QWidget *parent = nullptr);

    void addSnapshot(const SignalHub::Core::ProgressSnapshot &snapshot);
    void clear();

    int pointCount() const { return int(m_samples.size()); }
    int rateLimitMarks() const { return int(m_rateLimited.size()); }
    int retryMarks() const { return int(m_retried.size()); }
    static constexpr double windowSeconds = 120;
    static constexpr int maxPoints = 600;

private:
    struct Sample
    {
        double t;
        double chunksPerSecond;
        double tokensPerSecond;
    };
    void refresh();
    static void fitNicely(QValueAxis *axis, double maximum);
    static constexpr int rateTicks = 5;

    QLineSeries *m_chunks;
    QLineSeries *m_tokens;
    QScatterSeries *m_rateLimitSeries;
    QScatterSeries *m_retrySeries;
    QValueAxis *m_timeAxis;
    QValueAxis *m_chunkAxis;
    QValueAxis *m_tokenAxis;
    std::deque<Sample> m_samples;
    std::deque<QPointF> m_rateLimited;
    std::deque<QPointF> m_retried;
    qint64 m_lastRateLimited = 0;
    qint64 m_lastRetries = 0;
};

} // namespace SignalHub::Ui
