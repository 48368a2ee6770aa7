#include "settings.h"

#include "logging.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QMutexLocker>
#include <QThreadPool>
#include <QtConcurrentRun>
#include <algorithm>

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
const QString kIncludeSecrets = QStringLiteral("run/includeSecretFiles");
const QString kPrice = QStringLiteral("run/usdPerMillionTokens"); // < 0: from the price table
const QString kThreshold = QStringLiteral("run/estimateThresholdUsd");
const QString kWatchBudget = QStringLiteral("watch/budgetUsdPerDay");
const QString kDatabase = QStringLiteral("store/databasePath");
const QString kRecent = QStringLiteral("window/recentFolders");
const QString kUnwatched = QStringLiteral("watch/unwatchedFolders");
const QString kServesAgents = QStringLiteral("agents/serve");
const QString kAgentPort = QStringLiteral("agents/port");
constexpr int DefaultAgentPort = 8765;
const QString kWatches = QStringLiteral("watch/enabled");
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kEditor = QStringLiteral("editor/command");

// Replaces the file's contents with `values` (QSettings rewrites it whole, atomically).
// Returns a message for a person when the file cannot be written.
QString writeValues(const QString &fileName, QSettings::Format format, const QVariantMap &values)
{
    QSettings store(fileName, format);
    store.clear();
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        store.setValue(it.key(), it.value());
    store.sync();
    if (store.status() == QSettings::NoError)
        return {};
    qCWarning(lcSettings) << "cannot write the settings file" << fileName;
    return QCoreApplication::translate("Settings", "Cannot save the settings to %1.").arg(fileName);
}
} // namespace

void SettingsValues::setValue(const QString &key, const QVariant &value)
{
    auto it = m_values.find(key);
    if (it != m_values.end() && *it == value)
        return;
    m_values.insert(key, value);
    ++m_revision;
}

Settings::Settings()
{
    QSettings store; // the platform's file for the application; read here, once
    load(store);
}

Settings::Settings(const QString &iniPath)
{
    QSettings store(iniPath, QSettings::IniFormat);
    load(store);
}

Settings::~Settings()
{
    if (m_values.revision() != m_savedRevision)
        save();
    waitForSaved();
}

void Settings::load(QSettings &store)
{
    m_fileName = store.fileName();
    m_format = store.format();
    QVariantMap values;
    const QStringList keys = store.allKeys();
    for (const QString &key : keys)
        values.insert(key, store.value(key));
    m_values.setAll(std::move(values));
}

RunSettings Settings::runSettings() const
{
    const RunSettings d;
    SettingsValues *store = &m_values;
    RunSettings s;
    // Written by name; a name this version does not know falls back to the built-in model.
    s.provider
        = providerFromName(SettingValue<QString>(store, kProvider, providerName(d.provider)).get())
              .value_or(d.provider);
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
    s.includeSecretFiles = SettingValue<bool>(store, kIncludeSecrets, d.includeSecretFiles).get();
    const double price = SettingValue<double>(store, kPrice, -1.0).get();
    if (price >= 0)
        s.usdPerMillionTokens = price;
    s.estimateThresholdUsd = SettingValue<double>(store, kThreshold, d.estimateThresholdUsd).get();
    s.watchBudgetUsdPerDay
        = SettingValue<double>(store, kWatchBudget, d.watchBudgetUsdPerDay).get();
    return s;
}

void Settings::setRunSettings(const RunSettings &s)
{
    const RunSettings d;
    SettingValue<QString>(&m_values, kProvider, providerName(d.provider))
        = providerName(s.provider);
    SettingValue<QString>(&m_values, kBaseUrl, d.baseUrl) = s.baseUrl;
    SettingValue<QString>(&m_values, kModel, d.model) = s.model;
    SettingValue<int>(&m_values, kDimensions, d.dimensions) = s.dimensions;
    SettingValue<int>(&m_values, kMaxInputTokens, d.maxInputTokens) = s.maxInputTokens;
    SettingValue<int>(&m_values, kBatchSize, d.batchSize) = s.batchSize;
    SettingValue<int>(&m_values, kMaxBatchTokens, d.maxBatchTokens) = s.maxBatchTokens;
    SettingValue<int>(&m_values, kConcurrency, d.concurrency) = s.concurrency;
    SettingValue<bool>(&m_values, kAdaptive, d.adaptive) = s.adaptive;
    SettingValue<qint64>(&m_values, kRpm, d.requestsPerMinute) = s.requestsPerMinute;
    SettingValue<qint64>(&m_values, kTpm, d.tokensPerMinute) = s.tokensPerMinute;
    SettingValue<int>(&m_values, kMaxRetries, d.maxRetries) = s.maxRetries;
    SettingValue<int>(&m_values, kTimeout, d.timeoutSeconds) = s.timeoutSeconds;
    SettingValue<int>(&m_values, kBackoffBase, d.backoffBaseMs) = s.backoffBaseMs;
    SettingValue<int>(&m_values, kBackoffCap, d.backoffCapMs) = s.backoffCapMs;
    SettingValue<int>(&m_values, kLocalThreads, d.localThreads) = s.localThreads;
    SettingValue<int>(&m_values, kChunkTokens, d.chunkTokens) = s.chunkTokens;
    SettingValue<QStringList>(&m_values, kExclude, d.excludeGlobs) = s.excludeGlobs;
    SettingValue<qint64>(&m_values, kMaxFileSize, d.maxFileSize) = s.maxFileSize;
    SettingValue<bool>(&m_values, kIncludeSecrets, d.includeSecretFiles) = s.includeSecretFiles;
    SettingValue<double>(&m_values, kPrice, -1.0) = s.usdPerMillionTokens.value_or(-1.0);
    SettingValue<double>(&m_values, kThreshold, d.estimateThresholdUsd) = s.estimateThresholdUsd;
    SettingValue<double>(&m_values, kWatchBudget, d.watchBudgetUsdPerDay) = s.watchBudgetUsdPerDay;
}

QString Settings::databasePath() const
{
    return m_values.value(kDatabase).toString();
}

void Settings::setDatabasePath(const QString &path)
{
    SettingValue<QString>(&m_values, kDatabase, QString()) = path;
}

QStringList Settings::recentFolders() const
{
    return m_values.value(kRecent).toStringList();
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
    m_values.setValue(kRecent, recent);
}

bool Settings::watchesFolders() const
{
    return SettingValue<bool>(&m_values, kWatches, true).get();
}

void Settings::setWatchesFolders(bool watches)
{
    SettingValue<bool>(&m_values, kWatches, true) = watches;
}

bool Settings::servesAgents() const
{
    return SettingValue<bool>(&m_values, kServesAgents, false).get();
}

void Settings::setServesAgents(bool serves)
{
    SettingValue<bool>(&m_values, kServesAgents, false) = serves;
}

int Settings::agentPort() const
{
    return std::clamp(SettingValue<int>(&m_values, kAgentPort, DefaultAgentPort).get(), 1, 65535);
}

void Settings::setAgentPort(int port)
{
    SettingValue<int>(&m_values, kAgentPort, DefaultAgentPort) = port;
}

QStringList Settings::unwatchedFolders() const
{
    return m_values.value(kUnwatched).toStringList();
}

void Settings::setFolderWatched(const QString &root, bool watched)
{
    QStringList unwatched = unwatchedFolders();
    unwatched.removeAll(root);
    if (!watched)
        unwatched.append(root);
    m_values.setValue(kUnwatched, unwatched);
}

QByteArray Settings::windowGeometry() const
{
    return m_values.value(kGeometry).toByteArray();
}

void Settings::setWindowGeometry(const QByteArray &geometry)
{
    m_values.setValue(kGeometry, geometry);
}

QByteArray Settings::windowState() const
{
    return m_values.value(kState).toByteArray();
}

void Settings::setWindowState(const QByteArray &state)
{
    m_values.setValue(kState, state);
}

QByteArray Settings::splitterState(const QString &name) const
{
    return m_values.value(QStringLiteral("window/splitter/") + name).toByteArray();
}

void Settings::setSplitterState(const QString &name, const QByteArray &state)
{
    m_values.setValue(QStringLiteral("window/splitter/") + name, state);
}

QString Settings::editorCommand() const
{
    return m_values.value(kEditor).toString();
}

void Settings::setEditorCommand(const QString &command)
{
    SettingValue<QString>(&m_values, kEditor, QString()) = command;
}

QFuture<QString> Settings::save()
{
    if (!m_writer) {
        m_writer = std::make_unique<QThreadPool>();
        m_writer->setMaxThreadCount(1); // one writer: snapshots reach the file in order
        m_writer->setObjectName(QStringLiteral("signalhub-settings"));
    }
    m_savedRevision = m_values.revision();
    m_lastSave = QtConcurrent::run(
        m_writer.get(), [this, fileName = m_fileName, format = m_format, values = m_values.all()] {
            QString error = writeValues(fileName, format, values);
            const QMutexLocker lock(&m_errorMutex);
            m_saveError = error;
            return error;
        });
    return m_lastSave;
}

QString Settings::saveError() const
{
    const QMutexLocker lock(&m_errorMutex);
    return m_saveError;
}

bool Settings::waitForSaved(int timeoutMs)
{
    return !m_writer || m_writer->waitForDone(timeoutMs);
}

void Settings::sync()
{
    waitForSaved(); // an older snapshot must not land after this one
    m_savedRevision = m_values.revision();
    const QString error = writeValues(m_fileName, m_format, m_values.all());
    const QMutexLocker lock(&m_errorMutex);
    m_saveError = error;
}

QString Settings::fileName() const
{
    return m_fileName;
}

} // namespace SignalHub::Core
