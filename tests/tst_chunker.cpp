// The Chunker on real files of each class of language: structure respected, limits never
// exceeded, and the chunks are exactly what a person reading the file would re-read.
#include "chunker.h"
#include "estimatetokencounter.h"
#include "foldinghighlighter.h"
#include "textdecoder.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <QCryptographicHash>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>
#include <QThreadPool>
#include <QtConcurrent>

using namespace Qt::StringLiterals;
using SignalHub::Core::Chunk;
using SignalHub::Core::Chunker;
using SignalHub::Core::EstimateTokenCounter;
using SignalHub::Core::FoldingHighlighter;
using SignalHub::Core::TextDecoder;
using SignalHub::Core::TokenCounter;

namespace {

// An estimate that grows faster than the sum of its lines, as a tokenizer whose merges
// span lines could: the chunker must still never emit a chunk over the limit.
class SuperAdditiveCounter final : public TokenCounter
{
public:
    QString name() const override { return QStringLiteral("superadditive"); }
    qsizetype count(QStringView text) const override
    {
        const qsizetype lines = text.count(u'\n');
        return m_estimate.count(text) + lines * lines;
    }
    bool isExact() const override { return false; }

private:
    EstimateTokenCounter m_estimate;
};

// Counts as if carriage returns were not there, so that a CRLF file plans like its LF twin.
class CarriageReturnBlindCounter final : public TokenCounter
{
public:
    QString name() const override { return QStringLiteral("crblind"); }
    qsizetype count(QStringView text) const override
    {
        QString copy = text.toString();
        copy.remove(u'\r');
        return m_estimate.count(copy);
    }
    bool isExact() const override { return false; }

private:
    EstimateTokenCounter m_estimate;
};

// The file as a reader sees it: its bytes and where each line starts (terminators
// belong to the line they end), independent of the chunker's own line splitting.
struct File
{
    QByteArray bytes;
    QList<qint64> lineStart; // plus the file size at the end
    TextDecoder::Encoding encoding = TextDecoder::Encoding::Utf8;

    int lineCount() const { return int(lineStart.size()) - 1; }
    QByteArray line(int index) const // 0-based, with terminator
    {
        return bytes.mid(lineStart[index], lineStart[index + 1] - lineStart[index]);
    }
    QString lineText(int index) const { return TextDecoder::decode(line(index), encoding); }
    bool isBlank(int index) const { return lineText(index).trimmed().isEmpty(); }
};

QString fixture(const QString &name)
{
    return qEnvironmentVariable("SIGNALHUB_SOURCE_DIR") + u"/tests/data/chunker/"_s + name;
}

File readFile(const QString &name)
{
    QFile f(fixture(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read fixture %s", qPrintable(f.fileName()));
    File file;
    file.bytes = f.readAll();
    file.encoding = TextDecoder::detect(file.bytes);
    file.lineStart.append(0);
    for (qsizetype i = 0; i < file.bytes.size(); ++i) {
        if (file.bytes[i] == '\n' || i + 1 == file.bytes.size())
            file.lineStart.append(i + 1);
    }
    return file;
}

qint64 lineTokens(const File &file, const TokenCounter &counter, int first, int last)
{
    qint64 sum = 0;
    for (int line = first; line <= last; ++line) {
        if (!file.isBlank(line))
            sum += counter.count(file.lineText(line));
    }
    return sum;
}

// A block of lines that must stay in one chunk when it fits the target: 0-based, inclusive.
struct Block
{
    int first;
    int last;
};

// Brace blocks of the C-like fixtures (no braces in their strings or comments). A block
// starts at the line that opens it, or at the signature above a brace alone on its line,
// and ends before a line that closes it and opens the next ("} catch (...) {").
QList<Block> braceBlocks(const File &file)
{
    QList<Block> blocks;
    QList<int> open;
    for (int line = 0; line < file.lineCount(); ++line) {
        const QString text = file.lineText(line);
        for (const QChar c : text) {
            if (c == u'{') {
                open.append(line);
            } else if (c == u'}' && !open.isEmpty()) {
                int first = open.takeLast();
                if (first == line)
                    continue;
                if (file.lineText(first).trimmed() == u"{"_s && first > 0)
                    --first;
                const bool reopens = text.indexOf(u'{', text.indexOf(u'}')) >= 0;
                blocks.append({ first, reopens ? line - 1 : line });
            }
        }
    }
    return blocks;
}

int indentation(const QString &text)
{
    int column = 0;
    while (column < text.size() && text[column] == u' ')
        ++column;
    return column;
}

// Indentation blocks: a line and the following lines indented deeper (blank lines and
// comment lines do not end a block).
QList<Block> indentBlocks(const File &file)
{
    const auto ignored = [&](int line) {
        const QString text = file.lineText(line).trimmed();
        return text.isEmpty() || text.startsWith(u'#');
    };
    QList<Block> blocks;
    for (int line = 0; line < file.lineCount(); ++line) {
        if (ignored(line))
            continue;
        const int indent = indentation(file.lineText(line));
        int last = line;
        for (int next = line + 1; next < file.lineCount(); ++next) {
            if (ignored(next))
                continue;
            if (indentation(file.lineText(next)) <= indent)
                break;
            last = next;
        }
        if (last > line)
            blocks.append({ line, last });
    }
    return blocks;
}

// Paragraphs: maximal runs of non-blank lines.
QList<Block> paragraphs(const File &file)
{
    QList<Block> blocks;
    for (int line = 0; line < file.lineCount(); ++line) {
        if (file.isBlank(line) || (line > 0 && !file.isBlank(line - 1)))
            continue;
        int last = line;
        while (last + 1 < file.lineCount() && !file.isBlank(last + 1))
            ++last;
        blocks.append({ line, last });
    }
    return blocks;
}

QString describe(const QList<Chunk> &chunks)
{
    QStringList parts;
    for (const Chunk &c : chunks)
        parts.append(QStringLiteral("%1-%2(%3)").arg(c.startLine).arg(c.endLine).arg(c.tokens));
    return parts.join(u' ');
}

bool cutsInside(const Chunk &chunk, const Block &block)
{
    const int first = chunk.startLine - 1;
    const int last = chunk.endLine - 1;
    return (first > block.first && first <= block.last)
        || (last >= block.first && last < block.last);
}

} // namespace

class TestChunker : public QObject
{
    Q_OBJECT

private:
    KSyntaxHighlighting::Repository m_repository;
    EstimateTokenCounter m_counter;

    KSyntaxHighlighting::Definition definitionFor(const QString &fileName, const QString &syntax)
    {
        if (syntax == u"none")
            return {};
        if (!syntax.isEmpty())
            return m_repository.definitionForName(syntax);
        return m_repository.definitionForFileName(fileName);
    }

    // What must hold for every file and every option: order without overlap, byte ranges
    // that are the lines, hashes and counts of the re-read bytes, limits, coverage.
    void checkInvariants(const File &file, const QList<Chunk> &chunks, const QString &path,
        const KSyntaxHighlighting::Definition &definition, const TokenCounter &counter,
        const Chunker::Options &options)
    {
        QList<QList<QPair<qint64, qint64>>> covered(file.lineCount());
        qint64 previousEnd = 0;
        for (const Chunk &chunk : chunks) {
            const QByteArray what = QStringLiteral("chunk %1-%2 [%3, %4)")
                                        .arg(chunk.startLine)
                                        .arg(chunk.endLine)
                                        .arg(chunk.byteStart)
                                        .arg(chunk.byteEnd)
                                        .toUtf8();
            QCOMPARE(chunk.path, path);
            QCOMPARE(chunk.language, definition.isValid() ? definition.name() : QString());
            QVERIFY2(chunk.startLine >= 1 && chunk.startLine <= chunk.endLine, what);
            QVERIFY2(chunk.endLine <= file.lineCount(), what);
            QVERIFY2(chunk.byteStart >= previousEnd, what); // in order, no overlap
            QVERIFY2(chunk.byteStart < chunk.byteEnd, what);
            previousEnd = chunk.byteEnd;

            const qint64 lineStart = file.lineStart[chunk.startLine - 1];
            if (chunk.startColumn < 0) {
                QCOMPARE(chunk.endColumn, -1);
                QCOMPARE(chunk.byteStart, lineStart);
                QCOMPARE(chunk.byteEnd, file.lineStart[chunk.endLine]);
            } else {
                QCOMPARE(chunk.startLine, chunk.endLine);
                QVERIFY2(chunk.startColumn < chunk.endColumn, what);
                QCOMPARE(chunk.byteStart, lineStart + chunk.startColumn);
                QCOMPARE(chunk.byteEnd, lineStart + chunk.endColumn);
                QVERIFY2(chunk.byteEnd <= file.lineStart[chunk.startLine], what);
                const QByteArray line = file.line(chunk.startLine - 1);
                if (line.isValidUtf8()) { // cut between characters, never inside one
                    QVERIFY2((uchar(line[chunk.startColumn]) & 0xC0) != 0x80, what);
                    if (chunk.endColumn < line.size())
                        QVERIFY2((uchar(line[chunk.endColumn]) & 0xC0) != 0x80, what);
                }
            }

            // What is embedded is the re-read bytes, decoded; hash and count are of that.
            const QByteArray raw = file.bytes.mid(chunk.byteStart, chunk.byteEnd - chunk.byteStart);
            const QString text = TextDecoder::decode(raw, file.encoding);
            QCOMPARE(Chunker::text(file.bytes, chunk), text);
            QCOMPARE(Chunker::text(file.bytes, chunk, file.encoding), text);
            QVERIFY2(!text.trimmed().isEmpty(), what);
            QCOMPARE(chunk.textHash,
                QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256));
            // Valid UTF-8 is its own encoding, a leading byte order mark aside (decoding drops it).
            if (file.encoding == TextDecoder::Encoding::Utf8)
                QCOMPARE(chunk.textHash, QCryptographicHash::hash(raw, QCryptographicHash::Sha256));
            QCOMPARE(chunk.tokens, counter.count(text));
            QVERIFY2(chunk.tokens <= options.maxTokens, what);

            for (int line = chunk.startLine - 1; line < chunk.endLine; ++line)
                covered[line].append({ chunk.byteStart, chunk.byteEnd });
        }
        // Every non-blank byte of content is in a chunk.
        for (int line = 0; line < file.lineCount(); ++line) {
            const QByteArray bytes = file.line(line);
            for (qsizetype i = 0; i < bytes.size(); ++i) {
                if (QByteArrayView(" \t\r\n\f\v").contains(bytes[i]))
                    continue;
                const qint64 at = file.lineStart[line] + i;
                const bool inChunk = std::any_of(covered[line].begin(), covered[line].end(),
                    [at](auto r) { return at >= r.first && at < r.second; });
                if (!inChunk && (line > 0 || i > 2 || !bytes.startsWith("\xEF\xBB\xBF")))
                    QFAIL(qPrintable(
                        QStringLiteral("byte %1 of line %2 is in no chunk").arg(i).arg(line + 1)));
            }
        }
    }

    // Blocks that fit the target (with their header) are never cut.
    // The texts of C++ source's chunks at a target of 100 tokens.
    QStringList cppChunkTexts(const QByteArray &bytes) const
    {
        const Chunker chunker(m_counter, { 100, 1024 });
        QStringList texts;
        const QList<Chunk> chunks
            = chunker.chunk(u"lexer.hpp"_s, bytes, m_repository.definitionForName(u"C++"_s));
        for (const Chunk &chunk : chunks)
            texts.append(Chunker::text(bytes, chunk));
        return texts;
    }

    void checkBlocksKept(
        const File &file, const QList<Chunk> &chunks, const QList<Block> &blocks, int target)
    {
        int checked = 0;
        for (const Block &block : blocks) {
            if (lineTokens(file, m_counter, block.first, block.last) > target)
                continue;
            ++checked;
            for (const Chunk &chunk : chunks) {
                QVERIFY2(!cutsInside(chunk, block),
                    qPrintable(QStringLiteral("lines %1-%2 cut by %3")
                            .arg(block.first + 1)
                            .arg(block.last + 1)
                            .arg(describe(chunks))));
            }
        }
        QVERIFY(checked > 0);
    }

    QList<Chunk> chunkFixture(const QString &name, const File &file,
        const Chunker::Options &options, const QString &syntax = {})
    {
        const Chunker chunker(m_counter, options);
        const auto definition = definitionFor(name, syntax);
        const QList<Chunk> chunks = chunker.chunk(fixture(name), file.bytes, definition);
        checkInvariants(file, chunks, fixture(name), definition, m_counter, chunker.options());
        return chunks;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void defaults()
    {
        const Chunker chunker(m_counter);
        QCOMPARE(chunker.options().targetTokens, 512);
        QCOMPARE(chunker.options().maxTokens, 8191);
        const Chunker clamped(m_counter, { 1000, 254 });
        QCOMPARE(clamped.options().targetTokens, 254);
        QVERIFY(!m_counter.isExact());
    }

    void invariants_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QString>("syntax"); // empty: by file name; "none": no definition
        QTest::addColumn<int>("target");
        QTest::addColumn<int>("maxTokens");

        const QStringList files = { u"shapes.cpp"_s, u"crlf.cpp"_s, u"tasks.py"_s,
            u"no_trailing_newline.py"_s, u"service.yaml"_s, u"guide.md"_s, u"notes.txt"_s,
            u"unbalanced.c"_s, u"minified.js"_s, u"invalid_utf8.txt"_s, u"empty.txt"_s,
            u"whitespace_only.txt"_s, u"bom.md"_s };
        const QList<QPair<int, int>> limits
            = { { 512, 8191 }, { 254, 254 }, { 64, 128 }, { 16, 16 } };
        for (const QString &file : files) {
            for (const auto &[target, max] : limits) {
                QTest::addRow("%s %d/%d", qPrintable(file), target, max)
                    << file << QString() << target << max;
            }
        }
        QTest::newRow("shapes.cpp as plain text") << u"shapes.cpp"_s << u"none"_s << 64 << 128;
        QTest::newRow("tasks.py as plain text") << u"tasks.py"_s << u"none"_s << 64 << 128;
        QTest::newRow("service.yaml as C++") << u"service.yaml"_s << u"C++"_s << 64 << 128;
    }

    void invariants()
    {
        QFETCH(QString, fileName);
        QFETCH(QString, syntax);
        QFETCH(int, target);
        QFETCH(int, maxTokens);
        const File file = readFile(fileName);
        const QList<Chunk> chunks = chunkFixture(fileName, file, { target, maxTokens }, syntax);
        if (QTest::currentTestFailed())
            return;
        const bool hasContent = !QString::fromUtf8(file.bytes).trimmed().isEmpty();
        QCOMPARE(!chunks.isEmpty(), hasContent);
    }

    void cppFunctionsAndClasses()
    {
        const int target = 256;
        const File file = readFile(u"shapes.cpp"_s);
        const QList<Chunk> chunks = chunkFixture(u"shapes.cpp"_s, file, { target, 1024 });
        QVERIFY2(!QTest::currentTestFailed(), qPrintable(describe(chunks)));
        const QList<Block> blocks = braceBlocks(file);
        checkBlocksKept(file, chunks, blocks, target);

        const auto findLine = [&](const QString &start) {
            for (int line = 0; line < file.lineCount(); ++line) {
                if (file.lineText(line).startsWith(start))
                    return line;
            }
            return -1;
        };
        const auto blockAt = [&](int line) {
            for (const Block &block : blocks) {
                if (block.first <= line && line <= block.last
                    && file.lineText(block.last).startsWith(u'}'))
                    return block;
            }
            return Block { -1, -1 };
        };
        const auto chunksTouching = [&](const Block &block) {
            int count = 0;
            for (const Chunk &chunk : chunks)
                count += chunk.endLine - 1 >= block.first && chunk.startLine - 1 <= block.last;
            return count;
        };

        // A function bigger than the target starts (with its comment) and ends chunks of
        // its own.
        for (const QString &name : { u"std::vector<std::pair<double, double>> parsePoints"_s,
                 u"std::vector<std::pair<double, double>> convexHull"_s }) {
            const Block function = blockAt(findLine(name));
            QVERIFY(function.first >= 0);
            QVERIFY(lineTokens(file, m_counter, function.first, function.last) > target);
            int header = function.first;
            while (header > 0 && !file.isBlank(header - 1))
                --header;
            QVERIFY2(std::any_of(chunks.begin(), chunks.end(),
                         [&](const Chunk &c) { return c.startLine - 1 == header; }),
                qPrintable(name + u" does not start a chunk: "_s + describe(chunks)));
            QVERIFY2(std::any_of(chunks.begin(), chunks.end(),
                         [&](const Chunk &c) { return c.endLine - 1 == function.last; }),
                qPrintable(name + u" does not end a chunk: "_s + describe(chunks)));
            QVERIFY(chunksTouching(function) >= 2);
        }

        // No sliver of a few tokens (the tail of a split function) stands alone.
        for (const Chunk &chunk : chunks)
            QVERIFY2(chunk.tokens >= target / 16, qPrintable(describe(chunks)));

        // The five small functions share chunks.
        const Block first = blockAt(findLine(u"static int clampInt"_s));
        const Block last = blockAt(findLine(u"static int sign"_s));
        QVERIFY(first.first >= 0 && last.first >= 0);
        QVERIFY2(chunksTouching({ first.first, last.last }) <= 2, qPrintable(describe(chunks)));

        // The class is bigger than the target: split, and only between its methods.
        const int classLine = findLine(u"class Polygon"_s);
        int classEnd = classLine;
        while (!file.lineText(classEnd).startsWith(u"};"_s))
            ++classEnd;
        QVERIFY(lineTokens(file, m_counter, classLine, classEnd) > target);
        QVERIFY2(chunksTouching({ classLine, classEnd }) >= 3, qPrintable(describe(chunks)));
        for (const Chunk &chunk : chunks) {
            if (chunk.endLine - 1 >= classLine && chunk.endLine - 1 < classEnd) {
                const QString endText = file.lineText(chunk.endLine - 1);
                QVERIFY2(endText.trimmed() == u"}"_s,
                    qPrintable(u"class chunk ends inside a method: "_s + describe(chunks)));
            }
        }
    }

    void indentationLanguages_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<int>("target");
        QTest::newRow("Python") << u"tasks.py"_s << 160;
        QTest::newRow("Python without trailing newline") << u"no_trailing_newline.py"_s << 160;
        QTest::newRow("YAML") << u"service.yaml"_s << 120;
    }

    void indentationLanguages()
    {
        QFETCH(QString, fileName);
        QFETCH(int, target);
        const File file = readFile(fileName);
        const auto definition = definitionFor(fileName, {});
        QVERIFY(definition.indentationBasedFoldingEnabled());
        const QList<Chunk> chunks = chunkFixture(fileName, file, { target, 1024 });
        QVERIFY2(!QTest::currentTestFailed(), qPrintable(describe(chunks)));
        QVERIFY2(chunks.size() >= 3, qPrintable(describe(chunks)));
        checkBlocksKept(file, chunks, indentBlocks(file), target);
        // The last chunk reaches the end of the file, terminator or not.
        QCOMPARE(chunks.constLast().byteEnd, file.bytes.size());
    }

    void paragraphs_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QString>("syntax");
        QTest::newRow("Markdown") << u"guide.md"_s << QString();
        QTest::newRow("plain text") << u"notes.txt"_s << QString();
        QTest::newRow("no definition") << u"notes.txt"_s << u"none"_s;
    }

    void paragraphs()
    {
        QFETCH(QString, fileName);
        QFETCH(QString, syntax);
        const int target = 80;
        const File file = readFile(fileName);
        const QList<Chunk> chunks = chunkFixture(fileName, file, { target, 512 }, syntax);
        QVERIFY2(!QTest::currentTestFailed(), qPrintable(describe(chunks)));
        QVERIFY2(chunks.size() >= 2, qPrintable(describe(chunks)));
        checkBlocksKept(file, chunks, ::paragraphs(file), target);
    }

    void markdownSections()
    {
        // With a target that holds each section, a chunk is a section: it starts at a
        // heading.
        const File file = readFile(u"guide.md"_s);
        QList<int> headings;
        for (int line = 0; line < file.lineCount(); ++line) {
            if (file.lineText(line).startsWith(u'#'))
                headings.append(line);
        }
        QCOMPARE(headings.first(), 0);
        headings.append(file.lineCount());
        qint64 target = 0;
        for (qsizetype i = 0; i + 1 < headings.size(); ++i)
            target
                = std::max(target, lineTokens(file, m_counter, headings[i], headings[i + 1] - 1));
        const QList<Chunk> chunks = chunkFixture(u"guide.md"_s, file, { int(target), 1024 });
        QVERIFY2(chunks.size() >= 2, qPrintable(describe(chunks)));
        for (const Chunk &chunk : chunks)
            QVERIFY2(
                file.lineText(chunk.startLine - 1).startsWith(u'#'), qPrintable(describe(chunks)));
    }

    // A doc comment with paragraphs is the header of what it documents: its blank lines are
    // no place to cut, though blank lines elsewhere are.
    void docCommentStaysWhole()
    {
        QByteArray bytes;
        bytes += "struct Base\n{\n";
        for (int i = 0; i < 12; ++i)
            bytes
                += "    int member" + QByteArray::number(i) + " = " + QByteArray::number(i) + ";\n";
        bytes += "};\n/*!\n@brief lexical analysis\n\nThis class organizes the lexical analysis "
                 "during deserialization.\n\nIt reads one token at a time.\n*/\n"
                 "template<typename T>\nclass Lexer : public Base\n{\n";
        for (int i = 0; i < 12; ++i)
            bytes
                += "    int field" + QByteArray::number(i) + " = " + QByteArray::number(i) + ";\n";
        bytes += "};\n";
        const QStringList texts = cppChunkTexts(bytes);
        const auto holding = [&texts](QStringView words) {
            return std::find_if(texts.cbegin(), texts.cend(),
                [words](const QString &text) { return text.contains(words); });
        };
        const auto brief = holding(u"@brief");
        QVERIFY2(brief != texts.cend(), qPrintable(texts.join(u"\n----\n")));
        QVERIFY2(brief == holding(u"It reads one token"), qPrintable(texts.join(u"\n----\n")));
        QVERIFY2(brief == holding(u"template<typename T>"), qPrintable(texts.join(u"\n----\n")));
        QVERIFY2(brief != holding(u"member29"), qPrintable(texts.join(u"\n----\n")));
    }

    void docCommentKeepsTheLineItDocuments_data()
    {
        QTest::addColumn<QByteArray>("opening");
        QTest::newRow("brace on the class line") << QByteArray("class Lexer : public Base {\n");
        QTest::newRow("brace on its own line") << QByteArray("class Lexer : public Base\n{\n");
    }

    // When the doc comment cannot join the class's first members (they fill a chunk), the
    // line naming the class goes with the comment, not with the members.
    void docCommentKeepsTheLineItDocuments()
    {
        QFETCH(QByteArray, opening);
        QByteArray bytes = "/*!\n@brief lexical analysis\n\nThis class organizes the lexical "
                           "analysis during deserialization.\n*/\ntemplate<typename T>\n"
            + opening;
        for (int i = 0; i < 24; ++i)
            bytes
                += "    int field" + QByteArray::number(i) + " = " + QByteArray::number(i) + ";\n";
        bytes += "\n    void reset() { field0 = 0; }\n};\n";
        const QStringList texts = cppChunkTexts(bytes);
        const auto holding = [&texts](QStringView words) {
            return std::find_if(texts.cbegin(), texts.cend(),
                [words](const QString &text) { return text.contains(words); });
        };
        QVERIFY2(
            holding(u"@brief") != holding(u"field0 = 0;"), qPrintable(texts.join(u"\n----\n")));
        QVERIFY2(
            holding(u"@brief") == holding(u"class Lexer"), qPrintable(texts.join(u"\n----\n")));
        QVERIFY2(!holding(u"field0 = 0;")->contains(u"class Lexer"),
            qPrintable(texts.join(u"\n----\n")));
    }

    void unbalancedRegions()
    {
        const File file = readFile(u"unbalanced.c"_s);
        QList<QStringView> lines;
        QStringList texts;
        for (int line = 0; line < file.lineCount(); ++line)
            texts.append(file.lineText(line).chopped(file.lineText(line).endsWith(u'\n') ? 1 : 0));
        for (const QString &text : std::as_const(texts))
            lines.append(text);
        FoldingHighlighter highlighter;
        highlighter.setDefinition(m_repository.definitionForName(u"C"_s));
        const auto regions = highlighter.regions(lines);
        QVERIFY(!regions.isEmpty());
        // Whatever the input, regions are within the file and nest properly.
        for (qsizetype i = 0; i < regions.size(); ++i) {
            const auto &r = regions[i];
            QVERIFY(r.firstLine >= 0 && r.firstLine < r.lastLine && r.lastLine < lines.size());
            for (qsizetype j = i + 1; j < regions.size(); ++j) {
                const auto &s = regions[j];
                QVERIFY(s.firstLine >= r.firstLine);
                const bool inside = s.lastLine <= r.lastLine && s.depth > r.depth;
                const bool after = s.firstLine >= r.lastLine;
                QVERIFY2(inside || after,
                    qPrintable(QStringLiteral("%1-%2 vs %3-%4")
                            .arg(r.firstLine)
                            .arg(r.lastLine)
                            .arg(s.firstLine)
                            .arg(s.lastLine)));
            }
        }
        // The never-closed main() still forms a region reaching the end of the file.
        QVERIFY(std::any_of(regions.begin(), regions.end(),
            [&](const auto &r) { return r.lastLine == lines.size() - 1; }));
        const QList<Chunk> chunks = chunkFixture(u"unbalanced.c"_s, file, { 48, 128 });
        QVERIFY2(chunks.size() >= 2, qPrintable(describe(chunks)));
    }

    void indentationRegions()
    {
        const QStringList texts
            = { u"a:"_s, u"  b: 1"_s, u""_s, u"  # note"_s, u"  c:"_s, u"    - d"_s, u"e: 2"_s };
        QList<QStringView> lines(texts.begin(), texts.end());
        const QList<QRegularExpression> ignore
            = { QRegularExpression(QRegularExpression::anchoredPattern(u"\\s*#.*"_s)) };
        const auto regions = FoldingHighlighter::indentationRegions(lines, ignore);
        const QList<FoldingHighlighter::Region> expected = { { 0, 5, 0 }, { 4, 5, 1 } };
        QCOMPARE(regions, expected);
    }

    void minifiedLine_data()
    {
        QTest::addColumn<int>("target");
        QTest::addColumn<int>("maxTokens");
        QTest::newRow("API model") << 512 << 8191;
        QTest::newRow("MiniLM") << 254 << 254;
    }

    void minifiedLine()
    {
        QFETCH(int, target);
        QFETCH(int, maxTokens);
        const File file = readFile(u"minified.js"_s);
        QCOMPARE(file.lineCount(), 1);
        const QList<Chunk> chunks = chunkFixture(u"minified.js"_s, file, { target, maxTokens });
        QVERIFY(!QTest::currentTestFailed());
        const qint64 total = m_counter.count(QString::fromUtf8(file.bytes));
        QVERIFY(chunks.size() >= total / target);
        qint64 column = 0;
        for (qsizetype i = 0; i < chunks.size(); ++i) {
            const Chunk &chunk = chunks[i];
            QCOMPARE(chunk.startLine, 1);
            QCOMPARE(chunk.endLine, 1);
            QCOMPARE(chunk.startColumn, column); // windows follow each other
            column = chunk.endColumn;
            QVERIFY(chunk.tokens <= maxTokens);
            if (i + 1 < chunks.size()) // about the target, not slivers
                QVERIFY2(chunk.tokens >= target / 2, qPrintable(describe(chunks)));
        }
        QCOMPARE(column, file.bytes.size());
    }

    void invalidUtf8()
    {
        // Not UTF-8 and no byte order mark: Windows-1252, every byte one character, so the
        // Latin-1 "é" reads right and the UTF-8 "ï" reads as the two characters of its bytes.
        const File file = readFile(u"invalid_utf8.txt"_s);
        QVERIFY(!file.bytes.isValidUtf8());
        QCOMPARE(file.encoding, TextDecoder::Encoding::Windows1252);
        const QList<Chunk> whole = chunkFixture(u"invalid_utf8.txt"_s, file, { 512, 8191 });
        QCOMPARE(whole.size(), 1);
        QCOMPARE(whole[0].byteEnd, file.bytes.size());
        const QString text = Chunker::text(file.bytes, whole[0]);
        QVERIFY(!text.contains(QChar::ReplacementCharacter));
        QVERIFY(text.contains(u"café;3.50"_s));
        QVERIFY(text.contains(u"naÃ¯ve"_s));
        QVERIFY(text.contains(u"stray € byte"_s));
        QCOMPARE(text.size(), file.bytes.size());
        QCOMPARE(whole[0].textHash, Chunker::textHash(text));
        const QList<Chunk> small = chunkFixture(u"invalid_utf8.txt"_s, file, { 16, 32 });
        QVERIFY2(small.size() >= 3, qPrintable(describe(small)));
    }

    // A byte order mark says UTF-8: invalid bytes become U+FFFD, valid ones read right.
    void invalidUtf8AfterAByteOrderMark()
    {
        const QByteArray bytes = "\xEF\xBB\xBF"
                                 "caf\xE9 na\xC3\xAFve\n"_ba;
        const EstimateTokenCounter counter;
        const QList<Chunk> chunks
            = Chunker(counter).chunk(u"bom.txt"_s, bytes, KSyntaxHighlighting::Definition());
        QCOMPARE(chunks.size(), 1);
        QCOMPARE(Chunker::text(bytes, chunks[0]), u"\uFEFFcaf\uFFFD naïve\n"_s);
    }

    // A Windows-1252 file whose bytes here and there happen to be valid UTF-8 ("Ã©" is C3 A9,
    // UTF-8 for "é") hashes the text it embeds, not those bytes; long lines are cut anywhere.
    void windows1252LooksLikeUtf8InPlaces()
    {
        const QByteArray line = "prix \xC3\xA9t\xE9 "_ba.repeated(200) + "\n";
        const QByteArray bytes = "\xC3\xA9\n\n"_ba + line;
        const EstimateTokenCounter counter;
        const Chunker chunker(counter, { 16, 32 });
        const QList<Chunk> chunks
            = chunker.chunk(u"prix.txt"_s, bytes, KSyntaxHighlighting::Definition());
        QVERIFY(chunks.size() > 3);
        QCOMPARE(Chunker::text(bytes, chunks[0]), u"Ã©\n"_s);
        QString joined;
        for (const Chunk &chunk : chunks) {
            const QString text = Chunker::text(bytes, chunk);
            QCOMPARE(text.size(), chunk.byteEnd - chunk.byteStart);
            QCOMPARE(chunk.textHash, Chunker::textHash(text));
            if (chunk.startLine == 3)
                joined += text;
        }
        QCOMPARE(joined, u"prix Ã©té "_s.repeated(200));
    }

    void crlfLikeLf_data()
    {
        QTest::addColumn<QString>("syntax");
        QTest::newRow("C++") << QString();
        QTest::newRow("no definition") << u"none"_s;
    }

    void crlfLikeLf()
    {
        // CRLF keeps its bytes but cuts at the same lines as the LF original.
        QFETCH(QString, syntax);
        const CarriageReturnBlindCounter counter;
        const Chunker chunker(counter, { 96, 512 });
        const File lf = readFile(u"shapes.cpp"_s);
        const File crlf = readFile(u"crlf.cpp"_s);
        const auto definition = definitionFor(u"shapes.cpp"_s, syntax);
        const QList<Chunk> a = chunker.chunk(u"shapes.cpp"_s, lf.bytes, definition);
        const QList<Chunk> b = chunker.chunk(u"crlf.cpp"_s, crlf.bytes, definition);
        checkInvariants(crlf, b, u"crlf.cpp"_s, definition, counter, chunker.options());
        QVERIFY(a.size() > 3);
        QCOMPARE(a.size(), b.size());
        for (qsizetype i = 0; i < a.size(); ++i) {
            QCOMPARE(b[i].startLine, a[i].startLine);
            QCOMPARE(b[i].endLine, a[i].endLine);
            QVERIFY(Chunker::text(crlf.bytes, b[i]).endsWith(u"\r\n"_s));
        }
    }

    void workerThreads()
    {
        // One Chunker shared by two workers, each with a Definition from its own Repository,
        // gives what one thread gives.
        const QStringList names = { u"shapes.cpp"_s, u"tasks.py"_s, u"service.yaml"_s,
            u"guide.md"_s, u"minified.js"_s, u"unbalanced.c"_s };
        const Chunker chunker(m_counter, { 64, 254 });
        const auto chunkAll = [&](const KSyntaxHighlighting::Repository &repository) {
            QList<QByteArray> hashes;
            for (const QString &name : names) {
                const File file = readFile(name);
                for (const Chunk &chunk :
                    chunker.chunk(name, file.bytes, repository.definitionForFileName(name)))
                    hashes.append(chunk.textHash);
            }
            return hashes;
        };
        const QList<QByteArray> expected = chunkAll(m_repository);
        QThreadPool pool;
        pool.setMaxThreadCount(2);
        const QList<QList<QByteArray>> results
            = QtConcurrent::blockingMapped(&pool, QList<int> { 0, 1, 2, 3 }, [&](int) {
                  const KSyntaxHighlighting::Repository repository;
                  return chunkAll(repository);
              });
        for (const auto &result : results)
            QCOMPARE(result, expected);
    }

    void neverOverLimitWithNonAdditiveCounter()
    {
        const SuperAdditiveCounter counter;
        const Chunker::Options options { 200, 220 };
        const Chunker chunker(counter, options);
        for (const QString &name : { u"shapes.cpp"_s, u"tasks.py"_s, u"guide.md"_s }) {
            const File file = readFile(name);
            const auto definition = definitionFor(name, {});
            const QList<Chunk> chunks = chunker.chunk(fixture(name), file.bytes, definition);
            checkInvariants(file, chunks, fixture(name), definition, counter, chunker.options());
        }
    }
};

QTEST_GUILESS_MAIN(TestChunker)

#include "tst_chunker.moc"
