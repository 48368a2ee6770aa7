#include "identifiersplitter.h"

#include <algorithm>

namespace SignalHub::Core {

namespace {

bool isAscii(QChar c)
{
    return c.unicode() < 0x80;
}

// Called for every character of every chunk: ASCII, by far the commonest, is decided here
// rather than through Unicode's tables.
bool isWordCharacter(QChar c)
{
    if (isAscii(c)) {
        const char16_t u = c.unicode();
        return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9');
    }
    return c.isLetterOrNumber() || c.isMark();
}

// Lower-case words separated by single spaces, written into one buffer: for the ASCII words
// of a chunk no string per word and no append. ASCII text gives at most twice its length (a
// space before each capital); a word beyond ASCII may grow when lower-cased, and grows it.
class WordWriter
{
public:
    explicit WordWriter(qsizetype textSize)
        : m_out(2 * textSize, Qt::Uninitialized)
    { }

    void add(QStringView word)
    {
        if (!std::all_of(word.begin(), word.end(), isAscii)) {
            const QString lowered = word.toString().toLower();
            finish(std::copy(lowered.begin(), lowered.end(), start(lowered.size())));
            return;
        }
        QChar *out = start(word.size());
        for (const QChar c : word) {
            const char16_t u = c.unicode();
            *out++ = QChar(u >= u'A' && u <= u'Z' ? u + (u'a' - u'A') : u);
        }
        finish(out);
    }

    QString take() &&
    {
        m_out.truncate(m_size);
        return std::move(m_out);
    }

private:
    // Where a word of `length` units goes, after the space that separates it from the last.
    QChar *start(qsizetype length)
    {
        if (m_size + length + 1 > m_out.size())
            m_out.resize(std::max(2 * m_out.size(), m_size + length + 1));
        QChar *out = m_out.data() + m_size;
        if (m_size > 0)
            *out++ = u' ';
        return out;
    }
    void finish(const QChar *end) { m_size = end - m_out.constData(); }

    QString m_out;
    qsizetype m_size = 0;
};

// A new word starts at an upper-case letter after a lower-case one or a digit ("parseJson",
// "utf8String"), and at the last capital of a run followed by lower case ("JSONString").
bool startsWord(QStringView token, qsizetype i)
{
    const QChar c = token[i];
    if (i == 0 || !c.isUpper())
        return false;
    const QChar before = token[i - 1];
    if (before.isLower() || before.isDigit())
        return true;
    return before.isUpper() && i + 1 < token.size() && token[i + 1].isLower();
}

void addWords(QStringView token, WordWriter &out)
{
    qsizetype start = 0;
    for (qsizetype i = 1; i <= token.size(); ++i) {
        if (i < token.size() && !startsWord(token, i))
            continue;
        out.add(token.sliced(start, i - start));
        start = i;
    }
}

} // namespace

QString IdentifierSplitter::words(QStringView text)
{
    WordWriter out(text.size());
    qsizetype start = -1;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        const bool inWord = i < text.size() && isWordCharacter(text[i]);
        if (inWord && start < 0)
            start = i;
        else if (!inWord && start >= 0) {
            addWords(text.sliced(start, i - start), out);
            start = -1;
        }
    }
    return std::move(out).take();
}

QStringList IdentifierSplitter::split(QStringView token)
{
    return words(token).split(u' ', Qt::SkipEmptyParts);
}

} // namespace SignalHub::Core
