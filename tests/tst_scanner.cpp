// The Scanner on real folders: a git repository checked against git itself, a plain folder with
// .gitignore/.ignore files, content rules, symlinks, unreadable and vanishing entries.
// HOME and XDG_CONFIG_HOME point into a temporary folder before libgit2 starts, so the global
// excludes file is ours and the real home is never read.
#include "filename.h"
#include "gitcommand.h"
#include "rawnames.h"
#include "scanner.h"
#include "textdecoder.h"

#include <KSyntaxHighlighting/Repository>
#include <QDir>
#include <QFile>
#include <QLocale>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace SignalHub::Core;

Q_DECLARE_METATYPE(SignalHub::Core::SkipReason)

namespace {

void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(file.errorString()));
    QCOMPARE(file.write(content), content.size());
}

QStringList indexedPaths(const QList<ScannedFile> &files)
{
    QStringList paths;
    for (const ScannedFile &file : files) {
        if (file.isIndexed())
            paths.append(file.relativePath);
    }
    paths.sort();
    return paths;
}

const ScannedFile *find(const QList<ScannedFile> &files, const QString &relativePath)
{
    for (const ScannedFile &file : files) {
        if (file.relativePath == relativePath)
            return &file;
    }
    return nullptr;
}

QString describe(const QList<ScannedFile> &files)
{
    QStringList lines;
    for (const ScannedFile &file : files)
        lines.append(file.relativePath + u" → "_s + skipReasonName(file.skipReason) + u" "_s
            + file.skipMessage);
    return lines.join(u'\n');
}

} // namespace

class TestScanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void gitRepositoryAgreesWithGit();
    void gitSubfolderAsRoot();
    void gitLinkedWorkTree();
    void nestedRepositoryHasItsOwnRules();
    void plainFolderAgreesWithGit();
    void randomTreesAgreeWithGit_data();
    void randomTreesAgreeWithGit();
    void ignoreFileWinsOverGitignore();
    void ignoredFolderIsOneEntryAndNotWalked();
    void excludeGlobs();
    void onlyPathsKeepTheRulesOfTheFoldersAbove();
    void walkFoldersSkipsIgnoredFolders();
    void contentRules_data();
    void contentRules();
    void overridesIncludeMinifiedAndGenerated();
    void invalidUtf8IsIndexedAndFlagged();
    void fileNames_data();
    void fileNames();
    void namesThatAreNotUtf8();
    void secretFileRules_data();
    void secretFileRules();
    void secretFilesSkippedUnlessIncluded();
    void symlinks();
    void unreadableEntries();
    void vanishingEntries();
    void namesWithSpacesAndNonAscii();
    void fileRootsAndMissingRoots();
    void newestFirst();
    void cancel();
    void workerThreadWithOwnRepository();

private:
    QList<ScannedFile> scanAll(
        const QString &root, ScanOptions options = {}, ScanSummary *summary = nullptr)
    {
        Scanner scanner(std::move(options), &m_repository);
        return scanner.scanAll({ root }, summary);
    }

    QTemporaryDir m_home;
    KSyntaxHighlighting::Repository m_repository;
};

void TestScanner::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
    QVERIFY(m_home.isValid());
    // Before any Scanner exists, so before libgit2 reads them; git(1) gets the same ones.
    qputenv("HOME", QFile::encodeName(m_home.path()));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath(u".config"_s)));
    qputenv("GIT_CONFIG_NOSYSTEM", "1");
    writeFile(m_home.filePath(u".config/git/ignore"_s), "*.globalignored\n");
    QVERIFY2(
        !QStandardPaths::findExecutable(u"git"_s).isEmpty(), "git is needed to make repositories");
}

void TestScanner::gitRepositoryAgreesWithGit()
{
    QTemporaryDir dir;
    const QString root = dir.path();
    QCOMPARE(git(root, { u"init"_s, u"-q"_s }), QString());
    writeFile(root + u"/.gitignore"_s, "*.log\nbuild/\nnode_modules/\n/secret.txt\n");
    writeFile(root + u"/src/main.cpp"_s, "int main() { return 0; }\n");
    writeFile(root + u"/src/debug.log"_s, "log\n");
    writeFile(root + u"/build/out.txt"_s, "built\n");
    writeFile(root + u"/node_modules/pkg/index.js"_s, "module.exports = 1;\n");
    writeFile(root + u"/sub/.gitignore"_s, "*.txt\n!keep.txt\n");
    writeFile(root + u"/sub/a.txt"_s, "a\n");
    writeFile(root + u"/sub/keep.txt"_s, "keep\n");
    writeFile(root + u"/sub/deeper/b.txt"_s, "b\n");
    writeFile(root + u"/sub/deeper/c.py"_s, "print(1)\n");
    writeFile(root + u"/secret.txt"_s, "root secret\n");
    writeFile(root + u"/docs/secret.txt"_s, "not anchored here\n");
    writeFile(root + u"/excluded-by-info.md"_s, "# info\n");
    writeFile(root + u"/notes.globalignored"_s, "global\n");
    writeFile(root + u"/README.md"_s, "# Readme\n");
    // A negation in another file than the rule it undoes (libgit2 1.9 would drop it).
    writeFile(root + u"/other/.gitignore"_s, "!keep.log\n");
    writeFile(root + u"/other/keep.log"_s, "kept\n");
    writeFile(root + u"/other/drop.log"_s, "dropped\n");
    QFile exclude(root + u"/.git/info/exclude"_s);
    QVERIFY(exclude.open(QIODevice::Append));
    exclude.write("\nexcluded-by-info.md\n");
    exclude.close();

    ScanOptions options;
    options.reportIgnored = true;
    ScanSummary summary;
    const QList<ScannedFile> files = scanAll(root, options, &summary);

    // git itself says which untracked files are not ignored.
    QStringList expected = git(root, { u"ls-files"_s, u"--others"_s, u"--exclude-standard"_s })
                               .split(u'\n', Qt::SkipEmptyParts);
    expected.sort();
    QVERIFY(expected.contains(u"sub/keep.txt"_s));
    QVERIFY(expected.contains(u"other/keep.log"_s));
    QVERIFY(!expected.contains(u"notes.globalignored"_s)); // git saw the same global file
    QCOMPARE(indexedPaths(files), expected);
    QCOMPARE(summary.indexed, expected.size());

    const ScannedFile *log = find(files, u"src/debug.log"_s);
    QVERIFY(log);
    QCOMPARE(log->skipReason, SkipReason::Ignored);
    QCOMPARE(log->skipMessage, u"ignored by .gitignore ('*.log')"_s);
    QCOMPARE(find(files, u"excluded-by-info.md"_s)->skipMessage,
        u"ignored by .git/info/exclude ('excluded-by-info.md')"_s);
    QCOMPARE(find(files, u"notes.globalignored"_s)->skipMessage,
        u"ignored by %1 ('*.globalignored')"_s.arg(m_home.filePath(u".config/git/ignore"_s)));
    QCOMPARE(find(files, u"sub/deeper/b.txt"_s)->skipReason, SkipReason::Ignored);
    const ScannedFile *main = find(files, u"src/main.cpp"_s);
    QCOMPARE(main->language, u"C++"_s);
    QCOMPARE(main->size, qint64(25));
    QCOMPARE(main->absolutePath, root + u"/src/main.cpp"_s);
    QCOMPARE(main->root, root);
    QVERIFY(main->mtime.isValid());

    // .git is one ignored entry, never walked.
    const ScannedFile *gitDir = find(files, u".git"_s);
    QVERIFY(gitDir);
    QVERIFY(gitDir->isDirectory);
    for (const ScannedFile &file : files)
        QVERIFY2(!file.relativePath.startsWith(u".git/"_s), qPrintable(file.relativePath));

    // Without reportIgnored, only what is indexed or skipped by content rules is listed.
    const QList<ScannedFile> quiet = scanAll(root);
    QCOMPARE(quiet.size(), expected.size());
}

void TestScanner::gitSubfolderAsRoot()
{
    QTemporaryDir dir;
    const QString root = dir.path();
    QCOMPARE(git(root, { u"init"_s, u"-q"_s }), QString());
    writeFile(root + u"/.gitignore"_s, "*.log\n/sub/generated/\n");
    writeFile(root + u"/sub/a.log"_s, "x\n");
    writeFile(root + u"/sub/a.c"_s, "int a;\n");
    writeFile(root + u"/sub/generated/g.c"_s, "int g;\n");
    writeFile(root + u"/sub/notes.globalignored"_s, "x\n");

    // The rules of the work tree above the root apply, with paths seen from the work tree.
    const QList<ScannedFile> files = scanAll(root + u"/sub"_s);
    QCOMPARE(indexedPaths(files), QStringList { u"a.c"_s });
    QCOMPARE(files.first().root, root + u"/sub"_s);

    // A folder git ignores was asked for by name: git's rules above it do not hide it.
    const QList<ScannedFile> generated = scanAll(root + u"/sub/generated"_s);
    QCOMPARE(indexedPaths(generated), QStringList { u"g.c"_s });
}

void TestScanner::gitLinkedWorkTree()
{
    // A linked work tree has a .git file; info/exclude lives in the main repository's git dir.
    QTemporaryDir dir;
    const QString main = dir.path() + u"/main"_s;
    QDir().mkpath(main);
    QCOMPARE(git(main, { u"init"_s, u"-q"_s }), QString());
    QVERIFY(git(main,
        { u"-c"_s, u"user.name=t"_s, u"-c"_s, u"user.email=t@example.org"_s, u"commit"_s, u"-q"_s,
            u"--allow-empty"_s, u"-m"_s, u"init"_s })
            .isEmpty());
    QVERIFY(!git(main, { u"worktree"_s, u"add"_s, u"-q"_s, u"../linked"_s }).startsWith(u'<'));
    writeFile(main + u"/.git/info/exclude"_s, "*.local\n");
    const QString linked = dir.path() + u"/linked"_s;
    QVERIFY(QFileInfo(linked + u"/.git"_s).isFile());
    writeFile(linked + u"/.gitignore"_s, "*.tmp\n");
    writeFile(linked + u"/a.c"_s, "int a;\n");
    writeFile(linked + u"/b.tmp"_s, "x\n");
    writeFile(linked + u"/c.local"_s, "x\n");

    QStringList expected = git(linked, { u"ls-files"_s, u"--others"_s, u"--exclude-standard"_s })
                               .split(u'\n', Qt::SkipEmptyParts);
    expected.sort();
    QCOMPARE(expected, (QStringList { u".gitignore"_s, u"a.c"_s }));
    QCOMPARE(indexedPaths(scanAll(linked)), expected);
}

void TestScanner::nestedRepositoryHasItsOwnRules()
{
    QTemporaryDir dir;
    const QString root = dir.path();
    QCOMPARE(git(root, { u"init"_s, u"-q"_s }), QString());
    writeFile(root + u"/.gitignore"_s, "*.tmp\n");
    const QString nested = root + u"/vendor/lib"_s;
    QDir().mkpath(nested);
    QCOMPARE(git(nested, { u"init"_s, u"-q"_s }), QString());
    writeFile(nested + u"/.gitignore"_s, "*.gen\n");
    writeFile(nested + u"/a.gen"_s, "generated\n");
    writeFile(nested + u"/a.tmp"_s, "parent rule does not reach here\n");
    writeFile(nested + u"/a.c"_s, "int a;\n");
    writeFile(root + u"/b.tmp"_s, "x\n");
    writeFile(root + u"/b.gen"_s, "nested rule does not reach here\n");

    const QStringList expectedNested = [&] {
        QStringList list = git(nested, { u"ls-files"_s, u"--others"_s, u"--exclude-standard"_s })
                               .split(u'\n', Qt::SkipEmptyParts);
        for (QString &path : list)
            path.prepend(u"vendor/lib/"_s);
        return list;
    }();
    QStringList expected = expectedNested;
    expected << u"b.gen"_s << u".gitignore"_s;
    expected.sort();
    const QList<ScannedFile> files = scanAll(root);
    QVERIFY2(indexedPaths(files) == expected, qPrintable(describe(files)));
    QVERIFY(expected.contains(u"vendor/lib/a.tmp"_s));
}

void TestScanner::plainFolderAgreesWithGit()
{
    // One tree, twice: as a plain folder for the Scanner (IgnoreRules) and as a git work tree
    // for git. Patterns avoid the global excludes, which only git applies.
    QTemporaryDir dir;
    const QString plain = dir.path() + u"/plain"_s;
    const QString repo = dir.path() + u"/repo"_s;
    const QList<std::pair<QString, QByteArray>> tree {
        { u".gitignore"_s, "*.o\n/out\ncache/\n!important.o\ndoc/**/draft-*\n**/tmp/x.*\n" },
        { u"main.c"_s, "int main;\n" },
        { u"main.o"_s, "object\n" },
        { u"important.o"_s, "kept by negation\n" },
        { u"out/bin.txt"_s, "anchored folder\n" },
        { u"src/out/keep.txt"_s, "not anchored here\n" },
        { u"src/cache/c.txt"_s, "folder rule at depth\n" },
        { u"src/cache.txt"_s, "a file named like the folder rule\n" },
        { u"doc/draft-a.md"_s, "zero folders\n" },
        { u"doc/a/b/draft-b.md"_s, "two folders\n" },
        { u"doc/final.md"_s, "final\n" },
        { u"lib/tmp/x.c"_s, "x\n" },
        { u"lib/tmp/y.c"_s, "y\n" },
        { u"lib/.gitignore"_s, "*.c\n!keep.c\n[0-9]*.txt\n" },
        { u"lib/keep.c"_s, "keep\n" },
        { u"lib/drop.c"_s, "drop\n" },
        { u"lib/1.txt"_s, "digit\n" },
        { u"lib/a.txt"_s, "letter\n" },
        { u"lib/sub/deep.c"_s, "nested rules reach subfolders\n" },
        { u"lib/sub/.gitignore"_s, "!deep.c\n" },
    };
    for (const auto &[path, content] : tree) {
        writeFile(plain + u'/' + path, content);
        writeFile(repo + u'/' + path, content);
    }
    QCOMPARE(git(repo, { u"init"_s, u"-q"_s }), QString());
    QStringList expected = git(repo, { u"ls-files"_s, u"--others"_s, u"--exclude-standard"_s })
                               .split(u'\n', Qt::SkipEmptyParts);
    expected.sort();
    QVERIFY(expected.contains(u"important.o"_s));
    QVERIFY(expected.contains(u"lib/sub/deep.c"_s));

    ScanOptions options;
    options.reportIgnored = true;
    const QList<ScannedFile> files = scanAll(plain, options);
    QCOMPARE(indexedPaths(files), expected);
    const ScannedFile *object = find(files, u"main.o"_s);
    QVERIFY(object);
    QCOMPARE(object->skipMessage, u"ignored by .gitignore ('*.o')"_s);
    QCOMPARE(find(files, u"lib/drop.c"_s)->skipMessage, u"ignored by lib/.gitignore ('*.c')"_s);
}

void TestScanner::randomTreesAgreeWithGit_data()
{
    QTest::addColumn<quint32>("seed");
    for (quint32 seed = 1; seed <= 12; ++seed)
        QTest::newRow(qPrintable(u"seed %1"_s.arg(seed))) << seed;
}

void TestScanner::randomTreesAgreeWithGit()
{
    // Random trees and .gitignore files from a pool of tricky patterns: IgnoreRules (plain
    // folder) and libgit2 (work tree) must both list exactly what git lists.
    QFETCH(quint32, seed);
    QRandomGenerator random(seed);
    const QStringList folders { u"a"_s, u"b"_s, u"c"_s, u"src"_s, u"build"_s, u"doc"_s };
    const QStringList names { u"x.c"_s, u"y.h"_s, u"z.txt"_s, u"n.o"_s, u"README.md"_s,
        u"data1.txt"_s, u"keep.c"_s, u"#x"_s };
    const QStringList patterns {
        u"*.o"_s,
        u"!n.o"_s,
        u"build/"_s,
        u"/build"_s,
        u"b/"_s,
        u"a/**/x.c"_s,
        u"**/c/*.h"_s,
        u"*.txt"_s,
        u"!data[0-9].txt"_s,
        u"doc/**"_s,
        u"!doc/keep.c"_s,
        u"src/*"_s,
        u"!src/keep.c"_s,
        u"y.?"_s,
        u"[xy].c"_s,
        u"/a/b"_s,
        u"c"_s,
        u"!c/"_s,
        u"!*.c"_s,
        u"**/build/z.txt"_s,
        u"a/*/y.h"_s,
        u"README.*"_s,
        u"!/README.md"_s,
        u"\\#x"_s,
        u"b/**/"_s,
        u"*.[!c]"_s,
        u"!b"_s,
        u"**/a"_s,
        u"src/**/keep.c"_s,
        u"/*.md"_s,
        u"z*"_s,
        u"!z.txt"_s,
    };
    const auto pick
        = [&random](const QStringList &list) { return list.at(random.bounded(int(list.size()))); };

    QTemporaryDir dir;
    QStringList files;
    for (int i = 0; i < 80; ++i) {
        QString path;
        const int depth = random.bounded(4);
        for (int level = 0; level < depth; ++level)
            path += pick(folders) + u'/';
        files.append(path + pick(names));
    }
    QStringList ignoreFolders { QString() };
    for (int i = 0; i < 4; ++i) {
        const QString file = pick(files);
        ignoreFolders.append(file.contains(u'/') ? file.section(u'/', 0, -2) : QString());
    }
    QMap<QString, QByteArray> contents;
    for (const QString &file : std::as_const(files))
        contents.insert(file, file.toUtf8() + '\n');
    for (const QString &folder : std::as_const(ignoreFolders)) {
        QByteArray rules;
        for (int i = 0, n = 1 + random.bounded(5); i < n; ++i)
            rules += pick(patterns).toUtf8() + '\n';
        contents[folder.isEmpty() ? u".gitignore"_s : folder + u"/.gitignore"_s] += rules;
    }
    for (const QString &tree : { u"plain"_s, u"repo"_s }) {
        for (auto it = contents.cbegin(); it != contents.cend(); ++it)
            writeFile(dir.path() + u'/' + tree + u'/' + it.key(), it.value());
    }
    const QString repo = dir.path() + u"/repo"_s;
    QCOMPARE(git(repo, { u"init"_s, u"-q"_s }), QString());
    QStringList expected = git(repo, { u"ls-files"_s, u"--others"_s, u"--exclude-standard"_s })
                               .split(u'\n', Qt::SkipEmptyParts);
    // git quotes unusual names ("#x" is not one of them, but be explicit about the contract).
    for (const QString &path : std::as_const(expected))
        QVERIFY2(!path.startsWith(u'"'), qPrintable(path));
    expected.sort();

    QString rules;
    for (auto it = contents.cbegin(); it != contents.cend(); ++it) {
        if (it.key().endsWith(u".gitignore"))
            rules += it.key() + u":\n"_s + QString::fromUtf8(it.value());
    }
    const QList<ScannedFile> plain = scanAll(dir.path() + u"/plain"_s);
    QVERIFY2(indexedPaths(plain) == expected,
        qPrintable(rules + u"\n--- scanner:\n"_s + describe(plain) + u"\n--- git:\n"_s
            + expected.join(u'\n')));
    ScanOptions all;
    all.reportIgnored = true;
    const QList<ScannedFile> inGit = scanAll(repo, all);
    QVERIFY2(indexedPaths(inGit) == expected,
        qPrintable(rules + u"\n--- scanner:\n"_s + describe(inGit) + u"\n--- git:\n"_s
            + expected.join(u'\n')));
}

void TestScanner::ignoreFileWinsOverGitignore()
{
    QTemporaryDir dir;
    const QString root = dir.path();
    writeFile(root + u"/.gitignore"_s, "*.bak\n");
    writeFile(root + u"/.ignore"_s, "!important.bak\n*.md\n");
    writeFile(root + u"/important.bak"_s, "x\n");
    writeFile(root + u"/other.bak"_s, "x\n");
    writeFile(root + u"/README.md"_s, "x\n");
    writeFile(root + u"/sub/.ignore"_s, "!*.md\n");
    writeFile(root + u"/sub/notes.md"_s, "x\n");
    writeFile(root + u"/a.c"_s, "x\n");

    const QStringList expected { u".gitignore"_s, u".ignore"_s, u"a.c"_s, u"important.bak"_s,
        u"sub/.ignore"_s, u"sub/notes.md"_s };
    ScanOptions all;
    all.reportIgnored = true;
    QList<ScannedFile> files = scanAll(root, all);
    QVERIFY2(indexedPaths(files) == expected, qPrintable(describe(files)));
    QCOMPARE(find(files, u"README.md"_s)->skipMessage, u"ignored by .ignore ('*.md')"_s);
    QCOMPARE(find(files, u"other.bak"_s)->skipMessage, u"ignored by .gitignore ('*.bak')"_s);

    // In a git work tree .ignore files still apply, on top of git's rules.
    QCOMPARE(git(root, { u"init"_s, u"-q"_s }), QString());
    files = scanAll(root, all);
    QVERIFY2(indexedPaths(files) == expected, qPrintable(describe(files)));
    QCOMPARE(find(files, u"other.bak"_s)->skipMessage, u"ignored by .gitignore ('*.bak')"_s);

    ScanOptions noIgnoreFiles;
    noIgnoreFiles.useIgnoreFiles = false;
    QCOMPARE(indexedPaths(scanAll(root, noIgnoreFiles)).size(), 8);
}

void TestScanner::ignoredFolderIsOneEntryAndNotWalked()
{
    QTemporaryDir dir;
    const QString root = dir.path();
    writeFile(root + u"/.gitignore"_s, "node_modules/\n");
    for (int i = 0; i < 20; ++i)
        writeFile(root + u"/node_modules/p%1/index.js"_s.arg(i), "x\n");
    writeFile(root + u"/app.js"_s, "x\n");
    // Walking into it would be reported as an unreadable folder.
    QVERIFY(QFile::setPermissions(root + u"/node_modules"_s, QFileDevice::Permissions()));

    for (const bool inGit : { false, true }) {
        if (inGit)
            QCOMPARE(git(root, { u"init"_s, u"-q"_s }), QString());
        ScanOptions options;
        options.reportIgnored = true;
        ScanSummary summary;
        const QList<ScannedFile> files = scanAll(root, options, &summary);
        QVERIFY2(summary.failed == 0, qPrintable(describe(files)));
        const ScannedFile *folder = find(files, u"node_modules"_s);
        QVERIFY(folder);
        QVERIFY(folder->isDirectory);
        QCOMPARE(folder->skipReason, SkipReason::Ignored);
        for (const ScannedFile &file : files)
            QVERIFY(!file.relativePath.startsWith(u"node_modules/"_s));
    }
    QVERIFY(QFile::setPermissions(root + u"/node_modules"_s,
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
}

void TestScanner::onlyPathsKeepTheRulesOfTheFoldersAbove()
{
    QTemporaryDir dir;
    const QString root = dir.path();
    QCOMPARE(git(root, { u"init"_s, u"-q"_s }), QString());
    writeFile(root + u"/.gitignore"_s, "*.o\n");
    writeFile(root + u"/src/.gitignore"_s, "generated/\n");
    writeFile(root + u"/src/a.c"_s, "x\n");
    writeFile(root + u"/src/b.c"_s, "x\n");
    writeFile(root + u"/src/a.o"_s, "x\n");
    writeFile(root + u"/src/generated/g.c"_s, "x\n");
    writeFile(root + u"/src/sub/c.c"_s, "x\n");
    writeFile(root + u"/docs/d.md"_s, "x\n");

    ScanOptions options;
    options.reportIgnored = true;
    options.onlyPaths = { root + u"/src/a.c"_s, root + u"/src/a.o"_s,
        root + u"/src/generated/g.c"_s, root + u"/src/sub"_s, root + u"/src/missing.c"_s };
    ScanSummary summary;
    const QList<ScannedFile> files = scanAll(root, options, &summary);
    // Named files and what is inside named folders, no more; ignore files above still apply.
    QCOMPARE(indexedPaths(files), QStringList({ u"src/a.c"_s, u"src/sub/c.c"_s }));
    QCOMPARE(find(files, u"src/a.o"_s)->skipReason, SkipReason::Ignored);
    QCOMPARE(find(files, u"src/generated"_s)->skipReason, SkipReason::Ignored);
    QVERIFY(!find(files, u"src/b.c"_s));
    QVERIFY(!find(files, u"docs/d.md"_s));
    QCOMPARE(summary.failed, 0);
}

void TestScanner::walkFoldersSkipsIgnoredFolders()
{
    QTemporaryDir dir;
    const QString root = dir.path();
    QCOMPARE(git(root, { u"init"_s, u"-q"_s }), QString());
    writeFile(root + u"/.gitignore"_s, "build/\n");
    writeFile(root + u"/src/deep/x.c"_s, "x\n");
    writeFile(root + u"/build/obj/x.o"_s, "x\n");
    writeFile(root + u"/empty/.keep"_s, "");
    QVERIFY(QDir().mkpath(root + u"/excluded/inner"_s));

    ScanOptions options;
    options.excludeGlobs = { u"excluded/"_s };
    Scanner scanner(options);
    QStringList folders;
    scanner.walkFolders(root, [&](const QString &folder) { folders.append(folder); });
    // The root first; never .git, ignored or excluded folders.
    QCOMPARE(folders.value(0), root);
    folders.sort();
    QStringList expected { root, root + u"/empty"_s, root + u"/src"_s, root + u"/src/deep"_s };
    expected.sort();
    QCOMPARE(folders, expected);

    // Restricted to a new folder: it and what is below it.
    options.onlyPaths = { root + u"/src"_s };
    Scanner restricted(options);
    QStringList below;
    restricted.walkFolders(root, [&](const QString &folder) { below.append(folder); });
    QCOMPARE(below, QStringList({ root + u"/src"_s, root + u"/src/deep"_s }));
}

void TestScanner::excludeGlobs()
{
    QTemporaryDir dir;
    const QString root = dir.path();
    writeFile(root + u"/a.txt"_s, "x\n");
    writeFile(root + u"/keep.txt"_s, "x\n");
    writeFile(root + u"/docs/guide.md"_s, "x\n");
    writeFile(root + u"/src/docs/api.md"_s, "x\n");
    writeFile(root + u"/src/main.c"_s, "x\n");
    writeFile(root + u"/build/x.c"_s, "x\n");

    ScanOptions options;
    options.excludeGlobs = QStringList { u"*.txt"_s, u"!keep.txt"_s, u"/docs/"_s, u"/build"_s };
    options.reportIgnored = true;
    const QList<ScannedFile> files = scanAll(root, options);
    QCOMPARE(indexedPaths(files),
        (QStringList { u"keep.txt"_s, u"src/docs/api.md"_s, u"src/main.c"_s }));
    QCOMPARE(find(files, u"a.txt"_s)->skipReason, SkipReason::Excluded);
    QCOMPARE(find(files, u"a.txt"_s)->skipMessage, u"excluded by --exclude '*.txt'"_s);
    QVERIFY(find(files, u"docs"_s)->isDirectory);
    QCOMPARE(find(files, u"build"_s)->skipMessage, u"excluded by --exclude '/build'"_s);
}

void TestScanner::contentRules_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<SkipReason>("reason");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("language");

    QByteArray nulAt12 = "hello world!";
    nulAt12 += '\0';
    nulAt12 += "rest";
    const QByteArray longLines = QByteArray(2399, 'x').append('\n').repeated(10);
    QByteArray normalCode;
    for (int i = 0; i < 400; ++i)
        normalCode += "    int value" + QByteArray::number(i) + " = compute("
            + QByteArray::number(i) + ");\n";

    QTest::newRow("C source") << u"main.c"_s << "int main() {}\n"_ba << SkipReason::None
                              << QString() << u"C"_s;
    QTest::newRow("TypeScript, not MPEG-TS") << u"app.ts"_s << "let x: number = 1;\n"_ba
                                             << SkipReason::None << QString() << u"TypeScript"_s;
    QTest::newRow("shell script by content") << u"configure-me"_s << "#!/bin/sh\necho hi\n"_ba
                                             << SkipReason::None << QString() << u"Bash"_s;
    QTest::newRow("plain text, no language")
        << u"NOTES"_s << "just words\n"_ba << SkipReason::None << QString() << QString();
    QTest::newRow("empty") << u"empty.py"_s << QByteArray() << SkipReason::None << QString()
                           << u"Python"_s;
    QTest::newRow("long code file")
        << u"big.cpp"_s << normalCode << SkipReason::None << QString() << u"C++"_s;
    QTest::newRow("NUL byte") << u"data.c"_s << nulAt12 << SkipReason::Binary
                              << u"binary (NUL byte at offset 12)"_s << QString();
    QTest::newRow("PDF without NUL")
        << u"paper.pdf"_s << "%PDF-1.4\n%âãÏÓ\n1 0 obj\n"_ba << SkipReason::Binary
        << u"binary (application/pdf)"_s << QString();
    QTest::newRow("5 MiB") << u"huge.txt"_s << QByteArray(5 * 1024 * 1024, 'a')
                           << SkipReason::TooLarge << u"larger than 1 MiB (5.0 MiB)"_s << QString();
    QTest::newRow("minified by content") << u"bundle.js"_s << longLines << SkipReason::Minified
                                         << u"minified (average line 2400 bytes)"_s << QString();
    // Long one-line paragraphs are prose, not minified code; real minified code still is.
    const auto longLinesOf = [](const QByteArray &text) {
        return text.repeated(2400 / text.size() + 1).left(2399).append('\n').repeated(3);
    };
    const QByteArray english = longLinesOf(
        "Signal Hub indexes a folder of code and prose, so that a question finds its lines. ");
    const QByteArray chinese = longLinesOf("信号中心为代码和文档建立索引，问题能找到答案。");
    QTest::newRow("long paragraphs in Markdown")
        << u"README.md"_s << english << SkipReason::None << QString() << u"Markdown"_s;
    QTest::newRow("long paragraphs without spaces in Markdown")
        << u"README.zh.md"_s << chinese << SkipReason::None << QString() << u"Markdown"_s;
    QTest::newRow("long paragraphs in reStructuredText")
        << u"guide.rst"_s << english << SkipReason::None << QString() << u"reStructuredText"_s;
    QTest::newRow("long paragraphs in a text file")
        << u"NOTES"_s << english << SkipReason::None << QString() << QString();
    QTest::newRow("minified JavaScript")
        << u"bundle.js"_s << longLinesOf("!function(e,t){return e.call(t,n)};var a=b&&c||d;")
        << SkipReason::Minified << u"minified (average line 2400 bytes)"_s << QString();
    QTest::newRow("minified JavaScript with some strings")
        << u"app.js"_s
        << longLinesOf("if(e)throw new Error(\"bad input: \"+t);var n=r.map(function(e){return "
                       "e.id});")
        << SkipReason::Minified << u"minified (average line 2400 bytes)"_s << QString();
    QTest::newRow("minified CSS") << u"site.css"_s
                                  << longLinesOf(
                                         ".a{color:red;margin:0 auto}.b>p{font:12px/1.5 serif}")
                                  << SkipReason::Minified << u"minified (average line 2400 bytes)"_s
                                  << QString();
    QTest::newRow("long lines but small") << u"small.js"_s << QByteArray(4000, 'x')
                                          << SkipReason::None << QString() << u"JavaScript"_s;
    QTest::newRow("minified by name")
        << u"jquery.min.js"_s << "var a=1;\n"_ba << SkipReason::Minified
        << u"minified (name matches *.min.*)"_s << QString();
    QTest::newRow("package-lock.json")
        << u"package-lock.json"_s << "{}\n"_ba << SkipReason::Generated
        << u"generated (lock file)"_s << QString();
    QTest::newRow("Cargo.lock") << u"Cargo.lock"_s << "# x\n"_ba << SkipReason::Generated
                                << u"generated (lock file)"_s << QString();
    QTest::newRow("go.sum") << u"go.sum"_s << "x v1 h1:abc\n"_ba << SkipReason::Generated
                            << u"generated (lock file)"_s << QString();
    QTest::newRow("Go generated marker")
        << u"api.pb.go"_s << "// Code generated by protoc-gen-go. DO NOT EDIT.\npackage api\n"_ba
        << SkipReason::Generated << u"generated (marked 'Code generated … DO NOT EDIT')"_s
        << QString();
    QTest::newRow("@generated marker")
        << u"schema.js"_s << "/**\n * @generated\n */\nx();\n"_ba << SkipReason::Generated
        << u"generated (marked '@generated')"_s << QString();
    QTest::newRow("marker in code is not a marker")
        << u"scanner.h"_s
        << "enum { Generated, // \"Code generated ... DO NOT EDIT\", \"@generated\"\n"_ba
        << SkipReason::None << QString() << u"C++"_s;
    QTest::newRow("Python generated marker")
        << u"schema_pb2.py"_s
        << "# -*- coding: utf-8 -*-\n# Code generated by protoc. DO NOT EDIT!\n"_ba
        << SkipReason::Generated << u"generated (marked 'Code generated … DO NOT EDIT')"_s
        << QString();
    QTest::newRow("@generatedBy is not a marker")
        << u"doc.js"_s << "// @generatedBy x\n"_ba << SkipReason::None << QString()
        << u"JavaScript"_s;
}

void TestScanner::contentRules()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(SkipReason, reason);
    QFETCH(QString, message);
    QFETCH(QString, language);

    QTemporaryDir dir;
    writeFile(dir.filePath(name), content);
    const QList<ScannedFile> files = scanAll(dir.path());
    QCOMPARE(files.size(), 1);
    const ScannedFile &file = files.first();
    QCOMPARE(file.relativePath, name);
    QCOMPARE(file.size, qint64(content.size()));
    QCOMPARE(file.skipReason, reason);
    QCOMPARE(file.skipMessage, message);
    if (reason == SkipReason::None)
        QCOMPARE(file.language, language);
}

void TestScanner::overridesIncludeMinifiedAndGenerated()
{
    QTemporaryDir dir;
    const QString root = dir.path();
    writeFile(root + u"/jquery.min.js"_s, "var a=1;\n");
    writeFile(root + u"/bundle.js"_s, QByteArray(2399, 'x').append('\n').repeated(10));
    writeFile(root + u"/yarn.lock"_s, "# yarn\n");
    writeFile(root + u"/gen.go"_s, "// Code generated by x. DO NOT EDIT.\n");

    QCOMPARE(indexedPaths(scanAll(root)), QStringList());
    ScanOptions minified;
    minified.includeMinified = true;
    QCOMPARE(indexedPaths(scanAll(root, minified)),
        (QStringList { u"bundle.js"_s, u"jquery.min.js"_s }));
    ScanOptions generated;
    generated.includeGenerated = true;
    QCOMPARE(indexedPaths(scanAll(root, generated)), (QStringList { u"gen.go"_s, u"yarn.lock"_s }));
    ScanOptions small;
    small.maxFileSize = 10;
    small.includeMinified = true;
    const QList<ScannedFile> files = scanAll(root, small);
    QCOMPARE(find(files, u"bundle.js"_s)->skipMessage, u"larger than 10 bytes (23.4 KiB)"_s);
}

void TestScanner::invalidUtf8IsIndexedAndFlagged()
{
    QTemporaryDir dir;
    const QByteArray bytes = "caf\xe9 = 1\nok = 2\n"_ba; // Latin-1, not UTF-8
    writeFile(dir.filePath(u"latin1.py"_s), bytes);
    const QList<ScannedFile> files = scanAll(dir.path());
    QCOMPARE(files.size(), 1);
    QVERIFY(files.first().isIndexed());
    QCOMPARE(files.first().language, u"Python"_s);

    QFile file(files.first().absolutePath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const TextDecoder::Decoded decoded = TextDecoder::decode(file.readAll());
    QCOMPARE(decoded.encoding, TextDecoder::Encoding::Windows1252);
    QCOMPARE(decoded.firstInvalidOffset, qsizetype(3));
    QCOMPARE(decoded.text, u"café = 1\nok = 2\n"_s);
}

void TestScanner::fileNames_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QString>("shown");

    QTest::newRow("ASCII") << "src/main.c"_ba << u"src/main.c"_s;
    QTest::newRow("UTF-8") << "caf\xc3\xa9/\xf0\x9f\x98\x80.txt"_ba << u"café/😀.txt"_s;
    QTest::newRow("Latin-1 byte") << "caf\xe9.txt"_ba << u"caf\\xE9.txt"_s;
    QTest::newRow("controls") << "a\nb\tc\rd\x01\x7f"_ba << u"a\\nb\\tc\\rd\\x01\\x7F"_s;
    QTest::newRow("backslash") << "back\\slash"_ba << u"back\\\\slash"_s;
    QTest::newRow("U+EF80 itself, byte by byte") << "\xee\xbe\x80"_ba << u"\\xEE\\xBE\\x80"_s;
    QTest::newRow("UTF-8 surrogate") << "\xed\xa0\x80"_ba << u"\\xED\\xA0\\x80"_s;
    QTest::newRow("overlong slash") << "\xc0\xaf"_ba << u"\\xC0\\xAF"_s;
    QTest::newRow("cut off at the end") << "x\xe6\x97"_ba << u"x\\xE6\\x97"_s;
    QTest::newRow("bidi override") << "a\xe2\x80\xae"
                                      "b"_ba
                                   << u"a\\u202Eb"_s;
    QTest::newRow("C1 control") << "a\xc2\x85"
                                   "b"_ba
                                << u"a\\u0085b"_s;
}

void TestScanner::fileNames()
{
    QFETCH(QByteArray, name);
    QFETCH(QString, shown);
    const QString decoded = FileName::decode(name);
    QCOMPARE(FileName::encode(decoded), name); // back to the same bytes, whatever they are
    QCOMPARE(FileName::display(decoded), shown);
    // Valid UTF-8 outside U+EF80..U+EFFF is what Qt makes of it: stored paths stay the same.
    if (TextDecoder::firstInvalidUtf8Offset(name) < 0 && !name.contains("\xee\xbe"))
        QCOMPARE(decoded, QString::fromUtf8(name));
}

void TestScanner::namesThatAreNotUtf8()
{
    QTemporaryDir dir;
    const auto clean = qScopeGuard([&dir] { removeTree(dir.path()); });
    const QByteArray root = QFile::encodeName(dir.path());
    writeRaw(root + "/caf\xe9.c", "int cafe;\n");
    QCOMPARE(::mkdir(QByteArray(root + "/d\xfc").constData(), 0755), 0);
    writeRaw(root + "/d\xfc/inner.py", "x = 1\n");
    writeRaw(root + "/two\nlines.txt", "two\n");
    writeRaw(root + "/\xee\xbe\x80private.txt", "a name holding U+EF80\n");
    writeRaw(root + "/.gitignore", "ignored-\xff*\n"); // a pattern that is not UTF-8 either
    writeRaw(root + "/ignored-\xff.txt", "never\n");

    ScanSummary summary;
    const QList<ScannedFile> files = scanAll(dir.path(), {}, &summary);
    QCOMPARE(summary.failed, 0);
    QStringList expected { u".gitignore"_s, FileName::decode("caf\xe9.c"),
        FileName::decode("d\xfc/inner.py"), u"two\nlines.txt"_s,
        FileName::decode("\xee\xbe\x80private.txt") };
    expected.sort();
    QCOMPARE(indexedPaths(files), expected);
    for (const ScannedFile &file : files) {
        if (!file.isIndexed())
            continue;
        // The path leads back to the very file: it opens and reads.
        QFile handle;
        QVERIFY2(FileName::open(handle, file.absolutePath), qPrintable(file.relativePath));
        QVERIFY(!handle.readAll().isEmpty());
    }
    const ScannedFile *cafe = find(files, FileName::decode("caf\xe9.c"));
    QCOMPARE(FileName::encode(cafe->absolutePath), QByteArray(root + "/caf\xe9.c"));
    QCOMPARE(cafe->language, u"C"_s);
    QCOMPARE(FileName::display(cafe->relativePath), u"caf\\xE9.c"_s);
    QCOMPARE(cafe->size, qint64(10));
}

void TestScanner::secretFileRules_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("rule");

    QTest::newRow(".env") << u".env"_s << u".env"_s;
    QTest::newRow(".env.production") << u"deploy/.env.production"_s << u".env.*"_s;
    QTest::newRow(".envrc") << u".envrc"_s << u".envrc"_s;
    QTest::newRow(".env.example") << u".env.example"_s << QString();
    QTest::newRow(".env.local.sample") << u".env.local.sample"_s << QString();
    QTest::newRow("a folder named .env") << u".env/lib/site.py"_s << QString();
    QTest::newRow("environment.ts") << u"src/environment.ts"_s << QString();
    QTest::newRow("*.pem") << u"certs/server.pem"_s << u"*.pem"_s;
    QTest::newRow("*.KEY") << u"TLS.KEY"_s << u"*.key"_s;
    QTest::newRow("*.p12") << u"apple.p12"_s << u"*.p12"_s;
    QTest::newRow("*.pfx") << u"signing.pfx"_s << u"*.pfx"_s;
    QTest::newRow("*.p8") << u"AuthKey_ABC123.p8"_s << u"*.p8"_s;
    QTest::newRow("*.keystore") << u"android/debug.keystore"_s << u"*.keystore"_s;
    QTest::newRow("id_rsa") << u"id_rsa"_s << u"id_rsa*"_s;
    QTest::newRow("id_ed25519_work") << u"keys/id_ed25519_work"_s << u"id_ed25519*"_s;
    QTest::newRow("id_ecdsa_sk") << u"id_ecdsa_sk"_s << u"id_ecdsa*"_s;
    QTest::newRow("id_ed25519.pub") << u"id_ed25519.pub"_s << QString();
    QTest::newRow("id_rsa-cert.pub") << u"id_rsa-cert.pub"_s << QString();
    QTest::newRow(".npmrc") << u".npmrc"_s << u".npmrc"_s;
    QTest::newRow(".netrc") << u".netrc"_s << u".netrc"_s;
    QTest::newRow(".pgpass") << u".pgpass"_s << u".pgpass"_s;
    QTest::newRow(".git-credentials") << u".git-credentials"_s << u".git-credentials"_s;
    QTest::newRow(".aws/credentials") << u"home/.aws/credentials"_s << u"**/.aws/credentials"_s;
    QTest::newRow("credentials elsewhere") << u"credentials"_s << QString();
    QTest::newRow("credentials.json") << u"config/credentials.json"_s << QString();
    QTest::newRow("keys.py") << u"crypto/keys.py"_s << QString();
    QTest::newRow("a key-value store") << u"store.keyval"_s << QString();
}

void TestScanner::secretFileRules()
{
    QFETCH(QString, path);
    QFETCH(QString, rule);
    QCOMPARE(Scanner::secretFileRule(path), rule);
}

void TestScanner::secretFilesSkippedUnlessIncluded()
{
    QTemporaryDir dir;
    const QString root = dir.path();
    writeFile(root + u"/.env"_s, "API_TOKEN=abc123\n");
    writeFile(root + u"/.env.example"_s, "API_TOKEN=\n");
    writeFile(root + u"/deploy/server.pem"_s, "-----BEGIN PRIVATE KEY-----\nMIIE\n");
    writeFile(root + u"/id_ed25519.pub"_s, "ssh-ed25519 AAAAC3Nza test\n");
    writeFile(root + u"/main.c"_s, "int main() {}\n");

    ScanSummary summary;
    QList<ScannedFile> files = scanAll(root, {}, &summary);
    QCOMPARE(
        indexedPaths(files), (QStringList { u".env.example"_s, u"id_ed25519.pub"_s, u"main.c"_s }));
    QCOMPARE(find(files, u".env"_s)->skipReason, SkipReason::Secret);
    QCOMPARE(find(files, u".env"_s)->skipMessage, u"may hold secrets (matches '.env')"_s);
    QCOMPARE(
        find(files, u"deploy/server.pem"_s)->skipMessage, u"may hold secrets (matches '*.pem')"_s);
    QCOMPARE(find(files, u".env"_s)->size, qint64(17)); // listed with size, never read
    QCOMPARE(summary.failed, 0);
    QCOMPARE(summary.skipped, 2);
    QVERIFY(!isFailure(SkipReason::Secret));
    QCOMPARE(skipReasonName(SkipReason::Secret), u"secret"_s);

    // Named on its own, a secret file is still one.
    Scanner scanner({}, &m_repository);
    QCOMPARE(scanner.scanAll({ root + u"/.env"_s }).first().skipReason, SkipReason::Secret);

    ScanOptions include;
    include.includeSecretFiles = true;
    files = scanAll(root, include);
    QCOMPARE(indexedPaths(files),
        (QStringList { u".env"_s, u".env.example"_s, u"deploy/server.pem"_s, u"id_ed25519.pub"_s,
            u"main.c"_s }));
}

void TestScanner::symlinks()
{
    QTemporaryDir outside;
    writeFile(outside.filePath(u"secret.txt"_s), "outside\n");
    QTemporaryDir dir;
    const QString root = dir.path();
    writeFile(root + u"/a/file.c"_s, "int a;\n");
    writeFile(root + u"/b/other.c"_s, "int b;\n");
    QVERIFY(QFile::link(u".."_s, root + u"/a/loop"_s)); // back to the root
    QVERIFY(QFile::link(u"."_s, root + u"/a/self"_s));
    QVERIFY(QFile::link(outside.path(), root + u"/escape"_s));
    QVERIFY(QFile::link(outside.filePath(u"secret.txt"_s), root + u"/secret-link.txt"_s));
    QVERIFY(QFile::link(u"a/file.c"_s, root + u"/alias.c"_s));
    QVERIFY(QFile::link(u"b"_s, root + u"/b-alias"_s)); // sorts before nothing: real b wins
    QVERIFY(QFile::link(u"missing.c"_s, root + u"/dangling.c"_s));
    QVERIFY(QFile::link(u"ring-b"_s, root + u"/ring-a"_s)); // a loop of links
    QVERIFY(QFile::link(u"ring-a"_s, root + u"/ring-b"_s));

    ScanSummary summary;
    const QList<ScannedFile> files = scanAll(root, {}, &summary);
    QCOMPARE(indexedPaths(files), (QStringList { u"a/file.c"_s, u"b/other.c"_s }));
    const auto reasonOf = [&files](const QString &path) {
        const ScannedFile *file = find(files, path);
        return file ? file->skipReason : SkipReason::None;
    };
    QCOMPARE(reasonOf(u"a/loop"_s), SkipReason::Duplicate);
    QCOMPARE(reasonOf(u"a/self"_s), SkipReason::Duplicate);
    QCOMPARE(reasonOf(u"escape"_s), SkipReason::OutsideRoot);
    QCOMPARE(reasonOf(u"secret-link.txt"_s), SkipReason::OutsideRoot);
    QCOMPARE(reasonOf(u"alias.c"_s), SkipReason::Duplicate);
    QCOMPARE(find(files, u"alias.c"_s)->skipMessage,
        u"symlink to 'a/file.c', scanned at its own path"_s);
    QCOMPARE(reasonOf(u"b-alias"_s), SkipReason::Duplicate);
    // A link to nothing is skipped with its target, not a file that could not be read.
    QCOMPARE(reasonOf(u"dangling.c"_s), SkipReason::DanglingSymlink);
    QCOMPARE(find(files, u"dangling.c"_s)->skipMessage,
        u"dangling symlink to 'missing.c' (No such file or directory)"_s);
    QCOMPARE(reasonOf(u"ring-a"_s), SkipReason::DanglingSymlink);
    QCOMPARE(find(files, u"ring-a"_s)->skipMessage,
        u"dangling symlink to 'ring-b' (Too many levels of symbolic links)"_s);
    QCOMPARE(summary.failed, 0);
    for (const ScannedFile &file : files)
        QVERIFY2(!file.absolutePath.contains(outside.path()), qPrintable(file.absolutePath));

    // A symlinked folder whose target is not reachable otherwise is walked through the link.
    QTemporaryDir second;
    writeFile(second.filePath(u".ignore"_s), "hidden/\n");
    writeFile(second.filePath(u"hidden/h.c"_s), "int h;\n");
    QVERIFY(QFile::link(u"hidden"_s, second.filePath(u"shown"_s)));
    QCOMPARE(indexedPaths(scanAll(second.path())), (QStringList { u".ignore"_s, u"shown/h.c"_s }));
}

void TestScanner::unreadableEntries()
{
    QTemporaryDir dir;
    const QString root = dir.path();
    writeFile(root + u"/locked.c"_s, "int locked;\n");
    writeFile(root + u"/fine.c"_s, "int fine;\n");
    writeFile(root + u"/closed/inside.c"_s, "int inside;\n");
    QVERIFY(QFile::setPermissions(root + u"/locked.c"_s, QFileDevice::Permissions()));
    QVERIFY(QFile::setPermissions(root + u"/closed"_s, QFileDevice::Permissions()));
    QCOMPARE(::mkfifo(QFile::encodeName(root + u"/pipe"_s).constData(), 0644), 0);

    ScanSummary summary;
    const QList<ScannedFile> files = scanAll(root, {}, &summary);
    // The FIFO is never opened (that would block): the scan gets here.
    QCOMPARE(find(files, u"pipe"_s)->skipReason, SkipReason::NotRegularFile);
    QCOMPARE(find(files, u"pipe"_s)->skipMessage, u"not a regular file (FIFO)"_s);
    QVERIFY(find(files, u"fine.c"_s)->isIndexed());
    if (::geteuid() == 0) {
        // Root reads through chmod 000 (the build root runs tests as root). ctest runs this
        // function again as nobody (tst_scanner_unprivileged); vanishingEntries covers the rest.
        QVERIFY(find(files, u"locked.c"_s)->isIndexed());
        QVERIFY(find(files, u"closed/inside.c"_s)->isIndexed());
    } else {
        qInfo("running as uid %u: chmod 000 makes files unreadable", ::geteuid());
        QCOMPARE(find(files, u"locked.c"_s)->skipReason, SkipReason::Unreadable);
        QCOMPARE(find(files, u"locked.c"_s)->skipMessage, u"unreadable: Permission denied"_s);
        QCOMPARE(find(files, u"closed"_s)->skipMessage, u"unreadable folder: Permission denied"_s);
        QCOMPARE(summary.failed, 2);
    }
    QVERIFY(QFile::setPermissions(root + u"/closed"_s,
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
}

void TestScanner::vanishingEntries()
{
    QTemporaryDir dir;
    const QString root = dir.path();
    writeFile(root + u"/a.c"_s, "int a;\n");
    writeFile(root + u"/b.c"_s, "int b;\n");
    writeFile(root + u"/c.c"_s, "int c;\n");
    writeFile(root + u"/z/inside.c"_s, "int z;\n");
    writeFile(root + u"/zz.c"_s, "int zz;\n");

    // After the folder is listed and before the rest is read: b.c goes, c.c becomes a folder,
    // z/ goes. Each is reported with the OS's reason and the scan goes on.
    Scanner scanner({}, &m_repository);
    QList<ScannedFile> files;
    const ScanSummary summary = scanner.scan({ root }, [&](const ScannedFile &file) {
        files.append(file);
        if (file.relativePath == u"a.c") {
            QFile::remove(root + u"/b.c"_s);
            QFile::remove(root + u"/c.c"_s);
            QDir().mkdir(root + u"/c.c"_s);
            QDir(root + u"/z"_s).removeRecursively();
        }
    });
    QCOMPARE(find(files, u"b.c"_s)->skipReason, SkipReason::Unreadable);
    QCOMPARE(find(files, u"b.c"_s)->skipMessage, u"unreadable: No such file or directory"_s);
    QCOMPARE(find(files, u"c.c"_s)->skipReason, SkipReason::Unreadable);
    QVERIFY2(!find(files, u"c.c"_s)->skipMessage.isEmpty(), "the OS's reason");
    const ScannedFile *folder = find(files, u"z"_s);
    QVERIFY(folder);
    QVERIFY(folder->isDirectory);
    QCOMPARE(folder->skipMessage, u"unreadable folder: No such file or directory"_s);
    QVERIFY(find(files, u"zz.c"_s)->isIndexed());
    QCOMPARE(summary.failed, 3);
    QCOMPARE(summary.indexed, 2);
}

void TestScanner::namesWithSpacesAndNonAscii()
{
    QTemporaryDir dir;
    const QString root = dir.path();
    writeFile(root + u"/my file ü.txt"_s, "x\n");
    writeFile(root + u"/日本語/ファイル.md"_s, "# x\n");
    writeFile(root + u"/.gitignore"_s, "ignored ä*\n");
    writeFile(root + u"/ignored äbc"_s, "x\n");
    const QList<ScannedFile> files = scanAll(root);
    QCOMPARE(indexedPaths(files),
        (QStringList { u".gitignore"_s, u"my file ü.txt"_s, u"日本語/ファイル.md"_s }));
    for (const ScannedFile &file : files)
        QVERIFY2(QFile::exists(file.absolutePath), qPrintable(file.absolutePath));
    QCOMPARE(find(files, u"日本語/ファイル.md"_s)->language, u"Markdown"_s);
}

void TestScanner::fileRootsAndMissingRoots()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(u"one.c"_s), "int one;\n");
    writeFile(dir.filePath(u"blob.bin"_s), QByteArray(16, '\0'));
    writeFile(dir.filePath(u".gitignore"_s), "one.c\n");

    Scanner scanner({}, &m_repository);
    const QList<ScannedFile> files = scanner.scanAll(
        { dir.filePath(u"one.c"_s), dir.filePath(u"blob.bin"_s), dir.filePath(u"missing"_s) });
    QCOMPARE(files.size(), 3);
    // A file asked for by name is not subject to ignore files.
    QCOMPARE(files[0].relativePath, u"one.c"_s);
    QCOMPARE(files[0].root, dir.filePath(u"one.c"_s));
    QVERIFY(files[0].isIndexed());
    QCOMPARE(files[1].skipReason, SkipReason::Binary);
    QCOMPARE(files[2].skipReason, SkipReason::Unreadable);
    QCOMPARE(files[2].skipMessage, u"unreadable: No such file or directory"_s);
}

void TestScanner::newestFirst()
{
    QTemporaryDir first;
    QTemporaryDir second;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QList<std::pair<QString, int>> ages { { u"old.c"_s, 300 }, { u"new.c"_s, 10 },
        { u"sub/mid.c"_s, 100 } };
    for (const auto &[name, age] : ages) {
        for (const QTemporaryDir *dir : { &first, &second }) {
            writeFile(dir->filePath(name), "x\n");
            QFile file(dir->filePath(name));
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.setFileTime(now.addSecs(-age), QFileDevice::FileModificationTime));
        }
    }
    Scanner scanner({}, &m_repository);
    const QList<ScannedFile> files = scanner.scanAll({ second.path(), first.path() });
    QStringList order;
    for (const ScannedFile &file : files)
        order.append(
            file.root == first.path() ? u"1:"_s + file.relativePath : u"2:"_s + file.relativePath);
    QCOMPARE(order,
        (QStringList { u"2:new.c"_s, u"2:sub/mid.c"_s, u"2:old.c"_s, u"1:new.c"_s, u"1:sub/mid.c"_s,
            u"1:old.c"_s }));
    QCOMPARE(files.first().mtime.toSecsSinceEpoch(), now.addSecs(-10).toSecsSinceEpoch());
}

void TestScanner::cancel()
{
    QTemporaryDir dir;
    for (int i = 0; i < 50; ++i)
        writeFile(dir.filePath(u"f%1.c"_s.arg(i)), "x\n");
    Scanner scanner({}, &m_repository);
    int seen = 0;
    const ScanSummary summary = scanner.scan({ dir.path(), dir.path() }, [&](const ScannedFile &) {
        if (++seen == 3)
            scanner.cancel();
    });
    QVERIFY(summary.cancelled);
    QCOMPARE(seen, 3);
}

void TestScanner::workerThreadWithOwnRepository()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(u"a.py"_s), "print(1)\n");
    writeFile(dir.filePath(u"b.rs"_s), "fn main() {}\n");
    // No repository given: the worker thread's own one is used.
    QFuture<QList<ScannedFile>> future = QtConcurrent::run([path = dir.path()] {
        Scanner scanner;
        return scanner.scanAll({ path });
    });
    const QList<ScannedFile> files = future.result();
    QCOMPARE(files.size(), 2);
    QStringList languages { find(files, u"a.py"_s)->language, find(files, u"b.rs"_s)->language };
    QCOMPARE(languages, (QStringList { u"Python"_s, u"Rust"_s }));
}

QTEST_GUILESS_MAIN(TestScanner)
#include "tst_scanner.moc"
