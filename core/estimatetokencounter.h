#pragma once

#include "tokencounter.h"

namespace SignalHub::Core {

// A conservative guess for models whose tokenizer we do not have (Ollama models, unknown
// OpenAI-compatible servers), and for tests that must not depend on a real tokenizer.
//
//   tokens = ceil(max(utf8Bytes / 3, 1.3 * pieces))
//
// where a piece is a run of ASCII letters/digits/underscores, or any other single
// non-space character (each punctuation mark and each non-ASCII character counts alone).
// BPE vocabularies such as cl100k_base average about 4 bytes per token on English and
// 3–3.5 on source code, and WordPiece splits every punctuation mark and most rare words,
// so the larger of the two bounds stays above both kinds of count for Latin script and
// code; the margin is typically 10–60 %, more on punctuation-heavy text. It is a bound in
// practice, not a proof (long runs of rare CJK characters or emoji can exceed it), which
// is why isExact() is false and callers keep limits with a margin.
// Sum of the counts of pieces of a text is never below the count of the whole text, so
// summing per-line counts never underestimates a chunk.
class EstimateTokenCounter final : public TokenCounter
{
public:
    QString name() const override;
    qsizetype count(QStringView text) const override;
    bool isExact() const override { return false; }
};

} // namespace SignalHub::Core
