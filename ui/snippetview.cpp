#include "snippetview.h"

#include "precomputedhighlighter.h"

#include <QFontDatabase>
#include <QTextBlock>

namespace {

// Whether text[from, to) is a whole word or a part of an identifier as IdentifierSplitter cuts
// it: "Json" in "parseJsonString", not "in" in "string".
bool isWordPart(const QString &text, qsizetype from, qsizetype to)
{
    const bool startsPart = from == 0 || !text[from - 1].isLetterOrNumber()
        || (text[from].isUpper() && !text[from - 1].isUpper());
    const bool endsPart = to == text.size() || !text[to].isLetterOrNumber()
        || (text[to].isUpper() && !text[to - 1].isUpper())
        || (text[to - 1].isUpper() && to + 1 < text.size() && text[to].isUpper()
            && text[to + 1].isLower());
    return startsPart && endsPart;
}

} // namespace

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
    markWords();
}

void SnippetView::setMarkedWords(const QStringList &words)
{
    m_markedWords = words;
}

void SnippetView::markWords()
{
    QTextCharFormat marked;
    marked.setBackground(palette().color(QPalette::Highlight).lighter(170));
    marked.setFontWeight(QFont::Bold);
    QList<QTextEdit::ExtraSelection> selections;
    const QString text = toPlainText();
    for (const QString &word : std::as_const(m_markedWords)) {
        for (qsizetype at = text.indexOf(word, 0, Qt::CaseInsensitive); at >= 0;
            at = text.indexOf(word, at + 1, Qt::CaseInsensitive)) {
            if (!isWordPart(text, at, at + word.size()))
                continue;
            QTextCursor cursor(document());
            cursor.setPosition(int(at));
            cursor.setPosition(int(at + word.size()), QTextCursor::KeepAnchor);
            selections.append(QTextEdit::ExtraSelection { cursor, marked });
        }
    }
    setExtraSelections(selections);
}

} // namespace SignalHub::Ui
