#pragma once

#include <KSyntaxHighlighting/AbstractHighlighter>
#include <QColor>
#include <QList>
#include <QString>
#include <QTextLayout>

namespace SignalHub::Core {

// Highlights a piece of a file on the calling thread (a worker: it uses that thread's
// syntax repository) and returns, per line, the ranges a view applies as they are. The GUI
// thread then never loads a syntax definition; QTextLayout::FormatRange is a plain value.
class SnippetHighlighter : public KSyntaxHighlighting::AbstractHighlighter
{
public:
    using LineFormats = QList<QTextLayout::FormatRange>;

    // The view's colours pick the theme as Repository::themeForPalette() does: a theme with
    // the same background (and selection) colour, else the default light or dark one.
    static QList<LineFormats> highlight(
        const QString &text, const QString &fileName, const QColor &base, const QColor &selection);

protected:
    void applyFormat(int offset, int length, const KSyntaxHighlighting::Format &format) override;

private:
    LineFormats m_line;
};

} // namespace SignalHub::Core
