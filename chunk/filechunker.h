#pragma once

#include "chunk.h"
#include "filestamp.h"
#include "textdecoder.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace SignalHub::Core {

class Chunker;

// Reads one file and cuts it, on whatever pool thread calls it (each thread uses a syntax
// repository of its own). Shared by the indexer and the estimate.
class FileChunker
{
public:
    struct File
    {
        QByteArray bytes;
        QByteArray contentHash; // SHA-256 of the bytes
        QList<Chunk> chunks; // empty when the content hash equals unchangedHash
        QString error; // cannot read (vanished, refused): the run goes on
        FileStamp stamp; // the file as it was opened, before reading
        TextDecoder::Encoding encoding = TextDecoder::Encoding::Utf8;
        bool replacedInvalidUtf8 = false; // UTF-8 with a byte order mark, yet invalid
    };

    explicit FileChunker(const Chunker &chunker)
        : m_chunker(chunker)
    { }
    // `path` as FileName decodes it.
    File read(
        const QString &path, const QString &language, const QByteArray &unchangedHash = {}) const;

private:
    const Chunker &m_chunker;
};

} // namespace SignalHub::Core
