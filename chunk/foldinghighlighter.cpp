#include "foldinghighlighter.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/State>
#include <algorithm>

using KSyntaxHighlighting::FoldingRegion;

namespace SignalHub::Core {

namespace {

int leadingIndentation(QStringView line)
{
    int column = 0;
    for (const QChar c : line) {
        if (c == u' ')
            ++column;
        else if (c == u'\t')
            column = (column / 8 + 1) * 8;
        else
            break;
    }
    return column;
}

bool isBlank(QStringView line)
{
    return std::all_of(line.begin(), line.end(), [](QChar c) { return c.isSpace(); });
}

bool isIgnored(QStringView line, const QList<QRegularExpression> &ignore)
{
    if (isBlank(line))
        return true;
    return std::any_of(ignore.begin(), ignore.end(),
        [line](const QRegularExpression &re) { return re.matchView(line).hasMatch(); });
}

void sortOuterFirst(QList<FoldingHighlighter::Region> &regions)
{
    std::sort(regions.begin(), regions.end(), [](const auto &a, const auto &b) {
        if (a.firstLine != b.firstLine)
            return a.firstLine < b.firstLine;
        return a.depth < b.depth;
    });
}

} // namespace

void FoldingHighlighter::setDefinition(const KSyntaxHighlighting::Definition &definition)
{
    AbstractHighlighter::setDefinition(definition);
    m_ignore.clear();
    // "Lines matching entirely one of the regular expressions" (Definition's documentation).
    const QStringList patterns = definition.foldingIgnoreList();
    for (const QString &pattern : patterns) {
        QRegularExpression re(QRegularExpression::anchoredPattern(pattern),
            QRegularExpression::UseUnicodePropertiesOption);
        if (re.isValid())
            m_ignore.append(re);
    }
    m_commentStart = definition.multiLineCommentMarker().first;
}

QList<FoldingHighlighter::Region> FoldingHighlighter::regions(const QList<QStringView> &lines)
{
    m_comments.clear();
    const KSyntaxHighlighting::Definition def = definition();
    if (!def.isValid() || !def.foldingEnabled())
        return {};
    if (def.indentationBasedFoldingEnabled())
        return indentationRegions(lines, m_ignore);
    return foldingRegions(lines);
}

QList<FoldingHighlighter::Region> FoldingHighlighter::foldingRegions(
    const QList<QStringView> &lines)
{
    m_open.clear();
    m_regions.clear();
    m_comments.clear();
    KSyntaxHighlighting::State state;
    for (m_lineNumber = 0; m_lineNumber < lines.size(); ++m_lineNumber) {
        m_currentLine = lines.at(m_lineNumber);
        state = highlightLine(m_currentLine, state);
    }
    if (!m_open.isEmpty())
        close(0, int(lines.size()) - 1);
    m_currentLine = {};
    QList<Region> result = std::move(m_regions);
    m_regions = {};
    sortOuterFirst(result);
    return result;
}

void FoldingHighlighter::applyFormat(int, int, const KSyntaxHighlighting::Format &)
{
    // Only the folding matters for finding chunk boundaries.
}

void FoldingHighlighter::applyFolding(int offset, int, FoldingRegion region)
{
    if (region.type() == FoldingRegion::Begin) {
        const bool comment = !m_commentStart.isEmpty()
            && m_currentLine.sliced(std::min<qsizetype>(offset, m_currentLine.size()))
                   .startsWith(m_commentStart);
        m_open.append({ region.id(), m_lineNumber, comment });
        return;
    }
    if (region.type() != FoldingRegion::End)
        return;
    for (qsizetype i = m_open.size() - 1; i >= 0; --i) {
        if (m_open.at(i).id == region.id()) {
            close(i, m_lineNumber);
            return;
        }
    }
    // An end without a begin: unbalanced input, nothing to close.
}

// Closes the region at stackIndex and every region opened inside it that is still open.
void FoldingHighlighter::close(qsizetype stackIndex, int line)
{
    for (qsizetype i = m_open.size() - 1; i >= stackIndex; --i) {
        const OpenRegion &open = m_open.at(i);
        if (line > open.line)
            (open.comment ? m_comments : m_regions).append({ open.line, line, int(i) });
    }
    m_open.resize(stackIndex);
}

QList<FoldingHighlighter::Region> FoldingHighlighter::indentationRegions(
    const QList<QStringView> &lines, const QList<QRegularExpression> &ignore)
{
    struct Opener
    {
        int indent;
        int line;
    };
    QList<Opener> stack;
    QList<Region> result;
    int previous = -1;
    int previousIndent = 0;
    const auto closeDownTo = [&](int indent) {
        while (!stack.isEmpty() && stack.constLast().indent >= indent) {
            const Opener opener = stack.takeLast();
            result.append({ opener.line, previous, int(stack.size()) });
        }
    };
    for (int i = 0; i < lines.size(); ++i) {
        const QStringView line = lines.at(i);
        if (isIgnored(line, ignore))
            continue;
        const int indent = leadingIndentation(line);
        closeDownTo(indent);
        if (previous >= 0 && indent > previousIndent)
            stack.append({ previousIndent, previous });
        previous = i;
        previousIndent = indent;
    }
    closeDownTo(-1);
    sortOuterFirst(result);
    return result;
}

} // namespace SignalHub::Core
