// Scans folders (default /usr/include) a few times and prints files per second: the walk, the
// ignore rules, opening each file for the binary/minified checks and the language lookup.
//   bench_scanner [--runs N] [FOLDER…]
#include "scanner.h"

#include <KSyntaxHighlighting/Repository>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>
#include <algorithm>

using namespace SignalHub::Core;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Timed runs."),
        QStringLiteral("N"), QStringLiteral("3"));
    parser.addOption(runsOption);
    parser.addPositionalArgument(QStringLiteral("folder"), QStringLiteral("Folders to scan."));
    parser.process(app);
    QStringList roots = parser.positionalArguments();
    if (roots.isEmpty())
        roots << QStringLiteral("/usr/include");
    const int runs = std::max(1, parser.value(runsOption).toInt());

    QTextStream out(stdout);
    QElapsedTimer timer;
    timer.start();
    KSyntaxHighlighting::Repository repository;
    out << "repository load: " << timer.elapsed() << " ms\n";

    // The first run warms the page cache; the timed runs measure the scanner, not the disk.
    Scanner(ScanOptions(), &repository).scan(roots, {});
    QList<double> rates;
    for (int run = 0; run < runs; ++run) {
        Scanner scanner(ScanOptions(), &repository);
        timer.restart();
        const ScanSummary summary = scanner.scan(roots, {});
        const double seconds = timer.nsecsElapsed() / 1e9;
        const int entries = summary.indexed + summary.skipped + summary.failed;
        rates.append(entries / seconds);
        out << "run " << run + 1 << ": " << entries << " files (" << summary.indexed << " indexed, "
            << summary.skipped << " skipped, " << summary.failed << " unreadable) in "
            << QString::number(seconds, 'f', 3)
            << " s = " << QString::number(entries / seconds, 'f', 0) << " files/s\n";
    }
    std::sort(rates.begin(), rates.end());
    out << "median: " << QString::number(rates.at(rates.size() / 2), 'f', 0) << " files/s\n";
    return 0;
}
