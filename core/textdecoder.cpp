#include "textdecoder.h"

#include <QStringDecoder>
#include <cstdint>
#include <cstring>

namespace SignalHub::Core {

namespace {

// Length of the valid UTF-8 sequence at `i`, or 0 if it is invalid (RFC 3629 table).
qsizetype sequenceLength(const unsigned char *s, qsizetype i, qsizetype size)
{
    const unsigned char c = s[i];
    if (c < 0x80)
        return 1;
    qsizetype length = 0;
    unsigned char low = 0x80, high = 0xBF; // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
        length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        length = 3;
        if (c == 0xE0)
            low = 0xA0; // overlong
        else if (c == 0xED)
            high = 0x9F; // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        length = 4;
        if (c == 0xF0)
            low = 0x90; // overlong
        else if (c == 0xF4)
            high = 0x8F; // above U+10FFFF
    } else {
        return 0;
    }
    if (i + length > size || s[i + 1] < low || s[i + 1] > high)
        return 0;
    for (qsizetype k = 2; k < length; ++k) {
        if (s[i + k] < 0x80 || s[i + k] > 0xBF)
            return 0;
    }
    return length;
}

bool isAsciiWord(const unsigned char *bytes)
{
    std::uint64_t word;
    std::memcpy(&word, bytes, sizeof word);
    return (word & 0x8080808080808080ull) == 0;
}

constexpr QByteArrayView Utf8Bom("\xEF\xBB\xBF");

// Windows-1252 is Latin-1 but for 0x80-0x9F, which hold typographic marks instead of C1
// controls. The five bytes it leaves undefined stay C1 controls, as the WHATWG Encoding
// standard maps them, so every byte decodes to exactly one character. Written out rather than
// asked of QStringDecoder: Qt offers Windows-1252 only when it was built with ICU.
constexpr char16_t windows1252High[32]
    = { 0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
          0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
          0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178 };

QString decodeWindows1252(QByteArrayView bytes)
{
    QString text(bytes.size(), Qt::Uninitialized);
    QChar *out = text.data();
    for (const char byte : bytes) {
        const auto c = static_cast<unsigned char>(byte);
        *out++ = QChar(c >= 0x80 && c < 0xA0 ? windows1252High[c - 0x80] : char16_t(c));
    }
    return text;
}

} // namespace

qsizetype TextDecoder::firstInvalidUtf8Offset(QByteArrayView bytes)
{
    const auto *s = reinterpret_cast<const unsigned char *>(bytes.data());
    const qsizetype size = bytes.size();
    for (qsizetype i = 0; i < size;) {
        // Every file read is checked: ASCII, most of source code, goes eight bytes at a time.
        if (i + 8 <= size && isAsciiWord(s + i)) {
            i += 8;
            continue;
        }
        if (s[i] < 0x80) {
            ++i;
            continue;
        }
        const qsizetype length = sequenceLength(s, i, size);
        if (length == 0)
            return i;
        i += length;
    }
    return -1;
}

qsizetype TextDecoder::validSequenceLength(QByteArrayView bytes, qsizetype offset)
{
    return sequenceLength(
        reinterpret_cast<const unsigned char *>(bytes.data()), offset, bytes.size());
}

TextDecoder::Encoding TextDecoder::detect(QByteArrayView fileBytes)
{
    if (fileBytes.startsWith(Utf8Bom))
        return Encoding::Utf8WithBom;
    return firstInvalidUtf8Offset(fileBytes) < 0 ? Encoding::Utf8 : Encoding::Windows1252;
}

TextDecoder::Decoded TextDecoder::decode(QByteArrayView fileBytes)
{
    Decoded result;
    result.firstInvalidOffset = firstInvalidUtf8Offset(fileBytes);
    if (fileBytes.startsWith(Utf8Bom))
        result.encoding = Encoding::Utf8WithBom;
    else if (result.firstInvalidOffset >= 0)
        result.encoding = Encoding::Windows1252;
    result.text = decode(fileBytes, result.encoding);
    return result;
}

QString TextDecoder::decode(QByteArrayView bytes, Encoding encoding)
{
    if (encoding == Encoding::Windows1252)
        return decodeWindows1252(bytes);
    // Keep a BOM as U+FEFF: the text must map back to the file's bytes. Stateless, so that a
    // sequence cut off at the end is replaced rather than held back for more input.
    QStringDecoder decoder(QStringDecoder::Utf8,
        QStringDecoder::Flag::ConvertInitialBom | QStringDecoder::Flag::Stateless);
    return decoder.decode(bytes);
}

QString TextDecoder::name(Encoding encoding)
{
    switch (encoding) {
    case Encoding::Utf8:
        break;
    case Encoding::Utf8WithBom:
        return QStringLiteral("utf-8-bom");
    case Encoding::Windows1252:
        return QStringLiteral("windows-1252");
    }
    return QStringLiteral("utf-8");
}

} // namespace SignalHub::Core
