// The typed settings class: every RunSettings field survives a round trip through the
// settings file, defaults come back for missing keys, recent folders stay bounded.

#include "settings.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace SignalHub::Core;

Q_DECLARE_METATYPE(SignalHub::Core::RunSettings)

class TestSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void defaults();
    void roundTrip_data();
    void roundTrip();
    void recentFolders();
    void layoutBlobs();
};

void TestSettings::defaults()
{
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("s.ini")));
    QCOMPARE(settings.runSettings().toJson(), RunSettings().toJson());
    QVERIFY(!settings.runSettings().usdPerMillionTokens.has_value());
    QVERIFY(settings.databasePath().isEmpty());
    QVERIFY(settings.recentFolders().isEmpty());
}

void TestSettings::roundTrip_data()
{
    QTest::addColumn<RunSettings>("settings");
    RunSettings openai;
    openai.provider = ProviderKind::OpenAi;
    openai.baseUrl = QStringLiteral("http://127.0.0.1:9999/v1");
    openai.model = QStringLiteral("text-embedding-3-large");
    openai.dimensions = 256;
    openai.maxInputTokens = 8000;
    openai.batchSize = 7;
    openai.maxBatchTokens = 12345;
    openai.concurrency = 9;
    openai.adaptive = true;
    openai.requestsPerMinute = 3000;
    openai.tokensPerMinute = 1000000;
    openai.maxRetries = 2;
    openai.backoffBaseMs = 100;
    openai.backoffCapMs = 2000;
    openai.timeoutSeconds = 17;
    openai.chunkTokens = 300;
    openai.excludeGlobs = { QStringLiteral("*.min.js"), QStringLiteral("vendor/**") };
    openai.maxFileSize = 4096;
    openai.includeSecretFiles = true;
    openai.usdPerMillionTokens = 0.13;
    openai.estimateThresholdUsd = 2.5;
    openai.localThreads = 3;
    QTest::newRow("every field") << openai;
    RunSettings freePrice = openai;
    freePrice.usdPerMillionTokens = 0.0; // zero is a price, not "unset"
    QTest::newRow("price zero") << freePrice;
    QTest::newRow("defaults") << RunSettings();
    RunSettings ollama;
    ollama.provider = ProviderKind::Ollama;
    ollama.excludeGlobs = { QStringLiteral("only one") };
    QTest::newRow("ollama, one glob") << ollama;
}

void TestSettings::roundTrip()
{
    QFETCH(RunSettings, settings);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.ini"));
    {
        Settings writer(path);
        writer.setRunSettings(RunSettings()); // over something else first
        writer.setRunSettings(settings);
        writer.sync();
    }
    Settings reader(path);
    const RunSettings back = reader.runSettings();
    QCOMPARE(back.toJson(), settings.toJson());
    QCOMPARE(back.usdPerMillionTokens.has_value(), settings.usdPerMillionTokens.has_value());
    QCOMPARE(back.backoffBaseMs, settings.backoffBaseMs);
    QCOMPARE(back.localThreads, settings.localThreads);
    QCOMPARE(back.includeSecretFiles, settings.includeSecretFiles);
}

void TestSettings::recentFolders()
{
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("s.ini")));
    for (int i = 0; i < Settings::maxRecentFolders + 3; ++i)
        settings.addRecentFolders({ dir.filePath(QStringLiteral("f%1").arg(i)) });
    QStringList recent = settings.recentFolders();
    QCOMPARE(recent.size(), Settings::maxRecentFolders);
    QCOMPARE(
        recent.first(), dir.filePath(QStringLiteral("f%1").arg(Settings::maxRecentFolders + 2)));
    settings.addRecentFolders({ dir.filePath(QStringLiteral("f5")) });
    recent = settings.recentFolders();
    QCOMPARE(recent.first(), dir.filePath(QStringLiteral("f5")));
    QCOMPARE(recent.count(dir.filePath(QStringLiteral("f5"))), 1);
}

void TestSettings::layoutBlobs()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.ini"));
    {
        Settings settings(path);
        settings.setWindowGeometry(QByteArray("\x01\x02\x00geometry", 11));
        settings.setSplitterState(QStringLiteral("runSplitter"), "split");
        settings.sync();
    }
    Settings settings(path);
    QCOMPARE(settings.windowGeometry(), QByteArray("\x01\x02\x00geometry", 11));
    QCOMPARE(settings.splitterState(QStringLiteral("runSplitter")), QByteArray("split"));
    QVERIFY(settings.splitterState(QStringLiteral("other")).isEmpty());
}

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
