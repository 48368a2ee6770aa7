#pragma once

#include "result.h"
#include "tokencounter.h"

#include <QList>
#include <QString>
#include <QStringView>
#include <cstdint>
#include <memory>

namespace SignalHub::Core {

struct WordPieceTables;

// The BERT WordPiece tokenizer of the built-in model (all-MiniLM-L6-v2), read from its HF
// tokenizer.json and matching the Rust `tokenizers` crate id for id: BertNormalizer (clean
// text, pad CJK ideographs, NFD and drop Mn marks, lower-case), BertPreTokenizer (split on
// whitespace, isolate punctuation), greedy longest-match WordPiece with "##" continuations,
// and the special tokens ([CLS], [SEP], ...) recognised verbatim in the input.
// Immutable after load(): every method is const and safe to call from several threads.
class WordPieceTokenizer : public TokenCounter
{
public:
    // The model's position table: [CLS] + 254 word pieces + [SEP].
    static constexpr int MaxSequenceLength = 256;
    static constexpr int MaxInputTokens = MaxSequenceLength - 2;
    static constexpr qint32 PadId = 0;
    static constexpr qint32 UnknownId = 100;
    static constexpr qint32 ClsId = 101;
    static constexpr qint32 SepId = 102;

    // The shipped asset minilm/tokenizer.json. Loaded once per process while anyone holds it.
    static Result<std::shared_ptr<const WordPieceTokenizer>> load();
    // Any tokenizer.json of the same kind (BERT uncased WordPiece with the ids above).
    static Result<std::shared_ptr<const WordPieceTokenizer>> loadFile(const QString &path);

    ~WordPieceTokenizer() override;

    QString name() const override;
    // Word pieces of the text, without [CLS]/[SEP] and without truncation.
    qsizetype count(QStringView text) const override;
    bool isExact() const override;
    // True when `line` ends with white space (a line break does): words end there, and every
    // word is cut into pieces on its own.
    bool addsUpAcross(QStringView line, QStringView next) const override;

    // [CLS] pieces… [SEP], cut after the piece that makes the total maxTokens (at least 2),
    // so [SEP] always comes last. Pass std::numeric_limits<int>::max() for no truncation.
    QList<qint32> encode(QStringView text, int maxTokens = MaxSequenceLength) const;

    // Where to cut text (a UTF-16 index, never inside a surrogate pair) so that the part before
    // the cut has at most maxPieces word pieces, and they are the text's leading pieces: as many
    // as fit. A cut after a whole word takes in the whitespace up to the next word; a word that
    // does not fit whole is cut between two of its pieces. Returns text.size() if everything
    // fits. No piece comes before the cut only if maxPieces <= 0, or maxPieces < 3 and the first
    // word starts with a character that normalises to several pieces (a Hangul syllable).
    qsizetype prefixLengthForTokens(QStringView text, qsizetype maxPieces) const;

    qsizetype vocabularySize() const;

private:
    explicit WordPieceTokenizer(std::unique_ptr<const WordPieceTables> tables);

    std::unique_ptr<const WordPieceTables> m_tables;
    const std::uint32_t m_cacheOwner; // CountCache's key
};

} // namespace SignalHub::Core
