#include "identifiersplitter.h"

namespace SignalHub::Core {

namespace {

bool isWordCharacter(QChar c)
{
    return c.isLetterOrNumber() || c.isMark();
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
        out += token.sliced(start, i - start).toString().toLower();
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
