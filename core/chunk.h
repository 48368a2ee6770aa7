#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <optional>

namespace SignalHub::Core {

// One piece of a file that is embedded on its own. What is embedded is exactly the bytes
// [byteStart, byteEnd) of the file, decoded in the file's encoding (see TextDecoder).
struct Chunk
{
    QString path; // absolute path of the file
    int startLine = 0; // 1-based, inclusive
    int endLine = 0; // 1-based, inclusive
    int startColumn = -1; // byte offset in startLine when a long line was cut, else -1
    int endColumn = -1; // byte offset (exclusive) in endLine when a long line was cut, else -1
    qint64 byteStart = 0;
    qint64 byteEnd = 0;
    QString language; // KSyntaxHighlighting definition name, empty if none
    QByteArray textHash; // SHA-256 of the embedded UTF-8 bytes
    int tokens = 0; // exact (or estimated, see TokenCounter::isExact) token count
    // The text's words for the keyword index (IdentifierSplitter::words); unset when the chunk
    // was not cut from the text just now (the store then keeps what it has).
    std::optional<QString> words;
};

} // namespace SignalHub::Core

Q_DECLARE_METATYPE(SignalHub::Core::Chunk)
