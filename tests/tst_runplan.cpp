// RunPlan: the one place RunSettings become a provider, a tokenizer, limits, a price and the
// processor's settings, for the run, the estimate, `embed` and search alike.

#include "pricetable.h"
#include "runplan.h"
#include "tokencounter.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace SignalHub::Core;

class TestRunPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void builtInModelRunsAtMostTwoBatchesAtOnce_data();
    void builtInModelRunsAtMostTwoBatchesAtOnce();
    void limitsAndChunksFollowTheSettings();
    void priceComesFromFlagTableOrNowhere();
    void brokenUserPriceFileIsAConfigurationError();
    void invalidSettingsAreRefused();
    void providerIsHandedOverOnce();
    void builtInVariantsAreSpacesOfTheirOwn();

private:
    void writePriceFile(const QByteArray &json);
    RunSettings openAi(const QString &model = QStringLiteral("text-embedding-3-small")) const;

    QTemporaryDir m_home;
};

void TestRunPlan::initTestCase()
{
    QVERIFY(m_home.isValid());
    // PriceTable reads the user's prices.json from the config folder: keep it in a temporary HOME.
    qputenv("HOME", m_home.path().toUtf8());
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(PriceTable::userFilePath().startsWith(m_home.path()));
}

void TestRunPlan::cleanup()
{
    QFile::remove(PriceTable::userFilePath());
}

void TestRunPlan::writePriceFile(const QByteArray &json)
{
    const QString path = PriceTable::userFilePath();
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(json), json.size());
}

RunSettings TestRunPlan::openAi(const QString &model) const
{
    RunSettings settings;
    settings.provider = ProviderKind::OpenAi;
    settings.baseUrl = QStringLiteral("http://127.0.0.1:9/v1");
    settings.model = model;
    settings.dimensions = 64;
    return settings;
}

void TestRunPlan::builtInModelRunsAtMostTwoBatchesAtOnce_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<int>("asked");
    QTest::addColumn<int>("used");
    QTest::newRow("local, 8 asked") << QStringLiteral("local") << 8 << RunPlan::LocalConcurrencyCap;
    QTest::newRow("local, 1 asked") << QStringLiteral("local") << 1 << 1;
    QTest::newRow("openai, 8 asked") << QStringLiteral("openai") << 8 << 8;
}

void TestRunPlan::builtInModelRunsAtMostTwoBatchesAtOnce()
{
    QFETCH(QString, provider);
    QFETCH(int, asked);
    QFETCH(int, used);
    RunSettings settings = provider == providerName(ProviderKind::Local) ? RunSettings() : openAi();
    settings.concurrency = asked;
    const auto plan = RunPlan::make(settings, QByteArray());
    QVERIFY2(plan, qPrintable(plan.errorMessage()));
    QCOMPARE(plan->processorSettings().concurrency, used);
}

void TestRunPlan::limitsAndChunksFollowTheSettings()
{
    RunSettings settings = openAi();
    settings.batchSize = 16;
    settings.maxBatchTokens = 4000;
    settings.maxRetries = 3;
    settings.timeoutSeconds = 7;
    settings.requestsPerMinute = 60;
    auto plan = RunPlan::make(settings, QByteArray());
    QVERIFY2(plan, qPrintable(plan.errorMessage()));
    QCOMPARE(plan->limits().maxInputs, 16);
    QCOMPARE(plan->limits().maxTokensPerRequest, 8191); // never below one whole input
    QCOMPARE(plan->chunkerOptions().targetTokens, 512);
    QCOMPARE(plan->chunkerOptions().maxTokens, 8191);
    const ProcessorSettings ps = plan->processorSettings();
    QCOMPARE(ps.retry.maxRetries, 3);
    QCOMPARE(ps.timeoutMs, 7000);
    QCOMPARE(ps.rateLimits.requestsPerMinute, qint64(60));
    QCOMPARE(int(plan->tokenCounter()->count(QStringLiteral("hello world"))),
        2); // cl100k, not an estimate

    const auto local = RunPlan::make(RunSettings(), QByteArray());
    QVERIFY2(local, qPrintable(local.errorMessage()));
    QCOMPARE(local->chunkerOptions().targetTokens, 254); // the model's own limit
    QCOMPARE(local->space().dimensions, 384);
}

void TestRunPlan::priceComesFromFlagTableOrNowhere()
{
    const auto table = RunPlan::make(openAi(), QByteArray());
    QVERIFY(table);
    QCOMPARE(table->usdPerMillion(), std::optional<double>(0.02));
    QCOMPARE(table->processorSettings().usdPerMillionTokens, 0.02);

    const auto unknown = RunPlan::make(openAi(QStringLiteral("house-model")), QByteArray());
    QVERIFY(unknown);
    QVERIFY(!unknown->priceKnown());
    QCOMPARE(unknown->usdPerMillionOrZero(), 0.0);

    writePriceFile(R"({"models": {"house-model": 0.5}})");
    const auto user = RunPlan::make(openAi(QStringLiteral("house-model")), QByteArray());
    QVERIFY(user);
    QCOMPARE(user->usdPerMillion(), std::optional<double>(0.5));

    RunSettings flagged = openAi(QStringLiteral("house-model"));
    flagged.usdPerMillionTokens = 1.25;
    const auto flag = RunPlan::make(flagged, QByteArray());
    QVERIFY(flag);
    QCOMPARE(flag->usdPerMillion(), std::optional<double>(1.25));

    const auto local = RunPlan::make(RunSettings(), QByteArray());
    QVERIFY(local);
    QCOMPARE(local->usdPerMillion(), std::optional<double>(0.0));
}

void TestRunPlan::brokenUserPriceFileIsAConfigurationError()
{
    writePriceFile("{\"models\": {\"text-embedding-3-small\": \"cheap\"}}");
    const auto plan = RunPlan::make(openAi(), QByteArray());
    QVERIFY(!plan);
    QVERIFY2(
        plan.errorMessage().contains(PriceTable::userFilePath()), qPrintable(plan.errorMessage()));
    QVERIFY2(
        plan.errorMessage().contains(u"text-embedding-3-small"), qPrintable(plan.errorMessage()));
    // An explicit price needs no table, and the built-in model costs nothing: neither reads it.
    RunSettings flagged = openAi();
    flagged.usdPerMillionTokens = 0.01;
    QVERIFY(RunPlan::make(flagged, QByteArray()));
    QVERIFY(RunPlan::make(RunSettings(), QByteArray()));
}

void TestRunPlan::invalidSettingsAreRefused()
{
    RunSettings settings = openAi();
    settings.batchSize = 0;
    const auto plan = RunPlan::make(settings, QByteArray());
    QVERIFY(!plan);
    QCOMPARE(plan.errorMessage(), settings.validate());
}

void TestRunPlan::providerIsHandedOverOnce()
{
    auto plan = RunPlan::make(openAi(), QByteArray("sk-secret"));
    QVERIFY(plan);
    auto provider = plan->takeProvider();
    QVERIFY(provider);
    QCOMPARE(provider->space(), plan->space());
    QVERIFY(!plan->takeProvider());
}

// "minilm" and "minilm-int8" name the built-in model's two variants, each its own space (its
// model name and its weights' hash); anything else is refused by name.
void TestRunPlan::builtInVariantsAreSpacesOfTheirOwn()
{
    RunSettings exact;
    exact.model = QStringLiteral("minilm");
    RunSettings fast;
    fast.model = QStringLiteral("minilm-int8");
    const auto exactPlan = RunPlan::make(exact, QByteArray());
    const auto fastPlan = RunPlan::make(fast, QByteArray());
    QVERIFY2(exactPlan && fastPlan, qPrintable(exactPlan.errorMessage() + fastPlan.errorMessage()));
    QCOMPARE(exactPlan->space(), RunPlan::make(RunSettings(), QByteArray())->space());
    QCOMPARE(exactPlan->space().model, RunSettings::localExactModel());
    QCOMPARE(fastPlan->space().model, RunSettings::localFastModel());
    QCOMPARE_NE(fastPlan->space().assetHash, exactPlan->space().assetHash);
    QCOMPARE(fastPlan->space().dimensions, exactPlan->space().dimensions);

    RunSettings unknown;
    unknown.model = QStringLiteral("minilm-fp8");
    const auto refused = RunPlan::make(unknown, QByteArray());
    QVERIFY(!refused);
    QVERIFY2(refused.errorMessage().contains(u"'minilm-fp8'"), qPrintable(refused.errorMessage()));
}

QTEST_GUILESS_MAIN(TestRunPlan)
#include "tst_runplan.moc"
