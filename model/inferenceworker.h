#pragma once

#include "result.h"

#include <QList>
#include <QObject>
#include <QStringList>
#include <memory>

namespace SignalHub::Core {

class MiniLmEmbedder;
class WordPieceTokenizer;

// Tokenises and embeds on the thread it lives in; created lazily there, so the model loads
// off the caller's thread.
class InferenceWorker : public QObject
{
    Q_OBJECT

public:
    explicit InferenceWorker(int intraOpThreads);
    ~InferenceWorker() override;

    Result<QList<QList<float>>> embed(const QStringList &texts);

private:
    Status ensureLoaded();

    int m_threads;
    std::shared_ptr<const WordPieceTokenizer> m_tokenizer;
    std::unique_ptr<MiniLmEmbedder> m_embedder;
};

} // namespace SignalHub::Core
