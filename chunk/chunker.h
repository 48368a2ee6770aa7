#pragma once

#include "chunk.h"
#include "textdecoder.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace KSyntaxHighlighting {
class Definition;
}

namespace SignalHub::Core {

class TokenCounter;

// Cuts a file into chunks of about `targetTokens` tokens at its structure:
//  - definitions with folding regions (C++, JavaScript, Markdown headings…): at top-level
//    regions (a function, a class), small neighbours grouped up to the target, a region
//    bigger than the target split at its nested regions, recursively, then at blank lines,
//    then between lines;
//  - definitions that fold by indentation (Python, YAML): the same on indentation blocks;
//  - everything else (no definition, plain text): at blank-line paragraphs, then lines.
// A chunk is whole lines, start to end, terminators included, and what is embedded is
// exactly those bytes decoded in the file's encoding (see TextDecoder and text()); nothing is
// added or normalised.
// Only a line too long for a chunk (over min(maxTokens, 2 × targetTokens), minified code)
// is cut inside, into windows of about the target at character boundaries, preferably
// after a space or a closing mark; startColumn/endColumn are byte offsets in that line and
// its terminator belongs to no window. Such lines are not highlighted.
// Small pieces are grouped up to the target; a piece of a few tokens (an "#endif", the
// tail of a split function) joins a neighbour that has room. Blank lines at the edges of a
// chunk are left out, and whitespace-only chunks are never emitted.
// Every chunk's tokens is the counter's count of its final text, never above maxTokens.
//
// Thread-safety: chunk() is const and keeps no state, so one Chunker may serve several
// threads, provided the TokenCounter is thread-safe (its contract). KSyntaxHighlighting
// promises no thread safety, so each thread must pass a Definition obtained from a
// Repository owned by that same thread.
class Chunker
{
public:
    // Goes up whenever the same bytes are cut otherwise, so that the store can tell which
    // rules cut a file (RunPlan::chunking()). 1: until 2026-12; 2: a doc comment with blank
    // lines stays whole with the declaration it documents, and pieces under a quarter of the
    // target join a neighbour that has room; 3: a doc comment that cannot join the first part
    // of a big class or function keeps the line naming it.
    static constexpr int Version = 3;

    struct Options
    {
        // Soft aim for a chunk's size.
        int targetTokens = 512;
        // Hard per-input limit of the provider (8191 for OpenAI, 254 for MiniLM).
        int maxTokens = 8191;
    };

    explicit Chunker(const TokenCounter &counter);
    Chunker(const TokenCounter &counter, Options options);

    // Effective options: maxTokens at least 16, targetTokens within [1, maxTokens].
    const Options &options() const { return m_options; }

    // Chunks of a file's bytes, in file order, covering every non-blank line once.
    // path and definition.name() are copied into the chunks; an invalid definition means
    // paragraphs.
    QList<Chunk> chunk(const QString &path, const QByteArray &bytes,
        const KSyntaxHighlighting::Definition &definition) const;
    // The same, for bytes whose encoding the caller has already detected.
    QList<Chunk> chunk(const QString &path, const QByteArray &bytes, TextDecoder::Encoding encoding,
        const KSyntaxHighlighting::Definition &definition) const;

    // The exact text embedded for a chunk cut from these file bytes. The first form detects
    // the encoding, which reads the whole file: for many chunks of one file, pass it.
    static QString text(const QByteArray &fileBytes, const Chunk &chunk);
    static QString text(
        const QByteArray &fileBytes, const Chunk &chunk, TextDecoder::Encoding encoding);
    // SHA-256 of the UTF-8 of text(): what Chunk::textHash holds.
    static QByteArray textHash(QStringView text);
    // The same, from the chunk's bytes in the file and their decoded text: valid UTF-8 is
    // hashed as it is, without encoding it again.
    static QByteArray textHash(
        QByteArrayView raw, QStringView text, TextDecoder::Encoding encoding);

private:
    class Planner;

    const TokenCounter &m_counter;
    Options m_options;
};

} // namespace SignalHub::Core
