#pragma once

#include "result.h"
#include "tokencounter.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>
#include <cstdint>
#include <memory>
#include <vector>

namespace SignalHub::Core {

class Pretokenizer;

// OpenAI's byte-level BPE (tiktoken's cl100k_base and o200k_base), token for token the same
// as tiktoken's encode_ordinary(): the counts OpenAI bills and enforces per input.
// Immutable after load(); every const member is safe to call from several threads at once.
class BpeTokenizer : public TokenCounter
{
public:
    ~BpeTokenizer() override;

    // The encodings load() knows: "cl100k_base" and "o200k_base".
    static QStringList encodings();
    // The encoding an OpenAI model counts with ("text-embedding-3-small" -> "cl100k_base",
    // "gpt-4o-mini" -> "o200k_base"), or an empty string for a model it does not know.
    static QString encodingForModel(const QString &model);

    // Reads the rank file shipped as asset tiktoken/<encoding>.json. Instances are shared
    // while alive, so loading again is cheap.
    static Result<std::shared_ptr<const BpeTokenizer>> load(const QString &encoding);
    // Same, from a given rank file (npm tiktoken's encoders/<encoding>.json format).
    static Result<std::shared_ptr<const BpeTokenizer>> loadFile(
        const QString &encoding, const QString &jsonPath);

    // Token ids of ordinary text: special tokens such as <|endoftext|> count as plain text.
    QList<int> encode(QStringView text) const;
    qsizetype count(QStringView text) const override;
    // The UTF-8 bytes of these tokens; ids outside the vocabulary are skipped.
    QByteArray decode(const QList<int> &tokens) const;

    QString name() const override { return m_name; }
    bool isExact() const override { return true; }
    // True for a line break that tiktoken's pattern never joins to the next line: the next
    // line does not begin with white space that holds another line break (a blank line) and,
    // for o200k_base, does not begin with '/' after punctuation. False for other patterns.
    bool addsUpAcross(QStringView line, QStringView next) const override;
    // Ordinary tokens (special tokens excluded).
    qsizetype vocabularySize() const { return qsizetype(m_tokens.size()); }

private:
    struct Token
    {
        std::uint32_t offset;
        std::uint32_t length;
    };
    struct Slot
    {
        std::uint32_t hash;
        std::int32_t rank; // -1: empty
    };
    class Scratch;
    // How the pattern's pieces may run on past a line break (see addsUpAcross()).
    enum class BreakRule
    {
        Unknown, // another pattern: never assume
        LineBreaks, // cl100k_base: `[\r\n]*` after punctuation and `\s*[\r\n]+`
        LineBreaksAndSlash, // o200k_base: `[\r\n/]*` after punctuation, and `\s*[\r\n]+`
    };

    BpeTokenizer() = default;
    static Result<std::shared_ptr<const BpeTokenizer>> parse(
        const QString &encoding, const QByteArray &json);
    bool addToken(const char *bytes, std::uint32_t length, std::int32_t rank);
    // The rank of a token whose bytes repeat an earlier one, or -1.
    std::int32_t buildIndex();

    int rankOf(const char *bytes, std::size_t length) const;
    template<typename Sink> void encodeInto(QStringView text, Sink &&sink) const;
    // Calls piece(QStringView, Scratch &) for each of the pattern's pieces of `text`.
    template<typename Piece> void forEachPiece(QStringView text, Piece &&piece) const;
    qsizetype countPiece(QStringView piece, Scratch &scratch) const;
    template<typename Sink>
    void encodeUtf16Piece(QStringView piece, Scratch &scratch, Sink &&sink) const;
    template<typename Sink>
    void encodePiece(const char *bytes, std::size_t length, Scratch &scratch, Sink &sink) const;
    template<typename Sink>
    void mergeShort(const char *bytes, std::size_t length, Scratch &scratch, Sink &sink) const;
    template<typename Sink>
    void mergeLong(const char *bytes, std::size_t length, Scratch &scratch, Sink &sink) const;

    QString m_name;
    std::uint32_t m_cacheOwner = 0; // CountCache's key
    std::unique_ptr<const Pretokenizer> m_pretokenizer; // pat_str, which cuts text into pieces
    BreakRule m_breakRule = BreakRule::Unknown;
    std::vector<char> m_bytes; // every token's bytes, back to back
    std::vector<Token> m_tokens; // by rank
    std::vector<Slot> m_slots; // open addressing over token bytes, size a power of two
    std::uint32_t m_mask = 0;
    std::int32_t m_byteRank[256] = {};
};

} // namespace SignalHub::Core
