#pragma once

#include <QList>
#include <QString>

namespace SignalHub::Core {

// No invalid vector is ever stored: an answer must carry exactly one vector per input, each of
// the run's dimension, every value finite and the norm above zero.
class EmbeddingValidator
{
public:
    // 0: the model's dimensions are not known in advance (`embed` with an unknown model);
    // the first valid answer sets them, and every later vector must match.
    explicit EmbeddingValidator(int dimensions)
        : m_dimensions(dimensions)
    { }
    // Empty when valid, else a precise reason ("99 embeddings for 100 inputs", "NaN at input 17").
    QString check(const QList<QList<float>> &vectors, qsizetype inputs);
    int dimensions() const { return m_dimensions; }

private:
    int m_dimensions;
};

} // namespace SignalHub::Core
