// tools/signalhub must work from a checkout whose path contains spaces.
#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class TestLauncher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void helpFromPathWithSpaces()
    {
        const QString source = qEnvironmentVariable("SIGNALHUB_SOURCE_DIR");
        const QString build = qEnvironmentVariable("SIGNALHUB_BINARY_DIR");
        QVERIFY(!source.isEmpty() && !build.isEmpty());

        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString checkout = tmp.filePath(QStringLiteral("my check out/signal hub"));
        QVERIFY(QDir().mkpath(checkout + QStringLiteral("/tools")));
        const QStringList scripts { QStringLiteral("signalhub"), QStringLiteral("lib.sh"),
            QStringLiteral("buildroot"), QStringLiteral("build"), QStringLiteral("fetch-assets"),
            QStringLiteral("buildroot.packages"), QStringLiteral("assets.lock") };
        for (const QString &script : scripts) {
            const QString to = checkout + QStringLiteral("/tools/") + script;
            QVERIFY(QFile::copy(source + QStringLiteral("/tools/") + script, to));
        }

        QProcess launcher;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SIGNALHUB_NO_BUILD"), QStringLiteral("1"));
        env.insert(QStringLiteral("SIGNALHUB_BUILD_DIR"), build);
        launcher.setProcessEnvironment(env);
        launcher.start(checkout + QStringLiteral("/tools/signalhub"), { QStringLiteral("--help") });
        QVERIFY(launcher.waitForFinished(60000));
        const QString out = QString::fromUtf8(launcher.readAllStandardOutput());
        QVERIFY2(launcher.exitCode() == 0,
            qPrintable(QString::fromUtf8(launcher.readAllStandardError())));
        QVERIFY2(out.contains(QStringLiteral("index PATH")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("search QUERY")), qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TestLauncher)
#include "tst_launcher.moc"
