#include "inferenceworker.h"

#include "backgroundpriority.h"
#include "minilmembedder.h"
#include "wordpiecetokenizer.h"

#include <QHash>
#include <QMutex>
#include <QThread>

namespace SignalHub::Core {

namespace {

Result<std::shared_ptr<const MiniLmEmbedder>> sharedEmbedder(int threads)
{
    static QMutex mutex;
    static QHash<int, std::shared_ptr<const MiniLmEmbedder>> loaded;
    QMutexLocker lock(&mutex);
    if (auto found = loaded.constFind(threads); found != loaded.cend())
        return *found;
    auto embedder = MiniLmEmbedder::create(threads);
    if (!embedder)
        return embedder.error();
    std::shared_ptr<const MiniLmEmbedder> shared = std::move(*embedder);
    loaded.insert(threads, shared);
    return shared;
}

} // namespace

InferenceWorker::InferenceWorker(int intraOpThreads)
    : m_threads(intraOpThreads > 0 ? intraOpThreads : QThread::idealThreadCount())
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
        auto embedder = sharedEmbedder(m_threads);
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
