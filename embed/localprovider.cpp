#include "localprovider.h"

#include "inferenceworker.h"
#include "minilmembedder.h"
#include "runsettings.h"
#include "wordpiecetokenizer.h"

namespace SignalHub::Core {

LocalProvider::LocalProvider(int intraOpThreads, MiniLmEmbedder::Precision precision)
    : m_threads(intraOpThreads)
    , m_precision(precision)
{
    m_thread.setObjectName(QStringLiteral("signalhub-inference"));
}

LocalProvider::~LocalProvider()
{
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

EmbeddingSpace LocalProvider::space() const
{
    // The weights' hash is part of the space: other weights under the same name are another space.
    const auto hash = MiniLmEmbedder::assetHash(m_precision);
    const QString model = m_precision == MiniLmEmbedder::Precision::Int8
        ? RunSettings::localFastModel()
        : RunSettings::localExactModel();
    return EmbeddingSpace { QStringLiteral("local"), QString(), model, Dimensions,
        hash ? QString::fromLatin1(hash->toHex().left(16)) : QString() };
}

ProviderLimits LocalProvider::limits() const
{
    // Requests are cheap here; bigger ones let the embedder sort by length and pad less.
    return ProviderLimits { 128, WordPieceTokenizer::MaxInputTokens,
        128 * WordPieceTokenizer::MaxInputTokens };
}

void LocalProvider::attach(QNetworkAccessManager *, int)
{
    m_context = std::make_unique<QObject>();
    m_worker = new InferenceWorker(m_threads, m_precision);
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

quint64 LocalProvider::start(const Attempt &attempt, Callback done)
{
    const quint64 handle = m_nextHandle++;
    m_pending.insert(handle, std::move(done));
    QObject *context = m_context.get();
    QMetaObject::invokeMethod(m_worker, [this, context, handle, texts = attempt.inputs] {
        auto vectors = m_worker->embed(texts);
        AttemptResult result;
        if (vectors) {
            result.kind = AttemptResult::Kind::Success;
            result.vectors = std::move(*vectors);
        } else {
            // The model could not load or run: nothing a retry would change.
            result.kind = AttemptResult::Kind::Fatal;
            result.message = vectors.errorMessage();
        }
        QMetaObject::invokeMethod(context, [this, handle, result = std::move(result)]() mutable {
            deliver(handle, std::move(result));
        });
    });
    return handle;
}

void LocalProvider::abort(quint64 handle)
{
    // Inference cannot be interrupted midway; its answer is dropped when it comes.
    if (Callback done = m_pending.take(handle)) {
        AttemptResult cancelled;
        cancelled.kind = AttemptResult::Kind::Cancelled;
        done(std::move(cancelled));
    }
}

void LocalProvider::deliver(quint64 handle, AttemptResult result)
{
    if (Callback done = m_pending.take(handle))
        done(std::move(result));
}

} // namespace SignalHub::Core
