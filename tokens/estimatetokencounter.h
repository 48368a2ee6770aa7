#pragma once

#include "tokencounter.h"

namespace SignalHub::Core {

// A conservative guess for models whose tokenizer we do not have (Ollama models, unknown
// OpenAI-compatible servers), and for tests that must not depend on a real tokenizer.
//
//   tokens = max(ceil(utf8Bytes / 2.5), ceil(1.3 * pieces))
//
// where a piece is a run of ASCII letters, digits and underscores, or any other single
// non-space character (each punctuation mark and each non-ASCII character counts alone).
// Measured against cl100k_base on 30-line pieces of C/C++ headers, Python sources and
// English documentation (bench/estimate_margin.cjs, figures in bench/RESULTS.md) it is
// 1.5–1.8 times the real count at the median and below it for under 0.5 % of pieces, by
// at most 16 % (hex literals, rare identifiers). WordPiece splits every punctuation mark,
// which the pieces term covers. It is a bound in practice, not a proof (long runs of rare
// CJK characters or emoji can exceed it), hence isExact() is false and callers keep limits
// with a margin.
// The count of a text is never above the sum of the counts of its pieces, so summing
// per-line counts never underestimates a chunk.
class EstimateTokenCounter final : public TokenCounter
{
public:
    QString name() const override;
    qsizetype count(QStringView text) const override;
    bool isExact() const override { return false; }
};

} // namespace SignalHub::Core
