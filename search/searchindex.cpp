#include "searchindex.h"

#include "filestamp.h"
#include "storereader.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <algorithm>

namespace SignalHub::Core {

namespace {

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
    index.m_holdsVectors = !reader.searchesVectors();
    const int dims = space.key.dimensions;
    auto count = reader.vectorCount(space.id);
    if (!count)
        return count.error();
    index.m_textIds.reserve(size_t(*count));
    if (!index.m_holdsVectors) {
        const Status loaded = reader.forEachVectorRow(space.id, [&](const VectorRow &row) {
            index.addRow(row);
            return true;
        });
        if (!loaded)
            return loaded.error();
        index.indexLocations();
        return index;
    }
    index.m_scan = VectorScan(dims);
    index.m_scan.reserve(size_t(*count));
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
    index.indexLocations();
    return index;
}

void SearchIndex::indexLocations()
{
    std::stable_sort(m_locations.begin(), m_locations.end(),
        [](const Location &a, const Location &b) { return a.row < b.row; });
    m_firstLocation.assign(m_textIds.size() + 1, 0);
    for (const Location &location : m_locations)
        m_firstLocation[location.row + 1] += 1;
    for (size_t r = 1; r < m_firstLocation.size(); ++r)
        m_firstLocation[r] += m_firstLocation[r - 1];
}

void SearchIndex::addRow(const VectorRow &row)
{
    auto text = m_rowOfText.constFind(row.textId);
    if (text == m_rowOfText.cend()) {
        const auto next = quint32(m_textIds.size());
        if (m_holdsVectors) {
            const QList<float> values = row.values();
            m_scan.add(values.constData());
        }
        text = m_rowOfText.insert(row.textId, next);
        m_textIds.push_back(row.textId);
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

qint64 SearchIndex::textOfRow(quint32 row) const
{
    return m_textIds[row];
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
    VectorScan::normalise(q.data(), int(q.size()));
    return q;
}

float SearchIndex::similarity(const std::vector<float> &normalisedQuery, quint32 row) const
{
    return m_scan.similarity(normalisedQuery.data(), row);
}

std::vector<SearchIndex::Scored> SearchIndex::nearest(
    const QList<float> &query, int k, const Filter &filter) const
{
    if (query.size() != m_space.key.dimensions)
        return {};
    return m_scan.top(query.constData(), k, filter.rows.empty() ? nullptr : filter.rows.data());
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
