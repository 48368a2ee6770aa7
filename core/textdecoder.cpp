#include "textdecoder.h"

#include <QStringDecoder>

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

} // namespace

qsizetype TextDecoder::firstInvalidUtf8Offset(QByteArrayView bytes)
{
    const auto *s = reinterpret_cast<const unsigned char *>(bytes.data());
    const qsizetype size = bytes.size();
    for (qsizetype i = 0; i < size;) {
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

TextDecoder::Decoded TextDecoder::decodeUtf8(QByteArrayView bytes)
{
    Decoded result;
    result.firstInvalidOffset = firstInvalidUtf8Offset(bytes);
    result.hadInvalidUtf8 = result.firstInvalidOffset >= 0;
    // Keep a BOM as U+FEFF: the text must map back to the file's bytes. Stateless, so that a
    // sequence cut off at the end is replaced rather than held back for more input.
    QStringDecoder decoder(QStringDecoder::Utf8,
        QStringDecoder::Flag::ConvertInitialBom | QStringDecoder::Flag::Stateless);
    result.text = decoder.decode(bytes);
    return result;
}

} // namespace SignalHub::Core
