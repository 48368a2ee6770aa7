#pragma once

#include "result.h"

#include <QList>
#include <QString>
#include <QStringView>
#include <memory>

namespace SignalHub::Core {

// tiktoken's pat_str, which cuts text into the pieces BPE merges within, run by PCRE2 with the
// options QRegularExpression's UseUnicodePropertiesOption sets (PCRE2_UTF | PCRE2_UCP: \s, \p{L}
// and case folding know all of Unicode). For the patterns of cl100k_base and o200k_base, a
// piece whose every character the pattern looks at is ASCII is cut here without PCRE2: a
// match costs some 500 instructions however short the piece, and counting tokens is the one
// part of chunking that is not highlighting (bench/RESULTS.md). Whatever involves a character
// beyond ASCII is PCRE2's to decide, so the pieces are PCRE2's either way (tst_pretokenizer
// and fuzz_bpetokenizer compare the two on real and random text).
// Immutable after compile(); safe to use from several threads at once.
class Pretokenizer
{
public:
    enum class Kind
    {
        Other, // any pattern: PCRE2 alone
        Cl100k,
        O200k,
    };
    struct Piece
    {
        qsizetype start = -1; // -1: no more pieces
        qsizetype end = -1;
    };

    static QString cl100kPattern();
    static QString o200kPattern();
    static Result<std::unique_ptr<const Pretokenizer>> compile(const QString &pattern);
    ~Pretokenizer();
    Pretokenizer(const Pretokenizer &) = delete;
    Pretokenizer &operator=(const Pretokenizer &) = delete;

    Kind kind() const { return m_kind; }
    // The next piece at or after `from`, like one step of tiktoken's find_iter; the text must
    // be valid UTF-16 (no unpaired surrogates).
    Piece next(QStringView text, qsizetype from) const;
    // Every piece of `text`; with `patternOnly` each found by PCRE2, for tests and fuzzers.
    QList<QStringView> pieces(QStringView text, bool patternOnly = false) const;

private:
    class Compiled;
    explicit Pretokenizer(std::unique_ptr<const Compiled> compiled, Kind kind);
    Piece nextByPattern(QStringView text, qsizetype from) const;

    std::unique_ptr<const Compiled> m_compiled;
    const Kind m_kind;
};

} // namespace SignalHub::Core
