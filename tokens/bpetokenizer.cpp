#include "bpetokenizer.h"

#include "assets.h"
#include "countcache.h"
#include "logging.h"
#include "pretokenizer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <algorithm>
#include <climits>
#include <cstring>
#include <functional>

namespace SignalHub::Core {

namespace {

// At least every character PCRE2's \s matches with PCRE2_UCP (Z categories, tab, line feed,
// vertical tab, form feed, carriage return, U+0085, U+180E): a superset keeps
// addsUpAcross() on the safe side.
bool isPatternSpaceOrMore(QChar c)
{
    return c.isSpace() || c.unicode() == 0x180E || c.unicode() == 0x85
        || c.category() == QChar::Separator_Space || c.category() == QChar::Separator_Line
        || c.category() == QChar::Separator_Paragraph;
}

constexpr std::int32_t NoRank = INT32_MAX;
// Pieces up to this many bytes merge by rescanning a flat array (what tiktoken does, and
// fastest for short pieces); longer ones use a heap, so a megabyte without spaces cannot
// take quadratic time. Both merge in the same order, so the tokens are the same.
constexpr std::size_t LongPiece = 128;

Error damaged(const QString &what, const QString &detail)
{
    return Error { QCoreApplication::translate("BpeTokenizer",
        "The token file %1 is damaged (%2). Reinstall Signal Hub, or run "
        "tools/fetch-assets and rebuild.")
            .arg(what, detail) };
}

// Good enough spreading for short byte strings, and cheap: tokens are mostly 2-8 bytes.
std::uint64_t hashBytes(const char *bytes, std::size_t length)
{
    constexpr std::uint64_t k = 0x9E3779B97F4A7C15ull;
    std::uint64_t h = length * 0xFF51AFD7ED558CCDull;
    while (length >= 8) {
        std::uint64_t word;
        std::memcpy(&word, bytes, 8);
        h = (h ^ word) * k;
        h ^= h >> 32;
        bytes += 8;
        length -= 8;
    }
    if (length > 0) {
        std::uint64_t word = 0;
        std::memcpy(&word, bytes, length);
        h = (h ^ word) * k;
    }
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 32);
}

int base64Value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

// Appends the decoded bytes of one padded base64 field; false if it is not base64.
bool appendBase64(const char *field, std::size_t length, std::vector<char> &out)
{
    if (length == 0 || length % 4 != 0)
        return false;
    std::size_t padding = 0;
    while (padding < 2 && field[length - 1 - padding] == '=')
        ++padding;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (std::size_t i = 0; i < length - padding; ++i) {
        const int value = base64Value(field[i]);
        if (value < 0)
            return false;
        buffer = (buffer << 6) | std::uint32_t(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(char((buffer >> bits) & 0xFF));
        }
    }
    return true;
}

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

bool areBelowU8000(const char16_t *fourUnits)
{
    std::uint64_t units;
    std::memcpy(&units, fourUnits, sizeof units);
    return (units & 0x8000800080008000ull) == 0;
}

// JavaScript hands tiktoken UTF-8 made with U+FFFD for unpaired surrogates. Do the same
// before matching: PCRE2 is told not to check (PCRE2_NO_UTF_CHECK) and needs valid UTF-16.
bool hasLoneSurrogate(QStringView text)
{
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        // Every text counted is checked: most are far below the surrogates, four units at a time.
        while (i + 4 <= size && areBelowU8000(text.utf16() + i))
            i += 4;
        if (i == size)
            return false;
        const char16_t c = text[i].unicode();
        if (c < 0xD800 || c > 0xDFFF)
            continue;
        if (c >= 0xDC00 || i + 1 == size || !QChar::isLowSurrogate(text[i + 1].unicode()))
            return true;
        ++i;
    }
    return false;
}

QString withoutLoneSurrogates(QStringView text)
{
    QString out;
    out.reserve(text.size());
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        const QChar c = text[i];
        if (c.isHighSurrogate() && i + 1 < size && text[i + 1].isLowSurrogate()) {
            out += c;
            out += text[++i];
        } else if (c.isSurrogate()) {
            out += QChar(QChar::ReplacementCharacter);
        } else {
            out += c;
        }
    }
    return out;
}

// UTF-16 (without unpaired surrogates) to UTF-8; `out` holds 3 bytes per code unit.
std::size_t toUtf8(QStringView text, char *out)
{
    char *o = out;
    const char16_t *p = text.utf16();
    const char16_t *end = p + text.size();
    while (p < end) {
        const char32_t c = *p++;
        if (c < 0x80) {
            *o++ = char(c);
        } else if (c < 0x800) {
            *o++ = char(0xC0 | (c >> 6));
            *o++ = char(0x80 | (c & 0x3F));
        } else if (c >= 0xD800 && c < 0xDC00 && p < end) {
            const char32_t full = 0x10000 + ((c - 0xD800) << 10) + (char32_t(*p++) - 0xDC00);
            *o++ = char(0xF0 | (full >> 18));
            *o++ = char(0x80 | ((full >> 12) & 0x3F));
            *o++ = char(0x80 | ((full >> 6) & 0x3F));
            *o++ = char(0x80 | (full & 0x3F));
        } else {
            *o++ = char(0xE0 | (c >> 12));
            *o++ = char(0x80 | ((c >> 6) & 0x3F));
            *o++ = char(0x80 | (c & 0x3F));
        }
    }
    return std::size_t(o - out);
}

bool isFamily(const QString &model, QLatin1StringView family)
{
    if (!model.startsWith(family))
        return false;
    if (model.size() == family.size())
        return true;
    const QChar next = model.at(family.size());
    return next == u'-' || next == u'.' || next == u':';
}

} // namespace

BpeTokenizer::~BpeTokenizer() = default;

// Buffers each thread keeps between calls, so that neither a piece nor a call allocates: the
// chunker counts every line on its own.
class BpeTokenizer::Scratch
{
public:
    static Scratch &forThisThread()
    {
        static thread_local Scratch scratch;
        return scratch;
    }
    // After a piece of a minified megabyte, give the memory back rather than keep it per thread.
    void shrinkIfLarge()
    {
        constexpr std::size_t Large = 1 << 16;
        if (utf8.capacity() > 3 * Large || parts.capacity() > Large || next.capacity() > Large)
            *this = Scratch();
    }

    struct Part
    {
        std::uint32_t start;
        std::int32_t pairRank; // of this part merged with the next one
        std::int32_t tokenRank;
    };

    std::vector<char> utf8;
    std::vector<Part> parts;
    // mergeLong(): a linked list over byte positions and a min-heap of (rank, position).
    std::vector<std::uint32_t> next;
    std::vector<std::uint32_t> prev;
    std::vector<std::int32_t> pairRank;
    std::vector<std::int32_t> tokenRank;
    std::vector<std::uint64_t> heap;
};

QStringList BpeTokenizer::encodings()
{
    return { QStringLiteral("cl100k_base"), QStringLiteral("o200k_base") };
}

QString BpeTokenizer::encodingForModel(const QString &model)
{
    QString name = model.trimmed().toLower();
    // Fine-tunes ("ft:gpt-4o-mini:org::id") and routed names ("openai/gpt-4o") count like
    // the model they are based on.
    if (name.startsWith(u"ft:"))
        name = name.mid(3).section(u':', 0, 0);
    name = name.section(u'/', -1);

    // Newer families first: "gpt-4o" and "gpt-4.1" must not fall into "gpt-4".
    static const std::pair<QLatin1StringView, QLatin1StringView> families[] = {
        { QLatin1StringView("gpt-4o"), QLatin1StringView("o200k_base") },
        { QLatin1StringView("chatgpt-4o"), QLatin1StringView("o200k_base") },
        { QLatin1StringView("gpt-4.1"), QLatin1StringView("o200k_base") },
        { QLatin1StringView("gpt-4.5"), QLatin1StringView("o200k_base") },
        { QLatin1StringView("gpt-5"), QLatin1StringView("o200k_base") },
        { QLatin1StringView("o1"), QLatin1StringView("o200k_base") },
        { QLatin1StringView("o3"), QLatin1StringView("o200k_base") },
        { QLatin1StringView("o4"), QLatin1StringView("o200k_base") },
        { QLatin1StringView("text-embedding-3"), QLatin1StringView("cl100k_base") },
        { QLatin1StringView("text-embedding-ada-002"), QLatin1StringView("cl100k_base") },
        { QLatin1StringView("gpt-4"), QLatin1StringView("cl100k_base") },
        { QLatin1StringView("gpt-3.5-turbo"), QLatin1StringView("cl100k_base") },
        { QLatin1StringView("gpt-35-turbo"), QLatin1StringView("cl100k_base") },
        { QLatin1StringView("davinci-002"), QLatin1StringView("cl100k_base") },
        { QLatin1StringView("babbage-002"), QLatin1StringView("cl100k_base") },
    };
    for (const auto &[family, encoding] : families) {
        if (isFamily(name, family))
            return encoding;
    }
    return {};
}

Result<std::shared_ptr<const BpeTokenizer>> BpeTokenizer::load(const QString &encoding)
{
    if (!encodings().contains(encoding)) {
        return Error { QCoreApplication::translate(
            "BpeTokenizer", "Unknown token encoding \"%1\"; Signal Hub knows %2.")
                .arg(encoding, encodings().join(QStringLiteral(", "))) };
    }
    const Result<QString> file
        = Assets::path(QStringLiteral("tiktoken/") + encoding + QStringLiteral(".json"));
    if (!file)
        return file.error();
    return loadFile(encoding, *file);
}

Result<std::shared_ptr<const BpeTokenizer>> BpeTokenizer::loadFile(
    const QString &encoding, const QString &jsonPath)
{
    // Ranks take megabytes and tens of milliseconds to build: share them.
    static QMutex mutex;
    static QHash<QString, std::weak_ptr<const BpeTokenizer>> loaded;
    const QString key = encoding + u'\n' + jsonPath;
    const QMutexLocker locker(&mutex);
    if (auto existing = loaded.value(key).lock())
        return existing;

    QFile file(jsonPath);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error { QCoreApplication::translate(
            "BpeTokenizer", "Cannot read the token file %1: %2.")
                .arg(jsonPath, file.errorString()) };
    }
    QElapsedTimer timer;
    timer.start();
    Result<std::shared_ptr<const BpeTokenizer>> result = parse(encoding, file.readAll());
    if (!result)
        return damaged(jsonPath, result.errorMessage());
    qCDebug(lcTokenizer) << "loaded" << encoding << "from" << jsonPath << "in" << timer.elapsed()
                         << "ms";
    loaded.insert(key, *result);
    return result;
}

Result<std::shared_ptr<const BpeTokenizer>> BpeTokenizer::parse(
    const QString &encoding, const QByteArray &json)
{
    QJsonParseError jsonError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &jsonError);
    if (jsonError.error != QJsonParseError::NoError)
        return Error { jsonError.errorString() };
    const QJsonObject object = document.object();
    const QString pattern = object.value(u"pat_str").toString();
    const QByteArray ranks = object.value(u"bpe_ranks").toString().toLatin1();
    if (pattern.isEmpty() || ranks.isEmpty())
        return Error { QCoreApplication::translate("BpeTokenizer", "no pat_str or bpe_ranks") };

    std::shared_ptr<BpeTokenizer> tokenizer(new BpeTokenizer);
    tokenizer->m_name = encoding;
    tokenizer->m_cacheOwner = CountCache::newOwner();
    Result<std::unique_ptr<const Pretokenizer>> compiled = Pretokenizer::compile(pattern);
    if (!compiled)
        return compiled.error();
    tokenizer->m_pretokenizer = std::move(compiled).value();
    switch (tokenizer->m_pretokenizer->kind()) {
    case Pretokenizer::Kind::Cl100k:
        tokenizer->m_breakRule = BreakRule::LineBreaks;
        break;
    case Pretokenizer::Kind::O200k:
        tokenizer->m_breakRule = BreakRule::LineBreaksAndSlash;
        break;
    case Pretokenizer::Kind::Other:
        break;
    }

    // "! <first rank> <base64> <base64> ...": ranks count up from the first one.
    std::fill(std::begin(tokenizer->m_byteRank), std::end(tokenizer->m_byteRank), -1);
    tokenizer->m_bytes.reserve(std::size_t(ranks.size()));
    const char *p = ranks.constData();
    const char *end = p + ranks.size();
    std::int64_t rank = -1;
    bool expectRank = false;
    while (p < end) {
        while (p < end && isSpace(*p))
            ++p;
        const char *field = p;
        while (p < end && !isSpace(*p))
            ++p;
        const std::size_t length = std::size_t(p - field);
        if (length == 0)
            break;
        if (expectRank) {
            bool ok = false;
            rank = QByteArrayView(field, qsizetype(length)).toLongLong(&ok);
            if (!ok || rank < 0 || rank >= INT32_MAX)
                return Error { QCoreApplication::translate("BpeTokenizer", "bad rank %1")
                        .arg(QString::fromLatin1(field, qsizetype(length))) };
            expectRank = false;
            continue;
        }
        if (length == 1 && *field == '!') {
            expectRank = true;
            continue;
        }
        if (rank < 0 || rank >= INT32_MAX)
            return Error { QCoreApplication::translate("BpeTokenizer", "a token without a rank") };
        const std::size_t offset = tokenizer->m_bytes.size();
        if (!appendBase64(field, length, tokenizer->m_bytes) || tokenizer->m_bytes.size() == offset)
            return Error {
                QCoreApplication::translate("BpeTokenizer", "token %1 is not base64").arg(rank)
            };
        if (!tokenizer->addToken(tokenizer->m_bytes.data() + offset,
                std::uint32_t(tokenizer->m_bytes.size() - offset), std::int32_t(rank))) {
            return Error {
                QCoreApplication::translate("BpeTokenizer", "token %1 appears twice").arg(rank)
            };
        }
        ++rank;
    }
    for (int byte = 0; byte < 256; ++byte) {
        if (tokenizer->m_byteRank[byte] < 0)
            return Error {
                QCoreApplication::translate("BpeTokenizer", "byte %1 has no token").arg(byte)
            };
    }
    if (const std::int32_t repeated = tokenizer->buildIndex(); repeated >= 0)
        return Error { QCoreApplication::translate(
            "BpeTokenizer", "token %1 repeats an earlier one")
                .arg(repeated) };
    return std::shared_ptr<const BpeTokenizer>(std::move(tokenizer));
}

bool BpeTokenizer::addToken(const char *bytes, std::uint32_t length, std::int32_t rank)
{
    const std::uint32_t offset = std::uint32_t(bytes - m_bytes.data());
    if (std::size_t(rank) >= m_tokens.size())
        m_tokens.resize(std::size_t(rank) + 1, Token { 0, 0 });
    if (m_tokens[std::size_t(rank)].length != 0)
        return false;
    m_tokens[std::size_t(rank)] = Token { offset, length };
    if (length == 1)
        m_byteRank[static_cast<unsigned char>(*bytes)] = rank;
    return true;
}

std::int32_t BpeTokenizer::buildIndex()
{
    std::size_t capacity = 1024;
    while (capacity < m_tokens.size() * 2)
        capacity *= 2;
    m_slots.assign(capacity, Slot { 0, -1 });
    m_mask = std::uint32_t(capacity - 1);
    for (std::size_t rank = 0; rank < m_tokens.size(); ++rank) {
        const Token token = m_tokens[rank];
        if (token.length == 0)
            continue;
        if (rankOf(m_bytes.data() + token.offset, token.length) >= 0)
            return std::int32_t(rank);
        const std::uint64_t hash = hashBytes(m_bytes.data() + token.offset, token.length);
        std::uint32_t index = std::uint32_t(hash) & m_mask;
        while (m_slots[index].rank >= 0)
            index = (index + 1) & m_mask;
        m_slots[index] = Slot { std::uint32_t(hash >> 32), std::int32_t(rank) };
    }
    return -1;
}

int BpeTokenizer::rankOf(const char *bytes, std::size_t length) const
{
    const std::uint64_t hash = hashBytes(bytes, length);
    const std::uint32_t tag = std::uint32_t(hash >> 32);
    for (std::uint32_t index = std::uint32_t(hash) & m_mask;; index = (index + 1) & m_mask) {
        const Slot slot = m_slots[index];
        if (slot.rank < 0)
            return -1;
        if (slot.hash != tag)
            continue;
        const Token token = m_tokens[std::size_t(slot.rank)];
        if (token.length == length
            && std::memcmp(m_bytes.data() + token.offset, bytes, length) == 0)
            return slot.rank;
    }
}

QList<int> BpeTokenizer::encode(QStringView text) const
{
    QList<int> tokens;
    tokens.reserve(text.size() / 3 + 8);
    encodeInto(text, [&tokens](int rank) { tokens.append(rank); });
    return tokens;
}

// The pattern's pieces hold a line break in two alternatives only: ` ?[^\s\p{L}\p{N}]+[\r\n]*`
// (punctuation, then line breaks; o200k_base also takes '/') and `\s*[\r\n]+` (white space up
// to its last line break). The piece that ends `line` ends at its break unless `next` starts
// with a character either may take; every other alternative stops before a line break, none
// looks behind, and the only look-ahead, `\s+(?!\S)`, is never reached in white space that
// holds a line break. So the pieces of a + b are those of a, then those of b, and BPE merges
// never cross pieces.
bool BpeTokenizer::addsUpAcross(QStringView line, QStringView next) const
{
    if (m_breakRule == BreakRule::Unknown || !line.endsWith(u'\n') || next.isEmpty())
        return false;
    for (const QChar c : next) {
        if (c == u'\r' || c == u'\n')
            return false;
        if (!isPatternSpaceOrMore(c))
            break;
    }
    if (m_breakRule == BreakRule::LineBreaksAndSlash && next.front() == u'/') {
        QStringView content = line.chopped(1);
        if (content.endsWith(u'\r'))
            content.chop(1);
        // After a letter or a digit the break is white space's; otherwise punctuation may take it.
        return !content.isEmpty() && content.back().isLetterOrNumber()
            && !content.back().isSurrogate();
    }
    return true;
}

qsizetype BpeTokenizer::count(QStringView text) const
{
    qsizetype tokens = 0;
    forEachPiece(
        text, [&](QStringView piece, Scratch &scratch) { tokens += countPiece(piece, scratch); });
    return tokens;
}

qsizetype BpeTokenizer::countPiece(QStringView piece, Scratch &scratch) const
{
    return CountCache::forThisThread().count(m_cacheOwner, piece, [&] {
        qsizetype tokens = 0;
        encodeUtf16Piece(piece, scratch, [&tokens](int) { ++tokens; });
        return tokens;
    });
}

QByteArray BpeTokenizer::decode(const QList<int> &tokens) const
{
    QByteArray bytes;
    for (const int rank : tokens) {
        if (rank < 0 || std::size_t(rank) >= m_tokens.size())
            continue;
        const Token token = m_tokens[std::size_t(rank)];
        bytes.append(m_bytes.data() + token.offset, qsizetype(token.length));
    }
    return bytes;
}

template<typename Sink> void BpeTokenizer::encodeInto(QStringView text, Sink &&sink) const
{
    forEachPiece(
        text, [&](QStringView piece, Scratch &scratch) { encodeUtf16Piece(piece, scratch, sink); });
}

template<typename Piece> void BpeTokenizer::forEachPiece(QStringView text, Piece &&piece) const
{
    if (text.isEmpty())
        return;
    QString cleaned;
    if (hasLoneSurrogate(text)) {
        cleaned = withoutLoneSurrogates(text);
        text = cleaned;
    }
    Scratch &scratch = Scratch::forThisThread();
    for (Pretokenizer::Piece next = m_pretokenizer->next(text, 0); next.start >= 0;
        next = m_pretokenizer->next(text, next.end)) {
        piece(text.sliced(next.start, next.end - next.start), scratch);
    }
    scratch.shrinkIfLarge();
}

template<typename Sink>
void BpeTokenizer::encodeUtf16Piece(QStringView piece, Scratch &scratch, Sink &&sink) const
{
    const std::size_t room = std::size_t(piece.size()) * 3;
    if (scratch.utf8.size() < room)
        scratch.utf8.resize(std::max(room, std::size_t(256)));
    const std::size_t length = toUtf8(piece, scratch.utf8.data());
    encodePiece(scratch.utf8.data(), length, scratch, sink);
}

template<typename Sink>
void BpeTokenizer::encodePiece(
    const char *bytes, std::size_t length, Scratch &scratch, Sink &sink) const
{
    if (length == 1) {
        sink(m_byteRank[static_cast<unsigned char>(*bytes)]);
        return;
    }
    // Most pieces of code and prose are whole tokens.
    if (const int rank = rankOf(bytes, length); rank >= 0) {
        sink(rank);
        return;
    }
    if (length <= LongPiece)
        mergeShort(bytes, length, scratch, sink);
    else
        mergeLong(bytes, length, scratch, sink);
}

// tiktoken's _byte_pair_merge: repeatedly merge the adjacent pair of lowest rank (the
// leftmost among equals) until no adjacent pair is a token.
template<typename Sink>
void BpeTokenizer::mergeShort(
    const char *bytes, std::size_t length, Scratch &scratch, Sink &sink) const
{
    auto pairRank = [&](std::uint32_t start, std::uint32_t end) {
        const int rank = rankOf(bytes + start, end - start);
        return rank < 0 ? NoRank : rank;
    };
    auto &parts = scratch.parts;
    parts.resize(length + 1);
    for (std::uint32_t i = 0; i < length; ++i) {
        parts[i] = { i, i + 1 < length ? pairRank(i, i + 2) : NoRank,
            m_byteRank[static_cast<unsigned char>(bytes[i])] };
    }
    parts[length] = { std::uint32_t(length), NoRank, -1 };
    std::size_t size = length + 1; // the last part only marks the end

    for (;;) {
        std::size_t best = 0;
        std::int32_t bestRank = NoRank;
        for (std::size_t i = 0; i + 1 < size; ++i) {
            if (parts[i].pairRank < bestRank) {
                bestRank = parts[i].pairRank;
                best = i;
            }
        }
        if (bestRank == NoRank)
            break;
        parts[best].tokenRank = bestRank;
        std::memmove(&parts[best + 1], &parts[best + 2], (size - best - 2) * sizeof(parts[0]));
        --size;
        parts[best].pairRank
            = best + 2 < size ? pairRank(parts[best].start, parts[best + 2].start) : NoRank;
        if (best > 0)
            parts[best - 1].pairRank = pairRank(parts[best - 1].start, parts[best + 1].start);
    }
    for (std::size_t i = 0; i + 1 < size; ++i)
        sink(parts[i].tokenRank);
}

// The same merges in the same order, found with a heap instead of a scan, for long pieces.
template<typename Sink>
void BpeTokenizer::mergeLong(
    const char *bytes, std::size_t length, Scratch &scratch, Sink &sink) const
{
    const std::uint32_t n = std::uint32_t(length);
    auto rankOrNone = [&](std::uint32_t start, std::uint32_t end) {
        const int rank = rankOf(bytes + start, end - start);
        return rank < 0 ? NoRank : rank;
    };
    auto &next = scratch.next;
    auto &prev = scratch.prev;
    auto &pairRank = scratch.pairRank;
    auto &tokenRank = scratch.tokenRank;
    auto &heap = scratch.heap;
    next.resize(n);
    prev.resize(n);
    pairRank.resize(n);
    tokenRank.resize(n);
    heap.clear();
    // Smallest rank first, then leftmost position: a min-heap on (rank << 32 | position).
    auto push = [&heap](std::int32_t rank, std::uint32_t position) {
        heap.push_back((std::uint64_t(std::uint32_t(rank)) << 32) | position);
        std::push_heap(heap.begin(), heap.end(), std::greater<>());
    };
    for (std::uint32_t i = 0; i < n; ++i) {
        next[i] = i + 1;
        prev[i] = i - 1; // wraps for the first, which is never read
        tokenRank[i] = m_byteRank[static_cast<unsigned char>(bytes[i])];
        pairRank[i] = i + 1 < n ? rankOrNone(i, i + 2) : NoRank;
        if (pairRank[i] != NoRank)
            push(pairRank[i], i);
    }
    while (!heap.empty()) {
        std::pop_heap(heap.begin(), heap.end(), std::greater<>());
        const std::uint64_t top = heap.back();
        heap.pop_back();
        const std::int32_t rank = std::int32_t(top >> 32);
        const std::uint32_t i = std::uint32_t(top);
        // Entries go stale when a neighbour merged; a pair's rank names its end exactly.
        if (tokenRank[i] < 0 || pairRank[i] != rank)
            continue;
        const std::uint32_t absorbed = next[i];
        tokenRank[i] = rank;
        tokenRank[absorbed] = -1;
        pairRank[absorbed] = NoRank;
        next[i] = next[absorbed];
        if (next[i] < n)
            prev[next[i]] = i;
        pairRank[i] = next[i] < n ? rankOrNone(i, next[next[i]]) : NoRank;
        if (pairRank[i] != NoRank)
            push(pairRank[i], i);
        if (i > 0) {
            const std::uint32_t left = prev[i];
            pairRank[left] = rankOrNone(left, next[i]);
            if (pairRank[left] != NoRank)
                push(pairRank[left], left);
        }
    }
    for (std::uint32_t i = 0; i < n; i = next[i])
        sink(tokenRank[i]);
}

} // namespace SignalHub::Core
