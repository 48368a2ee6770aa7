#include "inferenceworker.h"

#include "backgroundpriority.h"
#include "minilmembedder.h"
#include "wordpiecetokenizer.h"

#include <QThread>

namespace SignalHub::Core {

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
        auto embedder = MiniLmEmbedder::create(m_threads);
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
