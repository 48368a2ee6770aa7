// The longest event-loop stall of the GUI thread while the real window indexes at full speed.
// A 5 ms precise QTimer on the GUI thread records the gaps between its ticks (a gap is how
// long the loop could not run a 5 ms timer); every event delivered on the GUI thread is timed
// in notify(), so a long gap can be put down to the receiver and event type that ran long.
//
// Usage: bench_guistall [--api FOLDER] [--local FOLDER] [--local-seconds S]
//   --api: OpenAI-compatible provider against the in-process test server (latency 0, 1536 d),
//          the run to completion;
//   --local: the built-in model, cancelled after S seconds (default 30) if not done.
#include "embeddingtestserver.h"
#include "indextypes.h"
#include "mainwindow.h"
#include "testserverthread.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHash>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

using namespace SignalHub;
using namespace SignalHub::Core;
using SignalHub::Ui::MainWindow;

namespace {

constexpr int TickMs = 5;
constexpr double SlowEventMs = 20;

struct SlowEvent
{
    double ms = 0;
    double endMs = 0; // since the clock started
    QString what;
};

// Times every top-level event delivery of the GUI thread.
class TimingApplication : public QApplication
{
public:
    using QApplication::QApplication;

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (m_depth > 0 || !m_clock || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        ++m_depth;
        const qint64 start = m_clock->nsecsElapsed();
        const int type = event->type();
        const bool result = QApplication::notify(receiver, event);
        const qint64 end = m_clock->nsecsElapsed();
        --m_depth;
        const double ms = double(end - start) / 1e6;
        if (ms >= SlowEventMs) {
            // The receiver may be gone (deleteLater): its class name was only safe before.
            m_slow.push_back({ ms, double(end) / 1e6,
                QStringLiteral("%1 event %2").arg(m_lastClass).arg(type) });
        }
        return result;
    }

    void setClock(const QElapsedTimer *clock) { m_clock = clock; }
    std::vector<SlowEvent> takeSlow() { return std::exchange(m_slow, {}); }
    // Set before delivery so that a deleted receiver is never touched after it.
    bool eventFilterHook(QObject *receiver)
    {
        m_lastClass = QString::fromLatin1(receiver->metaObject()->className());
        if (!receiver->objectName().isEmpty())
            m_lastClass += u'(' + receiver->objectName() + u')';
        return false;
    }

private:
    const QElapsedTimer *m_clock = nullptr;
    int m_depth = 0;
    QString m_lastClass;
    std::vector<SlowEvent> m_slow;
};

// Sees the receiver of each top-level event before it is delivered (name taken then).
class ReceiverNamer : public QObject
{
public:
    explicit ReceiverNamer(TimingApplication *app) : m_app(app) {}
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        Q_UNUSED(event);
        if (QThread::currentThread() == m_app->thread())
            m_app->eventFilterHook(watched);
        return false;
    }

private:
    TimingApplication *m_app;
};

struct Gaps
{
    std::vector<double> gaps; // ms between consecutive ticks
    std::vector<double> ends; // when each gap ended, ms since the clock started
};

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const size_t at = size_t(std::ceil(p * double(v.size()))) - 1;
    return v[std::min(at, v.size() - 1)];
}

struct Outcome
{
    IndexSummary summary;
    double seconds = 0;
    bool finished = false;
};

// Starts indexing `folder` with `settings`, ticks every 5 ms until the run finishes (or
// `cancelAfterMs` passes: then cancels and waits for the end), and prints the figures.
Outcome measure(TimingApplication &app, const char *label, const RunSettings &settings,
    const QString &folder, const QString &database, int cancelAfterMs)
{
    MainWindow window;
    window.settings().setRunSettings(settings);
    window.settings().setDatabasePath(database);
    window.resize(1280, 800);
    window.show();
    QEventLoop settle;
    QTimer::singleShot(500, &settle, &QEventLoop::quit);
    settle.exec();

    QElapsedTimer clock;
    clock.start();
    app.setClock(&clock);
    (void)app.takeSlow();
    Gaps gaps;
    double last = 0;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(TickMs);
    QObject::connect(&tick, &QTimer::timeout, &tick, [&] {
        const double now = double(clock.nsecsElapsed()) / 1e6;
        gaps.gaps.push_back(now - last);
        gaps.ends.push_back(now);
        last = now;
    });

    Outcome outcome;
    double startedAt = -1;
    QEventLoop loop;
    QObject::connect(&window, &MainWindow::runStarted, &loop,
        [&] { startedAt = double(clock.nsecsElapsed()) / 1e6; });
    QObject::connect(&window, &MainWindow::runFinished, &loop, [&](const IndexSummary &s) {
        outcome.summary = s;
        outcome.finished = true;
        loop.quit();
    });
    QTimer cancel;
    cancel.setSingleShot(true);
    QObject::connect(&cancel, &QTimer::timeout, &window, [&] { window.cancelRun(); });
    QTimer guard; // never hang: 10 minutes at most
    guard.setSingleShot(true);
    QObject::connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);

    tick.start();
    last = double(clock.nsecsElapsed()) / 1e6;
    window.startIndexing({ folder });
    if (cancelAfterMs > 0)
        cancel.start(cancelAfterMs);
    guard.start(600000);
    loop.exec();
    tick.stop();
    outcome.seconds = double(clock.nsecsElapsed()) / 1e9;
    const std::vector<SlowEvent> slow = app.takeSlow();
    app.setClock(nullptr);

    const auto &g = gaps.gaps;
    const double longest = g.empty() ? 0 : *std::max_element(g.begin(), g.end());
    const long over50 = std::count_if(g.begin(), g.end(), [](double x) { return x > 50; });
    const long over16 = std::count_if(g.begin(), g.end(), [](double x) { return x > 16; });
    const IndexSummary &s = outcome.summary;
    printf("\n## %s\n", label);
    printf("run: %s after %.1f s (run started %.2f s after startIndexing); %lld files, "
           "%lld chunks, %lld stored, %lld failed, %lld requests\n",
        !outcome.finished ? "TIMED OUT"
            : s.outcome == IndexSummary::Outcome::Completed ? "completed"
            : s.outcome == IndexSummary::Outcome::Cancelled ? "cancelled"
                                                            : "FATAL",
        outcome.seconds, startedAt / 1000, qlonglong(s.files), qlonglong(s.chunks),
        qlonglong(s.stored), qlonglong(s.failed), qlonglong(s.requests));
    if (!s.message.isEmpty())
        printf("message: %s\n", qPrintable(s.message));
    printf("| ticks | median gap ms | p99 gap ms | longest gap ms | gaps > 16 ms | gaps > 50 ms "
           "|\n|---:|---:|---:|---:|---:|---:|\n");
    printf("| %zu | %.1f | %.1f | %.1f | %ld | %ld |\n", g.size(), percentile(g, 0.5),
        percentile(g, 0.99), longest, over16, over50);
    printf("target longest < 50 ms: %s\n", longest < 50 ? "met" : "MISSED");

    // Where the long gaps went: the slow deliveries, grouped by receiver class and event type.
    QHash<QString, std::pair<int, double>> byWhat;
    QHash<QString, double> maxBy;
    for (const SlowEvent &e : slow) {
        auto &entry = byWhat[e.what];
        ++entry.first;
        entry.second += e.ms;
        maxBy[e.what] = std::max(maxBy[e.what], e.ms);
    }
    QList<QString> keys = byWhat.keys();
    std::sort(keys.begin(), keys.end(),
        [&](const QString &a, const QString &b) { return maxBy[a] > maxBy[b]; });
    printf("event deliveries >= %.0f ms on the GUI thread (receiver, QEvent type): %zu\n",
        SlowEventMs, slow.size());
    for (const QString &k : std::as_const(keys))
        printf("  %-60s count %4d  total %7.1f ms  max %6.1f ms\n", qPrintable(k),
            byWhat[k].first, byWhat[k].second, maxBy[k]);
    // The five longest gaps, with the slow delivery that ended inside each.
    std::vector<size_t> order(g.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return g[a] > g[b]; });
    for (size_t i = 0; i < std::min<size_t>(5, order.size()); ++i) {
        const size_t at = order[i];
        const double end = gaps.ends[at], begin = end - g[at];
        QString inside;
        for (const SlowEvent &e : slow)
            if (e.endMs >= begin && e.endMs <= end + 1)
                inside += QStringLiteral("%1 (%2 ms); ").arg(e.what).arg(e.ms, 0, 'f', 1);
        printf("  gap %.1f ms at %.2f s: %s\n", g[at], end / 1000,
            inside.isEmpty() ? "no single delivery >= 20 ms (several shorter ones, or the "
                               "thread was not scheduled)"
                             : qPrintable(inside));
    }
    fflush(stdout);
    return outcome;
}

} // namespace

int main(int argc, char *argv[])
{
    // Never the user's home, settings, keyring or data.
    QTemporaryDir home;
    qputenv("HOME", home.path().toUtf8());
    qputenv("XDG_CONFIG_HOME", (home.path() + QStringLiteral("/config")).toUtf8());
    qputenv("XDG_DATA_HOME", (home.path() + QStringLiteral("/data")).toUtf8());
    qputenv("XDG_CACHE_HOME", (home.path() + QStringLiteral("/cache")).toUtf8());
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
    qputenv("OPENAI_API_KEY", "sk-bench");
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TimingApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("signalhub-bench"));
    QApplication::setOrganizationName(QStringLiteral("signalhub"));
    QStandardPaths::setTestModeEnabled(true);
    ReceiverNamer namer(&app);
    app.installEventFilter(&namer);

    const QStringList args = app.arguments();
    auto option = [&](const QString &name) {
        const qsizetype at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? args.at(at + 1) : QString();
    };
    const QString apiFolder = option(QStringLiteral("--api"));
    const QString localFolder = option(QStringLiteral("--local"));
    const int localSeconds = option(QStringLiteral("--local-seconds")).isEmpty()
        ? 30
        : option(QStringLiteral("--local-seconds")).toInt();
    if (apiFolder.isEmpty() && localFolder.isEmpty()) {
        fprintf(stderr, "usage: bench_guistall [--api FOLDER] [--local FOLDER] "
                        "[--local-seconds S]\n");
        return 2;
    }

    if (!apiFolder.isEmpty()) {
        Testing::TestServerConfig config;
        config.setLatency(0);
        config.dimensions = 1536;
        config.apiKey = QStringLiteral("sk-bench");
        Testing::TestServerThread server(config);
        if (!server.start()) {
            fprintf(stderr, "the test server did not start\n");
            return 1;
        }
        RunSettings s;
        s.provider = QStringLiteral("openai");
        s.baseUrl = server.server()->openAiUrl().toString();
        s.model = QStringLiteral("test-model");
        s.dimensions = 1536;
        s.estimateThresholdUsd = 1e9; // no question box
        const Outcome o = measure(app, "API provider, test server (latency 0, 1536 d)", s,
            apiFolder, home.filePath(QStringLiteral("api.sqlite")), 0);
        if (!o.finished)
            return 1;
    }
    if (!localFolder.isEmpty()) {
        RunSettings s;
        s.provider = QStringLiteral("local");
        const Outcome o = measure(app, "Built-in model (provider local)", s, localFolder,
            home.filePath(QStringLiteral("local.sqlite")), localSeconds * 1000);
        if (!o.finished)
            return 1;
    }
    return 0;
}
