#include "filechunker.h"

#include "backgroundpriority.h"
#include "chunker.h"
#include "filename.h"
#include "sha256.h"
#include "syntaxrepository.h"
#include "textdecoder.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <QCoreApplication>
#include <QFile>

namespace SignalHub::Core {

FileChunker::File FileChunker::read(
    const QString &path, const QString &language, const QByteArray &unchangedHash) const
{
    // Pool threads doing this are indexing threads (see BackgroundPriority).
    BackgroundPriority::lowerCurrentThread();
    File out;
    QFile file;
    if (const Status opened = FileName::open(file, path); !opened) {
        out.error = QCoreApplication::translate("FileChunker", "cannot read: %1")
                        .arg(opened.errorMessage());
        return out;
    }
    // Before the first byte: whatever changes the file from here on shows against this stamp.
    out.stamp = FileStamp::ofDescriptor(file.handle());
    out.bytes = file.readAll();
    out.contentHash = Sha256::hash(out.bytes);
    out.encoding = TextDecoder::detect(out.bytes);
    out.replacedInvalidUtf8 = out.encoding == TextDecoder::Encoding::Utf8WithBom
        && TextDecoder::firstInvalidUtf8Offset(out.bytes) >= 0;
    if (!unchangedHash.isEmpty() && unchangedHash == out.contentHash)
        return out;
    const auto definition = threadSyntaxRepository().definitionForName(language);
    out.chunks = m_chunker.chunk(path, out.bytes, out.encoding, definition);
    return out;
}

} // namespace SignalHub::Core
