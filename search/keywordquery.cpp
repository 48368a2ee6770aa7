#include "keywordquery.h"

#include "identifiersplitter.h"

#include <QSet>

namespace SignalHub::Core {

namespace {

bool isCommonWord(const QString &word)
{
    static const QSet<QString> common { QStringLiteral("a"), QStringLiteral("an"),
        QStringLiteral("and"), QStringLiteral("are"), QStringLiteral("as"), QStringLiteral("at"),
        QStringLiteral("be"), QStringLiteral("by"), QStringLiteral("for"), QStringLiteral("from"),
        QStringLiteral("how"), QStringLiteral("in"), QStringLiteral("is"), QStringLiteral("it"),
        QStringLiteral("its"), QStringLiteral("of"), QStringLiteral("on"), QStringLiteral("or"),
        QStringLiteral("that"), QStringLiteral("the"), QStringLiteral("this"), QStringLiteral("to"),
        QStringLiteral("what"), QStringLiteral("where"), QStringLiteral("which"),
        QStringLiteral("with") };
    return common.contains(word);
}

// A term is an identifier as code writes it: `sum(int` is two, `parse_json_string` one.
QList<QStringView> identifiers(QStringView query)
{
    QList<QStringView> tokens;
    qsizetype start = -1;
    for (qsizetype i = 0; i <= query.size(); ++i) {
        const bool inToken = i < query.size()
            && (query[i].isLetterOrNumber() || query[i].isMark() || query[i] == u'_');
        if (inToken && start < 0)
            start = i;
        else if (!inToken && start >= 0) {
            tokens.append(query.sliced(start, i - start));
            start = -1;
        }
    }
    return tokens;
}

// Words are letters and digits only (IdentifierSplitter), so quoting them is all FTS5 needs.
QString phrase(const QStringList &words)
{
    return u'"' + words.join(u' ') + u'"';
}

} // namespace

KeywordQuery::KeywordQuery(QStringView query)
{
    QList<QStringList> terms;
    for (QStringView token : identifiers(query)) {
        const QStringList words = IdentifierSplitter::split(token);
        if (!words.isEmpty())
            terms.append(words);
    }
    QList<QStringList> kept;
    for (const QStringList &term : std::as_const(terms))
        if (term.size() > 1 || !isCommonWord(term.first()))
            kept.append(term);
    if (kept.isEmpty())
        kept = terms;
    for (const QStringList &term : std::as_const(kept)) {
        const QString alternative = phrase(term);
        if (!m_terms.contains(alternative))
            m_terms.append(alternative);
        for (const QString &word : term)
            if (!m_words.contains(word))
                m_words.append(word);
    }
    m_expression = anyOf(m_terms);
}

QString KeywordQuery::anyOf(const QStringList &terms)
{
    return terms.join(QStringLiteral(" OR "));
}

QString KeywordQuery::allOf(const QStringList &terms)
{
    return terms.join(QStringLiteral(" AND "));
}

} // namespace SignalHub::Core
