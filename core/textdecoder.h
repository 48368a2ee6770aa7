#pragma once

#include <QByteArrayView>
#include <QString>

namespace SignalHub::Core {

// The invalid UTF-8 rule: files are not rejected for invalid UTF-8 (the Scanner indexes them).
// Their bytes are decoded as UTF-8 with every invalid sequence replaced by U+FFFD, and the
// result says so, so that the chunker/indexer can flag the file ("contains invalid UTF-8 at
// byte N"). Nothing else is normalised: a leading byte order mark stays as U+FEFF, line ends
// are kept, so what is embedded maps back to the file's bytes line for line.
// Files in UTF-16/32 contain NUL bytes and are skipped by the Scanner as binary.
class TextDecoder
{
public:
    struct Decoded
    {
        QString text;
        bool hadInvalidUtf8 = false;
        qsizetype firstInvalidOffset = -1; // byte offset of the first invalid sequence
    };

    static Decoded decodeUtf8(QByteArrayView bytes);
    // -1 if `bytes` is valid UTF-8 (no overlong forms, surrogates or code points > U+10FFFF).
    static qsizetype firstInvalidUtf8Offset(QByteArrayView bytes);
    // The length of the valid UTF-8 sequence that starts at `offset`, or 0 if none does there.
    static qsizetype validSequenceLength(QByteArrayView bytes, qsizetype offset);
};

} // namespace SignalHub::Core
