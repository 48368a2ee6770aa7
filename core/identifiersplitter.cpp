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

// As QString::toLower(), without a temporary string for an ASCII word.
void appendLower(QStringView word, QString &out)
{
    if (!std::all_of(word.begin(), word.end(), isAscii)) {
        out += word.toString().toLower();
        return;
    }
    const qsizetype at = out.size();
    out += word;
    for (QChar *c = out.data() + at, *end = out.data() + out.size(); c != end; ++c) {
        if (c->unicode() >= u'A' && c->unicode() <= u'Z')
            *c = QChar(c->unicode() + (u'a' - u'A'));
    }
}

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

void appendWords(QStringView token, QString &out)
{
    qsizetype start = 0;
    for (qsizetype i = 1; i <= token.size(); ++i) {
        if (i < token.size() && !startsWord(token, i))
            continue;
        if (!out.isEmpty())
            out += u' ';
        appendLower(token.sliced(start, i - start), out);
        start = i;
    }
}

} // namespace

QString IdentifierSplitter::words(QStringView text)
{
    QString out;
    out.reserve(text.size());
    qsizetype start = -1;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        const bool inWord = i < text.size() && isWordCharacter(text[i]);
        if (inWord && start < 0)
            start = i;
        else if (!inWord && start >= 0) {
            appendWords(text.sliced(start, i - start), out);
            start = -1;
        }
    }
    return out;
}

QStringList IdentifierSplitter::split(QStringView token)
{
    return words(token).split(u' ', Qt::SkipEmptyParts);
}

} // namespace SignalHub::Core
