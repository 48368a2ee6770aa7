// Any bytes as a file of one of a few languages (the first byte picks it), cut as the built-in
// model's runs cut: every chunk must lie inside the file, in file order, and its text must be
// readable back from the bytes.

#include "chunker.h"
#include "syntaxrepository.h"
#include "wordpiecetokenizer.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <QByteArray>
#include <QString>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace SignalHub::Core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const auto tokenizer = WordPieceTokenizer::load();
    if (!tokenizer)
        std::abort(); // the data files are missing: nothing would be fuzzed
    static const Chunker chunker(**tokenizer, Chunker::Options { 64, 254 });
    static const std::array<QString, 5> languages { QStringLiteral("C++"), QStringLiteral("Python"),
        QStringLiteral("Markdown"), QStringLiteral("JavaScript"), QString() };
    if (size == 0)
        return 0;
    const QString &language = languages[data[0] % languages.size()];
    const QByteArray bytes
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const auto definition = threadSyntaxRepository().definitionForName(language);
    qint64 previousEnd = 0;
    for (const Chunk &chunk : chunker.chunk(QStringLiteral("fuzzed"), bytes, definition)) {
        if (chunk.byteStart < previousEnd || chunk.byteEnd < chunk.byteStart
            || chunk.byteEnd > bytes.size())
            std::abort();
        previousEnd = chunk.byteEnd;
        (void)Chunker::text(bytes, chunk);
    }
    return 0;
}
