#pragma once

#include <QByteArrayView>
#include <QString>

namespace SignalHub::Core {

// How a file's bytes become text (DESIGN.md, "What is embedded"): as UTF-8 when they are valid
// UTF-8 or start with a UTF-8 byte order mark, else as Windows-1252. Legacy Western files
// (Latin-1, Windows-1252) are by far the commonest text that is not UTF-8, and Windows-1252
// decodes every byte, so such a file reads "café" rather than "caf\uFFFD".
// A file with a byte order mark says it is UTF-8: its invalid sequences become U+FFFD, and
// Decoded says where the first one is, so that the run can flag the file.
// Nothing else is normalised: a leading byte order mark stays as U+FEFF and line ends are kept,
// and in both encodings a newline byte is a newline character of its own, so what is embedded
// maps back to the file's bytes line for line.
// Files in UTF-16/32 contain NUL bytes and are skipped by the Scanner as binary.
class TextDecoder
{
public:
    enum class Encoding
    {
        Utf8,
        Utf8WithBom,
        Windows1252,
    };

    struct Decoded
    {
        QString text;
        Encoding encoding = Encoding::Utf8;
        qsizetype firstInvalidOffset = -1; // byte offset of the first invalid UTF-8 sequence
        // Replacement characters stand in for invalid bytes (UTF-8 with a byte order mark).
        bool hasReplacements() const
        {
            return firstInvalidOffset >= 0 && encoding != Encoding::Windows1252;
        }
    };

    // The encoding of a whole file's bytes.
    static Encoding detect(QByteArrayView fileBytes);
    // Detects and decodes a whole file.
    static Decoded decode(QByteArrayView fileBytes);
    // Decodes a part of a file whose encoding is known; in Windows-1252 each byte is one
    // character, so a part may start and end anywhere.
    static QString decode(QByteArrayView bytes, Encoding encoding);
    // As the store and --json output spell it: "utf-8", "utf-8-bom", "windows-1252".
    static QString name(Encoding encoding);
    // -1 if `bytes` is valid UTF-8 (no overlong forms, surrogates or code points > U+10FFFF).
    static qsizetype firstInvalidUtf8Offset(QByteArrayView bytes);
    // The length of the valid UTF-8 sequence that starts at `offset`, or 0 if none does there.
    static qsizetype validSequenceLength(QByteArrayView bytes, qsizetype offset);
};

} // namespace SignalHub::Core
