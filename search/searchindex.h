#pragma once

#include "result.h"
#include "storetypes.h"

#include <QList>
#include <QString>
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
    QList<SearchLocation> alsoAt;
};

// The vectors of one space held in memory, normalised, in one contiguous block: a query is
// one pass of dot products, not a read from SQLite.
class SearchIndex
{
public:
    static Result<SearchIndex> load(StoreReader &reader, const SpaceRow &space);

    const SpaceRow &space() const { return m_space; }
    qsizetype size() const { return m_rows.size(); }
    QList<SearchHit> query(const QList<float> &vector, int k) const;

private:
    struct Row
    {
        QString path;
        int startLine;
        int endLine;
        int startColumn;
        int endColumn;
    };
    SpaceRow m_space;
    std::vector<float> m_vectors;
    std::vector<Row> m_rows;
};

} // namespace SignalHub::Core
