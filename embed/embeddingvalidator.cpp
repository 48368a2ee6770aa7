#include "embeddingvalidator.h"

#include <QCoreApplication>
#include <cmath>

namespace SignalHub::Core {

QString EmbeddingValidator::check(const QList<QList<float>> &vectors, qsizetype inputs)
{
    if (vectors.size() != inputs)
        return QCoreApplication::translate("EmbeddingValidator", "%1 embeddings for %2 inputs")
            .arg(vectors.size())
            .arg(inputs);
    const qsizetype dimensions
        = m_dimensions > 0 || vectors.isEmpty() ? m_dimensions : vectors.first().size();
    for (qsizetype i = 0; i < vectors.size(); ++i) {
        const QList<float> &v = vectors[i];
        if (v.size() != dimensions || dimensions == 0)
            return QCoreApplication::translate(
                "EmbeddingValidator", "%1 dimensions instead of %2 at input %3")
                .arg(v.size())
                .arg(dimensions)
                .arg(i);
        double squares = 0;
        for (float x : v) {
            if (std::isnan(x))
                return QCoreApplication::translate("EmbeddingValidator", "NaN at input %1").arg(i);
            if (!std::isfinite(x))
                return QCoreApplication::translate(
                    "EmbeddingValidator", "infinite value at input %1")
                    .arg(i);
            squares += double(x) * x;
        }
        if (!(squares > 0))
            return QCoreApplication::translate("EmbeddingValidator", "zero vector at input %1")
                .arg(i);
    }
    m_dimensions = int(dimensions);
    return {};
}

} // namespace SignalHub::Core
