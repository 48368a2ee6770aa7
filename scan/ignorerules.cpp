#include "ignorerules.h"

#include "filename.h"

#include <QFile>

namespace SignalHub::Core {

namespace {

struct Cursor
{
    const QChar *begin; // start of the whole pattern, to know where components start
    const QChar *end;
};

bool matchFrom(const Cursor &pattern, const QChar *p, const QChar *t, const QChar *textEnd);

// POSIX classes inside brackets, the ones gitignore files use in practice.
bool matchesNamedClass(QStringView name, QChar c)
{
    if (name == u"alpha")
        return c.isLetter();
    if (name == u"digit")
        return c.isDigit();
    if (name == u"alnum")
        return c.isLetterOrNumber();
    if (name == u"upper")
        return c.isUpper();
    if (name == u"lower")
        return c.isLower();
    if (name == u"space")
        return c.isSpace();
    if (name == u"xdigit")
        return c.isDigit() || (c.toLower() >= u'a' && c.toLower() <= u'f');
    if (name == u"punct")
        return c.isPunct() || c.isSymbol();
    return false;
}

// Matches `c` against the bracket expression starting after '['. Returns the position after
// the closing ']', or nullptr if there is none.
const QChar *matchBracket(const QChar *p, const QChar *patternEnd, QChar c, bool *matched)
{
    bool negate = false;
    if (p < patternEnd && (*p == u'!' || *p == u'^')) {
        negate = true;
        ++p;
    }
    bool found = false;
    bool first = true;
    while (p < patternEnd && (first || *p != u']')) {
        first = false;
        if (*p == u'[' && p + 1 < patternEnd && p[1] == u':') {
            const QChar *nameStart = p + 2;
            const QChar *q = nameStart;
            while (q + 1 < patternEnd && !(*q == u':' && q[1] == u']'))
                ++q;
            if (q + 1 < patternEnd) {
                found = found || matchesNamedClass(QStringView(nameStart, q), c);
                p = q + 2;
                continue;
            }
        }
        QChar low = *p;
        if (low == u'\\' && p + 1 < patternEnd)
            low = *++p;
        ++p;
        QChar high = low;
        if (p + 1 < patternEnd && *p == u'-' && p[1] != u']') {
            high = p[1];
            if (high == u'\\' && p + 2 < patternEnd) {
                high = p[2];
                ++p;
            }
            p += 2;
        }
        if (c >= low && c <= high)
            found = true;
    }
    if (p >= patternEnd)
        return nullptr;
    *matched = found != negate;
    return p + 1;
}

// "**" as a whole component: zero or more folders ("a/**/b", "**/b") or everything ("a/**").
bool matchDoubleStar(
    const Cursor &pattern, const QChar *afterStars, const QChar *t, const QChar *textEnd)
{
    if (afterStars == pattern.end)
        return true;
    const QChar *rest = afterStars + 1; // skip the '/'
    for (const QChar *s = t;;) {
        if (matchFrom(pattern, rest, s, textEnd))
            return true;
        while (s < textEnd && *s != u'/')
            ++s;
        if (s == textEnd)
            return false;
        ++s;
    }
}

bool matchStar(const Cursor &pattern, const QChar *p, const QChar *t, const QChar *textEnd)
{
    const QChar *stars = p;
    while (p < pattern.end && *p == u'*')
        ++p;
    const bool componentStart = stars == pattern.begin || stars[-1] == u'/';
    const bool componentEnd = p == pattern.end || *p == u'/';
    if (p - stars >= 2 && componentStart && componentEnd)
        return matchDoubleStar(pattern, p, t, textEnd);
    for (const QChar *s = t;; ++s) {
        if (matchFrom(pattern, p, s, textEnd))
            return true;
        if (s == textEnd || *s == u'/')
            return false;
    }
}

bool matchFrom(const Cursor &pattern, const QChar *p, const QChar *t, const QChar *textEnd)
{
    while (p < pattern.end) {
        const QChar c = *p;
        if (c == u'*')
            return matchStar(pattern, p, t, textEnd);
        if (t == textEnd)
            return false;
        if (c == u'?') {
            if (*t == u'/')
                return false;
            ++p;
        } else if (c == u'[') {
            bool matched = false;
            // As git's wildmatch: an unclosed bracket matches nothing.
            const QChar *next = matchBracket(p + 1, pattern.end, *t, &matched);
            if (!next || !matched || *t == u'/')
                return false;
            p = next;
        } else {
            QChar literal = c;
            if (c == u'\\' && p + 1 < pattern.end)
                literal = *++p;
            if (*t != literal)
                return false;
            ++p;
        }
        ++t;
    }
    return t == textEnd;
}

// Trailing spaces end a pattern unless the last one is escaped with a backslash.
QStringView trimTrailingSpaces(QStringView line)
{
    qsizetype end = line.size();
    while (end > 0 && line[end - 1] == u' ') {
        qsizetype backslashes = 0;
        for (qsizetype i = end - 2; i >= 0 && line[i] == u'\\'; --i)
            ++backslashes;
        if (backslashes % 2 == 1)
            break;
        --end;
    }
    return line.first(end);
}

} // namespace

bool IgnoreRules::wildcardMatch(QStringView pattern, QStringView path)
{
    const Cursor cursor { pattern.data(), pattern.data() + pattern.size() };
    return matchFrom(cursor, cursor.begin, path.data(), path.data() + path.size());
}

bool IgnoreRules::addLine(QStringView line, const QString &source, int lineNumber)
{
    if (line.endsWith(u'\r'))
        line.chop(1);
    QStringView pattern = trimTrailingSpaces(line);
    if (pattern.isEmpty() || pattern.startsWith(u'#'))
        return false;
    Rule rule;
    rule.text = line.toString();
    rule.source = source;
    rule.line = lineNumber;
    if (pattern.startsWith(u'!')) {
        rule.negated = true;
        pattern = pattern.sliced(1);
    } else if (pattern.startsWith(u"\\!") || pattern.startsWith(u"\\#")) {
        pattern = pattern.sliced(1);
    }
    if (pattern.endsWith(u'/')) {
        rule.directoryOnly = true;
        while (pattern.endsWith(u'/'))
            pattern.chop(1);
    }
    rule.anchored = pattern.contains(u'/');
    if (pattern.startsWith(u'/'))
        pattern = pattern.sliced(1);
    if (pattern.isEmpty())
        return false;
    rule.pattern = pattern.toString();
    m_rules.append(std::move(rule));
    return true;
}

void IgnoreRules::addLines(QStringView text, const QString &source)
{
    int lineNumber = 0;
    for (const QStringView line : text.tokenize(u'\n')) {
        ++lineNumber;
        addLine(line, source, lineNumber);
    }
}

bool IgnoreRules::addFile(const QString &filePath, const QString &source, QString *error)
{
    if (!FileName::exists(filePath))
        return true;
    QFile file;
    if (const Status opened = FileName::open(file, filePath); !opened) {
        if (error)
            *error = opened.errorMessage();
        return false;
    }
    // Patterns are bytes like the names they match: one that is not UTF-8 matches such a name.
    addLines(FileName::decode(file.readAll()), source);
    return true;
}

IgnoreRules::Verdict IgnoreRules::match(QStringView relativePath, bool isDirectory) const
{
    const qsizetype slash = relativePath.lastIndexOf(u'/');
    const QStringView name = slash < 0 ? relativePath : relativePath.sliced(slash + 1);
    for (qsizetype i = m_rules.size() - 1; i >= 0; --i) {
        const Rule &rule = m_rules[i];
        if (rule.directoryOnly && !isDirectory)
            continue;
        if (wildcardMatch(rule.pattern, rule.anchored ? relativePath : name))
            return { rule.negated ? Match::Included : Match::Ignored, &rule };
    }
    return {};
}

IgnoreRules::Verdict IgnoreRules::matchWithParents(QStringView relativePath, bool isDirectory) const
{
    for (qsizetype slash = relativePath.indexOf(u'/'); slash >= 0;
        slash = relativePath.indexOf(u'/', slash + 1)) {
        const Verdict parent = match(relativePath.first(slash), true);
        if (parent.match == Match::Ignored)
            return parent;
    }
    return match(relativePath, isDirectory);
}

} // namespace SignalHub::Core
