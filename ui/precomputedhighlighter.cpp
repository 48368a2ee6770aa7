#include "precomputedhighlighter.h"

#include <QTextBlock>

namespace SignalHub::Ui {

PrecomputedHighlighter::PrecomputedHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{ }

void PrecomputedHighlighter::setLineFormats(QList<Core::SnippetHighlighter::LineFormats> lines)
{
    m_lines = std::move(lines);
}

void PrecomputedHighlighter::highlightBlock(const QString &text)
{
    const int block = currentBlock().blockNumber();
    if (block < 0 || block >= m_lines.size())
        return;
    for (const QTextLayout::FormatRange &range : std::as_const(m_lines[block]))
        if (range.start < text.size())
            setFormat(
                range.start, std::min<int>(range.length, text.size() - range.start), range.format);
}

} // namespace SignalHub::Ui
