#include "estimatetokencounter.h"

#include <algorithm>

namespace SignalHub::Core {

namespace {

bool isWordChar(char16_t c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
        || c == u'_';
}

bool isAsciiSpace(char16_t c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == u'\f' || c == u'\v';
}

} // namespace

QString EstimateTokenCounter::name() const
{
    return QStringLiteral("estimate");
}

qsizetype EstimateTokenCounter::count(QStringView text) const
{
    qsizetype utf8Bytes = 0;
    qsizetype pieces = 0;
    bool inWord = false;
    const char16_t *it = text.utf16();
    const char16_t *const end = it + text.size();
    for (; it != end; ++it) {
        const char16_t c = *it;
        if (c < 0x80) {
            ++utf8Bytes;
            const bool word = isWordChar(c);
            if (word && !inWord)
                ++pieces;
            else if (!word && !isAsciiSpace(c))
                ++pieces;
            inWord = word;
            continue;
        }
        inWord = false;
        if (QChar::isHighSurrogate(c) && it + 1 != end && QChar::isLowSurrogate(it[1])) {
            utf8Bytes += 4;
            ++it;
        } else {
            utf8Bytes += c < 0x800 ? 2 : 3;
        }
        if (!QChar::isSpace(c))
            ++pieces;
    }
    // Integer arithmetic keeps the rounding exact: ceil(2 * bytes / 5), ceil(13 * pieces / 10).
    const qsizetype byBytes = (2 * utf8Bytes + 4) / 5;
    const qsizetype byPieces = (13 * pieces + 9) / 10;
    return std::max(byBytes, byPieces);
}

} // namespace SignalHub::Core
