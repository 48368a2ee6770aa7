#include "minilmembedder.h"

#include "assets.h"
#include "logging.h"
#include "sha256.h"

#include <QFile>
#include <QHash>
#include <QThread>
#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <numeric>
#include <onnxruntime_cxx_api.h>
#include <onnxruntime_session_options_config_keys.h>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace SignalHub::Core {

namespace {

constexpr std::array<const char *, 2> InputNames { "input_ids", "attention_mask" };
constexpr std::array<const char *, 1> OutputNames { "sentence_embedding" };

QString modelAsset(MiniLmEmbedder::Precision precision)
{
    return precision == MiniLmEmbedder::Precision::Int8 ? QStringLiteral("minilm/model.int8.onnx")
                                                        : QStringLiteral("minilm/model.onnx");
}
// Sequences this close to the longest one of a batch join it whatever the ratio, so short
// queries are not cut into many tiny batches.
constexpr int PaddingSlack = 8;

// Debian's libonnxruntime registers ONNX's operator schemas again in the system libonnx and
// prints ~570 "Schema error: Trying to register schema" lines to stderr when the first session
// loads a model. That is noise to a user, but the rest of the process's stderr must stay
// visible, so fd 2 goes to /dev/null only around that first load (see createSession()).
class QuietStderr
{
public:
    QuietStderr()
    {
#ifdef Q_OS_UNIX
        std::fflush(stderr);
        m_saved = ::fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 0);
        const int devNull = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
        if (m_saved >= 0 && devNull >= 0)
            ::dup2(devNull, STDERR_FILENO);
        if (devNull >= 0)
            ::close(devNull);
#endif
    }
    ~QuietStderr()
    {
#ifdef Q_OS_UNIX
        std::fflush(stderr);
        if (m_saved >= 0) {
            ::dup2(m_saved, STDERR_FILENO);
            ::close(m_saved);
        }
#endif
    }
    Q_DISABLE_COPY_MOVE(QuietStderr)

private:
    int m_saved = -1;
};

// ONNX Runtime's own diagnostics go to our logging category instead of straight to stderr.
void logToQt(void *, OrtLoggingLevel severity, const char *category, const char *,
    const char *where, const char *message)
{
    if (severity >= ORT_LOGGING_LEVEL_ERROR)
        qCWarning(lcModel, "onnxruntime %s: %s (%s)", category, message, where);
    else
        qCInfo(lcModel, "onnxruntime %s: %s", category, message);
}

QString ortError(const std::exception &e)
{
    return QCoreApplication::translate(
        "SignalHub::Core::MiniLmEmbedder", "The built-in embedding model failed: %1")
        .arg(QString::fromLocal8Bit(e.what()));
}

// One environment per process, never destroyed: sessions may live in statics of their own,
// and ONNX Runtime wants the environment to outlive every session.
Result<Ort::Env *> sharedEnv()
{
    static std::once_flag once;
    static Ort::Env *env = nullptr;
    static QString failure;
    std::call_once(once, [] {
        try {
            env = new Ort::Env(ORT_LOGGING_LEVEL_WARNING, "signalhub", logToQt, nullptr);
        } catch (const std::exception &e) {
            failure = ortError(e);
        }
    });
    if (!env)
        return Error { failure };
    return env;
}

Ort::SessionOptions sessionOptions(int intraOpThreads)
{
    Ort::SessionOptions options;
    options.SetIntraOpNumThreads(intraOpThreads);
    options.SetInterOpNumThreads(1);
    options.SetExecutionMode(ORT_SEQUENTIAL);
    options.SetGraphOptimizationLevel(GraphOptimizationLevel::ORT_ENABLE_ALL);
    // Spinning threads would burn the cores that the rest of the pipeline needs between runs.
    options.AddConfigEntry(kOrtSessionOptionsConfigAllowIntraOpSpinning, "0");
    options.AddConfigEntry(kOrtSessionOptionsConfigAllowInterOpSpinning, "0");
    return options;
}

// The first model load of the process prints the schema noise; later ones are quiet anyway.
// Loads are serialised only until that first one is done.
std::unique_ptr<Ort::Session> createSession(
    Ort::Env &env, const QString &modelPath, int intraOpThreads)
{
    static std::mutex mutex;
    static std::atomic_bool firstLoadDone = false;
    const QByteArray path = QFile::encodeName(modelPath);
    if (firstLoadDone.load(std::memory_order_acquire))
        return std::make_unique<Ort::Session>(
            env, path.constData(), sessionOptions(intraOpThreads));
    const std::lock_guard lock(mutex);
    const QuietStderr quiet;
    auto session
        = std::make_unique<Ort::Session>(env, path.constData(), sessionOptions(intraOpThreads));
    firstLoadDone.store(true, std::memory_order_release);
    return session;
}

Status validate(const QList<QList<qint32>> &sequences)
{
    for (qsizetype i = 0; i < sequences.size(); ++i) {
        const QList<qint32> &ids = sequences.at(i);
        if (ids.isEmpty() || ids.size() > MiniLmEmbedder::MaxSequenceLength) {
            return Error { QCoreApplication::translate("SignalHub::Core::MiniLmEmbedder",
                "Input %1 has %2 tokens; the built-in model takes 1 to %3.")
                    .arg(i + 1)
                    .arg(ids.size())
                    .arg(MiniLmEmbedder::MaxSequenceLength) };
        }
        const auto bad = std::find_if(ids.cbegin(), ids.cend(),
            [](qint32 id) { return id < 0 || id >= MiniLmEmbedder::VocabularySize; });
        if (bad != ids.cend()) {
            return Error { QCoreApplication::translate("SignalHub::Core::MiniLmEmbedder",
                "Input %1 holds token id %2, outside the built-in model's "
                "vocabulary of %3.")
                    .arg(i + 1)
                    .arg(*bad)
                    .arg(MiniLmEmbedder::VocabularySize) };
        }
    }
    return {};
}

} // namespace

struct MiniLmEmbedder::Private
{
    explicit Private(std::unique_ptr<Ort::Session> loaded)
        : session(std::move(loaded))
    { }

    Status runBatch(const QList<QList<qint32>> &sequences, const QList<qsizetype> &batch,
        QList<QList<float>> &vectors) const;

    // Run() is thread-safe (though not const), so embed() can be const.
    std::unique_ptr<Ort::Session> session;
    Ort::MemoryInfo memoryInfo = Ort::MemoryInfo::CreateCpu(OrtArenaAllocator, OrtMemTypeDefault);
    int maxBatchSize = DefaultMaxBatchSize;
};

Status MiniLmEmbedder::Private::runBatch(const QList<QList<qint32>> &sequences,
    const QList<qsizetype> &batch, QList<QList<float>> &vectors) const
{
    const qsizetype rows = batch.size();
    qsizetype width = 0;
    for (const qsizetype index : batch)
        width = std::max(width, sequences.at(index).size());

    // Padding is id 0 ([PAD]) with mask 0; the graph ignores masked positions entirely.
    std::vector<int64_t> ids(size_t(rows * width), 0);
    std::vector<int64_t> mask(size_t(rows * width), 0);
    for (qsizetype row = 0; row < rows; ++row) {
        const QList<qint32> &sequence = sequences.at(batch.at(row));
        std::copy(sequence.cbegin(), sequence.cend(), ids.begin() + row * width);
        std::fill_n(mask.begin() + row * width, sequence.size(), 1);
    }
    const std::array<int64_t, 2> shape { rows, width };
    std::array<Ort::Value, 2> inputs { Ort::Value::CreateTensor<int64_t>(memoryInfo, ids.data(),
                                           ids.size(), shape.data(), shape.size()),
        Ort::Value::CreateTensor<int64_t>(
            memoryInfo, mask.data(), mask.size(), shape.data(), shape.size()) };
    std::vector<Ort::Value> outputs = session->Run(Ort::RunOptions { nullptr }, InputNames.data(),
        inputs.data(), inputs.size(), OutputNames.data(), OutputNames.size());

    const std::vector<int64_t> outShape = outputs.front().GetTensorTypeAndShapeInfo().GetShape();
    if (outShape != std::vector<int64_t> { rows, Dimensions }) {
        return Error { tr("The built-in embedding model returned vectors of an unexpected shape; "
                          "its model file may be damaged.") };
    }
    const float *data = outputs.front().GetTensorData<float>();
    for (qsizetype row = 0; row < rows; ++row) {
        const float *begin = data + row * Dimensions;
        vectors[batch.at(row)] = QList<float>(begin, begin + Dimensions);
    }
    return {};
}

MiniLmEmbedder::MiniLmEmbedder(std::unique_ptr<Private> dd)
    : d(std::move(dd))
{ }

MiniLmEmbedder::~MiniLmEmbedder() = default;

Result<std::unique_ptr<MiniLmEmbedder>> MiniLmEmbedder::create(
    int intraOpThreads, Precision precision)
{
    const Result<QString> modelPath = Assets::path(modelAsset(precision));
    if (!modelPath)
        return modelPath.error();
    const Result<Ort::Env *> env = sharedEnv();
    if (!env)
        return env.error();
    if (intraOpThreads <= 0)
        intraOpThreads = QThread::idealThreadCount();
    try {
        auto d = std::make_unique<Private>(createSession(**env, *modelPath, intraOpThreads));
        qCDebug(lcModel) << "loaded" << *modelPath << "with" << intraOpThreads << "threads";
        return std::unique_ptr<MiniLmEmbedder>(new MiniLmEmbedder(std::move(d)));
    } catch (const std::exception &e) {
        return Error { ortError(e) };
    }
}

int MiniLmEmbedder::maxBatchSize() const
{
    return d->maxBatchSize;
}

void MiniLmEmbedder::setMaxBatchSize(int sequences)
{
    d->maxBatchSize = std::max(1, sequences);
}

Result<QList<QList<float>>> MiniLmEmbedder::embed(
    const QList<QList<qint32>> &tokenIdSequences) const
{
    if (const Status valid = validate(tokenIdSequences); !valid)
        return valid.error();
    QList<QList<float>> vectors(tokenIdSequences.size());
    try {
        QList<qsizetype> lengths;
        lengths.reserve(tokenIdSequences.size());
        for (const QList<qint32> &ids : tokenIdSequences)
            lengths.append(ids.size());
        const QList<QList<qsizetype>> batches = planBatches(lengths, d->maxBatchSize);
        for (const QList<qsizetype> &batch : batches) {
            if (const Status done = d->runBatch(tokenIdSequences, batch, vectors); !done)
                return done.error();
        }
    } catch (const std::exception &e) {
        return Error { ortError(e) };
    }
    return vectors;
}

QList<QList<qsizetype>> MiniLmEmbedder::planBatches(
    const QList<qsizetype> &lengths, int maxBatchSize)
{
    QList<qsizetype> order(lengths.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
        [&](qsizetype a, qsizetype b) { return lengths.at(a) > lengths.at(b); });
    QList<QList<qsizetype>> batches;
    qsizetype width = 0;
    for (const qsizetype index : order) {
        const qsizetype length = lengths.at(index);
        const bool fits = !batches.isEmpty() && batches.last().size() < maxBatchSize
            && (length * 4 >= width * 3 || width - length <= PaddingSlack);
        if (!fits) {
            batches.emplaceBack();
            width = length;
        }
        batches.last().append(index);
    }
    return batches;
}

Result<QByteArray> MiniLmEmbedder::assetHash(Precision precision)
{
    static std::mutex mutex;
    static QHash<Precision, QByteArray> hashes;
    const std::lock_guard lock(mutex);
    QByteArray &cached = hashes[precision];
    if (!cached.isEmpty())
        return cached;
    const Result<QString> modelPath = Assets::path(modelAsset(precision));
    if (!modelPath)
        return modelPath.error();
    QFile file(*modelPath);
    Sha256 hash;
    if (!file.open(QIODevice::ReadOnly) || !hash.addData(file)) {
        return Error {
            tr("Cannot read the built-in model %1: %2").arg(*modelPath, file.errorString())
        };
    }
    cached = hash.result().toHex();
    return cached;
}

} // namespace SignalHub::Core
