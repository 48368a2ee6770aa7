#pragma once

#include "indextypes.h"
#include "progresstracker.h"

#include <QChartView>
#include <QList>
#include <QPointF>
#include <deque>
#include <map>

class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace SignalHub::Ui {

// Chunks/s and tokens/s of the current run over a moving window, fed one ProgressSnapshot per
// tick; the times the 429 and retry counters grew are marked. On the team store, the run's
// teammates' workers get a line each, and the team's total one of its own. Points are bounded,
// and each series is replaced once per tick, never appended point by point.
class ThroughputChart : public QChartView
{
    Q_OBJECT

public:
    explicit ThroughputChart(QWidget *parent = nullptr);

    void addSnapshot(const SignalHub::Core::ProgressSnapshot &snapshot);
    // At the run's `elapsedMs`, as Indexer::teammates says.
    void addTeammates(qint64 elapsedMs, const QList<SignalHub::Core::TeammateProgress> &workers);
    void clear();

    int pointCount() const { return int(m_samples.size()); }
    int rateLimitMarks() const { return int(m_rateLimited.size()); }
    int retryMarks() const { return int(m_retried.size()); }
    int teammateLines() const { return int(m_teammates.size()); }
    int totalPoints() const { return int(m_totals.size()); }
    static constexpr double windowSeconds = 120;
    static constexpr int maxPoints = 600;

private:
    struct Sample
    {
        double t;
        double chunksPerSecond;
        double tokensPerSecond;
    };
    struct Teammate
    {
        QLineSeries *series = nullptr;
        std::deque<QPointF> points;
    };
    void refresh();
    QLineSeries *addRateSeries(const QString &name);
    static void fitNicely(QValueAxis *axis, double maximum);
    static constexpr int rateTicks = 5;

    QLineSeries *m_chunks;
    QLineSeries *m_tokens;
    QLineSeries *m_total;
    QScatterSeries *m_rateLimitSeries;
    QScatterSeries *m_retrySeries;
    QValueAxis *m_timeAxis;
    QValueAxis *m_chunkAxis;
    QValueAxis *m_tokenAxis;
    std::deque<Sample> m_samples;
    std::deque<QPointF> m_rateLimited;
    std::deque<QPointF> m_retried;
    std::map<qint64, Teammate> m_teammates; // by run
    std::deque<QPointF> m_totals;
    qint64 m_lastRateLimited = 0;
    qint64 m_lastRetries = 0;
};

} // namespace SignalHub::Ui
