#include "searchindex.h"

#include "filestamp.h"
#include "storereader.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <algorithm>
#include <cmath>
#include <cstring>

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

float dot(const float *a, const float *b, int dims)
{
    float sum = 0;
    for (int i = 0; i < dims; ++i)
        sum += a[i] * b[i];
    return sum;
}

bool isStale(const QString &path, qint64 size, const QDateTime &mtime)
{
    const FileStamp now = FileStamp::ofPath(path);
    return !now.isValid() || now.size != size || now.modified() != mtime;
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
    index.m_textIds.reserve(size_t(*count));
    std::optional<Error> damaged;
    const Status loaded = reader.forEachVector(space.id, [&](const VectorRow &row) {
        // Every stored vector was checked on the way in: another size is a damaged file.
        if (row.vector.size() != qsizetype(dims) * 4) {
            damaged = reader.wrongVectorSize(row.vector.size(), dims);
            return false;
        }
        index.addRow(row);
        return true;
    });
    if (!loaded)
        return loaded.error();
    if (damaged)
        return *damaged;
    std::stable_sort(index.m_locations.begin(), index.m_locations.end(),
        [](const Location &a, const Location &b) { return a.row < b.row; });
    index.m_firstLocation.assign(index.m_textIds.size() + 1, 0);
    for (const Location &location : index.m_locations)
        index.m_firstLocation[location.row + 1] += 1;
    for (size_t r = 1; r < index.m_firstLocation.size(); ++r)
        index.m_firstLocation[r] += index.m_firstLocation[r - 1];
    return index;
}

void SearchIndex::addRow(const VectorRow &row)
{
    const int dims = m_space.key.dimensions;
    auto text = m_rowOfText.constFind(row.textId);
    if (text == m_rowOfText.cend()) {
        text = m_rowOfText.insert(row.textId, quint32(m_textIds.size()));
        m_textIds.push_back(row.textId);
        const size_t at = m_vectors.size();
        m_vectors.resize(at + size_t(dims));
        std::memcpy(m_vectors.data() + at, row.vector.constData(), size_t(dims) * 4);
        normalise(m_vectors.data() + at, dims);
    }
    auto file = m_fileOfPath.constFind(row.path);
    if (file == m_fileOfPath.cend()) {
        file = m_fileOfPath.insert(row.path, quint32(m_files.size()));
        m_files.push_back(File { row.path, QDir(row.root).relativeFilePath(row.path), row.language,
            row.fileSize, row.fileMtime });
    }
    m_locations.push_back(
        Location { *text, *file, row.startLine, row.endLine, row.startColumn, row.endColumn });
}

std::optional<quint32> SearchIndex::rowOfText(qint64 textId) const
{
    const auto row = m_rowOfText.constFind(textId);
    return row == m_rowOfText.cend() ? std::nullopt : std::optional(*row);
}

SearchIndex::Filter SearchIndex::filter(const QString &globPattern, const QString &language) const
{
    if (globPattern.isEmpty() && language.isEmpty())
        return {};
    const QRegularExpression glob(QRegularExpression::wildcardToRegularExpression(
        globPattern, QRegularExpression::NonPathWildcardConversion));
    const bool wholePath = globPattern.contains(u'/');
    Filter filter;
    filter.files.resize(m_files.size());
    for (size_t f = 0; f < m_files.size(); ++f) {
        const File &file = m_files[f];
        filter.files[f]
            = (language.isEmpty() || file.language.compare(language, Qt::CaseInsensitive) == 0)
            && (globPattern.isEmpty()
                || glob.match(wholePath ? file.relativePath : QFileInfo(file.path).fileName())
                    .hasMatch());
    }
    filter.rows.assign(m_textIds.size(), 0);
    for (const Location &location : m_locations)
        filter.rows[location.row] |= filter.files[location.file];
    return filter;
}

std::vector<float> SearchIndex::normalisedQuery(const QList<float> &query) const
{
    std::vector<float> q(query.cbegin(), query.cend());
    normalise(q.data(), int(q.size()));
    return q;
}

float SearchIndex::similarity(const std::vector<float> &normalisedQuery, quint32 row) const
{
    const int dims = m_space.key.dimensions;
    return dot(m_vectors.data() + size_t(row) * size_t(dims), normalisedQuery.data(), dims);
}

std::vector<SearchIndex::Scored> SearchIndex::nearest(
    const QList<float> &query, int k, const Filter &filter) const
{
    const int dims = m_space.key.dimensions;
    if (query.size() != dims || m_textIds.empty() || k <= 0)
        return {};
    const std::vector<float> q = normalisedQuery(query);
    std::vector<Scored> scored;
    scored.reserve(m_textIds.size());
    for (quint32 r = 0; r < quint32(m_textIds.size()); ++r)
        if (filter.allowsRow(r))
            scored.push_back(Scored { r, similarity(q, r) });
    const auto top = scored.begin() + std::min(scored.size(), size_t(k));
    std::partial_sort(scored.begin(), top, scored.end(), [](const Scored &a, const Scored &b) {
        return a.score > b.score || (a.score == b.score && a.row < b.row);
    });
    scored.erase(top, scored.end());
    return scored;
}

SearchHit SearchIndex::hit(quint32 row, float score, const Filter &filter) const
{
    SearchHit hit;
    hit.score = score;
    bool first = true;
    for (quint32 l = m_firstLocation[row]; l < m_firstLocation[row + 1]; ++l) {
        const Location &location = m_locations[l];
        if (!filter.allowsFile(location.file))
            continue;
        const File &file = m_files[location.file];
        if (first) {
            hit.path = file.path;
            hit.startLine = location.startLine;
            hit.endLine = location.endLine;
            hit.startColumn = location.startColumn;
            hit.endColumn = location.endColumn;
            hit.language = file.language;
            hit.stale = isStale(file.path, file.size, file.mtime);
            first = false;
        } else {
            hit.alsoAt.append(SearchLocation { file.path, location.startLine, location.endLine });
        }
    }
    return hit;
}

} // namespace SignalHub::Core
