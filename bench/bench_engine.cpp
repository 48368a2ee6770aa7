// The embedding engine alone, as the index worker wires it: a BatchProcessor on a thread of its
// own sends chunk texts to an OpenAI-compatible server (the test server), and every answered
// batch is written to a fresh SQLite store by the StoreWriter. Chunks are cut from a real tree
// before the clock starts (scan + chunk + count with the provider's tokenizer), so the figure
// is what the engine does, not what the chunker does.
//
//   bench_engine TREE --url http://127.0.0.1:PORT/v1 [--chunks 20000] [--batch-size 100]
//       [--concurrency 5] [--tpm N] [--rpm N] [--db FILE] [--model text-embedding-3-small]
//       [--dimensions 1536] [--chunk-tokens N] [--bound CHUNKS_PER_S]
//       [--server-tpm N --server-window SECONDS] [--label TEXT] [--profile]
//       [--variants standard,fast-decode] [--rounds N]
//
// Prints a few lines for people and one JSON object (last line) for bench/run-engine-bench.sh.
#include "batchprocessor.h"
#include "benchsupport.h"
#include "chunker.h"
#include "embeddingjson.h"
#include "embeddingvalidator.h"
#include "filechunker.h"
#include "openaiprovider.h"
#include "runplan.h"
#include "runsettings.h"
#include "scanner.h"
#include "storewriter.h"
#include "tokencounter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QThread>
#include <QtConcurrentMap>
#include <array>
#include <cstdio>
#include <ctime>

using namespace Qt::StringLiterals;
using namespace SignalHub::Core;
using namespace SignalHub::Bench;

namespace {

struct Prepared
{
    QList<EmbedItem> items;
    QList<QByteArray> textHashes; // by item id
    qint64 textBytes = 0;
    qint64 tokens = 0;
    int files = 0;
    double seconds = 0;
};

// Distinct chunk texts of the tree, in path order, until `wanted` are collected (identical
// texts are sent once by the index worker too).
Result<Prepared> prepare(const QString &tree, const RunSettings &settings, int wanted)
{
    QElapsedTimer timer;
    timer.start();
    const auto plan = RunPlan::make(settings, {});
    if (!plan)
        return plan.error();
    const Chunker chunker(*plan->tokenCounter(), plan->chunkerOptions());
    const FileChunker reader(chunker);

    Scanner scanner;
    QList<ScannedFile> files = scanner.scanAll({ tree });
    files.removeIf([](const ScannedFile &f) { return !f.isIndexed(); });
    std::sort(files.begin(), files.end(),
        [](const ScannedFile &a, const ScannedFile &b) { return a.relativePath < b.relativePath; });

    Prepared out;
    QSet<QByteArray> seen;
    constexpr qsizetype Group = 64;
    for (qsizetype start = 0; start < files.size() && out.items.size() < wanted; start += Group) {
        const QList<ScannedFile> group = files.mid(start, Group);
        const QList<FileChunker::File> chunked
            = QtConcurrent::blockingMapped<QList<FileChunker::File>>(
                group, [&reader](const ScannedFile &f) {
                    return reader.read(f.absolutePath, f.language);
                });
        for (const FileChunker::File &file : chunked) {
            out.files += 1;
            for (const Chunk &chunk : file.chunks) {
                if (out.items.size() >= wanted)
                    break;
                if (seen.contains(chunk.textHash))
                    continue;
                seen.insert(chunk.textHash);
                const qint64 id = out.items.size();
                out.items.append(EmbedItem {
                    id, Chunker::text(file.bytes, chunk, file.encoding), chunk.tokens, 0 });
                out.textHashes.append(chunk.textHash);
                out.textBytes += chunk.byteEnd - chunk.byteStart;
                out.tokens += chunk.tokens;
            }
        }
    }
    out.seconds = timer.nsecsElapsed() / 1e9;
    return out;
}

struct Outcome
{
    qint64 stored = 0;
    qint64 failed = 0;
    QString firstFailure;
    qint64 requests = 0;
    qint64 rateLimited = 0;
    qint64 otherErrors = 0;
    qint64 storeErrors = 0;
    QString firstStoreError;
    QString message;
    double engineSeconds = 0; // first enqueue to the processor's finished()
    double storedSeconds = 0; // first enqueue to the last vector committed
    double firstAnswerSeconds = -1;
    QString learnedLimit;
    QList<qint64> latenciesMs; // of each request, start to answer, as the client saw it
    QMap<QString, double> threadSeconds; // CPU by thread name, from the start to finished()
};

std::unique_ptr<Provider> fastDecodingProvider(
    const RunSettings &settings, const ProviderLimits &limits);

Outcome runEngine(
    const Prepared &prepared, const RunSettings &settings, const QString &dbPath, bool fastDecode)
{
    Outcome out;
    auto plan = RunPlan::make(settings, {});
    if (!plan) {
        out.message = plan.errorMessage();
        return out;
    }
    std::unique_ptr<Provider> provider = plan->takeProvider();
    if (fastDecode)
        provider = fastDecodingProvider(settings, provider->limits());
    const EmbeddingSpace space = provider->space();
    ProcessorSettings ps = plan->processorSettings();

    QFile::remove(dbPath);
    QFile::remove(dbPath + u"-wal"_s);
    QFile::remove(dbPath + u"-shm"_s);
    StoreWriter writer(dbPath);
    if (const Status opened = writer.open().result(); !opened) {
        out.message = opened.errorMessage();
        return out;
    }
    const auto spaceId = writer.ensureSpace(space).result();
    const auto runId = spaceId ? writer
                                     .beginRun(RunStart { *spaceId, providerName(settings.provider),
                                         space.model, settings.toJson(), 0.0, QString() })
                                     .result()
                               : Result<qint64>(spaceId.error());
    if (!runId) {
        out.message = runId.errorMessage();
        return out;
    }

    QThread thread;
    thread.setObjectName(u"bench-processor"_s);
    auto *processor = new BatchProcessor(std::move(provider), ps);
    processor->moveToThread(&thread);
    QObject sink; // receiver in this thread, as the index worker is
    QEventLoop loop;
    QElapsedTimer clock;
    QObject::connect(
        processor, &BatchProcessor::embedded, &sink, [&](const QList<EmbeddedItem> &items, qint64) {
            if (out.firstAnswerSeconds < 0)
                out.firstAnswerSeconds = clock.nsecsElapsed() / 1e9;
            QList<EmbeddingWrite> writes;
            writes.reserve(items.size());
            for (const EmbeddedItem &item : items)
                writes.append(EmbeddingWrite { prepared.textHashes[item.id], item.vector });
            out.stored += items.size();
            writer.storeEmbeddings(*spaceId, *runId, writes)
                .then(&sink, [&out](const Status &status) {
                    if (!status && out.storeErrors++ == 0)
                        out.firstStoreError = status.errorMessage();
                });
        });
    QObject::connect(
        processor, &BatchProcessor::failed, &sink, [&](const QList<FailedItem> &items) {
            if (out.failed == 0 && !items.isEmpty())
                out.firstFailure = items.first().reason;
            out.failed += items.size();
        });
    QObject::connect(
        processor, &BatchProcessor::requestFinished, &sink, [&](const AttemptRecord &record) {
            out.requests += 1;
            out.latenciesMs.append(record.finishedMs - record.startedMs);
            if (record.httpStatus == 429)
                out.rateLimited += 1;
            else if (!record.error.isEmpty())
                out.otherErrors += 1;
        });
    QObject::connect(processor, &BatchProcessor::batchLimitLearned, &sink,
        [&](int maxInputs, const QString &reason) {
            out.learnedLimit = u"%1 (%2)"_s.arg(maxInputs).arg(reason);
        });
    QMap<qint64, ThreadCpu> threadsAtStart;
    QObject::connect(processor, &BatchProcessor::finished, &sink,
        [&](BatchProcessor::Outcome, const QString &message) {
            out.engineSeconds = clock.nsecsElapsed() / 1e9;
            out.threadSeconds = threadCpuSince(threadsAtStart, threadCpu());
            out.message = message;
            // The vectors are stored once the writer has committed them.
            if (const Status flushed = writer.flush(); !flushed && out.firstStoreError.isEmpty())
                out.firstStoreError = flushed.errorMessage();
            out.storedSeconds = clock.nsecsElapsed() / 1e9;
            loop.quit();
        });
    thread.start();

    threadsAtStart = threadCpu();
    clock.start();
    QMetaObject::invokeMethod(processor, [processor, items = prepared.items]() mutable {
        processor->enqueue(std::move(items));
        processor->endOfInput();
    });
    loop.exec();
    QMetaObject::invokeMethod(processor, &QObject::deleteLater);
    thread.quit();
    thread.wait();
    QCoreApplication::processEvents(); // the last store results
    writer.finishRun(*runId,
        RunTotals { 0, prepared.items.size(), out.stored, out.failed, 0, prepared.tokens,
            out.requests, 0, 0.0 },
        u"finished"_s);
    (void)writer.flush();
    return out;
}

// The client's work on one batch, piece by piece, timed on this thread with nothing else of
// the client running: where the CPU of a request goes (perf and valgrind are not available).
class Probe : public OpenAiProvider
{
public:
    using OpenAiProvider::OpenAiProvider;
    using OpenAiProvider::parseBody;
    using OpenAiProvider::requestBody;
};

double cpuNow(clockid_t clock)
{
    timespec ts {};
    clock_gettime(clock, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

// CPU microseconds per call: of this thread, or of the process for work other threads do
// (the store writer's), so that the other developers' load on the 2 cores does not count.
template<typename Fn>
double microsPerCall(int reps, Fn &&fn, clockid_t clock = CLOCK_THREAD_CPUTIME_ID)
{
    fn(); // warm
    const double start = cpuNow(clock);
    for (int i = 0; i < reps; ++i)
        fn();
    return (cpuNow(clock) - start) / reps;
}

// What a decoder that writes the floats in place costs: a 256-entry table, 4 characters to
// 3 bytes, straight into the vector's storage (little-endian host, as x86 and ARM are).
QList<float> decodeInPlace(QByteArrayView base64)
{
    static const auto table = [] {
        std::array<qint8, 256> t;
        t.fill(-1);
        const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < 64; ++i)
            t[uchar(alphabet[i])] = qint8(i);
        return t;
    }();
    qsizetype length = base64.size();
    while (length > 0 && base64[length - 1] == '=')
        --length;
    const qsizetype bytes = length * 3 / 4;
    QList<float> vector(bytes / qsizetype(sizeof(float)));
    auto *out = reinterpret_cast<uchar *>(vector.data());
    const auto *in = reinterpret_cast<const uchar *>(base64.data());
    qsizetype o = 0;
    const qsizetype limit = qsizetype(vector.size()) * qsizetype(sizeof(float));
    for (qsizetype i = 0; i + 3 < length + 3 && o < limit; i += 4) {
        quint32 word = 0;
        for (int k = 0; k < 4; ++k)
            word = (word << 6) | quint32(i + k < length ? table[in[i + k]] & 0x3f : 0);
        for (int k = 0; k < 3 && o < limit; ++k)
            out[o++] = uchar(word >> (16 - 8 * k));
    }
    return vector;
}

// OpenAiProvider with only the base64 decoding replaced by decodeInPlace(): what the engine
// would do with that one change (bench_engine --variants fast-decode), everything else identical.
class FastDecodingProvider : public OpenAiProvider
{
public:
    using OpenAiProvider::OpenAiProvider;

protected:
    Result<Parsed> parseBody(const QByteArray &body) const override
    {
        const QJsonDocument doc = QJsonDocument::fromJson(body);
        const QJsonArray data = doc.object().value(u"data"_s).toArray();
        Parsed parsed;
        parsed.vectors.resize(data.size());
        for (qsizetype position = 0; position < data.size(); ++position) {
            const QJsonObject item = data.at(position).toObject();
            const qsizetype index = item.value(u"index"_s).toInteger(position);
            if (index < 0 || index >= data.size())
                return Error { u"index out of range"_s };
            const QJsonValue embedding = item.value(u"embedding"_s);
            if (embedding.isString()) {
                parsed.vectors[index] = decodeInPlace(embedding.toString().toLatin1());
            } else {
                auto floats = EmbeddingJson::floatArray(embedding);
                if (!floats)
                    return floats.error();
                parsed.vectors[index] = *floats;
            }
        }
        const QJsonValue usage
            = doc.object().value(u"usage"_s).toObject().value(u"prompt_tokens"_s);
        if (usage.isDouble())
            parsed.promptTokens = usage.toInteger();
        return parsed;
    }
};

std::unique_ptr<Provider> fastDecodingProvider(
    const RunSettings &settings, const ProviderLimits &limits)
{
    return std::make_unique<FastDecodingProvider>(
        HttpProviderConfig { settings.baseUrl, settings.model, settings.dimensions, {}, limits });
}

// The floor under StoreWriter::storeEmbeddings: plain prepared INSERTs of the same vectors
// into a table shaped like `embeddings`, with the store's pragmas and a page size to choose;
// `reps` transactions of `vectors` rows. Returns process-CPU microseconds per row and leaves
// the file size per row in *bytesPerRow.
double sqliteFloor(const QString &path, int pageSize, const QList<QList<float>> &vectors, int reps,
    double *bytesPerRow)
{
    for (const QString &suffix : { QString(), u"-wal"_s, u"-shm"_s })
        QFile::remove(path + suffix);
    const QString name = u"floor-%1"_s.arg(pageSize);
    double micros = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        db.open();
        QSqlQuery q(db);
        for (const QString &sql : { u"PRAGMA page_size = %1"_s.arg(pageSize),
                 u"PRAGMA journal_mode = WAL"_s, u"PRAGMA synchronous = NORMAL"_s,
                 u"PRAGMA wal_autocheckpoint = 8192"_s, u"PRAGMA cache_size = -16384"_s,
                 u"CREATE TABLE embeddings (id INTEGER PRIMARY KEY, space_id INTEGER NOT NULL, "
                 "text_hash BLOB NOT NULL, vector BLOB NOT NULL)"_s,
                 u"CREATE UNIQUE INDEX embeddings_key ON embeddings(space_id, text_hash)"_s })
            q.exec(sql);
        QSqlQuery insert(db);
        insert.prepare(u"INSERT INTO embeddings (space_id, text_hash, vector) VALUES (?, ?, ?) "
                       "ON CONFLICT (space_id, text_hash) DO NOTHING"_s);
        int round = 0;
        micros
            = microsPerCall(
                  reps,
                  [&] {
                      db.transaction();
                      for (qsizetype i = 0; i < vectors.size(); ++i) {
                          insert.bindValue(0, 1);
                          insert.bindValue(1, Chunker::textHash(QString::number(round * 1000 + i)));
                          insert.bindValue(2,
                              QByteArray(reinterpret_cast<const char *>(vectors[i].constData()),
                                  vectors[i].size() * qsizetype(sizeof(float))));
                          insert.exec();
                      }
                      db.commit();
                      ++round;
                      return 0;
                  },
                  CLOCK_PROCESS_CPUTIME_ID)
            / vectors.size();
        q.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s);
        *bytesPerRow = double(QFileInfo(path).size()) / (double(round) * vectors.size());
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    for (const QString &suffix : { QString(), u"-wal"_s, u"-shm"_s })
        QFile::remove(path + suffix);
    return micros;
}

void profile(
    const Prepared &prepared, const RunSettings &settings, const QString &dbPath, int batchSize)
{
    const Probe probe(
        HttpProviderConfig { settings.baseUrl, settings.model, settings.dimensions, {}, {} });
    QStringList inputs;
    for (qsizetype i = 0; i < std::min<qsizetype>(batchSize, prepared.items.size()); ++i)
        inputs.append(prepared.items[i].text);
    const int n = int(inputs.size());
    constexpr int Reps = 20;
    const QByteArray body = probe.requestBody(inputs);

    // One real answer of the server to this very body.
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(settings.baseUrl + u"/embeddings"_s));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QElapsedTimer roundTrip;
    roundTrip.start();
    QNetworkReply *reply = network.post(request, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const double roundTripMs = roundTrip.nsecsElapsed() / 1e6;
    const QByteArray answer = reply->readAll();
    delete reply;

    const double build = microsPerCall(Reps, [&] { return probe.requestBody(inputs).size(); });
    const double parse
        = microsPerCall(Reps, [&] { return probe.parseBody(answer)->vectors.size(); });
    const double jsonOnly
        = microsPerCall(Reps, [&] { return QJsonDocument::fromJson(answer).isObject(); });
    const QJsonArray data = QJsonDocument::fromJson(answer).object().value(u"data"_s).toArray();
    const double toLatin1 = microsPerCall(Reps, [&] {
        qsizetype total = 0;
        for (const QJsonValue &item : data)
            total += item.toObject().value(u"embedding"_s).toString().toLatin1().size();
        return total;
    });
    const double decode = microsPerCall(Reps, [&] {
        qsizetype total = 0;
        for (const QJsonValue &item : data)
            total += EmbeddingJson::fromBase64Float32(
                item.toObject().value(u"embedding"_s).toString().toLatin1())
                         .size();
        return total;
    });
    QList<QByteArray> latin1;
    for (const QJsonValue &item : data)
        latin1.append(item.toObject().value(u"embedding"_s).toString().toLatin1());
    const double fromBase64 = microsPerCall(Reps, [&] {
        qsizetype total = 0;
        for (const QByteArray &b : latin1)
            total += QByteArray::fromBase64(b).size();
        return total;
    });
    const double inPlace = microsPerCall(Reps, [&] {
        qsizetype total = 0;
        for (const QByteArray &b : latin1)
            total += decodeInPlace(b).size();
        return total;
    });
    bool sameFloats = true;
    for (const QByteArray &b : latin1)
        sameFloats = sameFloats && decodeInPlace(b) == EmbeddingJson::fromBase64Float32(b);
    const auto parsed = probe.parseBody(answer);
    EmbeddingValidator validator(settings.dimensions);
    const double validate
        = microsPerCall(Reps, [&] { return validator.check(parsed->vectors, n).size(); });

    QFile::remove(dbPath);
    double store = 0;
    {
        StoreWriter writer(dbPath);
        (void)writer.open().result();
        const qint64 spaceId = *writer.ensureSpace(probe.space()).result();
        int round = 0;
        store = microsPerCall(
            Reps,
            [&] {
                QList<EmbeddingWrite> writes;
                for (qsizetype i = 0; i < parsed->vectors.size(); ++i)
                    writes.append(EmbeddingWrite {
                        Chunker::textHash(QString::number(round * 1000 + i)), parsed->vectors[i] });
                ++round;
                (void)writer.storeEmbeddings(spaceId, 0, writes).result();
                return 0;
            },
            CLOCK_PROCESS_CPUTIME_ID);
    }
    QFile::remove(dbPath);
    for (const QString &suffix : { u"-wal"_s, u"-shm"_s })
        QFile::remove(dbPath + suffix);

    QList<std::array<double, 3>> floors; // page size, micros per row, bytes per row
    for (int pageSize : { 1024, 2048, 4096, 8192 }) {
        double bytes = 0;
        const double micros
            = sqliteFloor(dbPath + u".floor"_s, pageSize, parsed->vectors, 50, &bytes);
        floors.append({ double(pageSize), micros, bytes });
    }

    std::printf("  profile of one batch of %d inputs: request body %.1f kB, answer %.1f kB, one "
                "round trip %.1f ms\n",
        n, body.size() / 1e3, answer.size() / 1e3, roundTripMs);
    const auto line = [n](const char *what, double micros) {
        std::printf("    %-52s %9.0f us/batch %7.1f us/chunk\n", what, micros, micros / n);
    };
    line("build the request body (QJsonDocument)", build);
    line("parse the answer (OpenAiProvider::parseBody), of which", parse);
    line("  QJsonDocument::fromJson", jsonOnly);
    line("  QJsonValue::toString().toLatin1() of each vector", toLatin1);
    line("  + base64 decode to QList<float>", decode);
    line("    of which QByteArray::fromBase64 alone", fromBase64);
    line(sameFloats ? "  (in-place table decoder, same floats)"
                    : "  (in-place table decoder: DIFFERENT floats)",
        inPlace);
    line("validate (EmbeddingValidator::check)", validate);
    line("store (StoreWriter::storeEmbeddings, waited for; process CPU)", store);
    std::printf(
        "    (CPU time of this thread unless said; one commit per batch of %d vectors)\n", n);
    const double raw = parsed->vectors.value(0).size() * double(sizeof(float));
    for (const auto &[pageSize, micros, bytes] : floors)
        std::printf("    floor: plain INSERTs, page size %5.0f: %7.1f us/chunk process CPU, %6.0f "
                    "file bytes per vector (%.3f x raw)\n",
            pageSize, micros, bytes, bytes / raw);
}

bool runOnce(const Prepared &prepared, const RunSettings &settings,
    const QCommandLineParser &parser, const QString &label, bool fast)
{
    const QString url = settings.baseUrl;
    const double rssBefore = currentRssMb();
    const double peakBefore = usage().peakRssMb;
    resetServerStats(url);
    const Usage before = usage();
    const Outcome out = runEngine(prepared, settings, parser.value(u"db"_s), fast);
    const Usage after = usage();
    const QJsonObject stats = serverStats(url);

    const double rate = out.storedSeconds > 0 ? out.stored / out.storedSeconds : 0;
    const double bound = parser.value(u"bound"_s).toDouble();
    const double cpu = after.cpuSeconds() - before.cpuSeconds();
    const qint64 requests = stats.value(u"requests"_s).toInteger();
    const qint64 server429 = stats.value(u"rate_limited"_s).toInteger();
    const qint64 serverTokens = stats.value(u"total_tokens"_s).toInteger();
    std::printf(
        "  stored %lld, failed %lld in %.2f s (engine %.2f s, first answer %.3f s): %.0f chunks/s",
        out.stored, out.failed, out.storedSeconds, out.engineSeconds, out.firstAnswerSeconds, rate);
    if (bound > 0)
        std::printf(" = %.1f %% of %.0f/s", 100 * rate / bound, bound);
    std::printf("\n  client CPU %.2f s (%.0f chunks per CPU-second), RSS before %.0f MB, peak %.0f "
                "MB (before the run %.0f MB)\n",
        cpu, cpu > 0 ? out.stored / cpu : 0, rssBefore, after.peakRssMb, peakBefore);
    QStringList threads;
    QJsonObject threadJson;
    for (auto it = out.threadSeconds.cbegin(); it != out.threadSeconds.cend(); ++it) {
        if (it.value() < 0.05)
            continue;
        threads.append(u"%1 %2 s"_s.arg(it.key()).arg(it.value(), 0, 'f', 2));
        threadJson.insert(it.key(), it.value());
    }
    std::printf("  CPU by thread: %s\n", qPrintable(threads.join(u", "_s)));
    QList<qint64> lat = out.latenciesMs;
    std::sort(lat.begin(), lat.end());
    const auto pct
        = [&lat](double p) { return lat.isEmpty() ? 0 : lat[qsizetype(p * (lat.size() - 1))]; };
    std::printf("  request latency seen by the client: p50 %lld ms, p95 %lld ms, max %lld ms\n",
        pct(0.5), pct(0.95), pct(1.0));
    std::printf("  server: %lld requests, %lld answered 429 (%.2f %%), status counts %s\n",
        requests, server429, requests > 0 ? 100.0 * server429 / requests : 0.0,
        QJsonDocument(stats.value(u"status_counts"_s).toObject())
            .toJson(QJsonDocument::Compact)
            .constData());
    QJsonObject json { { u"label"_s, label }, { u"fast_decode"_s, fast },
        { u"chunks"_s, prepared.items.size() }, { u"client_tokens"_s, prepared.tokens },
        { u"stored"_s, out.stored }, { u"failed"_s, out.failed },
        { u"first_failure"_s, out.firstFailure }, { u"store_errors"_s, out.storeErrors },
        { u"first_store_error"_s, out.firstStoreError }, { u"message"_s, out.message },
        { u"learned_limit"_s, out.learnedLimit }, { u"seconds"_s, out.storedSeconds },
        { u"engine_seconds"_s, out.engineSeconds },
        { u"first_answer_seconds"_s, out.firstAnswerSeconds }, { u"chunks_per_s"_s, rate },
        { u"bound"_s, bound }, { u"percent_of_bound"_s, bound > 0 ? 100 * rate / bound : 0 },
        { u"client_cpu_s"_s, cpu }, { u"chunks_per_cpu_s"_s, cpu > 0 ? out.stored / cpu : 0 },
        { u"rss_before_mb"_s, rssBefore }, { u"peak_rss_mb"_s, after.peakRssMb },
        { u"client_requests"_s, out.requests }, { u"thread_cpu_s"_s, threadJson },
        { u"latency_p50_ms"_s, pct(0.5) }, { u"latency_p95_ms"_s, pct(0.95) },
        { u"client_429"_s, out.rateLimited }, { u"client_other_errors"_s, out.otherErrors },
        { u"server"_s, stats } };
    if (const qint64 serverTpm = parser.value(u"server-tpm"_s).toLongLong();
        serverTpm > 0 && out.storedSeconds > 0) {
        // Tokens the server admitted per window, against its limit; also in the client's own
        // (exact cl100k) count, which is what a real OpenAI server would bill.
        const double windows = out.storedSeconds / parser.value(u"server-window"_s).toDouble();
        const double serverShare = 100.0 * serverTokens / (serverTpm * windows);
        const double clientShare = 100.0 * prepared.tokens / (serverTpm * windows);
        std::printf("  TPM: server counted %lld tokens = %.1f %% of the limit over %.1f windows; "
                    "client-counted %.1f %%; "
                    "429 share %.2f %%\n",
            serverTokens, serverShare, windows, clientShare,
            requests > 0 ? 100.0 * server429 / requests : 0.0);
        json.insert(u"percent_of_tpm_server_count"_s, serverShare);
        json.insert(u"percent_of_tpm_client_count"_s, clientShare);
    }
    json.insert(u"share_429_percent"_s, requests > 0 ? 100.0 * server429 / requests : 0.0);
    std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    return out.failed == 0 && out.storeErrors == 0 && out.message.isEmpty();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"signalhub-bench"_s);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addPositionalArgument(u"tree"_s, u"Folder whose chunks are sent"_s);
    parser.addOptions({
        { u"url"_s, u"Base URL of the test server (http://127.0.0.1:PORT/v1)"_s, u"url"_s },
        { u"chunks"_s, u"Distinct chunks to send"_s, u"n"_s, u"20000"_s },
        { u"batch-size"_s, u"Inputs per request"_s, u"n"_s, u"100"_s },
        { u"concurrency"_s, u"Requests in flight"_s, u"n"_s, u"5"_s },
        { u"tpm"_s, u"Client-side tokens per minute (0: learn from headers)"_s, u"n"_s, u"0"_s },
        { u"rpm"_s, u"Client-side requests per minute"_s, u"n"_s, u"0"_s },
        { u"model"_s, u"Model name"_s, u"name"_s, u"text-embedding-3-small"_s },
        { u"dimensions"_s, u"Vector dimensions"_s, u"n"_s, u"1536"_s },
        { u"chunk-tokens"_s, u"Target chunk size (0: the provider's default)"_s, u"n"_s, u"0"_s },
        { u"db"_s, u"Database file (recreated)"_s, u"file"_s, u"/tmp/bench-engine.db"_s },
        { u"bound"_s, u"Theoretical chunks/s, for the ratio"_s, u"n"_s, u"0"_s },
        { u"server-tpm"_s, u"The server's token limit per window, for the ratio"_s, u"n"_s,
            u"0"_s },
        { u"server-window"_s, u"The server's rate window in seconds"_s, u"s"_s, u"60"_s },
        { u"label"_s, u"Name of this run in the output"_s, u"text"_s },
        { u"profile"_s, u"Also time the client's work on one batch, piece by piece"_s },
        { u"variants"_s,
            u"Comma-separated, run in turn: standard, fast-decode (base64 decoded in place instead "
            "of through QByteArray::fromBase64)"_s,
            u"list"_s, u"standard"_s },
        { u"rounds"_s, u"Times to run the variants"_s, u"n"_s, u"1"_s },
    });
    parser.process(app);
    if (parser.positionalArguments().size() != 1 || !parser.isSet(u"url"_s)) {
        std::fprintf(stderr, "bench_engine: give a TREE and --url\n");
        return 2;
    }
    const QString url = parser.value(u"url"_s);
    RunSettings settings;
    settings.provider = ProviderKind::OpenAi;
    settings.baseUrl = url;
    settings.model = parser.value(u"model"_s);
    settings.dimensions = parser.value(u"dimensions"_s).toInt();
    settings.batchSize = parser.value(u"batch-size"_s).toInt();
    settings.concurrency = parser.value(u"concurrency"_s).toInt();
    settings.tokensPerMinute = parser.value(u"tpm"_s).toLongLong();
    settings.requestsPerMinute = parser.value(u"rpm"_s).toLongLong();
    settings.chunkTokens = parser.value(u"chunk-tokens"_s).toInt();
    const QString label = parser.value(u"label"_s);

    auto prepared = prepare(
        parser.positionalArguments().first(), settings, parser.value(u"chunks"_s).toInt());
    if (!prepared) {
        std::fprintf(stderr, "bench_engine: %s\n", qPrintable(prepared.errorMessage()));
        return 2;
    }
    std::printf("%s: %lld distinct chunks from %d files (%.1f MB of text, %lld tokens) prepared in "
                "%.1f s\n",
        qPrintable(label), qint64(prepared->items.size()), prepared->files,
        prepared->textBytes / 1e6, prepared->tokens, prepared->seconds);
    if (parser.isSet(u"profile"_s))
        profile(*prepared, settings, parser.value(u"db"_s) + u".profile"_s, settings.batchSize);
    // Variants run in turn in this process, on the same chunks, so their ratio is of one run.
    const QStringList variants = parser.value(u"variants"_s).split(u',', Qt::SkipEmptyParts);
    const int rounds = std::max(1, parser.value(u"rounds"_s).toInt());
    int exitCode = 0;
    for (int round = 0; round < rounds; ++round) {
        for (const QString &variant : variants) {
            const bool fast = variant == u"fast-decode";
            const QString name = variants.size() > 1 || rounds > 1
                ? u"%1/%2#%3"_s.arg(label, variant).arg(round + 1)
                : label;
            if (!runOnce(*prepared, settings, parser, name, fast))
                exitCode = 1;
        }
    }
    return exitCode;
}
