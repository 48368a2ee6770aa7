#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

namespace SignalHub::Core {

// A query as the keyword index reads it: each identifier in it split like the indexed text
// (IdentifierSplitter), so `parseJsonString` finds `parse_json_string`. A term of several
// words must match them adjacent and in order (an FTS5 phrase); terms are alternatives, ranked
// by BM25, so a question in plain words finds the code that has most of its rarer words.
// Common English words are left out unless the query has nothing else.
class KeywordQuery
{
public:
    explicit KeywordQuery(QStringView query);

    // An FTS5 MATCH expression; empty when the query has no words.
    const QString &expression() const { return m_expression; }
    // Every word searched for, lower case, for highlighting.
    const QStringList &words() const { return m_words; }
    // The alternatives of expression(), each an FTS5 phrase; anyOf() and allOf() join some of
    // them into an expression of their own.
    const QStringList &terms() const { return m_terms; }
    static QString anyOf(const QStringList &terms);
    static QString allOf(const QStringList &terms);

private:
    QString m_expression;
    QStringList m_terms;
    QStringList m_words;
};

} // namespace SignalHub::Core
