// The Chunker with the real tokenizers (cl100k_base, o200k_base, the built-in model's
// WordPiece) on real files: every chunk's stored token count is the tokenizer's count of the
// chunk's text, although the chunker adds line counts up instead of counting each chunk again
// wherever TokenCounter::addsUpAcross() allows it; and that predicate is only ever true where
// counts do add up.
#include "bpetokenizer.h"
#include "chunker.h"
#include "wordpiecetokenizer.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTest>
#include <atomic>
#include <memory>

using namespace SignalHub::Core;
using namespace Qt::StringLiterals;

namespace {

std::shared_ptr<const TokenCounter> loadCounter(const QString &name)
{
    if (name == u"minilm-wordpiece") {
        auto loaded = WordPieceTokenizer::load();
        return loaded ? std::shared_ptr<const TokenCounter>(*loaded) : nullptr;
    }
    auto loaded = BpeTokenizer::load(name);
    return loaded ? std::shared_ptr<const TokenCounter>(*loaded) : nullptr;
}

// Passes calls through and adds up how much text count() was given.
class MeteredCounter : public TokenCounter
{
public:
    explicit MeteredCounter(const TokenCounter &inner)
        : m_inner(inner)
    { }
    QString name() const override { return m_inner.name(); }
    qsizetype count(QStringView text) const override
    {
        m_units += text.size();
        return m_inner.count(text);
    }
    bool isExact() const override { return m_inner.isExact(); }
    bool addsUpAcross(QStringView line, QStringView next) const override
    {
        return m_inner.addsUpAcross(line, next);
    }
    mutable std::atomic<qint64> m_units { 0 };

private:
    const TokenCounter &m_inner;
};

struct SourceFile
{
    QString path;
    QByteArray bytes;
};

// Files of one folder in name order, up to a byte budget.
QList<SourceFile> readFiles(const QString &dir, const QStringList &filters, qint64 budget)
{
    QList<SourceFile> files;
    const QFileInfoList entries = QDir(dir).entryInfoList(filters, QDir::Files, QDir::Name);
    for (const QFileInfo &info : entries) {
        if (budget <= 0)
            break;
        QFile file(info.absoluteFilePath());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        files.append({ info.absoluteFilePath(), file.readAll() });
        budget -= files.last().bytes.size();
    }
    return files;
}

QList<SourceFile> corpus(const QString &variant)
{
    QList<SourceFile> files
        = readFiles(qEnvironmentVariable("SIGNALHUB_SOURCE_DIR") + QStringLiteral("/core"),
            { QStringLiteral("*.cpp"), QStringLiteral("*.h") }, 600'000);
    files += readFiles(QStringLiteral("/usr/include"), { QStringLiteral("*.h") }, 600'000);
    if (variant == u"crlf") {
        for (SourceFile &file : files)
            file.bytes.replace("\n", "\r\n");
    } else if (variant == u"odd blank lines") {
        // Blank lines of spaces, of a no-break space, of a carriage return alone.
        for (qsizetype i = 0; i < files.size(); ++i) {
            static const char *const blanks[] = { "\n  \n", "\n\xC2\xA0\n", "\n\r\n" };
            files[i].bytes.replace("\n\n", blanks[i % 3]);
        }
    }
    return files;
}

QList<QStringView> linesOf(QStringView text)
{
    QList<QStringView> lines;
    qsizetype start = 0;
    while (start < text.size()) {
        const qsizetype newline = text.indexOf(u'\n', start);
        const qsizetype end = newline < 0 ? text.size() : newline + 1;
        lines.append(text.sliced(start, end - start));
        start = end;
    }
    return lines;
}

QStringView span(const QList<QStringView> &lines, qsizetype first, qsizetype end)
{
    return QStringView(lines[first].data(), lines[end - 1].data() + lines[end - 1].size());
}

} // namespace

class TestChunkerTokens : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void addsUpAcross_data()
    {
        QTest::addColumn<QString>("encoding");
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("next");
        QTest::addColumn<int>("expected"); // 1 adds up, 0 does not, -1 either (checked only)

        const QString all[] = { QStringLiteral("cl100k_base"), QStringLiteral("o200k_base"),
            QStringLiteral("minilm-wordpiece") };
        for (const QString &encoding : all) {
            const bool bpe = encoding != u"minilm-wordpiece";
            const auto row
                = [&](const char *name, const QString &line, const QString &next, int expected) {
                      QTest::addRow("%s %s", qPrintable(encoding), name)
                          << encoding << line << next << expected;
                  };
            row("code", u"    int a = 1;\n"_s, u"    return a;\n"_s, 1);
            row("crlf", u"int a;\r\n"_s, u"int b;\r\n"_s, 1);
            row("word then indent", u"foo\n"_s, u"  bar\n"_s, 1);
            row("trailing spaces", u"foo  \n"_s, u"  bar\n"_s, 1);
            row("blank next", u"}\n"_s, u"\n"_s, bpe ? 0 : 1);
            row("blank next after word", u"foo\n"_s, u"\n"_s, bpe ? 0 : 1);
            row("spaces-only next", u"foo  \n"_s, u"   \n"_s, bpe ? 0 : 1);
            row("no-break space next", u"x;\n"_s, u"\u00a0\n"_s, bpe ? 0 : 1);
            row("mongolian separator next", u"x;\n"_s, u"\u180e\n"_s, bpe ? 0 : -1);
            row("carriage return next", u"};\n"_s, u"\rfoo\n"_s, bpe ? 0 : 1);
            row("crlf blank next", u"};\r\n"_s, u"\r\n"_s, bpe ? 0 : 1);
            row("comment after brace", u"}\n"_s, u"// next\n"_s, encoding == u"o200k_base" ? 0 : 1);
            row("comment after word", u"done\n"_s, u"// next\n"_s, 1);
            row("comment after digit", u"x = 10\n"_s, u"/* c */\n"_s, 1);
            row("comment after accent", u"caf\u00e9\n"_s, u"//\n"_s, -1);
            row("comment after combining mark", u"cafe\u0301\n"_s, u"//\n"_s, -1);
            row("no line break", u"foo"_s, u"bar\n"_s, bpe ? 0 : -1);
        }
    }

    // Where the predicate says yes, counts add up whatever comes before and after; the
    // expected answers make sure it is not simply always no.
    void addsUpAcross()
    {
        QFETCH(QString, encoding);
        QFETCH(QString, line);
        QFETCH(QString, next);
        QFETCH(int, expected);
        const auto counter = loadCounter(encoding);
        QVERIFY(counter);
        const bool addsUp = counter->addsUpAcross(line, next);
        if (expected >= 0)
            QCOMPARE(addsUp, expected == 1);
        if (!addsUp)
            return;
        for (const QString &before : { QString(), u"x = y;\n"_s, u"}\n\n"_s, u"   "_s }) {
            for (const QString &after : { QString(), u"\n\n"_s, u" z\n"_s, u"//"_s }) {
                const QString a = before + line;
                const QString b = next + after;
                QCOMPARE(counter->count(QString(a + b)), counter->count(a) + counter->count(b));
            }
        }
    }

    void realFiles_data()
    {
        QTest::addColumn<QString>("encoding");
        QTest::addColumn<QString>("variant");
        QTest::addColumn<int>("targetTokens");
        QTest::addColumn<int>("maxTokens");
        QTest::newRow("cl100k") << u"cl100k_base"_s << u"lf"_s << 512 << 8191;
        QTest::newRow("cl100k small") << u"cl100k_base"_s << u"lf"_s << 64 << 8191;
        QTest::newRow("cl100k crlf") << u"cl100k_base"_s << u"crlf"_s << 512 << 8191;
        QTest::newRow("cl100k odd blank lines")
            << u"cl100k_base"_s << u"odd blank lines"_s << 256 << 8191;
        QTest::newRow("o200k") << u"o200k_base"_s << u"lf"_s << 512 << 8191;
        QTest::newRow("o200k odd blank lines")
            << u"o200k_base"_s << u"odd blank lines"_s << 256 << 8191;
        QTest::newRow("wordpiece") << u"minilm-wordpiece"_s << u"lf"_s << 254 << 254;
        QTest::newRow("wordpiece crlf") << u"minilm-wordpiece"_s << u"crlf"_s << 254 << 254;
    }

    // The stored count of every chunk is the tokenizer's count of the chunk's text, and the
    // chunker gives the tokenizer each character of the files about once (line counts, then
    // only what sits between breaks that do not add up), not twice.
    void realFiles()
    {
        QFETCH(QString, encoding);
        QFETCH(QString, variant);
        QFETCH(int, targetTokens);
        QFETCH(int, maxTokens);
        const auto counter = loadCounter(encoding);
        QVERIFY(counter);
        const QList<SourceFile> files = corpus(variant);
        QVERIFY2(files.size() > 20, "the repository's core/ and /usr/include hold files");

        MeteredCounter metered(*counter);
        const Chunker chunker(metered, Chunker::Options { targetTokens, maxTokens });
        KSyntaxHighlighting::Repository repository;
        qint64 units = 0;
        qint64 chunks = 0;
        for (const SourceFile &file : files) {
            units += QString::fromUtf8(file.bytes).size();
            const auto definition = repository.definitionForFileName(file.path);
            for (const Chunk &chunk : chunker.chunk(file.path, file.bytes, definition)) {
                const QString text = Chunker::text(file.bytes, chunk);
                QVERIFY2(chunk.tokens == counter->count(text),
                    qPrintable(QStringLiteral("%1 lines %2-%3: stored %4, counted %5")
                            .arg(file.path)
                            .arg(chunk.startLine)
                            .arg(chunk.endLine)
                            .arg(chunk.tokens)
                            .arg(counter->count(text))));
                QVERIFY(chunk.tokens <= maxTokens);
                ++chunks;
            }
        }
        QVERIFY(chunks > 100);
        const double perUnit = double(metered.m_units.load()) / double(units);
        qInfo("%lld chunks; count() was given %.3f UTF-16 units per unit of the files", chunks,
            perUnit);
        QVERIFY2(perUnit < 1.5, qPrintable(QString::number(perUnit)));
    }

    // Line by line through real files: wherever the predicate says yes, the lines before
    // and the lines after count the same apart as together.
    void predicateOnRealLines_data()
    {
        QTest::addColumn<QString>("encoding");
        QTest::addColumn<QString>("variant");
        for (const char *encoding : { "cl100k_base", "o200k_base", "minilm-wordpiece" }) {
            for (const char *variant : { "lf", "odd blank lines" })
                QTest::addRow("%s %s", encoding, variant)
                    << QString::fromLatin1(encoding) << QString::fromLatin1(variant);
        }
    }

    void predicateOnRealLines()
    {
        QFETCH(QString, encoding);
        QFETCH(QString, variant);
        const auto counter = loadCounter(encoding);
        QVERIFY(counter);
        constexpr qsizetype Context = 3;
        qint64 boundaries = 0;
        qint64 addingUp = 0;
        const QList<SourceFile> files = corpus(variant);
        for (const SourceFile &file : std::as_const(files)) {
            const QString text = QString::fromUtf8(file.bytes);
            const QList<QStringView> lines = linesOf(text);
            for (qsizetype k = 1; k < lines.size(); ++k) {
                ++boundaries;
                if (!counter->addsUpAcross(lines[k - 1], lines[k]))
                    continue;
                ++addingUp;
                const QStringView a = span(lines, std::max<qsizetype>(0, k - Context), k);
                const QStringView b = span(lines, k, std::min(lines.size(), k + Context));
                const QStringView ab = span(lines, std::max<qsizetype>(0, k - Context),
                    std::min(lines.size(), k + Context));
                if (counter->count(ab) != counter->count(a) + counter->count(b))
                    QFAIL(qPrintable(QStringLiteral("%1 line %2: %3 + %4 != %5")
                            .arg(file.path)
                            .arg(k + 1)
                            .arg(counter->count(a))
                            .arg(counter->count(b))
                            .arg(counter->count(ab))));
            }
        }
        qInfo("%lld of %lld line breaks add up", addingUp, boundaries);
        QVERIFY(boundaries > 10'000);
        // Most breaks of code: without that the chunker would count everything twice.
        QVERIFY(addingUp * 10 > boundaries * 7);
    }
};

QTEST_GUILESS_MAIN(TestChunkerTokens)
#include "tst_chunkertokens.moc"
