#pragma once

#include <QtGlobal>
#include <algorithm>
#include <cstdint>
#include <vector>

namespace SignalHub::Core {

// The vectors of a space for nearest-neighbour queries: each row normalised in fp32, and a
// compact int8 copy (one scale per row) that a query scans first; the best candidates of
// that scan are then scored exactly in fp32. The int8 pass reads a quarter of the bytes and
// runs on the CPU's integer SIMD units, so a query costs about a quarter of a fp32 pass.
// A row costs dims × 5 + 4 bytes (384 dims: 1,924 bytes; 1M rows: 1.8 GB).
class VectorScan
{
public:
    struct Scored
    {
        quint32 row;
        float score; // exact cosine similarity
    };

    explicit VectorScan(int dimensions = 0);

    int dimensions() const { return m_dims; }
    size_t size() const { return m_scales.size(); }
    void reserve(size_t rows);
    // Copies one row, normalised (a zero vector stays zero); returns its index.
    quint32 add(const float *vector);
    // The k rows most similar to `query` (normalised here), best first, ties by lower row;
    // with `allowed` (size() bytes), only rows whose byte is not zero.
    std::vector<Scored> top(const float *query, int k, const quint8 *allowed = nullptr) const;
    // The exact similarity of a row to a normalised query.
    float similarity(const float *normalisedQuery, quint32 row) const;

    static void normalise(float *v, int dims);
    // Candidates the int8 pass hands to the exact one for k hits: enough that quantisation
    // (about 1 % of a score) cannot push a true top-k row out.
    static int candidateCount(int k) { return std::max(8 * k, 256); }

private:
    int m_dims = 0;
    std::vector<float> m_vectors;
    std::vector<std::int8_t> m_codes;
    std::vector<float> m_scales; // per row: code × scale ≈ value
};

} // namespace SignalHub::Core
