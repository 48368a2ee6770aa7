#pragma once

#include "result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <memory>

namespace SignalHub::Core {

// The built-in embedding model, all-MiniLM-L6-v2, run by ONNX Runtime on the CPU from
// assets/minilm/model.onnx (built from the shipped fp16 weights by tools/make-minilm-onnx.py)
// or from its int8 variant model.int8.onnx (tools/quantize-minilm-onnx.py). The two are
// different embedding spaces: their vectors are never compared with each other.
// It takes WordPiece ids, already framed as [CLS] ... [SEP], and returns 384-d vectors:
// mean over the tokens, L2-normalised, as sentence-transformers computes them.
//
// embed() may be called from several threads at once (ONNX Runtime's Run is thread-safe),
// though each call already uses all the session's intra-op threads, so one caller at a time
// is the fast way; setMaxBatchSize() must not race with embed(). Calls block for as long as
// inference takes (~0.6 s per 32 chunks of 128 tokens on 2 cores): never on the GUI thread.
// The first create() of a process sends fd 2 to /dev/null while the model loads, to hide
// ONNX Runtime's start-up noise; other threads' stderr is lost during that moment only.
class MiniLmEmbedder
{
    Q_DECLARE_TR_FUNCTIONS(SignalHub::Core::MiniLmEmbedder)

public:
    static constexpr int Dimensions = 384;
    // Per sequence, [CLS] and [SEP] included: what the model was trained with.
    static constexpr int MaxSequenceLength = 256;
    static constexpr int VocabularySize = 30522;
    // 16, not more: 32 sequences are no faster on 2 cores, and at 256 tokens they need about
    // 180 MiB more for the activations (bench/RESULTS.md, "Batches of 16").
    static constexpr int DefaultMaxBatchSize = 16;

    enum class Precision
    {
        Float32, // "exact": the weights as trained
        Int8, // "fast": int8 weights, activations quantised per batch
    };

    // Loads the model with `intraOpThreads` compute threads (<= 0: one per core).
    static Result<std::unique_ptr<MiniLmEmbedder>> create(
        int intraOpThreads, Precision precision = Precision::Float32);
    ~MiniLmEmbedder();
    Q_DISABLE_COPY_MOVE(MiniLmEmbedder)

    // Sequences per inference call; embed() cuts larger inputs into batches of this size.
    int maxBatchSize() const;
    void setMaxBatchSize(int sequences);

    // One vector per sequence, in the input's order. Each sequence holds 1..256 ids below
    // VocabularySize. Sequences of similar length are batched together internally, so the
    // order of the input costs nothing.
    Result<QList<QList<float>>> embed(const QList<QList<qint32>> &tokenIdSequences) const;

    // Hex SHA-256 of the model file (weights and graph): part of the identity of the embedding
    // space, so vectors of another model build are never mixed with these. Computed once per
    // process and precision (about 0.2 s), then cached.
    static Result<QByteArray> assetHash(Precision precision = Precision::Float32);

    // How embed() groups sequences of these lengths: indices into `lengths`, longest first,
    // at most `maxBatchSize` per batch; a sequence joins a batch only when it is at least 3/4
    // as long as the batch's longest or at most 8 ids shorter (a padded position costs as
    // much compute as a real one).
    static QList<QList<qsizetype>> planBatches(const QList<qsizetype> &lengths, int maxBatchSize);

private:
    struct Private;
    explicit MiniLmEmbedder(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace SignalHub::Core
