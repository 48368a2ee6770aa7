// One indexing run end to end, in process, exactly as `signalhub-cli index` runs it (Indexer:
// scan, chunk, count, store, embed, store vectors), and what it cost the process: wall and CPU
// time, peak RSS, bytes written (/proc/self/io) and the database's size afterwards.
//
//   bench_index PATH... --db FILE [--provider local|openai] [--base-url URL] [--model NAME]
//       [--dimensions N] [--batch-size N] [--concurrency N] [--tpm N] [--chunk-tokens N]
//       [--fresh] [--label TEXT]
//
// With --base-url pointing at the test server, its /stats are reset before and read after the
// run. Prints one line for people and one JSON object (last line).
#include "benchsupport.h"
#include "indexer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace SignalHub::Core;
using namespace SignalHub::Bench;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"signalhub-bench"_s);
    QCoreApplication::setOrganizationName(u"signalhub-bench"_s);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addPositionalArgument(u"paths"_s, u"Folders to index"_s);
    parser.addOptions({
        { u"db"_s, u"Database file"_s, u"file"_s },
        { u"fresh"_s, u"Delete the database first"_s },
        { u"provider"_s, u"local | openai | ollama"_s, u"name"_s, u"local"_s },
        { u"base-url"_s, u"Server base URL"_s, u"url"_s },
        { u"model"_s, u"Model"_s, u"name"_s },
        { u"dimensions"_s, u"Dimensions"_s, u"n"_s, u"0"_s },
        { u"batch-size"_s, u"Inputs per request"_s, u"n"_s, u"100"_s },
        { u"concurrency"_s, u"Requests in flight"_s, u"n"_s, u"4"_s },
        { u"tpm"_s, u"Tokens per minute"_s, u"n"_s, u"0"_s },
        { u"chunk-tokens"_s, u"Target chunk size"_s, u"n"_s, u"0"_s },
        { u"label"_s, u"Name of this run"_s, u"text"_s },
    });
    parser.process(app);
    if (parser.positionalArguments().isEmpty() || !parser.isSet(u"db"_s)) {
        std::fprintf(stderr, "bench_index: give PATH... and --db FILE\n");
        return 2;
    }
    const QString db = QFileInfo(parser.value(u"db"_s)).absoluteFilePath();
    if (parser.isSet(u"fresh"_s)) {
        for (const QString &suffix : { QString(), u"-wal"_s, u"-shm"_s })
            QFile::remove(db + suffix);
    }
    IndexRequest request;
    request.roots = parser.positionalArguments();
    request.databasePath = db;
    RunSettings &s = request.settings;
    s.provider = providerFromName(parser.value(u"provider"_s)).value_or(ProviderKind::Local);
    s.baseUrl = parser.value(u"base-url"_s);
    s.model = parser.value(u"model"_s);
    s.dimensions = parser.value(u"dimensions"_s).toInt();
    s.batchSize = parser.value(u"batch-size"_s).toInt();
    s.concurrency = parser.value(u"concurrency"_s).toInt();
    s.tokensPerMinute = parser.value(u"tpm"_s).toLongLong();
    s.chunkTokens = parser.value(u"chunk-tokens"_s).toInt();
    const QString label = parser.value(u"label"_s);
    const bool testServer = !s.baseUrl.isEmpty();
    if (testServer)
        resetServerStats(s.baseUrl);

    const qint64 dbBefore = databaseBytes(db);
    const Io ioBefore = io();
    const Usage before = usage();
    QElapsedTimer clock;
    clock.start();
    IndexSummary summary;
    double peakSampledMb = 0;
    {
        Indexer indexer;
        QObject::connect(&indexer, &Indexer::message, &indexer,
            [](const QString &text) { std::fprintf(stderr, "  %s\n", qPrintable(text)); });
        QObject::connect(&indexer, &Indexer::finished, &indexer, [&](const IndexSummary &result) {
            summary = result;
            QCoreApplication::quit();
        });
        // The resident set over time, so that "flat" can be seen and not only the peak.
        QTimer sampler;
        QObject::connect(&sampler, &QTimer::timeout, &indexer,
            [&] { peakSampledMb = std::max(peakSampledMb, currentRssMb()); });
        sampler.start(250);
        indexer.start(request);
        QCoreApplication::exec();
    } // the Indexer's thread and its store writer are gone: everything is committed and closed
    const double seconds = clock.nsecsElapsed() / 1e9;
    const Usage after = usage();
    const Io ioAfter = io();
    const qint64 dbAfter = databaseBytes(db);
    const qint64 written = ioAfter.writeBytes - ioBefore.writeBytes;
    const QJsonObject stats = testServer ? serverStats(s.baseUrl) : QJsonObject();

    std::printf("%s: %lld files, %lld chunks, %lld stored, %lld unchanged, %lld failed in %.2f s "
                "(%.0f stored/s); "
                "CPU %.1f s, peak RSS %.0f MB; database %.1f MB, %.2f MB written\n",
        qPrintable(label), summary.files, summary.chunks, summary.stored, summary.unchanged,
        summary.failed, seconds, summary.stored / seconds, after.cpuSeconds() - before.cpuSeconds(),
        after.peakRssMb, dbAfter / 1e6, written / 1e6);
    QJsonObject json { { u"label"_s, label }, { u"outcome"_s, int(summary.outcome) },
        { u"message"_s, summary.message }, { u"files"_s, summary.files },
        { u"chunks"_s, summary.chunks }, { u"stored"_s, summary.stored },
        { u"unchanged"_s, summary.unchanged }, { u"skipped_files"_s, summary.skippedFiles },
        { u"unreadable_files"_s, summary.unreadableFiles }, { u"failed"_s, summary.failed },
        { u"pending"_s, summary.pending }, { u"tokens"_s, summary.tokens },
        { u"requests"_s, summary.requests }, { u"retries"_s, summary.retries },
        { u"seconds"_s, seconds }, { u"summary_seconds"_s, summary.seconds },
        { u"stored_per_s"_s, summary.stored / seconds },
        { u"cpu_s"_s, after.cpuSeconds() - before.cpuSeconds() },
        { u"peak_rss_mb"_s, after.peakRssMb }, { u"sampled_peak_rss_mb"_s, peakSampledMb },
        { u"db_bytes_before"_s, dbBefore }, { u"db_bytes"_s, dbAfter },
        { u"write_bytes"_s, written }, { u"wchar"_s, ioAfter.wchar - ioBefore.wchar },
        { u"cancelled_write_bytes"_s,
            ioAfter.cancelledWriteBytes - ioBefore.cancelledWriteBytes } };
    if (testServer)
        json.insert(u"server"_s, stats);
    std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    return summary.exitCode();
}
