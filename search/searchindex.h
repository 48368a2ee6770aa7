#pragma once

#include "result.h"
#include "storetypes.h"

#include <QList>
#include <QString>
#include <vector>

namespace SignalHub::Core {

class StoreReader;

struct SearchHit
{
    QString path;
    int startLine = 0;
    int endLine = 0;
    int startColumn = -1;
    int endColumn = -1;
    float score = 0; // cosine similarity
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
