#include "pretokenizer.h"

#include "logging.h"

#include <QCoreApplication>
#include <algorithm>
#include <array>
#include <pcre2.h>

using namespace Qt::StringLiterals;

namespace SignalHub::Core {

namespace {

// What the patterns can tell apart in ASCII. `Unsure`: control characters whose \s-ness under
// PCRE2_UCP is not worth betting on; like every character beyond ASCII, PCRE2 decides.
enum class Class : unsigned char
{
    Upper,
    Lower,
    Digit,
    Space, // \s but not a line break: tab, vertical tab, form feed, space
    LineBreak, // \r, \n
    Mark, // punctuation and symbols: none of \s, \p{L}, \p{N}
    Unsure,
    End, // past the text
};

constexpr std::array<Class, 128> asciiClasses()
{
    std::array<Class, 128> classes {};
    for (int c = 0; c < 128; ++c) {
        if (c >= 'A' && c <= 'Z')
            classes[c] = Class::Upper;
        else if (c >= 'a' && c <= 'z')
            classes[c] = Class::Lower;
        else if (c >= '0' && c <= '9')
            classes[c] = Class::Digit;
        else if (c == '\r' || c == '\n')
            classes[c] = Class::LineBreak;
        else if (c == '\t' || c == '\v' || c == '\f' || c == ' ')
            classes[c] = Class::Space;
        else if (c > ' ' && c < 0x7F)
            classes[c] = Class::Mark;
        else
            classes[c] = Class::Unsure;
    }
    return classes;
}
constexpr std::array<Class, 128> AsciiClasses = asciiClasses();

constexpr qsizetype Undecided = -1;
constexpr qsizetype NoMatch = -2;

// Cuts the piece that starts at a position by the pattern's alternatives in their order, for
// as long as every character looked at is ASCII; says Undecided as soon as one is not.
class AsciiCutter
{
public:
    AsciiCutter(QStringView text, Pretokenizer::Kind kind)
        : m_text(text)
        , m_o200k(kind == Pretokenizer::Kind::O200k)
    { }

    qsizetype end(qsizetype i) const;

private:
    Class at(qsizetype i) const
    {
        if (i >= m_text.size())
            return Class::End;
        const char16_t c = m_text[i].unicode();
        return c < 128 ? AsciiClasses[c] : Class::Unsure;
    }
    static bool isLetter(Class c) { return c == Class::Upper || c == Class::Lower; }
    // [^\r\n\p{L}\p{N}], the optional first character of a word.
    static bool isWordPrefix(Class c) { return c == Class::Space || c == Class::Mark; }
    char16_t lower(qsizetype i) const { return m_text[i].unicode() | 0x20; }

    qsizetype contraction(qsizetype i) const;
    qsizetype run(qsizetype i, Class c) const;
    qsizetype wordStart(qsizetype i, Class c) const;
    qsizetype cl100kWord(qsizetype i, Class c) const;
    qsizetype o200kWord(qsizetype i, Class c) const;
    qsizetype digits(qsizetype i) const;
    qsizetype marks(qsizetype i, Class c) const;
    qsizetype spaces(qsizetype i) const;

    QStringView m_text;
    bool m_o200k;
};

// (?i:'s|'t|'re|'ve|'m|'ll|'d) at i: its end, NoMatch or Undecided.
qsizetype AsciiCutter::contraction(qsizetype i) const
{
    if (at(i) != Class::Mark || m_text[i] != u'\'')
        return NoMatch;
    const Class first = at(i + 1);
    if (first == Class::Unsure)
        return Undecided; // 'ſ' folds to 's'
    if (!isLetter(first))
        return NoMatch;
    switch (lower(i + 1)) {
    case u's':
    case u't':
    case u'm':
    case u'd':
        return i + 2;
    case u'r':
    case u'v':
    case u'l': {
        const Class second = at(i + 2);
        if (second == Class::Unsure)
            return Undecided;
        const char16_t wanted = lower(i + 1) == u'l' ? u'l' : u'e';
        return isLetter(second) && lower(i + 2) == wanted ? i + 3 : NoMatch;
    }
    default:
        return NoMatch;
    }
}

// The end of a run of class `c` from i, or Undecided if it ends at a character beyond ASCII.
qsizetype AsciiCutter::run(qsizetype i, Class c) const
{
    while (at(i) == c)
        ++i;
    return at(i) == Class::Unsure ? Undecided : i;
}

// Where the letters of a word begin, after the optional [^\r\n\p{L}\p{N}] at i; NoMatch when
// no letter follows it (without it, the character at i is no letter either).
qsizetype AsciiCutter::wordStart(qsizetype i, Class c) const
{
    const qsizetype start = isWordPrefix(c) ? i + 1 : i;
    const Class first = at(start);
    if (first == Class::Unsure)
        return Undecided;
    return isLetter(first) ? start : NoMatch;
}

// cl100k_base: [^\r\n\p{L}\p{N}]?\p{L}+
qsizetype AsciiCutter::cl100kWord(qsizetype i, Class c) const
{
    const qsizetype start = wordStart(i, c);
    if (start < 0)
        return start;
    qsizetype end = start;
    while (isLetter(at(end)))
        ++end;
    return at(end) == Class::Unsure ? Undecided : end;
}

// o200k_base: [^\r\n\p{L}\p{N}]? then upper case* lower case+ or upper case+ lower case*, then
// an optional contraction. In ASCII the two cases do not overlap, so no backtracking can
// make either alternative match otherwise.
qsizetype AsciiCutter::o200kWord(qsizetype i, Class c) const
{
    const qsizetype start = wordStart(i, c);
    if (start < 0)
        return start;
    const qsizetype uppers = run(start, Class::Upper);
    if (uppers == Undecided)
        return Undecided;
    const qsizetype end = at(uppers) == Class::Lower ? run(uppers, Class::Lower) : uppers;
    if (end == Undecided)
        return Undecided;
    const qsizetype suffix = contraction(end);
    return suffix == NoMatch ? end : suffix;
}

// \p{N}{1,3}
qsizetype AsciiCutter::digits(qsizetype i) const
{
    qsizetype end = i + 1;
    for (; end < i + 3; ++end) {
        const Class c = at(end);
        if (c == Class::Unsure)
            return Undecided;
        if (c != Class::Digit)
            break;
    }
    return end;
}

// ` ?[^\s\p{L}\p{N}]+[\r\n]*` (o200k_base: `[\r\n/]*`)
qsizetype AsciiCutter::marks(qsizetype i, Class c) const
{
    const qsizetype start = c == Class::Space && m_text[i] == u' ' ? i + 1 : i;
    const Class first = at(start);
    if (first == Class::Unsure)
        return Undecided;
    if (first != Class::Mark)
        return NoMatch;
    qsizetype end = run(start, Class::Mark);
    if (end == Undecided)
        return Undecided;
    // A character beyond ASCII is neither a line break nor '/': it ends the piece.
    while (
        at(end) == Class::LineBreak || (m_o200k && at(end) == Class::Mark && m_text[end] == u'/'))
        ++end;
    return end;
}

// \s*[\r\n]+ | \s+(?!\S) | \s+ over a run of white space.
qsizetype AsciiCutter::spaces(qsizetype i) const
{
    qsizetype end = i;
    qsizetype lastBreak = -1;
    for (;; ++end) {
        const Class c = at(end);
        if (c == Class::LineBreak)
            lastBreak = end;
        else if (c == Class::Unsure)
            return Undecided; // perhaps more white space
        else if (c != Class::Space)
            break;
    }
    if (lastBreak >= 0)
        return lastBreak + 1; // \s* backs off to the last line break
    if (end == m_text.size() || end - i == 1)
        return end;
    return end - 1; // leaves one space to start the next word
}

qsizetype AsciiCutter::end(qsizetype i) const
{
    const Class c = at(i);
    if (c == Class::Unsure)
        return Undecided;
    if (!m_o200k) {
        if (const qsizetype end = contraction(i); end != NoMatch)
            return end;
    }
    if (const qsizetype end = m_o200k ? o200kWord(i, c) : cl100kWord(i, c); end != NoMatch)
        return end;
    if (c == Class::Digit)
        return digits(i);
    if (const qsizetype end = marks(i, c); end != NoMatch)
        return end;
    return spaces(i);
}

} // namespace

// Compiled code is read-only while matching, so threads share it; match data and the JIT
// stack are per thread and live as long as the thread.
class Pretokenizer::Compiled
{
public:
    Compiled(pcre2_code_16 *compiledCode, bool jitCompiled)
        : code(compiledCode)
        , jit(jitCompiled)
    { }
    ~Compiled() { pcre2_code_free_16(code); }
    Compiled(const Compiled &) = delete;
    Compiled &operator=(const Compiled &) = delete;

    struct ThreadState
    {
        ThreadState() { pcre2_jit_stack_assign_16(context, nullptr, stack); }
        ~ThreadState()
        {
            pcre2_match_context_free_16(context);
            pcre2_jit_stack_free_16(stack);
            pcre2_match_data_free_16(data);
        }
        pcre2_match_data_16 *data = pcre2_match_data_create_16(1, nullptr);
        // PCRE2's default JIT stack is 32 KiB on the machine stack; give backtracking room
        // (address space reserved up front, memory used only when needed).
        pcre2_jit_stack_16 *stack = pcre2_jit_stack_create_16(32 * 1024, 4 * 1024 * 1024, nullptr);
        pcre2_match_context_16 *context = pcre2_match_context_create_16(nullptr);
    };
    static ThreadState &threadState()
    {
        static thread_local ThreadState state;
        return state;
    }

    pcre2_code_16 *const code;
    // Compiled to machine code: matched through pcre2_jit_match(), which skips the checks
    // pcre2_match() repeats on every call (a sixth of the cost of a piece).
    const bool jit;
};

QString Pretokenizer::cl100kPattern()
{
    return uR"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)"_s;
}

QString Pretokenizer::o200kPattern()
{
    return uR"([^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)"_s;
}

Result<std::unique_ptr<const Pretokenizer>> Pretokenizer::compile(const QString &pattern)
{
    int errorCode = 0;
    PCRE2_SIZE errorOffset = 0;
    pcre2_code_16 *code = pcre2_compile_16(reinterpret_cast<PCRE2_SPTR16>(pattern.utf16()),
        PCRE2_SIZE(pattern.size()), PCRE2_UTF | PCRE2_UCP, &errorCode, &errorOffset, nullptr);
    if (!code) {
        PCRE2_UCHAR16 message[256];
        const int length = pcre2_get_error_message_16(errorCode, message, std::size(message));
        return Error { QCoreApplication::translate(
            "BpeTokenizer", "its pattern does not compile at %1: %2")
                .arg(qulonglong(errorOffset))
                .arg(QString::fromUtf16(
                    reinterpret_cast<const char16_t *>(message), std::max(length, 0))) };
    }
    // Without JIT (unsupported CPU, no executable memory) pcre2_match() interprets instead.
    const int jit = pcre2_jit_compile_16(code, PCRE2_JIT_COMPLETE);
    if (jit != 0)
        qCDebug(lcTokenizer) << "no JIT for the pattern, error" << jit;
    const Kind kind = pattern == cl100kPattern() ? Kind::Cl100k
        : pattern == o200kPattern()              ? Kind::O200k
                                                 : Kind::Other;
    return std::unique_ptr<const Pretokenizer>(
        new Pretokenizer(std::make_unique<const Compiled>(code, jit == 0), kind));
}

Pretokenizer::Pretokenizer(std::unique_ptr<const Compiled> compiled, Kind kind)
    : m_compiled(std::move(compiled))
    , m_kind(kind)
{ }

Pretokenizer::~Pretokenizer() = default;

Pretokenizer::Piece Pretokenizer::next(QStringView text, qsizetype from) const
{
    if (from >= text.size())
        return {};
    if (m_kind != Kind::Other) {
        // Every position starts a piece of these patterns, so the piece is the one at `from`.
        if (const qsizetype end = AsciiCutter(text, m_kind).end(from); end != Undecided)
            return { from, end };
    }
    return nextByPattern(text, from);
}

Pretokenizer::Piece Pretokenizer::nextByPattern(QStringView text, qsizetype from) const
{
    Compiled::ThreadState &state = Compiled::threadState();
    const auto subject = reinterpret_cast<PCRE2_SPTR16>(text.utf16());
    const PCRE2_SIZE length = PCRE2_SIZE(text.size());
    pcre2_code_16 *const code = m_compiled->code;
    for (PCRE2_SIZE offset = PCRE2_SIZE(from); offset < length;) {
        int rc = m_compiled->jit ? pcre2_jit_match_16(code, subject, length, offset,
                                       PCRE2_NO_UTF_CHECK, state.data, state.context)
                                 : pcre2_match_16(code, subject, length, offset, PCRE2_NO_UTF_CHECK,
                                       state.data, state.context);
        if (rc == PCRE2_ERROR_JIT_STACKLIMIT) {
            rc = pcre2_match_16(code, subject, length, offset, PCRE2_NO_UTF_CHECK | PCRE2_NO_JIT,
                state.data, state.context);
        }
        if (rc == PCRE2_ERROR_NOMATCH)
            return {};
        const PCRE2_SIZE *ovector = pcre2_get_ovector_pointer_16(state.data);
        if (rc >= 0 && ovector[1] > offset)
            return { qsizetype(ovector[0]), qsizetype(ovector[1]) };
        // Not reachable with tiktoken's patterns (every character matches, nothing empty);
        // should another one fail here, its next character stands alone; an empty match
        // moves on by a character.
        const PCRE2_SIZE step = std::min<PCRE2_SIZE>(
            QChar::isHighSurrogate(subject[offset]) ? 2 : 1, length - offset);
        if (rc < 0) {
            qCWarning(lcTokenizer) << "pattern failed at" << offset << "with error" << rc;
            return { qsizetype(offset), qsizetype(offset + step) };
        }
        offset += step;
    }
    return {};
}

QList<QStringView> Pretokenizer::pieces(QStringView text, bool patternOnly) const
{
    QList<QStringView> out;
    for (Piece piece = patternOnly ? nextByPattern(text, 0) : next(text, 0); piece.start >= 0;
        piece = patternOnly ? nextByPattern(text, piece.end) : next(text, piece.end)) {
        out.append(text.sliced(piece.start, piece.end - piece.start));
    }
    return out;
}

} // namespace SignalHub::Core
