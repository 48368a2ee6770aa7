#include "inferenceworker.h"

#include "backgroundpriority.h"
#include "minilmembedder.h"
#include "wordpiecetokenizer.h"

#include <QHash>
#include <QMutex>
#include <QThread>

namespace SignalHub::Core {

namespace {

Result<std::shared_ptr<const MiniLmEmbedder>> sharedEmbedder(
    int threads, MiniLmEmbedder::Precision precision)
{
    static QMutex mutex;
    static QHash<std::pair<int, MiniLmEmbedder::Precision>, std::shared_ptr<const MiniLmEmbedder>>
        loaded;
    QMutexLocker lock(&mutex);
    const auto key = std::make_pair(threads, precision);
    if (auto found = loaded.constFind(key); found != loaded.cend())
        return *found;
    auto embedder = MiniLmEmbedder::create(threads, precision);
    if (!embedder)
        return embedder.error();
    std::shared_ptr<const MiniLmEmbedder> shared = std::move(*embedder);
    loaded.insert(key, shared);
    return shared;
}

} // namespace

InferenceWorker::InferenceWorker(int intraOpThreads, MiniLmEmbedder::Precision precision)
    : m_threads(intraOpThreads > 0 ? intraOpThreads : QThread::idealThreadCount())
    , m_precision(precision)
{ }

InferenceWorker::~InferenceWorker() = default;

Status InferenceWorker::ensureLoaded()
{
    if (!m_tokenizer) {
        auto tokenizer = WordPieceTokenizer::load();
        if (!tokenizer)
            return tokenizer.error();
        m_tokenizer = std::move(*tokenizer);
    }
    if (!m_embedder) {
        auto embedder = sharedEmbedder(m_threads, m_precision);
        if (!embedder)
            return embedder.error();
        m_embedder = std::move(*embedder);
    }
    return {};
}

Result<QList<QList<float>>> InferenceWorker::embed(const QStringList &texts)
{
    BackgroundPriority::lowerCurrentThread();
    if (const Status loaded = ensureLoaded(); !loaded)
        return loaded.error();
    QList<QList<qint32>> ids;
    ids.reserve(texts.size());
    for (const QString &text : texts)
        ids.append(m_tokenizer->encode(text, WordPieceTokenizer::MaxSequenceLength));
    return m_embedder->embed(ids);
}

} // namespace SignalHub::Core
