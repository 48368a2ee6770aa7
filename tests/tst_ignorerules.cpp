// gitignore semantics of IgnoreRules, one row per rule of the gitignore documentation. The
// Scanner test checks the same matcher against git itself on a real tree.
#include "ignorerules.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using SignalHub::Core::IgnoreRules;
using Match = IgnoreRules::Match;

Q_DECLARE_METATYPE(IgnoreRules::Match)

class TestIgnoreRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void match_data()
    {
        QTest::addColumn<QString>("rules");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("isDirectory");
        QTest::addColumn<Match>("expected");

        const auto row
            = [](const char *name, const char *rules, const char *path, bool dir, Match expected) {
                  QTest::newRow(name)
                      << QString::fromUtf8(rules) << QString::fromUtf8(path) << dir << expected;
              };
        row("name at root", "*.log", "a.log", false, Match::Ignored);
        row("name at any depth", "*.log", "x/y/a.log", false, Match::Ignored);
        row("suffix must end", "*.log", "a.log.txt", false, Match::None);
        row("star stays in name", "foo*bar", "foo/bar", false, Match::None);
        row("leading slash anchors", "/build", "build", true, Match::Ignored);
        row("anchored not deeper", "/build", "src/build", true, Match::None);
        row("directory only, dir", "build/", "build", true, Match::Ignored);
        row("directory only, file", "build/", "build", false, Match::None);
        row("directory only, any depth", "build/", "src/build", true, Match::Ignored);
        row("middle slash anchors", "doc/*.txt", "doc/a.txt", false, Match::Ignored);
        row("middle slash, not below", "doc/*.txt", "doc/sub/a.txt", false, Match::None);
        row("middle slash, not elsewhere", "doc/*.txt", "x/doc/a.txt", false, Match::None);
        row("leading ** at root", "**/foo", "foo", false, Match::Ignored);
        row("leading ** deep", "**/foo", "a/b/foo", true, Match::Ignored);
        row("leading ** with path", "**/foo/bar", "x/foo/bar", false, Match::Ignored);
        row("leading ** with path at root", "**/foo/bar", "foo/bar", false, Match::Ignored);
        row("trailing ** inside", "abc/**", "abc/x", false, Match::Ignored);
        row("trailing ** deep", "abc/**", "abc/x/y", false, Match::Ignored);
        row("trailing ** not itself", "abc/**", "abc", true, Match::None);
        row("middle ** zero dirs", "a/**/b", "a/b", false, Match::Ignored);
        row("middle ** one dir", "a/**/b", "a/x/b", false, Match::Ignored);
        row("middle ** two dirs", "a/**/b", "a/x/y/b", false, Match::Ignored);
        row("middle ** needs slash", "a/**/b", "a/xb", false, Match::None);
        row("** in a name is a star", "a**z", "abcz", false, Match::Ignored);
        row("** in a name stays in name", "x/a**z", "x/a/z", false, Match::None);
        row("negation re-includes", "*.log\n!keep.log", "keep.log", false, Match::Included);
        row("negation leaves others", "*.log\n!keep.log", "other.log", false, Match::Ignored);
        row("last rule wins", "!keep.log\n*.log", "keep.log", false, Match::Ignored);
        row("comment", "#comment", "#comment", false, Match::None);
        row("escaped hash", "\\#hash", "#hash", false, Match::Ignored);
        row("escaped bang", "\\!bang", "!bang", false, Match::Ignored);
        row("trailing spaces trimmed", "trailing   ", "trailing", false, Match::Ignored);
        row("escaped trailing space", "trail\\ ", "trail ", false, Match::Ignored);
        row("CRLF line end", "*.tmp\r\n", "a.tmp", false, Match::Ignored);
        row("question mark", "f?o", "fao", false, Match::Ignored);
        row("question mark not slash", "x/f?o", "x/f/o", false, Match::None);
        row("range", "[a-c]x", "bx", false, Match::Ignored);
        row("range outside", "[a-c]x", "dx", false, Match::None);
        row("negated range", "[!a-c]x", "dx", false, Match::Ignored);
        row("negated range inside", "[!a-c]x", "ax", false, Match::None);
        row("caret negation", "[^a-c]x", "ax", false, Match::None);
        row("set", "*.[ch]", "x.h", false, Match::Ignored);
        row("set one char", "*.[ch]", "x.cc", false, Match::None);
        row("named class", "[[:digit:]]*", "1abc", false, Match::Ignored);
        row("named class miss", "[[:digit:]]*", "abc", false, Match::None);
        // As git's wildmatch: an unclosed bracket matches nothing.
        row("unclosed bracket", "a[b", "a[b", false, Match::None);
        row("star matches any file", "*", "anything/deep", false, Match::Ignored);
        row("anchored star one level", "a/*", "a/b", false, Match::Ignored);
        row("anchored star not two", "a/*", "a/b/c", false, Match::None);
        row("dir-only with **", "foo/**/", "foo/x", true, Match::Ignored);
        row("dir-only with ** file", "foo/**/", "foo/x", false, Match::None);
        row("blank lines only", "\n\n", "x", false, Match::None);
        row("case sensitive", "*.LOG", "a.log", false, Match::None);
        row("non-ASCII", "ü*.txt", "sub/über.txt", false, Match::Ignored);
        row("escaped star", "a\\*", "a*", false, Match::Ignored);
        row("escaped star literal", "a\\*", "ab", false, Match::None);
    }

    void match()
    {
        QFETCH(QString, rules);
        QFETCH(QString, path);
        QFETCH(bool, isDirectory);
        QFETCH(Match, expected);
        IgnoreRules set;
        set.addLines(rules, QStringLiteral(".gitignore"));
        const IgnoreRules::Verdict verdict = set.match(path, isDirectory);
        QCOMPARE(verdict.match, expected);
        QCOMPARE(verdict.rule != nullptr, expected != Match::None);
    }

    void verdictNamesTheRule()
    {
        IgnoreRules set;
        set.addLines(u"# build output\n*.o\n\nbuild/\n", QStringLiteral("src/.gitignore"));
        QCOMPARE(set.size(), 2);
        const IgnoreRules::Verdict verdict = set.match(u"out/build", true);
        QVERIFY(verdict.rule);
        QCOMPARE(verdict.rule->text, QStringLiteral("build/"));
        QCOMPARE(verdict.rule->line, 4);
        QCOMPARE(verdict.rule->source, QStringLiteral("src/.gitignore"));
        QVERIFY(verdict.rule->directoryOnly);
    }

    void matchWithParents_data()
    {
        QTest::addColumn<QString>("rules");
        QTest::addColumn<QString>("path");
        QTest::addColumn<Match>("expected");
        QTest::newRow("ignored folder hides file")
            << u"build/"_s << u"build/x/y.o"_s << Match::Ignored;
        QTest::newRow("negation cannot re-include under ignored folder")
            << u"build/\n!build/keep.txt"_s << u"build/keep.txt"_s << Match::Ignored;
        QTest::newRow("parent matched by anchored star")
            << u"a/*"_s << u"a/b/c"_s << Match::Ignored;
        QTest::newRow("contents of folder re-included")
            << u"/data/*\n!/data/keep"_s << u"data/keep"_s << Match::Included;
        QTest::newRow("unrelated") << u"build/"_s << u"src/x.c"_s << Match::None;
    }

    void matchWithParents()
    {
        QFETCH(QString, rules);
        QFETCH(QString, path);
        QFETCH(Match, expected);
        IgnoreRules set;
        set.addLines(rules, QStringLiteral(".gitignore"));
        QCOMPARE(set.matchWithParents(path, false).match, expected);
    }

    void addFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        IgnoreRules set;
        QString error;
        QVERIFY(set.addFile(dir.filePath(u"missing"_s), u"missing"_s, &error));
        QVERIFY(set.isEmpty());
        QFile file(dir.filePath(u".gitignore"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("node_modules/\n*.pyc\n");
        file.close();
        QVERIFY(set.addFile(file.fileName(), u".gitignore"_s, &error));
        QCOMPARE(set.size(), 2);
        QCOMPARE(set.match(u"a/node_modules", true).match, Match::Ignored);
        // A folder where a file is expected cannot be read.
        QVERIFY(!set.addFile(dir.path(), u"dir"_s, &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestIgnoreRules)
#include "tst_ignorerules.moc"
