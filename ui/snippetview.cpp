#include "snippetview.h"

#include "precomputedhighlighter.h"

#include <QFontDatabase>

namespace SignalHub::Ui {

SnippetView::SnippetView(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_highlighter(new PrecomputedHighlighter(document()))
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
}

void SnippetView::showSnippet(const QString &text,
    QList<Core::SnippetHighlighter::LineFormats> formats, const QString &path, int startLine)
{
    m_highlighter->setLineFormats(std::move(formats));
    setPlainText(text.isEmpty() ? tr("(%1 is gone or unreadable)").arg(path) : text);
    setToolTip(tr("%1 from line %2").arg(path).arg(startLine));
}

} // namespace SignalHub::Ui
