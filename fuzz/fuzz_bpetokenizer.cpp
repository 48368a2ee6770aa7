// Any text through cl100k_base, as a run counts and an estimate encodes it: a count that
// differs from the encoding's length is a bug, as is any crash or sanitizer report. And any
// text cut into pieces by both encodings' patterns: the pieces cut by hand for ASCII must be
// PCRE2's.

#include "bpetokenizer.h"
#include "pretokenizer.h"

#include <QString>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace SignalHub::Core;

namespace {

std::unique_ptr<const Pretokenizer> compiled(const QString &pattern)
{
    auto pretokenizer = Pretokenizer::compile(pattern);
    if (!pretokenizer)
        std::abort();
    return std::move(pretokenizer).value();
}

bool samePieces(const Pretokenizer &pretokenizer, QStringView text)
{
    const QList<QStringView> fast = pretokenizer.pieces(text);
    const QList<QStringView> pattern = pretokenizer.pieces(text, true);
    return std::equal(fast.begin(), fast.end(), pattern.begin(), pattern.end(),
        [](QStringView a, QStringView b) { return a.data() == b.data() && a.size() == b.size(); });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const auto tokenizer = BpeTokenizer::load(QStringLiteral("cl100k_base"));
    static const auto cl100k = compiled(Pretokenizer::cl100kPattern());
    static const auto o200k = compiled(Pretokenizer::o200kPattern());
    if (!tokenizer)
        std::abort(); // the data files are missing: nothing would be fuzzed
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    if ((*tokenizer)->count(text) != (*tokenizer)->encode(text).size())
        std::abort();
    if (!samePieces(*cl100k, text) || !samePieces(*o200k, text))
        std::abort();
    return 0;
}
