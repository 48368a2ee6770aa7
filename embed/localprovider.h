#pragma once

#include "minilmembedder.h"
#include "provider.h"

#include <QHash>
#include <QThread>
#include <memory>

namespace SignalHub::Core {

class WordPieceTokenizer;
class InferenceWorker;

// The built-in all-MiniLM-L6-v2, exact (fp32) or fast (int8): no key, no network. One ONNX
// Runtime session fed by one inference thread of its own (never the GUI thread, never the
// processor's); the session's intra-op pool does the parallel work.
class LocalProvider : public Provider
{
public:
    static constexpr int Dimensions = 384;

    // intraOpThreads 0: all cores.
    explicit LocalProvider(int intraOpThreads = 0,
        MiniLmEmbedder::Precision precision = MiniLmEmbedder::Precision::Float32);
    ~LocalProvider() override;

    EmbeddingSpace space() const override;
    ProviderLimits limits() const override;
    void attach(QNetworkAccessManager *network, int maxConnections) override;
    quint64 start(const Attempt &attempt, Callback done) override;
    void abort(quint64 handle) override;

private:
    void deliver(quint64 handle, AttemptResult result);

    int m_threads;
    MiniLmEmbedder::Precision m_precision;
    QThread m_thread;
    InferenceWorker *m_worker = nullptr; // lives in m_thread
    std::unique_ptr<QObject> m_context; // lives in the processor's thread
    quint64 m_nextHandle = 1;
    QHash<quint64, Callback> m_pending;
};

} // namespace SignalHub::Core
