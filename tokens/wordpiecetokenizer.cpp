#include "wordpiecetokenizer.h"

#include "assets.h"
#include "countcache.h"
#include "logging.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QVarLengthArray>
#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace SignalHub::Core {

namespace {

// What BertNormalizer and BertPreTokenizer make of one input code point.
enum class CharKind : quint32
{
    Drop, // clean_text removes it (controls, formats, U+FFFD), or strip_accents (Mn marks)
    Space, // ends the current word
    Isolated, // a word of its own: punctuation, or a CJK ideograph padded with spaces
    Letter, // its normalised form joins the current word
    Mixed, // normalises to several characters of different kinds: classify each
};

// charTable entry: kind in bits 0-2, "may start a special token" in bit 3, the length of the
// normalised form in bits 4-7 and its offset in the expansion pool from bit 8.
constexpr quint32 KindMask = 0x7;
constexpr quint32 SpecialStartFlag = 0x8;
constexpr int LengthShift = 4;
constexpr quint32 LengthMask = 0xf;
constexpr int OffsetShift = 8;

bool isBertWhitespace(char32_t c)
{
    switch (c) {
    case u'\t':
    case u'\n':
    case u'\v':
    case u'\f':
    case u'\r':
    case u' ':
    case 0x85:
    case 0xa0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202f:
    case 0x205f:
    case 0x3000:
        return true;
    default:
        return c >= 0x2000 && c <= 0x200a;
    }
}

bool isBertPunctuation(char32_t c)
{
    if (c < 0x80)
        return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96)
            || (c >= 123 && c <= 126);
    return QChar::isPunct(c);
}

// The CJK Unified Ideographs blocks, as BERT defines "Chinese characters" (not kana, not Hangul).
bool isChineseChar(char32_t c)
{
    return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)
        || (c >= 0x20000 && c <= 0x2a6df) || (c >= 0x2a700 && c <= 0x2b73f)
        || (c >= 0x2b740 && c <= 0x2b81f) || (c >= 0x2b920 && c <= 0x2ceaf)
        || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x2f800 && c <= 0x2fa1f);
}

bool isRemovedByCleanText(char32_t c)
{
    if (c == 0 || c == 0xfffd)
        return true;
    if (c == u'\t' || c == u'\n' || c == u'\r')
        return false;
    switch (QChar::category(c)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_PrivateUse:
    case QChar::Other_Surrogate:
        return true;
    default:
        return false; // unassigned code points stay, as in the Rust crate
    }
}

// NFD, drop nonspacing marks, lower-case one code point at a time: the Rust crate's order.
// Decomposing each code point on its own skips canonical reordering, which only matters for
// marks that survive stripping (a few musical symbols).
QString normalisedForm(char32_t c, bool alwaysDecompose)
{
    QString decomposed = QString::fromUcs4(&c, 1);
    if (alwaysDecompose || QChar::decompositionTag(c) == QChar::Canonical)
        decomposed = decomposed.normalized(QString::NormalizationForm_D);
    QString out;
    for (const char32_t u : decomposed.toUcs4()) {
        if (QChar::category(u) == QChar::Mark_NonSpacing)
            continue;
        const char32_t lower = QChar::toLower(u);
        out.append(QStringView(QChar::fromUcs4(lower)));
    }
    return out;
}

CharKind classify(char32_t c, const QString &normalised)
{
    if (isRemovedByCleanText(c))
        return CharKind::Drop;
    if (isBertWhitespace(c))
        return CharKind::Space;
    if (isChineseChar(c))
        return CharKind::Isolated;
    const QList<uint> parts = normalised.toUcs4();
    if (parts.isEmpty())
        return CharKind::Drop;
    if (parts.size() == 1) {
        if (isBertWhitespace(parts.front()))
            return CharKind::Space;
        return isBertPunctuation(parts.front()) ? CharKind::Isolated : CharKind::Letter;
    }
    const bool plain = std::none_of(parts.begin(), parts.end(),
        [](uint u) { return isBertWhitespace(u) || isBertPunctuation(u); });
    return plain ? CharKind::Letter : CharKind::Mixed;
}

} // namespace

struct WordPieceTables
{
    // Open addressing over whole vocabulary entries. Most words, and most word endings after a
    // first piece, are one entry: one hash and one cache line instead of a walk down the trie.
    class VocabularyHash
    {
    public:
        void insert(std::u16string_view token, qint32 id)
        {
            // Longer entries could only match words that are [UNK] for their length anyway.
            if (token.empty() || token.size() > MaxLength)
                return;
            m_pending.emplace_back(std::u16string(token), id);
        }

        void finish()
        {
            quint64 size = 16;
            while (size < 2 * m_pending.size())
                size *= 2;
            m_mask = size - 1;
            m_buckets.assign(size, Bucket {});
            for (const auto &[token, id] : m_pending) {
                const quint64 h = hash(token.data(), qsizetype(token.size()));
                quint64 slot = h & m_mask;
                while (m_buckets[slot].key != 0)
                    slot = (slot + 1) & m_mask;
                Bucket &bucket = m_buckets[slot];
                bucket.key = key(h, qsizetype(token.size()));
                bucket.id = id;
                const size_t head = std::min<size_t>(token.size(), HeadLength);
                std::copy_n(token.data(), head, bucket.head);
                bucket.tailOffset = quint32(m_tails.size());
                m_tails.insert(m_tails.end(), token.begin() + head, token.end());
            }
            m_pending.clear();
            m_pending.shrink_to_fit();
        }

        qint32 find(const char16_t *s, qsizetype n) const
        {
            if (n > MaxLength)
                return -1;
            const quint64 h = hash(s, n);
            const quint32 wanted = key(h, n);
            for (quint64 slot = h & m_mask;; slot = (slot + 1) & m_mask) {
                const Bucket &bucket = m_buckets[slot];
                if (bucket.key == 0)
                    return -1;
                if (bucket.key == wanted && matches(bucket, s, n))
                    return bucket.id;
            }
        }

    private:
        static constexpr qsizetype MaxLength = 0xffff;
        static constexpr qsizetype HeadLength = 10;

        // 32 bytes: the key, the id and most entries' whole text share one cache line.
        struct alignas(32) Bucket
        {
            quint32 key = 0; // 16 bits of the hash, then the length (never 0): 0 is empty
            qint32 id = -1;
            quint32 tailOffset = 0; // units past HeadLength, in m_tails
            char16_t head[HeadLength] = {};
        };

        bool matches(const Bucket &bucket, const char16_t *s, qsizetype n) const
        {
            const qsizetype head = std::min(n, HeadLength);
            for (qsizetype i = 0; i < head; ++i)
                if (bucket.head[i] != s[i])
                    return false;
            return std::equal(s + head, s + n, m_tails.data() + bucket.tailOffset);
        }

        static quint64 hash(const char16_t *s, qsizetype n)
        {
            quint64 h = 0xcbf29ce484222325ULL ^ quint64(n);
            for (qsizetype i = 0; i < n; ++i)
                h = (h ^ s[i]) * 0x100000001b3ULL;
            return h ^ (h >> 29);
        }

        static quint32 key(quint64 h, qsizetype n) { return quint32(h >> 48) << 16 | quint32(n); }

        std::vector<std::pair<std::u16string, qint32>> m_pending; // until finish()
        std::vector<Bucket> m_buckets;
        std::vector<char16_t> m_tails;
        quint64 m_mask = 0;
    };

    struct Node
    {
        qint32 id = -1;
        quint32 childBegin = 0;
        quint32 childCount = 0;
    };
    struct Edge
    {
        char16_t c;
        quint32 node;
    };
    struct Special
    {
        QString content;
        qint32 id;
    };

    std::vector<quint32> charTable; // one entry per BMP code unit
    std::vector<char16_t> expansions; // normalised forms, referenced by charTable
    std::vector<Node> nodes; // vocabulary trie over UTF-16 units; node 0 is the root
    std::vector<Edge> edges; // children of a node, sorted by character
    VocabularyHash wholeWords; // entries that may start a word
    VocabularyHash wordEndings; // "##" entries, without the prefix
    std::vector<quint32> rootChildren; // direct index by first character, 0 = none
    std::vector<quint32> continuationChildren; // the same below "##"
    std::vector<Special> specials;
    qsizetype maxWordChars = 100;
    qsizetype vocabularySize = 0;

    quint32 child(quint32 node, char16_t c) const
    {
        const Node &n = nodes[node];
        const Edge *begin = edges.data() + n.childBegin;
        const Edge *end = begin + n.childCount;
        const Edge *it = n.childCount > 8
            ? std::lower_bound(begin, end, c, [](const Edge &e, char16_t x) { return e.c < x; })
            : std::find_if(begin, end, [c](const Edge &e) { return e.c >= c; });
        return (it != end && it->c == c) ? it->node : 0;
    }

    // The special token that starts at text[pos], longest first, or nullptr.
    const Special *specialAt(const char16_t *text, qsizetype size, qsizetype pos) const
    {
        const Special *best = nullptr;
        const QStringView rest(text + pos, size - pos);
        for (const Special &special : specials)
            if (rest.startsWith(special.content)
                && (!best || special.content.size() > best->content.size()))
                best = &special;
        return best;
    }

    void buildCharTable();
    void buildTrie(std::vector<std::pair<std::u16string, qint32>> tokens);
    void buildNode(quint32 node, const std::vector<std::pair<std::u16string, qint32>> &tokens,
        size_t lo, size_t hi, size_t depth);
};

void WordPieceTables::buildCharTable()
{
    charTable.assign(0x10000, 0);
    for (char32_t c = 0; c < 0x10000; ++c) {
        // Decompose everything non-ASCII here: Hangul syllables decompose without a tag.
        const QString normalised = normalisedForm(c, c >= 0x80);
        const CharKind kind = classify(c, normalised);
        quint32 entry = quint32(kind);
        if (kind != CharKind::Drop && kind != CharKind::Space) {
            Q_ASSERT(normalised.size() <= qsizetype(LengthMask));
            entry |= quint32(normalised.size()) << LengthShift;
            entry |= quint32(expansions.size()) << OffsetShift;
            expansions.insert(expansions.end(), QStringView(normalised).utf16(),
                QStringView(normalised).utf16() + normalised.size());
        }
        charTable[c] = entry;
    }
    for (const Special &special : specials)
        charTable[special.content.front().unicode()] |= SpecialStartFlag;
}

void WordPieceTables::buildNode(quint32 node,
    const std::vector<std::pair<std::u16string, qint32>> &tokens, size_t lo, size_t hi,
    size_t depth)
{
    if (lo < hi && tokens[lo].first.size() == depth) {
        nodes[node].id = tokens[lo].second;
        ++lo;
    }
    std::vector<std::pair<size_t, size_t>> groups;
    for (size_t k = lo; k < hi;) {
        size_t m = k + 1;
        while (m < hi && tokens[m].first[depth] == tokens[k].first[depth])
            ++m;
        groups.emplace_back(k, m);
        k = m;
    }
    nodes[node].childBegin = quint32(edges.size());
    nodes[node].childCount = quint32(groups.size());
    const quint32 firstChild = quint32(nodes.size());
    for (const auto &[from, to] : groups) {
        edges.push_back({ tokens[from].first[depth], quint32(nodes.size()) });
        nodes.emplace_back();
    }
    for (size_t g = 0; g < groups.size(); ++g)
        buildNode(firstChild + quint32(g), tokens, groups[g].first, groups[g].second, depth + 1);
}

void WordPieceTables::buildTrie(std::vector<std::pair<std::u16string, qint32>> tokens)
{
    for (const auto &[token, id] : tokens) {
        wholeWords.insert(token, id);
        if (token.size() > 2 && token.starts_with(u"##"))
            wordEndings.insert(std::u16string_view(token).substr(2), id);
    }
    wholeWords.finish();
    wordEndings.finish();
    std::sort(tokens.begin(), tokens.end());
    nodes.emplace_back();
    buildNode(0, tokens, 0, tokens.size(), 0);
    rootChildren.assign(0x10000, 0);
    continuationChildren.assign(0x10000, 0);
    const auto fillDirect = [this](quint32 node, std::vector<quint32> &direct) {
        for (quint32 k = 0; k < nodes[node].childCount; ++k)
            direct[edges[nodes[node].childBegin + k].c] = edges[nodes[node].childBegin + k].node;
    };
    fillDirect(0, rootChildren);
    const quint32 hash = child(0, u'#');
    const quint32 prefix = hash ? child(hash, u'#') : 0;
    if (prefix)
        fillDirect(prefix, continuationChildren);
}

namespace {

using Tables = WordPieceTables;

// One pre-token: a normalised word, or a special token matched verbatim in the input.
struct WordView
{
    const char16_t *chars = nullptr;
    qsizetype size = 0; // stored units; stops growing once the word is too long for WordPiece
    qsizetype codePoints = 0;
    qint32 specialId = -1;
    const qsizetype *charEnds = nullptr; // per unit: input offset past its source code point
    qsizetype inputBegin = 0; // input offset of the first source code point
    qsizetype inputEnd = 0; // input offset past the last one
};

struct Piece
{
    qint32 id;
    qsizetype end; // in word units
};
using Pieces = QVarLengthArray<Piece, 128>;

// Splits normalised text into pre-tokens and hands each to onWord, which returns false to stop.
// TrackOffsets records where each unit came from, for cutting the input between pieces.
template<bool TrackOffsets> class WordWalker
{
public:
    WordWalker(const Tables &tables, QStringView text)
        : m_tables(tables)
        , m_text(text.utf16())
        , m_size(text.size())
        , m_capacity(2 * tables.maxWordChars + 2)
    { }

    template<typename OnWord> void run(OnWord &&onWord)
    {
        qsizetype i = 0;
        while (i < m_size) {
            const qsizetype begin = i;
            const char16_t unit = m_text[i++];
            quint32 entry;
            const char16_t *form;
            char16_t astral[16];
            if (QChar::isHighSurrogate(unit) && i < m_size && QChar::isLowSurrogate(m_text[i])) {
                entry = classifyAstral(QChar::surrogateToUcs4(unit, m_text[i++]), astral);
                form = astral;
            } else {
                entry = m_tables.charTable[unit];
                form = m_tables.expansions.data() + (entry >> OffsetShift);
                if ((entry & SpecialStartFlag) && matchSpecial(begin, i, onWord)) {
                    if (m_stopped)
                        return;
                    continue;
                }
            }
            const qsizetype length = (entry >> LengthShift) & LengthMask;
            switch (CharKind(entry & KindMask)) {
            case CharKind::Drop:
                break;
            case CharKind::Space:
                flush(onWord);
                break;
            case CharKind::Isolated:
                flush(onWord);
                push(form, length, begin, i);
                flush(onWord);
                break;
            case CharKind::Letter:
                if (length == 1)
                    pushUnit(*form, begin, i);
                else
                    push(form, length, begin, i);
                break;
            case CharKind::Mixed:
                pushMixed(form, length, begin, i, onWord);
                break;
            }
            if (m_stopped)
                return;
        }
        flush(onWord);
    }

private:
    static quint32 classifyAstral(char32_t c, char16_t *out)
    {
        const QString normalised = normalisedForm(c, false);
        const qsizetype length = std::min<qsizetype>(normalised.size(), LengthMask);
        std::copy_n(QStringView(normalised).utf16(), length, out);
        return quint32(classify(c, normalised)) | quint32(length) << LengthShift;
    }

    template<typename OnWord> bool matchSpecial(qsizetype begin, qsizetype &i, OnWord &onWord)
    {
        const Tables::Special *special = m_tables.specialAt(m_text, m_size, begin);
        if (!special)
            return false;
        flush(onWord);
        if (m_stopped)
            return true;
        i = begin + special->content.size();
        WordView word;
        word.specialId = special->id;
        word.size = 0;
        word.codePoints = 1;
        word.inputBegin = begin;
        word.inputEnd = i;
        if (!onWord(std::as_const(word)))
            m_stopped = true;
        return true;
    }

    void pushUnit(char16_t u, qsizetype begin, qsizetype end)
    {
        if (m_codePoints == 0)
            m_wordBegin = begin;
        m_wordEnd = end;
        if (!QChar::isLowSurrogate(u))
            ++m_codePoints;
        if (m_chars.size() < m_capacity) {
            m_chars.append(u);
            if constexpr (TrackOffsets)
                m_ends.append(end);
        }
    }

    void push(const char16_t *units, qsizetype length, qsizetype begin, qsizetype end)
    {
        for (qsizetype k = 0; k < length; ++k)
            pushUnit(units[k], begin, end);
    }

    template<typename OnWord>
    void pushMixed(
        const char16_t *units, qsizetype length, qsizetype begin, qsizetype end, OnWord &onWord)
    {
        for (qsizetype k = 0; k < length && !m_stopped; ++k) {
            const bool pair = k + 1 < length && QChar::isHighSurrogate(units[k])
                && QChar::isLowSurrogate(units[k + 1]);
            const char32_t c = pair ? QChar::surrogateToUcs4(units[k], units[k + 1]) : units[k];
            const qsizetype n = pair ? 2 : 1;
            if (isBertWhitespace(c)) {
                flush(onWord);
            } else if (isBertPunctuation(c)) {
                flush(onWord);
                push(units + k, n, begin, end);
                flush(onWord);
            } else {
                push(units + k, n, begin, end);
            }
            k += n - 1;
        }
    }

    template<typename OnWord> void flush(OnWord &onWord)
    {
        if (m_codePoints == 0 || m_stopped)
            return;
        WordView word;
        word.chars = m_chars.constData();
        word.size = m_chars.size();
        word.codePoints = m_codePoints;
        if constexpr (TrackOffsets)
            word.charEnds = m_ends.constData();
        word.inputBegin = m_wordBegin;
        word.inputEnd = m_wordEnd;
        if (!onWord(std::as_const(word)))
            m_stopped = true;
        m_chars.clear();
        if constexpr (TrackOffsets)
            m_ends.clear();
        m_codePoints = 0;
    }

    const Tables &m_tables;
    const char16_t *m_text;
    qsizetype m_size;
    qsizetype m_capacity;
    QVarLengthArray<char16_t, 256> m_chars;
    QVarLengthArray<qsizetype, TrackOffsets ? 256 : 1> m_ends;
    qsizetype m_codePoints = 0;
    qsizetype m_wordBegin = 0;
    qsizetype m_wordEnd = 0;
    bool m_stopped = false;
};

// Greedy longest-match WordPiece. A word that is too long, or has a part no vocabulary entry
// matches, becomes one [UNK].
void wordPieces(const Tables &t, const WordView &word, Pieces &pieces)
{
    pieces.clear();
    if (word.specialId >= 0) {
        pieces.append({ word.specialId, word.size });
        return;
    }
    if (word.codePoints > t.maxWordChars) {
        pieces.append({ WordPieceTokenizer::UnknownId, word.size });
        return;
    }
    qsizetype pos = 0;
    while (pos < word.size) {
        // The longest match is the rest of the word when the vocabulary has it whole.
        const Tables::VocabularyHash &whole = pos == 0 ? t.wholeWords : t.wordEndings;
        if (const qint32 id = whole.find(word.chars + pos, word.size - pos); id >= 0) {
            pieces.append({ id, word.size });
            return;
        }
        const std::vector<quint32> &first = pos == 0 ? t.rootChildren : t.continuationChildren;
        quint32 node = first[word.chars[pos]];
        qint32 best = -1;
        qsizetype bestEnd = pos;
        for (qsizetype k = pos + 1; node != 0; ++k) {
            if (t.nodes[node].id >= 0) {
                best = t.nodes[node].id;
                bestEnd = k;
            }
            if (k == word.size)
                break;
            node = t.child(node, word.chars[k]);
        }
        if (best < 0) {
            pieces.clear();
            pieces.append({ WordPieceTokenizer::UnknownId, word.size });
            return;
        }
        pieces.append({ best, bestEnd });
        pos = bestEnd;
    }
}

Error formatError(const QString &path, const QString &detail)
{
    return Error { QCoreApplication::translate("WordPieceTokenizer",
        "The tokenizer file %1 is not a BERT WordPiece tokenizer that Signal Hub can "
        "use (%2).")
            .arg(path, detail) };
}

// Checks that the file describes the pipeline implemented here; returns a detail or nothing.
QString unsupportedPart(const QJsonObject &root)
{
    const QJsonObject model = root.value(u"model").toObject();
    if (model.value(u"type").toString() != u"WordPiece")
        return QCoreApplication::translate("WordPieceTokenizer", "the model is not WordPiece");
    if (model.value(u"continuing_subword_prefix").toString(QStringLiteral("##")) != u"##")
        return QCoreApplication::translate(
            "WordPieceTokenizer", "the continuing subword prefix is not ##");
    if (model.value(u"unk_token").toString() != u"[UNK]")
        return QCoreApplication::translate("WordPieceTokenizer", "the unknown token is not [UNK]");
    const QJsonObject normalizer = root.value(u"normalizer").toObject();
    if (normalizer.value(u"type").toString() != u"BertNormalizer"
        || !normalizer.value(u"clean_text").toBool() || !normalizer.value(u"lowercase").toBool()
        || !normalizer.value(u"handle_chinese_chars").toBool()
        || normalizer.value(u"strip_accents").toBool(true) != true)
        return QCoreApplication::translate(
            "WordPieceTokenizer", "the normalizer is not an uncased BertNormalizer");
    if (root.value(u"pre_tokenizer").toObject().value(u"type").toString() != u"BertPreTokenizer")
        return QCoreApplication::translate(
            "WordPieceTokenizer", "the pre-tokenizer is not BertPreTokenizer");
    const QJsonArray added = root.value(u"added_tokens").toArray();
    for (const QJsonValue &token : added) {
        const QJsonObject t = token.toObject();
        if (t.value(u"normalized").toBool() || t.value(u"lstrip").toBool()
            || t.value(u"rstrip").toBool() || t.value(u"single_word").toBool()
            || t.value(u"content").toString().isEmpty()
            || t.value(u"content").toString().front().isSurrogate())
            return QCoreApplication::translate(
                "WordPieceTokenizer", "added token %1 needs options this tokenizer lacks")
                .arg(t.value(u"content").toString());
    }
    const QJsonObject vocab = model.value(u"vocab").toObject();
    const std::pair<const char16_t *, qint32> expected[] = {
        { u"[PAD]", WordPieceTokenizer::PadId },
        { u"[UNK]", WordPieceTokenizer::UnknownId },
        { u"[CLS]", WordPieceTokenizer::ClsId },
        { u"[SEP]", WordPieceTokenizer::SepId },
    };
    for (const auto &[token, id] : expected)
        if (vocab.value(QStringView(token)).toInt(-1) != id)
            return QCoreApplication::translate("WordPieceTokenizer", "%1 does not have id %2")
                .arg(QStringView(token))
                .arg(id);
    return {};
}

} // namespace

WordPieceTokenizer::WordPieceTokenizer(std::unique_ptr<const WordPieceTables> tables)
    : m_tables(std::move(tables))
    , m_cacheOwner(CountCache::newOwner())
{ }

WordPieceTokenizer::~WordPieceTokenizer() = default;

Result<std::shared_ptr<const WordPieceTokenizer>> WordPieceTokenizer::load()
{
    const Result<QString> path = Assets::path(QStringLiteral("minilm/tokenizer.json"));
    if (!path)
        return path.error();
    // Every chunker and the model share one copy: the tables take a few MiB.
    static QMutex mutex;
    static QString cachedPath;
    static std::weak_ptr<const WordPieceTokenizer> cached;
    const QMutexLocker locker(&mutex);
    if (*path == cachedPath)
        if (auto shared = cached.lock())
            return shared;
    auto loaded = loadFile(*path);
    if (loaded) {
        cachedPath = *path;
        cached = *loaded;
    }
    return loaded;
}

Result<std::shared_ptr<const WordPieceTokenizer>> WordPieceTokenizer::loadFile(const QString &path)
{
    QElapsedTimer timer;
    timer.start();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error { QCoreApplication::translate(
            "WordPieceTokenizer", "Could not read the tokenizer file %1: %2")
                .arg(path, file.errorString()) };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (document.isNull())
        return Error { QCoreApplication::translate(
            "WordPieceTokenizer", "The tokenizer file %1 is not valid JSON: %2")
                .arg(path, parseError.errorString()) };
    const QJsonObject root = document.object();
    if (const QString detail = unsupportedPart(root); !detail.isEmpty())
        return formatError(path, detail);

    auto tables = std::make_unique<WordPieceTables>();
    const QJsonObject model = root.value(u"model").toObject();
    tables->maxWordChars = model.value(u"max_input_chars_per_word").toInteger(100);
    if (tables->maxWordChars < 1 || tables->maxWordChars > 10000)
        return formatError(path,
            QCoreApplication::translate(
                "WordPieceTokenizer", "max_input_chars_per_word is out of range"));

    const QJsonObject vocab = model.value(u"vocab").toObject();
    std::vector<std::pair<std::u16string, qint32>> tokens;
    tokens.reserve(vocab.size());
    for (auto it = vocab.begin(); it != vocab.end(); ++it) {
        const QString token = it.key();
        if (!token.isEmpty())
            tokens.emplace_back(std::u16string(QStringView(token).utf16(), size_t(token.size())),
                it.value().toInt());
    }
    tables->vocabularySize = vocab.size();
    const QJsonArray added = root.value(u"added_tokens").toArray();
    for (const QJsonValue &token : added) {
        const QJsonObject t = token.toObject();
        tables->specials.push_back(
            { t.value(u"content").toString(), qint32(t.value(u"id").toInt()) });
    }
    tables->buildTrie(std::move(tokens));
    tables->buildCharTable();
    qCDebug(lcTokenizer) << "loaded" << path << tables->vocabularySize << "tokens,"
                         << tables->nodes.size() << "trie nodes in" << timer.elapsed() << "ms";
    return std::shared_ptr<const WordPieceTokenizer>(new WordPieceTokenizer(std::move(tables)));
}

QString WordPieceTokenizer::name() const
{
    return QStringLiteral("minilm-wordpiece");
}

bool WordPieceTokenizer::isExact() const
{
    return true;
}

qsizetype WordPieceTokenizer::vocabularySize() const
{
    return m_tables->vocabularySize;
}

bool WordPieceTokenizer::addsUpAcross(QStringView line, QStringView next) const
{
    Q_UNUSED(next);
    // A line break is BertPreTokenizer white space and no special token holds one.
    return !line.isEmpty() && (line.back() == u'\n' || line.back() == u'\r');
}

qsizetype WordPieceTokenizer::count(QStringView text) const
{
    qsizetype total = 0;
    Pieces pieces;
    CountCache &cache = CountCache::forThisThread();
    WordWalker<false>(*m_tables, text).run([&](const WordView &word) {
        const auto countAnew = [&] {
            wordPieces(*m_tables, word, pieces);
            return pieces.size();
        };
        // A special token's letters are not what it counts as. (A word the cache holds has at
        // most CountCache::MaxLength units, so it is never too long for WordPiece.)
        total += word.specialId >= 0
            ? countAnew()
            : cache.count(m_cacheOwner, QStringView(word.chars, word.size), countAnew);
        return true;
    });
    return total;
}

QList<qint32> WordPieceTokenizer::encode(QStringView text, int maxTokens) const
{
    const qsizetype budget = std::max(maxTokens, 2) - 2;
    QVarLengthArray<qint32, MaxSequenceLength> ids;
    ids.append(ClsId);
    Pieces pieces;
    WordWalker<false>(*m_tables, text).run([&](const WordView &word) {
        wordPieces(*m_tables, word, pieces);
        const qsizetype room = budget - (ids.size() - 1);
        const qsizetype taken = std::min(room, pieces.size());
        for (qsizetype k = 0; k < taken; ++k)
            ids.append(pieces[k].id);
        return taken < room;
    });
    ids.append(SepId);
    return QList<qint32>(ids.begin(), ids.end());
}

qsizetype WordPieceTokenizer::prefixLengthForTokens(QStringView text, qsizetype maxPieces) const
{
    if (maxPieces <= 0)
        return 0;
    qsizetype used = 0;
    qsizetype cut = text.size();
    Pieces pieces;
    WordWalker<true>(*m_tables, text).run([&](const WordView &word) {
        wordPieces(*m_tables, word, pieces);
        if (used + pieces.size() <= maxPieces) {
            used += pieces.size();
            return true;
        }
        // Whole words first; the spaces before this word belong to the prefix.
        cut = word.inputBegin;
        // Cut the word itself only between pieces that come from different input characters:
        // greedy matching gives the truncated word the same leading pieces.
        for (qsizetype j = maxPieces - used; j >= 1; --j) {
            const qsizetype end = pieces[j - 1].end;
            if (word.charEnds && end < word.size && word.charEnds[end - 1] != word.charEnds[end]) {
                cut = word.charEnds[end - 1];
                break;
            }
        }
        return false;
    });
    return cut;
}

} // namespace SignalHub::Core
