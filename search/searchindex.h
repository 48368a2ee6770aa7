#pragma once

#include "result.h"
#include "storetypes.h"
#include "vectorscan.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <optional>
#include <vector>

namespace SignalHub::Core {

class StoreReader;

// Another place where the text of a hit occurs, identical to the byte.
struct SearchLocation
{
    QString path;
    int startLine = 0;
    int endLine = 0;
};

struct SearchHit
{
    QString path;
    int startLine = 0;
    int endLine = 0;
    int startColumn = -1;
    int endColumn = -1;
    // Cosine similarity in vector mode, the fused rank score in hybrid mode, the negated BM25
    // in keyword mode: larger is better, comparable only within one answer.
    float score = 0;
    QString language; // KSyntaxHighlighting definition name, empty if none
    // The file's size or time differs from when it was indexed: its lines may have moved.
    bool stale = false;
    QList<SearchLocation> alsoAt;
};

// The vectors of one space held in memory, one per distinct text (VectorScan), with every
// place each text occurs: a query is one pass over memory, not a read from SQLite, and
// identical texts in two files are one candidate, not two.
class SearchIndex
{
public:
    using Scored = VectorScan::Scored;
    // Which files and rows a query may return (one byte each); empty when every one may.
    struct Filter
    {
        std::vector<quint8> files;
        std::vector<quint8> rows;
        bool allowsRow(quint32 row) const { return rows.empty() || rows[row]; }
        bool allowsFile(quint32 file) const { return files.empty() || files[file]; }
    };

    // On a store that searches vectors itself (StoreReader::searchesVectors) only where each
    // text occurs is held, not the vectors: nearest() is then the store's to answer.
    static Result<SearchIndex> load(StoreReader &reader, const SpaceRow &space);
    bool holdsVectors() const { return m_holdsVectors; }

    const SpaceRow &space() const { return m_space; }
    // Distinct texts.
    qsizetype size() const { return qsizetype(m_textIds.size()); }
    std::optional<quint32> rowOfText(qint64 textId) const;
    qint64 textOfRow(quint32 row) const;
    // `globPattern` matches the path relative to its folder when it holds a '/', else the file
    // name; `*` matches across folders. `language` is a syntax definition's name.
    Filter filter(const QString &globPattern, const QString &language) const;
    // Best first; at most k rows that `filter` allows.
    std::vector<Scored> nearest(const QList<float> &query, int k, const Filter &filter) const;
    // The query as nearest() scores it, to score rows it did not return.
    std::vector<float> normalisedQuery(const QList<float> &query) const;
    float similarity(const std::vector<float> &normalisedQuery, quint32 row) const;
    // The row's first location the filter allows, the others in alsoAt.
    SearchHit hit(quint32 row, float score, const Filter &filter) const;

private:
    struct File
    {
        QString path;
        QString relativePath;
        QString language;
        qint64 size = 0;
        QDateTime mtime;
    };
    struct Location
    {
        quint32 row;
        quint32 file;
        int startLine;
        int endLine;
        int startColumn;
        int endColumn;
    };
    void addRow(const VectorRow &row);
    // Each row's locations found from its row once they are all added.
    void indexLocations();

    SpaceRow m_space;
    bool m_holdsVectors = true;
    VectorScan m_scan;
    std::vector<qint64> m_textIds;
    QHash<qint64, quint32> m_rowOfText;
    std::vector<File> m_files;
    QHash<QString, quint32> m_fileOfPath;
    // Sorted by row once loaded; m_firstLocation[row] .. m_firstLocation[row + 1].
    std::vector<Location> m_locations;
    std::vector<quint32> m_firstLocation;
};

} // namespace SignalHub::Core
