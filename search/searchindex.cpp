#include "searchindex.h"

#include "storereader.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

namespace SignalHub::Core {

namespace {
void normalise(float *v, int dims)
{
    double squares = 0;
    for (int i = 0; i < dims; ++i)
        squares += double(v[i]) * v[i];
    const float scale = squares > 0 ? float(1.0 / std::sqrt(squares)) : 0.f;
    for (int i = 0; i < dims; ++i)
        v[i] *= scale;
}
} // namespace

Result<SearchIndex> SearchIndex::load(StoreReader &reader, const SpaceRow &space)
{
    SearchIndex index;
    index.m_space = space;
    const int dims = space.key.dimensions;
    auto count = reader.vectorCount(space.id);
    if (!count)
        return count.error();
    index.m_vectors.reserve(size_t(*count) * size_t(dims));
    index.m_rows.reserve(size_t(*count));
    std::optional<Error> damaged;
    const Status loaded = reader.forEachVector(space.id, [&](const VectorRow &row) {
        // Every stored vector was checked on the way in: another size is a damaged file.
        if (row.vector.size() != qsizetype(dims) * 4) {
            damaged = reader.wrongVectorSize(row.vector.size(), dims);
            return false;
        }
        const size_t at = index.m_vectors.size();
        index.m_vectors.resize(at + size_t(dims));
        std::memcpy(index.m_vectors.data() + at, row.vector.constData(), size_t(dims) * 4);
        normalise(index.m_vectors.data() + at, dims);
        index.m_rows.push_back(
            Row { row.path, row.startLine, row.endLine, row.startColumn, row.endColumn });
        return true;
    });
    if (!loaded)
        return loaded.error();
    if (damaged)
        return *damaged;
    return index;
}

QList<SearchHit> SearchIndex::query(const QList<float> &vector, int k) const
{
    const int dims = m_space.key.dimensions;
    if (vector.size() != dims || m_rows.empty())
        return {};
    std::vector<float> q(vector.cbegin(), vector.cend());
    normalise(q.data(), dims);
    std::vector<float> scores(m_rows.size());
    for (size_t r = 0; r < m_rows.size(); ++r) {
        const float *v = m_vectors.data() + r * size_t(dims);
        float dot = 0;
        for (int i = 0; i < dims; ++i)
            dot += v[i] * q[size_t(i)];
        scores[r] = dot;
    }
    std::vector<size_t> order(m_rows.size());
    std::iota(order.begin(), order.end(), size_t(0));
    const size_t top = std::min(order.size(), size_t(std::max(k, 0)));
    std::partial_sort(order.begin(), order.begin() + qsizetype(top), order.end(),
        [&scores](size_t a, size_t b) { return scores[a] > scores[b]; });
    QList<SearchHit> hits;
    for (size_t i = 0; i < top; ++i) {
        const Row &row = m_rows[order[i]];
        hits.append(SearchHit { row.path, row.startLine, row.endLine, row.startColumn,
            row.endColumn, scores[order[i]] });
    }
    return hits;
}

} // namespace SignalHub::Core
