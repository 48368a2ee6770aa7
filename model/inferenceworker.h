#pragma once

#include "minilmembedder.h"
#include "result.h"

#include <QList>
#include <QObject>
#include <QStringList>
#include <memory>

namespace SignalHub::Core {

class WordPieceTokenizer;

// Tokenises and embeds on the thread it lives in; created lazily there, so the model loads
// off the caller's thread. The model loads once per process, precision and thread count and is
// shared by every worker (MiniLmEmbedder::embed() is const, and ONNX Runtime runs one session
// from several threads), so a long-lived process embeds each query without loading it again.
class InferenceWorker : public QObject
{
    Q_OBJECT

public:
    InferenceWorker(int intraOpThreads, MiniLmEmbedder::Precision precision);
    ~InferenceWorker() override;

    Result<QList<QList<float>>> embed(const QStringList &texts);

private:
    Status ensureLoaded();

    int m_threads;
    MiniLmEmbedder::Precision m_precision;
    std::shared_ptr<const WordPieceTokenizer> m_tokenizer;
    std::shared_ptr<const MiniLmEmbedder> m_embedder;
};

} // namespace SignalHub::Core
