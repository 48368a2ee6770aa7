#include "throughputchart.h"

#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace SignalHub::Ui {

namespace {
void dropBefore(std::deque<QPointF> &points, double oldest)
{
    while (!points.empty() && points.front().x() < oldest)
        points.pop_front();
}

// 1, 2 or 5 times a power of ten: tick labels a person reads at a glance.
double niceStep(double raw)
{
    const double magnitude = std::pow(10.0, std::floor(std::log10(std::max(raw, 1e-9))));
    for (double factor : { 1.0, 2.0, 5.0 })
        if (raw <= factor * magnitude)
            return factor * magnitude;
    return 10 * magnitude;
}
} // namespace

ThroughputChart::ThroughputChart(QWidget *parent)
    : QChartView(parent)
    , m_chunks(new QLineSeries)
    , m_tokens(new QLineSeries)
    , m_total(new QLineSeries)
    , m_rateLimitSeries(new QScatterSeries)
    , m_retrySeries(new QScatterSeries)
    , m_timeAxis(new QValueAxis)
    , m_chunkAxis(new QValueAxis)
    , m_tokenAxis(new QValueAxis)
{
    auto *chart = new QChart;
    m_chunks->setName(tr("chunks/s"));
    m_tokens->setName(tr("tokens/s"));
    m_total->setName(tr("team's chunks/s"));
    m_rateLimitSeries->setName(tr("429 answers"));
    m_rateLimitSeries->setMarkerSize(11);
    m_rateLimitSeries->setColor(Qt::red);
    m_retrySeries->setName(tr("retries"));
    m_retrySeries->setMarkerSize(7);
    m_retrySeries->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    m_retrySeries->setColor(QColor(230, 140, 0));
    // 429s last, so they are drawn over the retries they cause.
    for (QAbstractSeries *series :
        { static_cast<QAbstractSeries *>(m_chunks), static_cast<QAbstractSeries *>(m_tokens),
            static_cast<QAbstractSeries *>(m_total), static_cast<QAbstractSeries *>(m_retrySeries),
            static_cast<QAbstractSeries *>(m_rateLimitSeries) })
        chart->addSeries(series);
    m_timeAxis->setTitleText(tr("seconds"));
    m_timeAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_timeAxis->setTickType(QValueAxis::TicksDynamic);
    m_timeAxis->setTickAnchor(0);
    m_chunkAxis->setTitleText(tr("chunks/s"));
    m_tokenAxis->setTitleText(tr("tokens/s"));
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_chunkAxis, Qt::AlignLeft);
    chart->addAxis(m_tokenAxis, Qt::AlignRight);
    for (QXYSeries *series : { static_cast<QXYSeries *>(m_chunks),
             static_cast<QXYSeries *>(m_total), static_cast<QXYSeries *>(m_rateLimitSeries),
             static_cast<QXYSeries *>(m_retrySeries) }) {
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_chunkAxis);
    }
    m_tokens->attachAxis(m_timeAxis);
    m_tokens->attachAxis(m_tokenAxis);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setAccessibleName(tr("Throughput chart"));
    clear();
}

void ThroughputChart::clear()
{
    m_samples.clear();
    m_rateLimited.clear();
    m_retried.clear();
    m_lastRateLimited = 0;
    m_lastRetries = 0;
    for (auto &[run, teammate] : m_teammates) {
        chart()->removeSeries(teammate.series);
        delete teammate.series;
    }
    m_teammates.clear();
    m_totals.clear();
    refresh();
}

QLineSeries *ThroughputChart::addRateSeries(const QString &name)
{
    auto *series = new QLineSeries;
    series->setName(name);
    chart()->addSeries(series);
    series->attachAxis(m_timeAxis);
    series->attachAxis(m_chunkAxis);
    return series;
}

void ThroughputChart::addTeammates(qint64 elapsedMs, const QList<Core::TeammateProgress> &workers)
{
    const double t = elapsedMs / 1000.0;
    double total = m_samples.empty() ? 0 : m_samples.back().chunksPerSecond;
    for (const Core::TeammateProgress &worker : workers) {
        Teammate &teammate = m_teammates[worker.runId];
        if (!teammate.series)
            teammate.series
                = addRateSeries(tr("#%1 on %2").arg(QString::number(worker.runId), worker.host));
        teammate.points.emplace_back(t, worker.chunksPerSecond);
        total += worker.chunksPerSecond;
    }
    m_totals.emplace_back(t, total);
    const double oldest = t - windowSeconds;
    for (auto &[run, teammate] : m_teammates)
        dropBefore(teammate.points, oldest);
    dropBefore(m_totals, oldest);
    refresh();
}

void ThroughputChart::addSnapshot(const Core::ProgressSnapshot &snapshot)
{
    const double t = snapshot.elapsedMs / 1000.0;
    if (!m_samples.empty() && t < m_samples.back().t)
        clear(); // a new run started
    // Progress comes ten times a second; one point per window/maxPoints keeps the whole
    // window on screen (the newest snapshot of a slot wins).
    const Sample sample { t, snapshot.chunksPerSecond, snapshot.tokensPerSecond };
    if (m_samples.size() > 1 && t - m_samples[m_samples.size() - 2].t < windowSeconds / maxPoints)
        m_samples.back() = sample;
    else
        m_samples.push_back(sample);
    if (snapshot.rateLimited > m_lastRateLimited)
        m_rateLimited.emplace_back(t, snapshot.chunksPerSecond);
    if (snapshot.retries > m_lastRetries)
        m_retried.emplace_back(t, snapshot.chunksPerSecond);
    m_lastRateLimited = snapshot.rateLimited;
    m_lastRetries = snapshot.retries;
    const double oldest = t - windowSeconds;
    while (m_samples.size() > maxPoints || (m_samples.size() > 1 && m_samples.front().t < oldest))
        m_samples.pop_front();
    dropBefore(m_rateLimited, oldest);
    dropBefore(m_retried, oldest);
    refresh();
}

void ThroughputChart::refresh()
{
    QList<QPointF> chunks;
    QList<QPointF> tokens;
    chunks.reserve(qsizetype(m_samples.size()));
    tokens.reserve(qsizetype(m_samples.size()));
    double maxChunks = 1;
    double maxTokens = 1;
    for (const Sample &s : m_samples) {
        chunks.append({ s.t, s.chunksPerSecond });
        tokens.append({ s.t, s.tokensPerSecond });
        maxChunks = std::max(maxChunks, s.chunksPerSecond);
        maxTokens = std::max(maxTokens, s.tokensPerSecond);
    }
    m_chunks->replace(chunks);
    m_tokens->replace(tokens);
    for (auto &[run, teammate] : m_teammates) {
        teammate.series->replace(QList<QPointF>(teammate.points.cbegin(), teammate.points.cend()));
        for (const QPointF &point : teammate.points)
            maxChunks = std::max(maxChunks, point.y());
    }
    m_total->replace(QList<QPointF>(m_totals.cbegin(), m_totals.cend()));
    for (const QPointF &point : m_totals)
        maxChunks = std::max(maxChunks, point.y());
    // The team's line only where there is a team: a run alone has its own line.
    for (QLegendMarker *marker : chart()->legend()->markers(m_total))
        marker->setVisible(!m_totals.empty());
    m_rateLimitSeries->replace(QList<QPointF>(m_rateLimited.cbegin(), m_rateLimited.cend()));
    m_retrySeries->replace(QList<QPointF>(m_retried.cbegin(), m_retried.cend()));
    // From the first point, not from 0: a run's first progress comes after its scan, which
    // may take a while, and would leave the left of the chart empty.
    const double last = m_samples.empty() ? 0 : m_samples.back().t;
    const double first = m_samples.empty() ? 0 : m_samples.front().t;
    const double from = std::max(first, last - windowSeconds);
    const double to = std::max(from + 10.0, last);
    m_timeAxis->setRange(from, to);
    m_timeAxis->setTickInterval(niceStep((to - from) / 6));
    fitNicely(m_chunkAxis, maxChunks);
    fitNicely(m_tokenAxis, maxTokens);
}

void ThroughputChart::fitNicely(QValueAxis *axis, double maximum)
{
    // The same number of ticks on both rate axes puts the right axis' labels on the left
    // axis' grid lines.
    const double step = niceStep(maximum * 1.05 / (rateTicks - 1));
    axis->setRange(0, step * (rateTicks - 1));
    axis->setTickCount(rateTicks);
    // As many decimals as the step has, so that no two ticks read the same ("0 1 1 2 2").
    const int decimals = std::max(0, int(-std::floor(std::log10(step) + 1e-9)));
    axis->setLabelFormat(QStringLiteral("%.%1f").arg(decimals));
}

} // namespace SignalHub::Ui
