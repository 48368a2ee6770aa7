#include "chunker.h"

#include "foldinghighlighter.h"
#include "identifiersplitter.h"
#include "logging.h"
#include "sha256.h"
#include "textdecoder.h"
#include "tokencounter.h"

#include <KSyntaxHighlighting/Definition>
#include <QHash>
#include <algorithm>
#include <cstring>
#include <limits>
#include <optional>

namespace SignalHub::Core {

namespace {

// Boundary strengths between lines: a cut goes where the strongest boundary inside a
// too-big range is. Any line boundary is 0, a paragraph start 1, a region edge more,
// the more the shallower the region; just below a region's edges comes the junction
// between the lines above it (its header) and the region itself.
constexpr int LineBoundary = 0;
constexpr int HardBoundary = std::numeric_limits<int>::max();
constexpr int ParagraphBoundary = 1;
constexpr int regionBoundary(int depth)
{
    return 2000 - 2 * std::min(depth, 900);
}
constexpr int junctionBoundary(int depth)
{
    return regionBoundary(depth) - 1;
}
constexpr bool isRegionEdge(int strength)
{
    return strength >= regionBoundary(900) && strength <= regionBoundary(0) && strength % 2 == 0;
}
// How far above a region a blank line that separates its header (signature, comment,
// decorators) from what precedes it is looked for.
constexpr int HeaderScanLines = 200;
constexpr int MinimumMaxTokens = 16;

bool isContinuationByte(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

bool isAsciiSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool isBreakAfter(char c)
{
    return isAsciiSpace(c) || c == ';' || c == ',' || c == '}' || c == ')' || c == ']' || c == '>';
}

bool isBlank(QStringView text)
{
    return std::all_of(text.begin(), text.end(), [](QChar c) { return c.isSpace(); });
}

Chunker::Options effectiveOptions(Chunker::Options options)
{
    options.maxTokens = std::max(options.maxTokens, MinimumMaxTokens);
    options.targetTokens = std::clamp(options.targetTokens, 1, options.maxTokens);
    return options;
}

} // namespace

// The state of chunking one file; lives for one call of chunk().
class Chunker::Planner
{
public:
    Planner(const TokenCounter &counter, const Options &options, const QString &path,
        const QByteArray &bytes, TextDecoder::Encoding encoding,
        const KSyntaxHighlighting::Definition &definition)
        : m_counter(counter)
        , m_options(options)
        , m_path(path)
        , m_bytes(bytes)
        , m_definition(definition)
        , m_language(definition.isValid() ? definition.name() : QString())
        , m_encoding(encoding)
    { }

    QList<Chunk> run();

private:
    struct Range
    {
        int first; // line index, inclusive
        int end; // line index, exclusive
    };
    // A range with the strengths of the cuts on its two sides.
    struct Piece
    {
        Range range;
        int left;
        int right;
    };

    int lineCount() const { return int(m_lineStart.size()) - 1; }
    qint64 tokens(int first, int end) const { return m_tokenSum[end] - m_tokenSum[first]; }
    QStringView lineText(int line) const;
    QStringView lineContent(int line) const;
    // Too long for a chunk: cut into windows, and not worth highlighting (minified code).
    bool isLongLine(int line) const
    {
        return tokens(line, line + 1)
            > std::min<qint64>(m_options.maxTokens, 2LL * m_options.targetTokens);
    }

    void splitLines();
    void decode();
    void measureLines();
    void markBoundaries();
    void markRegions(
        const QList<FoldingHighlighter::Region> &regions, const QList<bool> &inComment);
    void chunkSegment(int first, int end);
    Range trimmed(Range range) const;
    qsizetype exactCount(Range range, const QString &text) const;
    void split(Range range, int left, QList<Piece> &out) const;
    QList<Piece> merge(QList<Piece> pieces) const;
    void keepNamingLines(QList<Piece> &pieces) const;
    QList<Piece> absorbSlivers(QList<Piece> pieces) const;
    void emitRange(Range range);
    void emitWindows(int line);
    qsizetype snapWindowEnd(qsizetype lineStart, qsizetype pos, qsizetype end) const;
    bool startsCharacter(qsizetype pos) const;
    QString decoded(qsizetype byteStart, qsizetype byteEnd) const;
    void emitChunk(qint64 byteStart, qint64 byteEnd, int line, int lastLine, int startColumn,
        int endColumn, const QString &text, qsizetype tokens);

    const TokenCounter &m_counter;
    const Options &m_options;
    const QString &m_path;
    const QByteArray &m_bytes;
    const KSyntaxHighlighting::Definition &m_definition;
    const QString m_language;
    const TextDecoder::Encoding m_encoding;

    QList<qint64> m_lineStart; // byte offset of each line, plus the file size
    QString m_text; // the whole file decoded
    QList<qsizetype> m_textStart; // offset of each line in m_text, plus its size
    QList<qint64> m_tokenSum; // prefix sums of the lines' token counts
    QList<bool> m_blank; // per line
    QList<bool> m_addsUp; // per boundary k: the counter adds up across the break before line k
    QList<int> m_strength; // per boundary k, between line k - 1 and line k
    // Per junction before a region bigger than the target: the end of the lines that name it
    // (its first line, and the signature above an Allman brace).
    QHash<int, int> m_namingEnd;
    QList<Chunk> m_chunks;
};

QList<Chunk> Chunker::Planner::run()
{
    if (m_bytes.isEmpty())
        return {};
    splitLines();
    decode();
    measureLines();
    markBoundaries();

    // Lines too long for a chunk are cut on their own, so they split the file in segments.
    int first = 0;
    for (int line = 0; line < lineCount(); ++line) {
        if (isLongLine(line)) {
            chunkSegment(first, line);
            emitWindows(line);
            first = line + 1;
        }
    }
    chunkSegment(first, lineCount());
    return std::move(m_chunks);
}

void Chunker::Planner::splitLines()
{
    const char *const data = m_bytes.constData();
    const qsizetype size = m_bytes.size();
    m_lineStart.reserve(size / 32 + 2);
    m_lineStart.append(0);
    qsizetype pos = 0;
    while (pos < size) {
        const void *newline = std::memchr(data + pos, '\n', size_t(size - pos));
        pos = newline ? static_cast<const char *>(newline) - data + 1 : size;
        m_lineStart.append(pos);
    }
}

// Decodes the file once. A newline byte is never part of a UTF-8 sequence nor anything but a
// newline in Windows-1252, so the decoded text has the same lines; per-line decoding is the
// fallback should a decoder disagree.
void Chunker::Planner::decode()
{
    m_text = TextDecoder::decode(m_bytes, m_encoding);
    m_textStart.reserve(m_lineStart.size());
    m_textStart.append(0);
    const QStringView text(m_text);
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype newline = text.indexOf(u'\n', pos);
        pos = newline < 0 ? text.size() : newline + 1;
        m_textStart.append(pos);
    }
    if (m_textStart.size() == m_lineStart.size())
        return;
    qCDebug(lcChunker) << "decoded lines differ from byte lines, decoding per line" << m_path;
    m_text.clear();
    m_textStart = { 0 };
    for (int line = 0; line < lineCount(); ++line) {
        m_text += decoded(m_lineStart[line], m_lineStart[line + 1]);
        m_textStart.append(m_text.size());
    }
}

QStringView Chunker::Planner::lineText(int line) const
{
    return QStringView(m_text).sliced(m_textStart[line], m_textStart[line + 1] - m_textStart[line]);
}

QStringView Chunker::Planner::lineContent(int line) const
{
    QStringView text = lineText(line);
    if (text.endsWith(u'\n'))
        text.chop(1);
    if (text.endsWith(u'\r'))
        text.chop(1);
    return text;
}

// Counts each line once; a range's estimate is then a sum. An emitted chunk's exact count
// reuses these counts across the line breaks the counter adds up across (exactCount()).
// Code repeats its lines ("}", "#endif", the rule of a doc comment): a fifth of a C++
// header's bytes are lines seen before in the same file, and each distinct line is counted
// only once.
void Chunker::Planner::measureLines()
{
    const int count = lineCount();
    m_tokenSum.resize(count + 1);
    m_blank.resize(count);
    m_addsUp.fill(false, count + 1);
    m_tokenSum[0] = 0;
    QHash<QStringView, qsizetype> counted;
    for (int line = 0; line < count; ++line) {
        const QStringView text = lineText(line);
        m_blank[line] = isBlank(text);
        qsizetype tokens = 0;
        if (!m_blank[line]) {
            const auto known = counted.constFind(text);
            tokens
                = known != counted.cend() ? *known : *counted.insert(text, m_counter.count(text));
        }
        m_tokenSum[line + 1] = m_tokenSum[line] + tokens;
        if (line > 0)
            m_addsUp[line] = m_counter.addsUpAcross(lineText(line - 1), text);
    }
}

void Chunker::Planner::markBoundaries()
{
    const int count = lineCount();
    m_strength.fill(LineBoundary, count + 1);
    for (int line = 1; line < count; ++line) {
        if (m_blank[line - 1] && !m_blank[line])
            m_strength[line] = ParagraphBoundary;
    }
    if (!m_definition.isValid() || !m_definition.foldingEnabled())
        return;
    QList<QStringView> lines;
    lines.reserve(count);
    // Long lines are cut into windows whatever their structure, and highlighting a
    // minified megabyte costs more than the rest of the file: the highlighter sees them empty.
    for (int line = 0; line < count; ++line)
        lines.append(isLongLine(line) ? QStringView() : lineContent(line));
    FoldingHighlighter highlighter;
    highlighter.setDefinition(m_definition);
    const QList<FoldingHighlighter::Region> regions = highlighter.regions(lines);
    QList<bool> inComment(count, false);
    for (const auto &comment : highlighter.comments())
        std::fill(
            inComment.begin() + comment.firstLine, inComment.begin() + comment.lastLine + 1, true);
    markRegions(regions, inComment);
}

// A region is cut off after its last line (before it when a sibling begins there, as in
// "} else {"), and before its header: the lines above its first line up to a blank line
// (signature, comment, decorators) that is not inside a comment, so that a doc comment with
// paragraphs stays whole with what it documents. Should the header and the region not fit
// together, the junction between them is the next best cut; see keepNamingLines() for the
// lines that then go with the header.
void Chunker::Planner::markRegions(
    const QList<FoldingHighlighter::Region> &regions, const QList<bool> &inComment)
{
    const int count = lineCount();
    QList<bool> edge(count, false);
    QList<bool> begins(count, false);
    for (const auto &region : regions) {
        edge[region.firstLine] = edge[region.lastLine] = true;
        begins[region.firstLine] = true;
    }
    const auto mark = [this, count](int boundary, int strength) {
        if (boundary > 0 && boundary < count)
            m_strength[boundary] = std::max(m_strength[boundary], strength);
    };
    for (const auto &region : regions) {
        mark(begins[region.lastLine] ? region.lastLine : region.lastLine + 1,
            regionBoundary(region.depth));
        const int stop = std::max(0, region.firstLine - HeaderScanLines);
        int header = region.firstLine;
        while (
            header > stop && (!m_blank[header - 1] || inComment[header - 1]) && !edge[header - 1])
            --header;
        if (header > 0 && m_blank[header - 1])
            mark(header, regionBoundary(region.depth));
        if (header == region.firstLine)
            continue;
        // A brace alone on its line (Allman style) keeps the signature above it.
        const bool braceOnly = std::none_of(lineContent(region.firstLine).begin(),
            lineContent(region.firstLine).end(), [](QChar c) { return c.isLetterOrNumber(); });
        const int junction = braceOnly ? region.firstLine - 1 : region.firstLine;
        mark(junction, junctionBoundary(region.depth));
        if (header < junction
            && tokens(region.firstLine, region.lastLine + 1) > m_options.targetTokens)
            m_namingEnd.insert(junction, region.firstLine + 1);
    }
}

void Chunker::Planner::chunkSegment(int first, int end)
{
    QList<Piece> pieces;
    split({ first, end }, HardBoundary, pieces);
    if (pieces.isEmpty())
        return;
    for (qsizetype i = 0; i + 1 < pieces.size(); ++i)
        pieces[i].right = pieces[i + 1].left;
    pieces.last().right = HardBoundary;
    for (const Piece &piece : merge(std::move(pieces)))
        emitRange(piece.range);
}

Chunker::Planner::Range Chunker::Planner::trimmed(Range range) const
{
    while (range.first < range.end && m_blank[range.first])
        ++range.first;
    while (range.end > range.first && m_blank[range.end - 1])
        --range.end;
    return range;
}

// The counter's count of a range's text, counting each byte about once: the range is cut at
// the line breaks no token spans (TokenCounter::addsUpAcross), a single non-blank line
// between two such cuts has its count from measureLines(), and only the rest (typically a
// line with the blank lines after it) is counted again.
qsizetype Chunker::Planner::exactCount(Range range, const QString &text) const
{
    const QStringView all(m_text);
    const qsizetype from = m_textStart[range.first];
    // The lines were decoded with the whole file: should this text decode otherwise, count it.
    if (all.sliced(from, m_textStart[range.end] - from) != QStringView(text))
        return m_counter.count(text);
    qsizetype total = 0;
    int start = range.first;
    for (int line = range.first + 1; line <= range.end; ++line) {
        if (line < range.end && !m_addsUp[line])
            continue;
        if (line - start == 1 && !m_blank[start])
            total += tokens(start, line);
        else
            total += m_counter.count(
                all.sliced(m_textStart[start], m_textStart[line] - m_textStart[start]));
        start = line;
    }
    return total;
}

// Cuts a range at its strongest inner boundaries, and the pieces still too big the same
// way, down to pieces that fit the target (or single lines); `left` is the strength of
// the cut before the range.
void Chunker::Planner::split(Range range, int left, QList<Piece> &out) const
{
    range = trimmed(range);
    if (range.first >= range.end)
        return;
    if (range.end - range.first == 1 || tokens(range.first, range.end) <= m_options.targetTokens) {
        out.append({ range, left, 0 });
        return;
    }
    const auto strength = m_strength.cbegin();
    const int best = *std::max_element(strength + range.first + 1, strength + range.end);
    int start = range.first;
    for (int boundary = range.first + 1; boundary <= range.end; ++boundary) {
        if (boundary < range.end && m_strength[boundary] != best)
            continue;
        const qsizetype before = out.size();
        split({ start, boundary }, left, out);
        if (out.size() > before)
            left = best; // else an all-blank piece: the cut before it still counts
        start = boundary;
    }
}

// Groups neighbouring pieces while they fit the target, across the weakest cuts first,
// so that a header or a short statement joins the code it belongs to before whole
// functions are grouped. A side is whole at a level when it is cut at least that strongly
// on both sides. Across a region's edge both sides must be whole, so a piece of a big
// function never joins another function; across weaker cuts one whole side is enough, so
// a comment joins the first piece of the function it documents.
QList<Chunker::Planner::Piece> Chunker::Planner::merge(QList<Piece> pieces) const
{
    QList<int> levels;
    for (const Piece &piece : std::as_const(pieces))
        levels.append(piece.left);
    std::sort(levels.begin(), levels.end());
    levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
    for (const int level : std::as_const(levels)) {
        QList<Piece> merged;
        merged.reserve(pieces.size());
        for (const Piece &piece : std::as_const(pieces)) {
            if (!merged.isEmpty() && piece.left == level) {
                Piece &last = merged.last();
                const bool whole = isRegionEdge(level) ? last.left >= level && piece.right >= level
                                                       : last.left >= level || piece.right >= level;
                if (whole && tokens(last.range.first, piece.range.end) <= m_options.targetTokens) {
                    last.range.end = piece.range.end;
                    last.right = piece.right;
                    continue;
                }
            }
            merged.append(piece);
        }
        pieces = std::move(merged);
    }
    keepNamingLines(pieces);
    return absorbSlivers(std::move(pieces));
}

// A header that could not join the first part of a big region (a doc comment above a class
// whose first members fill a chunk) takes the lines naming the region with it: the comment
// is what a search for the class finds, and alone it would not say what it documents.
void Chunker::Planner::keepNamingLines(QList<Piece> &pieces) const
{
    for (qsizetype i = 0; i + 1 < pieces.size(); ++i) {
        Piece &header = pieces[i];
        Piece &body = pieces[i + 1];
        const int namingEnd = m_namingEnd.value(body.range.first, -1);
        if (namingEnd < 0 || namingEnd >= body.range.end
            || tokens(header.range.first, namingEnd) > m_options.targetTokens)
            continue;
        header.range.end = body.range.first = namingEnd;
    }
}

// A sliver (an "#endif", the closing lines of a split function, a short section between two
// headings) is worth no embedding of its own: under a quarter of the target, it joins a
// neighbour that has room, across its weaker cut. A quarter rather than a sixteenth was
// chosen on the retrieval benchmark's tune part (bench/RESULTS.md).
QList<Chunker::Planner::Piece> Chunker::Planner::absorbSlivers(QList<Piece> pieces) const
{
    const qint64 target = m_options.targetTokens;
    const qint64 sliver = std::max<qint64>(8, target / 4);
    QList<Piece> out;
    out.reserve(pieces.size());
    std::optional<Piece> carried;
    for (qsizetype i = 0; i < pieces.size(); ++i) {
        Piece piece = pieces[i];
        if (carried) {
            piece.range.first = carried->range.first;
            piece.left = carried->left;
            carried.reset();
        }
        if (tokens(piece.range.first, piece.range.end) < sliver) {
            const bool left
                = !out.isEmpty() && tokens(out.last().range.first, piece.range.end) <= target;
            const bool right = i + 1 < pieces.size()
                && tokens(piece.range.first, pieces[i + 1].range.end) <= target;
            if (left && (!right || piece.left <= piece.right)) {
                out.last().range.end = piece.range.end;
                out.last().right = piece.right;
                continue;
            }
            if (right) {
                carried = piece;
                continue;
            }
        }
        out.append(piece);
    }
    return out;
}

// Emits a range of whole lines after an exact count; sums of line counts are estimates,
// so a range over the limit is halved (or, a single line, cut into windows).
void Chunker::Planner::emitRange(Range range)
{
    range = trimmed(range);
    if (range.first >= range.end)
        return;
    const qint64 byteStart = m_lineStart[range.first];
    const qint64 byteEnd = m_lineStart[range.end];
    const QString text = decoded(byteStart, byteEnd);
    const qsizetype count = exactCount(range, text);
    if (count <= m_options.maxTokens) {
        emitChunk(byteStart, byteEnd, range.first, range.end - 1, -1, -1, text, count);
        return;
    }
    if (range.end - range.first == 1) {
        emitWindows(range.first);
        return;
    }
    const qint64 half = (m_tokenSum[range.first] + m_tokenSum[range.end]) / 2;
    auto middle = std::upper_bound(
        m_tokenSum.cbegin() + range.first + 1, m_tokenSum.cbegin() + range.end, half);
    const int cut
        = std::clamp(int(middle - m_tokenSum.cbegin()) - 1, range.first + 1, range.end - 1);
    emitRange({ range.first, cut });
    emitRange({ cut, range.end });
}

// Cuts one line (without its terminator) into windows of about the target, preferably
// after a space or a closing mark, always at a character boundary.
void Chunker::Planner::emitWindows(int line)
{
    const qsizetype lineStart = m_lineStart[line];
    qsizetype length = m_lineStart[line + 1] - lineStart;
    if (length > 0 && m_bytes[lineStart + length - 1] == '\n')
        --length;
    if (length > 0 && m_bytes[lineStart + length - 1] == '\r')
        --length;
    const qint64 estimate = std::max<qint64>(1, tokens(line, line + 1));
    const qint64 windows = (estimate + m_options.targetTokens - 1) / m_options.targetTokens;
    const qsizetype aim = std::max<qsizetype>(1, length / windows);

    qsizetype pos = 0;
    while (pos < length) {
        qsizetype end = pos + aim;
        end = length - end < aim / 4 ? length : snapWindowEnd(lineStart, pos, end);
        QString text;
        qsizetype count = 0;
        for (;;) {
            text = decoded(lineStart + pos, lineStart + end);
            count = m_counter.count(text);
            if (count <= m_options.maxTokens)
                break;
            const qsizetype shorter = (end - pos) * m_options.maxTokens / count * 9 / 10;
            const qsizetype next
                = snapWindowEnd(lineStart, pos, pos + std::max<qsizetype>(1, shorter));
            if (next >= end) {
                // One character over the limit: no tokenizer does that, but never emit it.
                qCWarning(lcChunker) << "a character has more tokens than the limit in" << m_path;
                count = -1;
                break;
            }
            end = next;
        }
        if (count >= 0 && !isBlank(text)) {
            emitChunk(
                lineStart + pos, lineStart + end, line, line, int(pos), int(end), text, count);
        }
        pos = end;
    }
}

// A window end in (pos, end]: after a break character in the last half of the window if
// there is one, else at the nearest character boundary.
qsizetype Chunker::Planner::snapWindowEnd(qsizetype lineStart, qsizetype pos, qsizetype end) const
{
    const char *const data = m_bytes.constData() + lineStart;
    for (qsizetype cut = end; cut > pos + (end - pos) / 2; --cut) {
        if (isBreakAfter(data[cut - 1]))
            return cut;
    }
    // An invalid run of continuation bytes can be cut anywhere: it decodes byte by byte.
    for (qsizetype cut = end, steps = 0; cut > pos && steps < 4; --cut, ++steps) {
        if (startsCharacter(lineStart + cut))
            return cut;
    }
    qsizetype cut = pos + 1;
    for (qsizetype steps = 0; !startsCharacter(lineStart + cut) && steps < 3; ++steps)
        ++cut;
    return cut;
}

// In Windows-1252 every byte is a character; in UTF-8 a continuation byte is not.
bool Chunker::Planner::startsCharacter(qsizetype pos) const
{
    return m_encoding == TextDecoder::Encoding::Windows1252
        || !isContinuationByte(m_bytes.constData()[pos]);
}

QString Chunker::Planner::decoded(qsizetype byteStart, qsizetype byteEnd) const
{
    return TextDecoder::decode(
        QByteArrayView(m_bytes).sliced(byteStart, byteEnd - byteStart), m_encoding);
}

void Chunker::Planner::emitChunk(qint64 byteStart, qint64 byteEnd, int line, int lastLine,
    int startColumn, int endColumn, const QString &text, qsizetype tokens)
{
    if (isBlank(text))
        return;
    Chunk chunk;
    chunk.path = m_path;
    chunk.startLine = line + 1;
    chunk.endLine = lastLine + 1;
    chunk.startColumn = startColumn;
    chunk.endColumn = endColumn;
    chunk.byteStart = byteStart;
    chunk.byteEnd = byteEnd;
    chunk.language = m_language;
    chunk.textHash = textHash(
        QByteArrayView(m_bytes).sliced(byteStart, byteEnd - byteStart), text, m_encoding);
    chunk.tokens = int(tokens);
    chunk.words = IdentifierSplitter::words(text);
    m_chunks.append(std::move(chunk));
}

Chunker::Chunker(const TokenCounter &counter)
    : Chunker(counter, Options())
{ }

Chunker::Chunker(const TokenCounter &counter, Options options)
    : m_counter(counter)
    , m_options(effectiveOptions(options))
{ }

QList<Chunk> Chunker::chunk(const QString &path, const QByteArray &bytes,
    const KSyntaxHighlighting::Definition &definition) const
{
    return chunk(path, bytes, TextDecoder::detect(bytes), definition);
}

QList<Chunk> Chunker::chunk(const QString &path, const QByteArray &bytes,
    TextDecoder::Encoding encoding, const KSyntaxHighlighting::Definition &definition) const
{
    return Planner(m_counter, m_options, path, bytes, encoding, definition).run();
}

QString Chunker::text(const QByteArray &fileBytes, const Chunk &chunk)
{
    return text(fileBytes, chunk, TextDecoder::detect(fileBytes));
}

QString Chunker::text(
    const QByteArray &fileBytes, const Chunk &chunk, TextDecoder::Encoding encoding)
{
    if (chunk.byteStart < 0 || chunk.byteEnd > fileBytes.size() || chunk.byteStart > chunk.byteEnd)
        return {};
    return TextDecoder::decode(
        QByteArrayView(fileBytes).sliced(chunk.byteStart, chunk.byteEnd - chunk.byteStart),
        encoding);
}

QByteArray Chunker::textHash(QByteArrayView raw, QStringView text, TextDecoder::Encoding encoding)
{
    // Valid UTF-8 without a byte order mark decodes and encodes back to itself. Not so in a
    // Windows-1252 file, where "Ã©" may happen to be valid UTF-8 for "é".
    if (encoding != TextDecoder::Encoding::Windows1252 && raw.isValidUtf8()
        && !raw.startsWith("\xEF\xBB\xBF"))
        return Sha256::hash(raw);
    return textHash(text);
}

QByteArray Chunker::textHash(QStringView text)
{
    return Sha256::hash(text.toUtf8());
}

} // namespace SignalHub::Core
