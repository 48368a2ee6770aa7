#pragma once

#include <KSyntaxHighlighting/AbstractHighlighter>
#include <KSyntaxHighlighting/FoldingRegion>
#include <QList>
#include <QRegularExpression>
#include <QStringView>

namespace SignalHub::Core {

// Finds the structure a syntax definition folds a file into, without a QTextDocument:
// each line is highlighted once, carrying the State from line to line, and the folding
// callbacks are collected into regions. Definitions that fold by indentation (Python,
// YAML) get their regions from the indentation instead.
//
// Like every KSyntaxHighlighting object it is not thread-safe: use one per thread, with
// a Definition from that thread's own Repository.
class FoldingHighlighter : public KSyntaxHighlighting::AbstractHighlighter
{
public:
    // A fold spanning several lines. Lines are 0-based and inclusive; depth 0 is top level.
    // Regions nest properly, though a region may end on the line where a sibling begins
    // ("} else {", a Markdown heading).
    struct Region
    {
        int firstLine = 0;
        int lastLine = 0;
        int depth = 0;
        friend bool operator==(const Region &, const Region &) = default;
    };

    FoldingHighlighter() = default;

    void setDefinition(const KSyntaxHighlighting::Definition &definition) override;

    // The regions of these lines (given without line terminators), ordered by first line,
    // outer before inner. Multi-line comments are left out: they belong to the code that
    // follows them, so they are no place to cut. Unbalanced folding is tolerated: an end
    // without a begin is ignored, begins still open at an end of an outer region close
    // there, and begins still open at the end of the file close on its last line.
    QList<Region> regions(const QList<QStringView> &lines);
    // The multi-line comments regions() left out, from its last call.
    const QList<Region> &comments() const { return m_comments; }

    // The indentation structure: a line followed by more deeply indented lines opens a
    // region that ends at the last of them. Lines fully matching one of `ignore` (blank
    // lines, comments) do not count. Tabs advance to the next multiple of 8 columns.
    static QList<Region> indentationRegions(
        const QList<QStringView> &lines, const QList<QRegularExpression> &ignore);

protected:
    void applyFormat(int offset, int length, const KSyntaxHighlighting::Format &format) override;
    void applyFolding(int offset, int length, KSyntaxHighlighting::FoldingRegion region) override;

private:
    struct OpenRegion
    {
        int id;
        int line;
        bool comment;
    };

    QList<Region> foldingRegions(const QList<QStringView> &lines);
    void close(qsizetype stackIndex, int line);

    QList<QRegularExpression> m_ignore;
    QString m_commentStart;
    QStringView m_currentLine;
    int m_lineNumber = 0;
    QList<OpenRegion> m_open;
    QList<Region> m_regions;
    QList<Region> m_comments;
};

} // namespace SignalHub::Core
