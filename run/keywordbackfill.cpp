#include "keywordbackfill.h"

#include "chunker.h"
#include "filename.h"
#include "filestamp.h"
#include "identifiersplitter.h"
#include "logging.h"
#include "storereader.h"
#include "storewriter.h"
#include "textdecoder.h"

#include <QFile>

namespace SignalHub::Core {

namespace {

constexpr qsizetype BatchTexts = 2000;

// The file as it was indexed, or nothing: a changed file is the run's to cut again.
std::optional<QByteArray> unchangedBytes(const FileRecord &file)
{
    const FileStamp now = FileStamp::ofPath(file.path);
    if (!now.isValid() || now.size != file.size || now.modified() != file.mtime)
        return std::nullopt;
    QFile in;
    if (!FileName::open(in, file.path))
        return std::nullopt;
    QByteArray bytes = in.readAll();
    if (bytes.size() != file.size)
        return std::nullopt;
    return bytes;
}

QList<TextWords> wordsOf(const QByteArray &bytes, const QList<KeywordGap> &gaps)
{
    const TextDecoder::Encoding encoding = TextDecoder::detect(bytes);
    QList<TextWords> words;
    for (const KeywordGap &gap : gaps) {
        if (gap.byteStart < 0 || gap.byteEnd > bytes.size() || gap.byteStart > gap.byteEnd)
            continue;
        const QByteArrayView raw
            = QByteArrayView(bytes).sliced(gap.byteStart, gap.byteEnd - gap.byteStart);
        const QString text = TextDecoder::decode(raw, encoding);
        if (Chunker::textHash(raw, text, encoding) == gap.textHash)
            words.append(TextWords { gap.textId, IdentifierSplitter::words(text) });
    }
    return words;
}

} // namespace

Result<int> KeywordBackfill::run(
    qint64 sourceId, const std::atomic_bool &cancel, const Progress &progress)
{
    auto files = m_reader.filesWithoutKeywords(sourceId);
    if (!files)
        return files.error();
    if (files->isEmpty())
        return 0;
    qCInfo(lcIndexer) << "building the keyword index from" << files->size() << "files";
    int added = 0;
    QList<TextWords> batch;
    // One writer job per batch of texts rather than per file: fewer round trips, and each
    // batch's outcome is checked before more is read.
    const auto flush = [&]() -> Status {
        if (batch.isEmpty())
            return {};
        const Status stored = m_writer.addKeywords(batch).result();
        added += stored ? int(batch.size()) : 0;
        batch.clear();
        return stored;
    };
    for (qsizetype i = 0; i < files->size() && !cancel.load(std::memory_order_relaxed); ++i) {
        if (progress)
            progress(int(i), int(files->size()));
        const FileRow &file = files->at(i);
        const std::optional<QByteArray> bytes = unchangedBytes(file.file);
        if (!bytes)
            continue;
        auto gaps = m_reader.keywordGaps(file.id);
        if (!gaps)
            return gaps.error();
        batch.append(wordsOf(*bytes, *gaps));
        if (batch.size() >= BatchTexts)
            if (Status stored = flush(); !stored)
                return stored.error();
    }
    if (Status stored = flush(); !stored)
        return stored.error();
    if (progress)
        progress(int(files->size()), int(files->size()));
    return added;
}

} // namespace SignalHub::Core
