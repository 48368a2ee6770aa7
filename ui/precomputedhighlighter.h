#pragma once

#include "snippethighlighter.h"

#include <QSyntaxHighlighter>

namespace SignalHub::Ui {

// Applies formats a worker computed (Core::SnippetHighlighter) to a document, block by block:
// the GUI thread only copies ranges, it never loads or runs a syntax definition.
class PrecomputedHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit PrecomputedHighlighter(QTextDocument *document);

    // Set before the document gets the text the formats were computed for (setPlainText
    // highlights every block again).
    void setLineFormats(QList<SignalHub::Core::SnippetHighlighter::LineFormats> lines);

protected:
    void highlightBlock(const QString &text) override;

private:
    QList<SignalHub::Core::SnippetHighlighter::LineFormats> m_lines;
};

} // namespace SignalHub::Ui
