#pragma once

#include "snippethighlighter.h"

#include <QPlainTextEdit>

namespace SignalHub::Ui {

class PrecomputedHighlighter;

// A read-only, fixed-font view of a chunk's lines, coloured with formats a worker computed.
// It reads nothing itself: the window reads and highlights off the GUI thread, then calls
// showSnippet().
class SnippetView : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit SnippetView(QWidget *parent = nullptr);

    // `text` empty: the file is gone or unreadable, and the view says so.
    void showSnippet(const QString &text,
        QList<SignalHub::Core::SnippetHighlighter::LineFormats> formats, const QString &path,
        int startLine);
    // Words shown marked wherever they stand as a word or a part of an identifier
    // ("json" in parseJsonString), from the next snippet on.
    void setMarkedWords(const QStringList &words);

private:
    void markWords();

    PrecomputedHighlighter *m_highlighter;
    QStringList m_markedWords;
};

} // namespace SignalHub::Ui
