// The pieces tiktoken's patterns cut text into: those cut by hand for ASCII must be the ones
// PCRE2 finds, on real sources and on random text made of the characters the patterns treat
// specially (contractions, white space, line breaks, '/', and letters, digits and spaces
// beyond ASCII at every place).
#include "assets.h"
#include "pretokenizer.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using SignalHub::Core::Pretokenizer;

namespace {

QString patternOf(const QString &encoding)
{
    const auto path = SignalHub::Core::Assets::path(u"tiktoken/"_s + encoding + u".json"_s);
    if (!path)
        return {};
    QFile file(*path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object().value(u"pat_str").toString();
}

// The first piece where the two differ, with its neighbours, control characters spelled out.
QString firstDifference(const QList<QStringView> &fast, const QList<QStringView> &pattern)
{
    qsizetype at = 0;
    while (at < fast.size() && at < pattern.size() && fast[at] == pattern[at]
        && fast[at].data() == pattern[at].data())
        ++at;
    const auto show = [at](const QList<QStringView> &pieces) {
        QString shown;
        for (qsizetype k = std::max<qsizetype>(0, at - 2); k < std::min(pieces.size(), at + 3); ++k)
            shown += u'[' + pieces[k].toString() + u']';
        return shown.replace(u'\n', u"\\n"_s).replace(u'\r', u"\\r"_s).replace(u'\t', u"\\t"_s);
    };
    return u"piece %1: by hand %2, PCRE2 %3"_s.arg(at).arg(show(fast), show(pattern));
}

} // namespace

class TestPretokenizer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<const Pretokenizer> m_pretokenizers[2];

    void comparePieces(const QString &text, const QString &what);

private Q_SLOTS:
    void initTestCase();
    void rankFilesPatternsAreKnown();
    void randomText();
    void realSources();
    void anotherPatternIsPcre2Alone();
};

void TestPretokenizer::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    const QString patterns[] { Pretokenizer::cl100kPattern(), Pretokenizer::o200kPattern() };
    for (int i = 0; i < 2; ++i) {
        auto compiled = Pretokenizer::compile(patterns[i]);
        QVERIFY2(compiled, qPrintable(compiled.errorMessage()));
        m_pretokenizers[i] = std::move(compiled).value();
    }
}

void TestPretokenizer::comparePieces(const QString &text, const QString &what)
{
    for (const auto &pretokenizer : m_pretokenizers) {
        const QList<QStringView> fast = pretokenizer->pieces(text);
        const QList<QStringView> pattern = pretokenizer->pieces(text, true);
        if (fast.size() != pattern.size()
            || !std::equal(fast.begin(), fast.end(), pattern.begin(),
                [](QStringView a, QStringView b) { return a.data() == b.data() && a == b; })) {
            const QString name
                = pretokenizer->kind() == Pretokenizer::Kind::Cl100k ? u"cl100k"_s : u"o200k"_s;
            QFAIL(qPrintable(name + u": "_s + what + u", "_s + firstDifference(fast, pattern)));
        }
    }
}

void TestPretokenizer::rankFilesPatternsAreKnown()
{
    // The hand-cut path applies only to the patterns it was written for: should a rank file
    // change its pattern, every piece would silently go through PCRE2 again.
    const auto cl100k = Pretokenizer::compile(patternOf(u"cl100k_base"_s));
    QVERIFY(cl100k);
    QCOMPARE((*cl100k)->kind(), Pretokenizer::Kind::Cl100k);
    const auto o200k = Pretokenizer::compile(patternOf(u"o200k_base"_s));
    QVERIFY(o200k);
    QCOMPARE((*o200k)->kind(), Pretokenizer::Kind::O200k);
}

void TestPretokenizer::randomText()
{
    // ſ and the Kelvin sign fold to 's' and 'k'; U+00A0, U+0085 and U+2028 are white space;
    // U+0301 is a mark; ǅ title case, ʰ a modifier letter, 中 other letter, ٠ a digit; U+001C and
    // DEL are controls; the emoji is a surrogate pair.
    const QStringList alphabet { u"a"_s, u"A"_s, u"z"_s, u"Q"_s, u"s"_s, u"S"_s, u"t"_s, u"T"_s,
        u"r"_s, u"R"_s, u"e"_s, u"E"_s, u"v"_s, u"l"_s, u"L"_s, u"m"_s, u"d"_s, u"D"_s, u"0"_s,
        u"7"_s, u"'"_s, u"'"_s, u"'"_s, u" "_s, u" "_s, u" "_s, u"\t"_s, u"\n"_s, u"\n"_s, u"\r"_s,
        u"\v"_s, u"\f"_s, u"."_s, u"/"_s, u"/"_s, u"_"_s, u"-"_s, u"("_s, u"\""_s, u"é"_s, u"ſ"_s,
        u"\u212A"_s, u"\u00A0"_s, u"\u0085"_s, u"\u2028"_s, u"\u0301"_s, u"ǅ"_s, u"ʰ"_s, u"中"_s,
        u"٠"_s, u"\u001C"_s, u"\u007F"_s, u"—"_s, u"😀"_s };
    QRandomGenerator random(20261204);
    for (int round = 0; round < 40000; ++round) {
        QString text;
        const int length = 1 + int(random.bounded(24));
        // Mostly ASCII, as code is, so that long runs of it meet the rest at every place.
        const int range = round % 2 ? int(alphabet.size()) : 39;
        for (int i = 0; i < length; ++i)
            text += alphabet[random.bounded(range)];
        comparePieces(text, u"random text "_s + QString::number(round));
        if (QTest::currentTestFailed())
            return;
    }
}

void TestPretokenizer::realSources()
{
    // This repository, its tiktoken golden chunks (prose, code, every script), and C headers.
    const QString source = qEnvironmentVariable("SIGNALHUB_SOURCE_DIR");
    QVERIFY(!source.isEmpty());
    QStringList roots;
    for (const char *folder :
        { "core", "tokens", "chunk", "embed", "store", "ui", "docs", "tests/data", "translations" })
        roots.append(source + u'/' + QLatin1StringView(folder));
    roots.append(u"/usr/include/linux"_s);
    qint64 bytes = 0;
    for (const QString &root : std::as_const(roots)) {
        QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            if (file.size() > 4 * 1024 * 1024 || !file.open(QIODevice::ReadOnly))
                continue;
            const QByteArray content = file.readAll();
            if (content.contains('\0'))
                continue;
            bytes += content.size();
            comparePieces(QString::fromUtf8(content), file.fileName());
            if (QTest::currentTestFailed())
                return;
        }
    }
    QVERIFY2(bytes > 4'000'000, qPrintable(QString::number(bytes)));
}

void TestPretokenizer::anotherPatternIsPcre2Alone()
{
    // Any other pattern runs as written, with tiktoken's find_iter skipping what no match covers.
    const auto words = Pretokenizer::compile(uR"(\p{L}+)"_s);
    QVERIFY(words);
    QCOMPARE((*words)->kind(), Pretokenizer::Kind::Other);
    const QString text = u"it's 12 o'clock"_s;
    const QList<QStringView> pieces = (*words)->pieces(text);
    QCOMPARE(QStringList(pieces.begin(), pieces.end()),
        (QStringList { u"it"_s, u"s"_s, u"o"_s, u"clock"_s }));
}

QTEST_APPLESS_MAIN(TestPretokenizer)
#include "tst_pretokenizer.moc"
