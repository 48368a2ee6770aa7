#include "vectorscan.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace SignalHub::Core {

namespace {

// Symmetric int8 codes of a row; returns the scale that maps a code back to its value.
float quantise(const float *v, int dims, std::int8_t *codes)
{
    float largest = 0;
    for (int i = 0; i < dims; ++i)
        largest = std::max(largest, std::fabs(v[i]));
    if (largest == 0) {
        std::fill(codes, codes + dims, std::int8_t(0));
        return 0;
    }
    const float toCode = 127.f / largest;
    for (int i = 0; i < dims; ++i)
        codes[i] = std::int8_t(std::lround(v[i] * toCode));
    return largest / 127.f;
}

// The one hot loop: GCC vectorises the widening multiply-add (vpmaddwd) in each clone; the
// machine picks the widest its CPU runs, so the default build still runs on any x86-64. Not
// under ThreadSanitizer: the clones' resolver runs while libraries are still being relocated,
// and its instrumented entry would call into TSan before TSan has started.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_THREAD__)
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#endif
void codeDots(const std::int8_t *codes, size_t rows, int dims, const std::int8_t *query,
    std::int32_t *dots)
{
    for (size_t r = 0; r < rows; ++r) {
        const std::int8_t *row = codes + r * size_t(dims);
        std::int32_t sum = 0;
        for (int i = 0; i < dims; ++i)
            sum += std::int16_t(row[i]) * std::int16_t(query[i]);
        dots[r] = sum;
    }
}

float dot(const float *a, const float *b, int dims)
{
    // Four independent sums: the loop is not one long dependency chain.
    float s[4] = { 0, 0, 0, 0 };
    int i = 0;
    for (; i + 4 <= dims; i += 4)
        for (int j = 0; j < 4; ++j)
            s[j] += a[i + j] * b[i + j];
    for (; i < dims; ++i)
        s[0] += a[i] * b[i];
    return (s[0] + s[1]) + (s[2] + s[3]);
}

bool better(const VectorScan::Scored &a, const VectorScan::Scored &b)
{
    return a.score > b.score || (a.score == b.score && a.row < b.row);
}

} // namespace

VectorScan::VectorScan(int dimensions)
    : m_dims(std::max(dimensions, 0))
{ }

void VectorScan::reserve(size_t rows)
{
    m_vectors.reserve(rows * size_t(m_dims));
    m_codes.reserve(rows * size_t(m_dims));
    m_scales.reserve(rows);
}

quint32 VectorScan::add(const float *vector)
{
    const size_t at = m_vectors.size();
    m_vectors.insert(m_vectors.end(), vector, vector + m_dims);
    normalise(m_vectors.data() + at, m_dims);
    m_codes.resize(at + size_t(m_dims));
    m_scales.push_back(quantise(m_vectors.data() + at, m_dims, m_codes.data() + at));
    return quint32(m_scales.size() - 1);
}

void VectorScan::normalise(float *v, int dims)
{
    double squares = 0;
    for (int i = 0; i < dims; ++i)
        squares += double(v[i]) * v[i];
    const float scale = squares > 0 ? float(1.0 / std::sqrt(squares)) : 0.f;
    for (int i = 0; i < dims; ++i)
        v[i] *= scale;
}

float VectorScan::similarity(const float *normalisedQuery, quint32 row) const
{
    return dot(m_vectors.data() + size_t(row) * size_t(m_dims), normalisedQuery, m_dims);
}

std::vector<VectorScan::Scored> VectorScan::top(
    const float *query, int k, const quint8 *allowed) const
{
    if (k <= 0 || size() == 0 || m_dims == 0)
        return {};
    std::vector<float> q(query, query + m_dims);
    normalise(q.data(), m_dims);
    std::vector<std::int8_t> codes(static_cast<size_t>(m_dims));
    const float queryScale = quantise(q.data(), m_dims, codes.data());

    std::vector<std::int32_t> dots(size());
    codeDots(m_codes.data(), size(), m_dims, codes.data(), dots.data());
    std::vector<Scored> candidates;
    candidates.reserve(size());
    for (quint32 r = 0; r < quint32(size()); ++r)
        if (!allowed || allowed[r])
            candidates.push_back(Scored { r, float(dots[r]) * m_scales[r] * queryScale });
    const size_t kept = std::min(candidates.size(), size_t(candidateCount(k)));
    std::nth_element(
        candidates.begin(), candidates.begin() + qsizetype(kept), candidates.end(), better);
    candidates.resize(kept);

    for (Scored &candidate : candidates)
        candidate.score = similarity(q.data(), candidate.row);
    const size_t shown = std::min(candidates.size(), size_t(k));
    std::partial_sort(
        candidates.begin(), candidates.begin() + qsizetype(shown), candidates.end(), better);
    candidates.resize(shown);
    return candidates;
}

} // namespace SignalHub::Core
