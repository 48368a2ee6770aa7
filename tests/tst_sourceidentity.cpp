// SourceIdentity on real repositories made with git(1): what names a folder wherever it lies.
#include "gitcommand.h"
#include "sourceidentity.h"
#include "testhome.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SignalHub::Core;

class TestSourceIdentity : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_home.isValid());
        useTemporaryHome(m_home);
        qputenv("GIT_CONFIG_NOSYSTEM", "1");
        QVERIFY2(!QStandardPaths::findExecutable(u"git"_s).isEmpty(),
            "git is needed to make repositories");
    }

    void remotesAreNormalised_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("key");
        const QString kate = u"github.com/KDE/kate"_s;
        QTest::newRow("scp-like") << u"git@github.com:KDE/kate.git"_s << kate;
        QTest::newRow("https") << u"https://github.com/KDE/kate"_s << kate;
        QTest::newRow("https with .git and slash") << u"https://GitHub.com/KDE/kate.git/"_s << kate;
        // A token in the URL is a secret: it never becomes part of the key.
        QTest::newRow("https with a token")
            << u"https://x-access-token:ghp_secret@github.com/KDE/kate.git"_s << kate;
        QTest::newRow("ssh with a port") << u"ssh://git@github.com:22/KDE/kate"_s << kate;
        QTest::newRow("scp-like home") << u"me@host:~/repo.git"_s << u"host/repo"_s;
        QTest::newRow("local path") << u"/srv/git/repo/"_s << u"/srv/git/repo"_s;
        QTest::newRow("file URL") << u"file:///srv/git/repo"_s << u"/srv/git/repo"_s;
        QTest::newRow("empty") << QString() << QString();
    }

    void remotesAreNormalised()
    {
        QFETCH(QString, url);
        QFETCH(QString, key);
        QCOMPARE(SourceIdentity::normaliseRemote(url), key);
    }

    // The same remote and branch name two clones alike; a folder inside names its place, a
    // detached HEAD its commit, and a branch without commits its name.
    void gitWorkTreesAreKnownByRemoteAndBranch()
    {
        QTemporaryDir dir;
        const QString first = dir.filePath(u"first"_s);
        const QString moved = dir.filePath(u"elsewhere/second"_s);
        for (const QString &clone : { first, moved }) {
            QVERIFY(QDir().mkpath(clone + u"/src/app"_s));
            QCOMPARE(git(clone, { u"init"_s, u"-q"_s, u"-b"_s, u"main"_s }), QString());
            QCOMPARE(
                git(clone,
                    { u"remote"_s, u"add"_s, u"origin"_s, u"git@example.org:team/project.git"_s }),
                QString());
        }
        const QString identity = u"git:example.org/team/project@main"_s;
        QCOMPARE(SourceIdentity::of(first), identity);
        QCOMPARE(SourceIdentity::of(moved), identity);
        QCOMPARE(SourceIdentity::of(first + u"/src/app"_s), identity + u"//src/app"_s);

        QFile file(first + u"/src/app/main.cpp"_s);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("int main() {}\n");
        file.close();
        QCOMPARE(SourceIdentity::of(file.fileName()), identity + u"//src/app/main.cpp"_s);

        const QStringList commit { u"-c"_s, u"user.name=Test"_s, u"-c"_s,
            u"user.email=test@example.org"_s, u"commit"_s, u"-q"_s, u"-m"_s, u"one"_s };
        QCOMPARE(git(first, { u"add"_s, u"."_s }), QString());
        QCOMPARE(git(first, commit), QString());
        QCOMPARE(git(first, { u"checkout"_s, u"-q"_s, u"-b"_s, u"feature/x"_s }), QString());
        QCOMPARE(SourceIdentity::of(first), u"git:example.org/team/project@feature/x"_s);
        const QString sha = git(first, { u"rev-parse"_s, u"HEAD"_s }).trimmed();
        QCOMPARE(git(first, { u"checkout"_s, u"-q"_s, u"--detach"_s }), QString());
        QCOMPARE(SourceIdentity::of(first), u"git:example.org/team/project@"_s + sha);
    }

    // A branch's upstream remote names it; without one, origin does.
    void theBranchUpstreamRemoteWins()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        QCOMPARE(git(root, { u"init"_s, u"-q"_s, u"-b"_s, u"dev"_s }), QString());
        QCOMPARE(git(root, { u"remote"_s, u"add"_s, u"origin"_s, u"https://a.example/me/fork"_s }),
            QString());
        QCOMPARE(
            git(root, { u"remote"_s, u"add"_s, u"upstream"_s, u"https://a.example/us/main"_s }),
            QString());
        QCOMPARE(SourceIdentity::of(root), u"git:a.example/me/fork@dev"_s);
        QCOMPARE(git(root, { u"config"_s, u"branch.dev.remote"_s, u"upstream"_s }), QString());
        QCOMPARE(SourceIdentity::of(root), u"git:a.example/us/main@dev"_s);
    }

    // Without a remote nothing names the folder but its path.
    void foldersWithoutARemoteHaveNoIdentity()
    {
        QTemporaryDir plain;
        QCOMPARE(SourceIdentity::of(plain.path()), QString());
        QTemporaryDir local;
        QCOMPARE(git(local.path(), { u"init"_s, u"-q"_s }), QString());
        QCOMPARE(SourceIdentity::of(local.path()), QString());
        QCOMPARE(SourceIdentity::named(u" docs "_s), u"name:docs"_s);
    }

private:
    QTemporaryDir m_home;
};

QTEST_GUILESS_MAIN(TestSourceIdentity)
#include "tst_sourceidentity.moc"
