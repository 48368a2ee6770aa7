#include "embeddingvalidator.h"

#include <QCoreApplication>

#include <cmath>

namespace SignalHub::Core {

QString EmbeddingValidator::check(const QList<QList<float>> &vectors, qsizetype inputs)
{
    auto tr = [](const char *text) { return QCoreApplication::translate("EmbeddingValidator", text); };
    if (vectors.size() != inputs)
        return tr("%1 embeddings for %2 inputs").arg(vectors.size()).arg(inputs);
    const qsizetype dimensions = m_dimensions > 0 || vectors.isEmpty() ? m_dimensions : vectors.first().size();
    for (qsizetype i = 0; i < vectors.size(); ++i) {
        const QList<float> &v = vectors[i];
        if (v.size() != dimensions || dimensions == 0)
            return tr("%1 dimensions instead of %2 at input %3").arg(v.size()).arg(dimensions).arg(i);
        double squares = 0;
        for (float x : v) {
            if (std::isnan(x))
                return tr("NaN at input %1").arg(i);
            if (!std::isfinite(x))
                return tr("infinite value at input %1").arg(i);
            squares += double(x) * x;
        }
        if (!(squares > 0))
            return tr("zero vector at input %1").arg(i);
    }
    m_dimensions = int(dimensions);
    return {};
}

} // namespace SignalHub::Core
