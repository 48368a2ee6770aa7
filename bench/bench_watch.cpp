// The watcher with the built-in model: how long after a save the file is stored (50 saves),
// how many runs a checkout of 1,000 files under git's index lock costs, and how much CPU a
// watched tree of many files uses while nothing changes.
//
// bench_watch [FILES] (default 100000: the idle tree; the other figures use a small tree)

#include "watcher.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <algorithm>
#include <sys/resource.h>

using namespace SignalHub::Core;

namespace {

constexpr int Patience = 600000;

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(path.left(path.lastIndexOf(u'/')));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

QByteArray function(int i, int version)
{
    return "def function_" + QByteArray::number(i) + "(value):\n    return value * "
        + QByteArray::number(version + 2) + " + " + QByteArray::number(i) + "\n";
}

double cpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
        + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

struct Session
{
    Watcher watcher;
    QList<IndexSummary> runs;
    QElapsedTimer sinceStart;

    explicit Session(const QString &root, const QString &db)
    {
        QObject::connect(&watcher, &Watcher::runFinished, &watcher,
            [this](const IndexSummary &summary) { runs.append(summary); });
        WatchRequest request;
        request.roots = { root };
        request.databasePath = db;
        request.holder = QStringLiteral("bench_watch");
        if (const Status started = watcher.start(request); !started)
            qFatal("%s", qPrintable(started.errorMessage()));
        sinceStart.start();
        waitForRuns(1);
    }
    void waitForRuns(int count)
    {
        if (!QTest::qWaitFor([&] { return runs.size() >= count; }, Patience))
            qFatal("no run within %d s", Patience / 1000);
    }
};

double percentile(QList<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values.at(std::min<qsizetype>(values.size() - 1, qsizetype(p * values.size())));
}

void saveLatency(const QString &base)
{
    const QString root = base + QStringLiteral("/small");
    for (int i = 0; i < 20; ++i)
        writeFile(root + QStringLiteral("/src/m%1.py").arg(i), function(i, 0));
    if (QProcess::execute(
            QStringLiteral("git"), { QStringLiteral("init"), QStringLiteral("-q"), root })
        != 0)
        qFatal("git init failed");
    Session session(root, base + QStringLiteral("/small.db"));
    QList<double> latencies;
    for (int save = 1; save <= 50; ++save) {
        const int before = int(session.runs.size());
        QElapsedTimer clock;
        clock.start();
        writeFile(root + QStringLiteral("/src/m%1.py").arg(save % 20), function(save % 20, save));
        session.waitForRuns(before + 1);
        if (session.runs.last().stored != 1)
            qFatal("save %d stored %lld chunks", save, session.runs.last().stored);
        latencies.append(clock.elapsed() / 1000.0);
    }
    std::printf("save to stored (50 saves): p50 %.2f s, p95 %.2f s, max %.2f s\n",
        percentile(latencies, 0.5), percentile(latencies, 0.95),
        *std::max_element(latencies.cbegin(), latencies.cend()));

    // A checkout: git holds its index lock while it writes 1,000 files.
    const QString lock = root + QStringLiteral("/.git/index.lock");
    writeFile(lock, {});
    const int before = int(session.runs.size());
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < 1000; ++i)
        writeFile(root + QStringLiteral("/checkout/d%1/f%2.py").arg(i % 50).arg(i),
            function(1000 + i, 0));
    QTest::qWait(2000); // git works for a while: the watcher must keep waiting
    QFile::remove(lock);
    session.waitForRuns(before + 1);
    QTest::qWait(3000); // any later batch would have started by now (quiet 500 ms, at most 5 s)
    std::printf("checkout of 1,000 files: %lld run(s); the first stored %lld chunks of %lld "
                "files, %.1f s after the checkout began\n",
        qint64(session.runs.size() - before), session.runs.at(before).stored,
        session.runs.at(before).files, clock.elapsed() / 1000.0);
}

void idleCpu(const QString &base, int files)
{
    const QString root = base + QStringLiteral("/big");
    const int perFolder = 100;
    for (int i = 0; i < files; ++i)
        writeFile(root + QStringLiteral("/d%1/e%2/f%3.py").arg(i / 10000).arg(i / perFolder).arg(i),
            "x = 1\n");
    Session session(root, base + QStringLiteral("/big.db"));
    const Watcher::Folder folder = session.watcher.folders().first();
    std::printf("idle tree: %d files in %d watched folders (%d polled); first run %.1f s\n", files,
        folder.watchedFolders, folder.polledFolders, session.sinceStart.elapsed() / 1000.0);
    const double cpuBefore = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    // An event loop that sleeps until the timer, unlike QTest::qWait, which wakes every 10 ms.
    QEventLoop loop;
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    loop.exec();
    const double cpu = cpuSeconds() - cpuBefore;
    std::printf("idle for %.0f s: %.3f s of CPU, %.3f %% of one core\n", wall.elapsed() / 1000.0,
        cpu, 100.0 * cpu / (wall.elapsed() / 1000.0));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int files = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    QTemporaryDir dir;
    saveLatency(dir.path());
    idleCpu(dir.path(), files);
    return 0;
}
