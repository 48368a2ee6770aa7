// The longest event-loop stall of the GUI thread while the real window indexes at full speed.
// A 5 ms precise QTimer on the GUI thread records the gaps between its ticks (a gap is how
// long the loop could not run a 5 ms timer); every event delivered on the GUI thread is timed
// in notify(), so a long gap can be put down to the receiver and event type that ran long.
//
// Usage: bench_guistall [--api FOLDER] [--local FOLDER] [--local-seconds S]
//   --api: OpenAI-compatible provider against the in-process test server (latency 0, 1536 d),
//          the run to completion;
//   --local: the built-in model, cancelled after S seconds (default 30) if not done;
//   --nice-workers N: an experiment, every other thread of the process at niceness N.
#include "embeddingtestserver.h"
#include "indexer.h"
#include "indextypes.h"
#include "mainwindow.h"
#include "testserverthread.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QPaintEvent>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <numeric>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

using namespace SignalHub;
using namespace SignalHub::Core;
using SignalHub::Ui::MainWindow;

namespace {

constexpr int TickMs = 5;
constexpr double SlowEventMs = 20;
constexpr double RecordedEventMs = 2;

struct SlowEvent
{
    double ms = 0;
    double endMs = 0; // since the clock started
    QString what;
};

double threadCpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// Time this thread spent runnable but waiting for a CPU (the second field of schedstat, ns).
double runQueueWaitMs()
{
    FILE *f = std::fopen("/proc/thread-self/schedstat", "r");
    if (!f)
        return 0;
    unsigned long long run = 0, wait = 0;
    const int read = std::fscanf(f, "%llu %llu", &run, &wait);
    std::fclose(f);
    return read == 2 ? double(wait) / 1e6 : 0;
}

// How often this thread gave up its core (to sleep or block) and how many page faults had to
// read from disk: a gap that is neither CPU nor a wait for a core is spent in one of those.
std::pair<long, long> sleepsAndMajorFaults()
{
    rusage usage {};
    getrusage(RUSAGE_THREAD, &usage);
    return { usage.ru_nvcsw, usage.ru_majflt };
}

// Times every top-level event delivery of the GUI thread. For the Indexer's relayed signals
// (queued from the worker, re-emitted on the GUI thread to the window's slots) a connection
// made after the window's own ones sees how long the window's slots for that signal took.
class TimingApplication : public QApplication
{
public:
    using QApplication::QApplication;

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (m_clock && event->type() == QEvent::Paint)
            countPaint(receiver, static_cast<QPaintEvent *>(event)->region());
        if (m_depth > 0 || !m_clock || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        if (auto *indexer = qobject_cast<Indexer *>(receiver))
            hook(indexer);
        // The receiver may be gone after delivery (deleteLater): name it now.
        QString what = QString::fromLatin1(receiver->metaObject()->className());
        if (!receiver->objectName().isEmpty())
            what += u'(' + receiver->objectName() + u')';
        what += QStringLiteral(" event %1").arg(int(event->type()));
        ++m_depth;
        m_deliveryStart = m_clock->nsecsElapsed();
        const bool result = QApplication::notify(receiver, event);
        const qint64 end = m_clock->nsecsElapsed();
        --m_depth;
        const double ms = double(end - m_deliveryStart) / 1e6;
        if (ms >= RecordedEventMs)
            m_slow.push_back({ ms, double(end) / 1e6, what });
        return result;
    }

    void setClock(const QElapsedTimer *clock) { m_clock = clock; }
    std::vector<SlowEvent> takeSlow() { return std::exchange(m_slow, {}); }
    // Also forgets the Indexers seen: a new window's may reuse a freed one's address.
    QHash<QString, std::vector<double>> takeSlots()
    {
        m_hooked.clear();
        return std::exchange(m_slots, {});
    }

    // Pixels each widget class painted, and how often, since the last call.
    QHash<QString, std::pair<qint64, int>> takePainted() { return std::exchange(m_painted, {}); }

private:
    void countPaint(QObject *receiver, const QRegion &region)
    {
        qint64 pixels = 0;
        for (const QRect &rect : region)
            pixels += qint64(rect.width()) * rect.height();
        auto &[total, count] = m_painted[QString::fromLatin1(receiver->metaObject()->className())];
        total += pixels;
        ++count;
    }

    void hook(Indexer *indexer)
    {
        if (m_hooked.contains(indexer))
            return;
        m_hooked.insert(indexer);
        auto record = [this](const char *name) {
            return [this, name] {
                if (m_clock && m_depth == 1)
                    m_slots[QString::fromLatin1(name)].push_back(
                        double(m_clock->nsecsElapsed() - m_deliveryStart) / 1e6);
            };
        };
        QObject::connect(
            indexer, &Indexer::progress, this, record("Indexer::progress -> window slots"));
        QObject::connect(indexer, &Indexer::filesChanged, this,
            record("Indexer::filesChanged -> FilesModel::update"));
        QObject::connect(indexer, &Indexer::message, this, record("Indexer::message -> window"));
        QObject::connect(indexer, &Indexer::finished, this, record("Indexer::finished -> window"));
    }

    const QElapsedTimer *m_clock = nullptr;
    int m_depth = 0;
    qint64 m_deliveryStart = 0;
    std::vector<SlowEvent> m_slow;
    QHash<QString, std::vector<double>> m_slots;
    QSet<const QObject *> m_hooked;
    QHash<QString, std::pair<qint64, int>> m_painted;
};

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll().trimmed()) : QString();
}

// The experiment of --nice-workers: every thread of the process but this one gets niceness
// `nice` (raising it needs no privilege), so the GUI thread wins a core when it wakes.
void reniceOtherThreads(int nice)
{
    const QString self = QString::number(qlonglong(syscall(SYS_gettid)));
    const QStringList tids
        = QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &tid : tids)
        if (tid != self)
            setpriority(PRIO_PROCESS, id_t(tid.toLongLong()), nice);
}

struct Gaps
{
    std::vector<double> gaps; // ms between consecutive ticks
    std::vector<double> ends; // when each gap ended, ms since the clock started
    std::vector<double> cpu; // CPU time of the GUI thread during each gap
    std::vector<double> wait; // time it was runnable but not running (no free core)
    std::vector<long> sleeps; // voluntary context switches during each gap
    std::vector<long> majorFaults; // page faults that read from disk during each gap
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
    const QString &folder, const QString &database, int cancelAfterMs, int niceWorkers)
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
    double lastCpu = 0;
    double lastWait = 0;
    std::pair<long, long> lastSwitchesAndFaults;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(TickMs);
    QObject::connect(&tick, &QTimer::timeout, &tick, [&] {
        const double now = double(clock.nsecsElapsed()) / 1e6;
        gaps.gaps.push_back(now - last);
        gaps.ends.push_back(now);
        const double cpu = threadCpuMs();
        gaps.cpu.push_back(cpu - lastCpu);
        lastCpu = cpu;
        const double wait = runQueueWaitMs();
        gaps.wait.push_back(wait - lastWait);
        lastWait = wait;
        const auto [sleeps, faults] = sleepsAndMajorFaults();
        gaps.sleeps.push_back(sleeps - lastSwitchesAndFaults.first);
        gaps.majorFaults.push_back(faults - lastSwitchesAndFaults.second);
        lastSwitchesAndFaults = { sleeps, faults };
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

    QTimer renice; // threads come and go (thread pools): renice new ones every 100 ms
    renice.setInterval(100);
    QObject::connect(
        &renice, &QTimer::timeout, &renice, [niceWorkers] { reniceOtherThreads(niceWorkers); });
    if (niceWorkers > 0)
        renice.start();
    tick.start();
    last = double(clock.nsecsElapsed()) / 1e6;
    lastCpu = threadCpuMs();
    lastWait = runQueueWaitMs();
    lastSwitchesAndFaults = sleepsAndMajorFaults();
    (void)app.takeSlots();
    (void)app.takePainted();
    window.startIndexing({ folder });
    if (cancelAfterMs > 0)
        cancel.start(cancelAfterMs);
    guard.start(600000);
    loop.exec();
    tick.stop();
    outcome.seconds = double(clock.nsecsElapsed()) / 1e9;
    const std::vector<SlowEvent> recorded = app.takeSlow();
    const QHash<QString, std::vector<double>> slotTimes = app.takeSlots();
    std::vector<SlowEvent> slow;
    for (const SlowEvent &e : recorded)
        if (e.ms >= SlowEventMs)
            slow.push_back(e);
    app.setClock(nullptr);

    const auto &g = gaps.gaps;
    const double longest = g.empty() ? 0 : *std::max_element(g.begin(), g.end());
    const long over50 = std::count_if(g.begin(), g.end(), [](double x) { return x > 50; });
    const long over16 = std::count_if(g.begin(), g.end(), [](double x) { return x > 16; });
    const IndexSummary &s = outcome.summary;
    printf("\n## %s%s\n", label,
        niceWorkers > 0 ? qPrintable(QStringLiteral(", other threads at nice %1").arg(niceWorkers))
                        : "");
    printf("run: %s after %.1f s (run started %.2f s after startIndexing); %lld files, "
           "%lld chunks, %lld stored, %lld failed, %lld requests\n",
        !outcome.finished                                   ? "TIMED OUT"
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
        printf("  %-60s count %4d  total %7.1f ms  max %6.1f ms\n", qPrintable(k), byWhat[k].first,
            byWhat[k].second, maxBy[k]);
    printf("GUI thread over the run: CPU %.1f s, waiting for a core %.1f s, of %.1f s wall; "
           "load average at the end: %s\n",
        std::accumulate(gaps.cpu.begin(), gaps.cpu.end(), 0.0) / 1000,
        std::accumulate(gaps.wait.begin(), gaps.wait.end(), 0.0) / 1000, outcome.seconds,
        qPrintable(loadAverage()));
    printf("the window's slots per relayed Indexer signal (ms from delivery start):\n");
    for (auto it = slotTimes.cbegin(); it != slotTimes.cend(); ++it) {
        const std::vector<double> &v = it.value();
        printf("  %-48s count %5zu  p50 %6.2f  p99 %6.2f  max %6.1f  total %7.1f\n",
            qPrintable(it.key()), v.size(), percentile(v, 0.5), percentile(v, 0.99),
            *std::max_element(v.begin(), v.end()), std::accumulate(v.begin(), v.end(), 0.0));
    }
    // The five longest gaps, with the slow delivery that ended inside each.
    std::vector<size_t> order(g.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return g[a] > g[b]; });
    for (size_t i = 0; i < std::min<size_t>(5, order.size()); ++i) {
        const size_t at = order[i];
        const double end = gaps.ends[at], begin = end - g[at];
        QString inside;
        double handled = 0;
        for (const SlowEvent &e : recorded)
            if (e.endMs >= begin && e.endMs <= end + 1) {
                handled += e.ms;
                inside += QStringLiteral("%1 %2 ms; ").arg(e.what).arg(e.ms, 0, 'f', 1);
            }
        printf("  gap %.1f ms at %.2f s: GUI thread CPU %.1f ms, waiting for a core %.1f ms, "
               "gave up its core %ld times, %ld page faults from disk, in deliveries >= %.0f ms: "
               "%.1f ms: %s\n",
            g[at], end / 1000, gaps.cpu[at], gaps.wait[at], gaps.sleeps[at], gaps.majorFaults[at],
            RecordedEventMs, handled, qPrintable(inside));
    }
    const QHash<QString, std::pair<qint64, int>> painted = app.takePainted();
    QList<QString> painters = painted.keys();
    std::sort(painters.begin(), painters.end(), [&painted](const QString &a, const QString &b) {
        return painted[a].first > painted[b].first;
    });
    printf("painted over the run (widget class: megapixels, paint events):\n");
    for (qsizetype i = 0; i < std::min<qsizetype>(8, painters.size()); ++i)
        printf("  %-40s %8.1f Mpx %6d\n", qPrintable(painters[i]),
            double(painted[painters[i]].first) / 1e6, painted[painters[i]].second);
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
    const int niceWorkers = option(QStringLiteral("--nice-workers")).toInt();
    if (apiFolder.isEmpty() && localFolder.isEmpty()) {
        fprintf(stderr,
            "usage: bench_guistall [--api FOLDER] [--local FOLDER] "
            "[--local-seconds S] [--nice-workers N]\n");
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
        s.provider = ProviderKind::OpenAi;
        s.baseUrl = server.server()->openAiUrl().toString();
        s.model = QStringLiteral("test-model");
        s.dimensions = 1536;
        s.estimateThresholdUsd = 1e9; // no question box
        const Outcome o = measure(app, "API provider, test server (latency 0, 1536 d)", s,
            apiFolder, home.filePath(QStringLiteral("api.sqlite")), 0, niceWorkers);
        if (!o.finished)
            return 1;
    }
    if (!localFolder.isEmpty()) {
        RunSettings s;
        s.provider = ProviderKind::Local;
        const Outcome o = measure(app, "Built-in model (provider local)", s, localFolder,
            home.filePath(QStringLiteral("local.sqlite")), localSeconds * 1000, niceWorkers);
        if (!o.finished)
            return 1;
    }
    return 0;
}
