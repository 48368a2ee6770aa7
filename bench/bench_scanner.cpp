// Scans folders (default /usr/include) a few times and prints files per second: the walk, the
// ignore rules, opening each file for the binary/minified checks and the language lookup.
//   bench_scanner [--runs N] [--include-minified] [FOLDER…]
#include "scanner.h"

#include <KSyntaxHighlighting/Repository>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QMap>
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
    const QCommandLineOption minifiedOption(QStringLiteral("include-minified"),
        QStringLiteral("Skip the minified check, which reads whole files over 4 KiB."));
    parser.addOption(minifiedOption);
    parser.addPositionalArgument(QStringLiteral("folder"), QStringLiteral("Folders to scan."));
    parser.process(app);
    QStringList roots = parser.positionalArguments();
    if (roots.isEmpty())
        roots << QStringLiteral("/usr/include");
    const int runs = std::max(1, parser.value(runsOption).toInt());
    ScanOptions options;
    options.includeMinified = parser.isSet(minifiedOption);

    QTextStream out(stdout);
    QElapsedTimer timer;
    timer.start();
    KSyntaxHighlighting::Repository repository;
    out << "repository load: " << timer.elapsed() << " ms\n";

    // The first run warms the page cache (the timed runs measure the scanner, not the disk)
    // and shows what was skipped and why.
    QMap<QString, int> reasons;
    QMap<QString, QString> examples;
    Scanner(options, &repository).scan(roots, [&](const ScannedFile &file) {
        const QString reason = skipReasonName(file.skipReason);
        ++reasons[reason];
        if (!file.isIndexed() && !examples.contains(reason))
            examples.insert(reason, file.relativePath + QStringLiteral(": ") + file.skipMessage);
    });
    for (auto it = reasons.cbegin(); it != reasons.cend(); ++it)
        out << it.key() << ": " << it.value() << "  " << examples.value(it.key()) << "\n";
    QList<double> rates;
    for (int run = 0; run < runs; ++run) {
        Scanner scanner(options, &repository);
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
    const double median = rates.at(rates.size() / 2);
    out << "median: " << QString::number(median, 'f', 0) << " files/s\n";

    // The least any scanner does: list every file and read its first 8 KiB (no rules).
    QList<double> baseline;
    for (int run = 0; run < runs; ++run) {
        timer.restart();
        qint64 files = 0;
        for (const QString &root : std::as_const(roots)) {
            QDirIterator it(
                root, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile file(it.next());
                if (file.open(QIODevice::ReadOnly))
                    file.read(8192);
                ++files;
            }
        }
        baseline.append(files / (timer.nsecsElapsed() / 1e9));
    }
    std::sort(baseline.begin(), baseline.end());
    const double baselineMedian = baseline.at(baseline.size() / 2);
    out << "baseline (list + read 8 KiB, no rules): " << QString::number(baselineMedian, 'f', 0)
        << " files/s; scanner/baseline = " << QString::number(median / baselineMedian, 'f', 2)
        << "\n";
    return 0;
}
