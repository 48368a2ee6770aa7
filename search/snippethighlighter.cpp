#include "snippethighlighter.h"

#include "syntaxrepository.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Format>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/State>
#include <KSyntaxHighlighting/Theme>
#include <QFont>

namespace SignalHub::Core {

namespace {
KSyntaxHighlighting::Theme themeFor(
    KSyntaxHighlighting::Repository &repository, const QColor &base, const QColor &selection)
{
    using KSyntaxHighlighting::Theme;
    const QList<Theme> themes = repository.themes();
    const Theme *sameBackground = nullptr;
    for (const Theme &theme : themes) {
        if (QColor::fromRgba(theme.editorColor(Theme::BackgroundColor)) != base)
            continue;
        if (QColor::fromRgba(theme.editorColor(Theme::TextSelection)) == selection)
            return theme;
        if (!sameBackground)
            sameBackground = &theme;
    }
    if (sameBackground)
        return *sameBackground;
    return repository.defaultTheme(base.lightness() < 128
            ? KSyntaxHighlighting::Repository::DarkTheme
            : KSyntaxHighlighting::Repository::LightTheme);
}
} // namespace

QList<SnippetHighlighter::LineFormats> SnippetHighlighter::highlight(
    const QString &text, const QString &fileName, const QColor &base, const QColor &selection)
{
    KSyntaxHighlighting::Repository &repository = threadSyntaxRepository();
    SnippetHighlighter highlighter;
    highlighter.setDefinition(repository.definitionForFileName(fileName));
    highlighter.setTheme(themeFor(repository, base, selection));
    QList<LineFormats> lines;
    KSyntaxHighlighting::State state;
    // The lines of a QTextDocument's blocks: split at \n, nothing else.
    const QStringList texts = text.split(u'\n');
    lines.reserve(texts.size());
    for (const QString &line : texts) {
        highlighter.m_line.clear();
        state = highlighter.highlightLine(line, state);
        lines.append(highlighter.m_line);
    }
    return lines;
}

void SnippetHighlighter::applyFormat(
    int offset, int length, const KSyntaxHighlighting::Format &format)
{
    // What KSyntaxHighlighting::SyntaxHighlighter sets for a format, nothing for plain text.
    if (length <= 0 || format.isDefaultTextStyle(theme()))
        return;
    QTextCharFormat out;
    if (format.hasTextColor(theme()))
        out.setForeground(format.textColor(theme()));
    if (format.hasBackgroundColor(theme()))
        out.setBackground(format.backgroundColor(theme()));
    if (format.isBold(theme()))
        out.setFontWeight(QFont::Bold);
    if (format.isItalic(theme()))
        out.setFontItalic(true);
    if (format.isUnderline(theme()))
        out.setFontUnderline(true);
    if (format.isStrikeThrough(theme()))
        out.setFontStrikeOut(true);
    m_line.append({ offset, length, out });
}

} // namespace SignalHub::Core
