#include "settings.h"

#include <QFileInfo>

namespace SignalHub::Core {

namespace {
// Keys under "run/" mirror RunSettings; each is read and written in exactly one place below.
const QString kProvider = QStringLiteral("run/provider");
const QString kBaseUrl = QStringLiteral("run/baseUrl");
const QString kModel = QStringLiteral("run/model");
const QString kDimensions = QStringLiteral("run/dimensions");
const QString kMaxInputTokens = QStringLiteral("run/maxInputTokens");
const QString kBatchSize = QStringLiteral("run/batchSize");
const QString kMaxBatchTokens = QStringLiteral("run/maxBatchTokens");
const QString kConcurrency = QStringLiteral("run/concurrency");
const QString kAdaptive = QStringLiteral("run/adaptive");
const QString kRpm = QStringLiteral("run/requestsPerMinute");
const QString kTpm = QStringLiteral("run/tokensPerMinute");
const QString kMaxRetries = QStringLiteral("run/maxRetries");
const QString kTimeout = QStringLiteral("run/timeoutSeconds");
const QString kBackoffBase = QStringLiteral("run/backoffBaseMs");
const QString kBackoffCap = QStringLiteral("run/backoffCapMs");
const QString kLocalThreads = QStringLiteral("run/localThreads");
const QString kChunkTokens = QStringLiteral("run/chunkTokens");
const QString kExclude = QStringLiteral("run/excludeGlobs");
const QString kMaxFileSize = QStringLiteral("run/maxFileSize");
const QString kPrice = QStringLiteral("run/usdPerMillionTokens"); // < 0: from the price table
const QString kThreshold = QStringLiteral("run/estimateThresholdUsd");
const QString kDatabase = QStringLiteral("store/databasePath");
const QString kRecent = QStringLiteral("window/recentFolders");
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
} // namespace

Settings::Settings() = default;

Settings::Settings(const QString &iniPath)
    : m_store(iniPath, QSettings::IniFormat)
{ }

RunSettings Settings::runSettings() const
{
    const RunSettings d;
    QSettings *store = &m_store;
    RunSettings s;
    s.provider = SettingValue<QString>(store, kProvider, d.provider).get();
    s.baseUrl = SettingValue<QString>(store, kBaseUrl, d.baseUrl).get();
    s.model = SettingValue<QString>(store, kModel, d.model).get();
    s.dimensions = SettingValue<int>(store, kDimensions, d.dimensions).get();
    s.maxInputTokens = SettingValue<int>(store, kMaxInputTokens, d.maxInputTokens).get();
    s.batchSize = SettingValue<int>(store, kBatchSize, d.batchSize).get();
    s.maxBatchTokens = SettingValue<int>(store, kMaxBatchTokens, d.maxBatchTokens).get();
    s.concurrency = SettingValue<int>(store, kConcurrency, d.concurrency).get();
    s.adaptive = SettingValue<bool>(store, kAdaptive, d.adaptive).get();
    s.requestsPerMinute = SettingValue<qint64>(store, kRpm, d.requestsPerMinute).get();
    s.tokensPerMinute = SettingValue<qint64>(store, kTpm, d.tokensPerMinute).get();
    s.maxRetries = SettingValue<int>(store, kMaxRetries, d.maxRetries).get();
    s.timeoutSeconds = SettingValue<int>(store, kTimeout, d.timeoutSeconds).get();
    s.backoffBaseMs = SettingValue<int>(store, kBackoffBase, d.backoffBaseMs).get();
    s.backoffCapMs = SettingValue<int>(store, kBackoffCap, d.backoffCapMs).get();
    s.localThreads = SettingValue<int>(store, kLocalThreads, d.localThreads).get();
    s.chunkTokens = SettingValue<int>(store, kChunkTokens, d.chunkTokens).get();
    s.excludeGlobs = SettingValue<QStringList>(store, kExclude, d.excludeGlobs).get();
    s.maxFileSize = SettingValue<qint64>(store, kMaxFileSize, d.maxFileSize).get();
    const double price = SettingValue<double>(store, kPrice, -1.0).get();
    if (price >= 0)
        s.usdPerMillionTokens = price;
    s.estimateThresholdUsd = SettingValue<double>(store, kThreshold, d.estimateThresholdUsd).get();
    return s;
}

void Settings::setRunSettings(const RunSettings &s)
{
    const RunSettings d;
    SettingValue<QString>(&m_store, kProvider, d.provider) = s.provider;
    SettingValue<QString>(&m_store, kBaseUrl, d.baseUrl) = s.baseUrl;
    SettingValue<QString>(&m_store, kModel, d.model) = s.model;
    SettingValue<int>(&m_store, kDimensions, d.dimensions) = s.dimensions;
    SettingValue<int>(&m_store, kMaxInputTokens, d.maxInputTokens) = s.maxInputTokens;
    SettingValue<int>(&m_store, kBatchSize, d.batchSize) = s.batchSize;
    SettingValue<int>(&m_store, kMaxBatchTokens, d.maxBatchTokens) = s.maxBatchTokens;
    SettingValue<int>(&m_store, kConcurrency, d.concurrency) = s.concurrency;
    SettingValue<bool>(&m_store, kAdaptive, d.adaptive) = s.adaptive;
    SettingValue<qint64>(&m_store, kRpm, d.requestsPerMinute) = s.requestsPerMinute;
    SettingValue<qint64>(&m_store, kTpm, d.tokensPerMinute) = s.tokensPerMinute;
    SettingValue<int>(&m_store, kMaxRetries, d.maxRetries) = s.maxRetries;
    SettingValue<int>(&m_store, kTimeout, d.timeoutSeconds) = s.timeoutSeconds;
    SettingValue<int>(&m_store, kBackoffBase, d.backoffBaseMs) = s.backoffBaseMs;
    SettingValue<int>(&m_store, kBackoffCap, d.backoffCapMs) = s.backoffCapMs;
    SettingValue<int>(&m_store, kLocalThreads, d.localThreads) = s.localThreads;
    SettingValue<int>(&m_store, kChunkTokens, d.chunkTokens) = s.chunkTokens;
    SettingValue<QStringList>(&m_store, kExclude, d.excludeGlobs) = s.excludeGlobs;
    SettingValue<qint64>(&m_store, kMaxFileSize, d.maxFileSize) = s.maxFileSize;
    SettingValue<double>(&m_store, kPrice, -1.0) = s.usdPerMillionTokens.value_or(-1.0);
    SettingValue<double>(&m_store, kThreshold, d.estimateThresholdUsd) = s.estimateThresholdUsd;
}

QString Settings::databasePath() const
{
    return m_store.value(kDatabase).toString();
}

void Settings::setDatabasePath(const QString &path)
{
    SettingValue<QString>(&m_store, kDatabase, QString()) = path;
}

QStringList Settings::recentFolders() const
{
    return m_store.value(kRecent).toStringList();
}

void Settings::addRecentFolders(const QStringList &folders)
{
    QStringList recent = recentFolders();
    for (const QString &folder : folders) {
        const QString clean = QFileInfo(folder).absoluteFilePath();
        recent.removeAll(clean);
        recent.prepend(clean);
    }
    while (recent.size() > maxRecentFolders)
        recent.removeLast();
    m_store.setValue(kRecent, recent);
}

QByteArray Settings::windowGeometry() const
{
    return m_store.value(kGeometry).toByteArray();
}

void Settings::setWindowGeometry(const QByteArray &geometry)
{
    m_store.setValue(kGeometry, geometry);
}

QByteArray Settings::windowState() const
{
    return m_store.value(kState).toByteArray();
}

void Settings::setWindowState(const QByteArray &state)
{
    m_store.setValue(kState, state);
}

QByteArray Settings::splitterState(const QString &name) const
{
    return m_store.value(QStringLiteral("window/splitter/") + name).toByteArray();
}

void Settings::setSplitterState(const QString &name, const QByteArray &state)
{
    m_store.setValue(QStringLiteral("window/splitter/") + name, state);
}

void Settings::sync()
{
    m_store.sync();
}

QString Settings::fileName() const
{
    return m_store.fileName();
}

} // namespace SignalHub::Core
