// Any text through the built-in model's WordPiece vocabulary: its count, and its encoding
// within the model's sequence length (with [CLS] and [SEP]).

#include "wordpiecetokenizer.h"

#include <QString>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace SignalHub::Core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const auto tokenizer = WordPieceTokenizer::load();
    if (!tokenizer)
        std::abort(); // the data files are missing: nothing would be fuzzed
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)(*tokenizer)->count(text);
    if ((*tokenizer)->encode(text).size() > WordPieceTokenizer::MaxSequenceLength)
        std::abort();
    return 0;
}
