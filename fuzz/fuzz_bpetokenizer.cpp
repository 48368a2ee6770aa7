// Any text through cl100k_base, as a run counts and an estimate encodes it: a count that
// differs from the encoding's length is a bug, as is any crash or sanitizer report.

#include "bpetokenizer.h"

#include <QString>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace SignalHub::Core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const auto tokenizer = BpeTokenizer::load(QStringLiteral("cl100k_base"));
    if (!tokenizer)
        std::abort(); // the data files are missing: nothing would be fuzzed
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    if ((*tokenizer)->count(text) != (*tokenizer)->encode(text).size())
        std::abort();
    return 0;
}
