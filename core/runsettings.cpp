#include "runsettings.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QUrl>

namespace SignalHub::Core {

namespace { } // namespace

QString RunSettings::effectiveBaseUrl() const
{
    if (!baseUrl.isEmpty())
        return baseUrl;
    if (provider == ProviderKind::OpenAi)
        return QStringLiteral("https://api.openai.com/v1");
    if (provider == ProviderKind::Ollama)
        return QStringLiteral("http://localhost:11434");
    return {};
}

RunSettings RunSettings::withSpaceOf(const RunSettings &other) const
{
    RunSettings settings = *this;
    settings.provider = other.provider;
    settings.baseUrl = other.baseUrl;
    settings.model = other.model;
    settings.dimensions = other.dimensions;
    settings.maxInputTokens = other.maxInputTokens;
    return settings;
}

QString RunSettings::effectiveModel() const
{
    if (provider == ProviderKind::Local && model == u"minilm")
        return localExactModel();
    if (provider == ProviderKind::Local && model == u"minilm-int8")
        return localFastModel();
    if (!model.isEmpty())
        return model;
    if (provider == ProviderKind::OpenAi)
        return QStringLiteral("text-embedding-3-small");
    if (provider == ProviderKind::Ollama)
        return QStringLiteral("nomic-embed-text");
    return localExactModel();
}

QString RunSettings::validate() const
{
    if (provider != ProviderKind::Local) {
        const QUrl url(effectiveBaseUrl());
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https")
            || url.host().isEmpty())
            return QCoreApplication::translate(
                "RunSettings", "the base URL '%1' is not an http(s) URL")
                .arg(effectiveBaseUrl());
    }
    if (provider == ProviderKind::Local && effectiveModel() != localExactModel()
        && effectiveModel() != localFastModel())
        return QCoreApplication::translate(
            "RunSettings", "the built-in model is minilm (exact) or minilm-int8 (fast), not '%1'")
            .arg(model);
    if (provider == ProviderKind::Local && dimensions != 0 && dimensions != 384)
        return QCoreApplication::translate("RunSettings",
            "the built-in model makes 384-dimensional vectors; --dimensions %1 cannot apply")
            .arg(dimensions);
    if (dimensions < 0)
        return QCoreApplication::translate("RunSettings", "dimensions must be positive");
    if (batchSize < 1 || batchSize > 2048)
        return QCoreApplication::translate(
            "RunSettings", "batch size must be between 1 and 2048 (got %1)")
            .arg(batchSize);
    if (maxBatchTokens < 1)
        return QCoreApplication::translate(
            "RunSettings", "max tokens per batch must be positive (got %1)")
            .arg(maxBatchTokens);
    if (concurrency < 1 || concurrency > 256)
        return QCoreApplication::translate(
            "RunSettings", "concurrency must be between 1 and 256 (got %1)")
            .arg(concurrency);
    if (maxRetries < 0 || maxRetries > 100)
        return QCoreApplication::translate(
            "RunSettings", "retries must be between 0 and 100 (got %1)")
            .arg(maxRetries);
    if (timeoutSeconds < 1)
        return QCoreApplication::translate(
            "RunSettings", "the timeout must be at least 1 second (got %1)")
            .arg(timeoutSeconds);
    if (chunkTokens < 0 || maxInputTokens < 0)
        return QCoreApplication::translate("RunSettings", "token sizes must be positive");
    if (maxFileSize < 1)
        return QCoreApplication::translate("RunSettings", "the file size limit must be positive");
    if (requestsPerMinute < 0 || tokensPerMinute < 0)
        return QCoreApplication::translate("RunSettings", "rate limits must be positive");
    if (usdPerMillionTokens && *usdPerMillionTokens < 0)
        return QCoreApplication::translate("RunSettings", "the price must not be negative");
    return {};
}

QJsonObject RunSettings::toJson() const
{
    QJsonObject json {
        { QStringLiteral("provider"), providerName(provider) },
        { QStringLiteral("base_url"), effectiveBaseUrl() },
        { QStringLiteral("model"), effectiveModel() },
        { QStringLiteral("dimensions"), dimensions },
        { QStringLiteral("max_input_tokens"), maxInputTokens },
        { QStringLiteral("batch_size"), batchSize },
        { QStringLiteral("max_batch_tokens"), maxBatchTokens },
        { QStringLiteral("concurrency"), concurrency },
        { QStringLiteral("adaptive"), adaptive },
        { QStringLiteral("rpm"), requestsPerMinute },
        { QStringLiteral("tpm"), tokensPerMinute },
        { QStringLiteral("max_retries"), maxRetries },
        { QStringLiteral("backoff_base_ms"), backoffBaseMs },
        { QStringLiteral("backoff_cap_ms"), backoffCapMs },
        { QStringLiteral("timeout_s"), timeoutSeconds },
        { QStringLiteral("chunk_tokens"), chunkTokens },
        { QStringLiteral("exclude"), QJsonArray::fromStringList(excludeGlobs) },
        { QStringLiteral("max_file_size"), maxFileSize },
        { QStringLiteral("include_secret_files"), includeSecretFiles },
        { QStringLiteral("estimate_threshold_usd"), estimateThresholdUsd },
        { QStringLiteral("watch_budget_usd_per_day"), watchBudgetUsdPerDay },
        { QStringLiteral("local_threads"), localThreads },
    };
    if (usdPerMillionTokens)
        json.insert(QStringLiteral("usd_per_million_tokens"), *usdPerMillionTokens);
    return json;
}

RunSettings RunSettings::fromJson(const QJsonObject &json)
{
    RunSettings s;
    s.provider = providerFromName(json.value(u"provider").toString()).value_or(s.provider);
    s.baseUrl = json.value(u"base_url").toString();
    s.model = json.value(u"model").toString();
    s.dimensions = json.value(u"dimensions").toInt(s.dimensions);
    s.maxInputTokens = json.value(u"max_input_tokens").toInt(s.maxInputTokens);
    s.batchSize = json.value(u"batch_size").toInt(s.batchSize);
    s.maxBatchTokens = json.value(u"max_batch_tokens").toInt(s.maxBatchTokens);
    s.concurrency = json.value(u"concurrency").toInt(s.concurrency);
    s.adaptive = json.value(u"adaptive").toBool(s.adaptive);
    s.requestsPerMinute = json.value(u"rpm").toInteger(s.requestsPerMinute);
    s.tokensPerMinute = json.value(u"tpm").toInteger(s.tokensPerMinute);
    s.maxRetries = json.value(u"max_retries").toInt(s.maxRetries);
    s.backoffBaseMs = json.value(u"backoff_base_ms").toInt(s.backoffBaseMs);
    s.backoffCapMs = json.value(u"backoff_cap_ms").toInt(s.backoffCapMs);
    s.timeoutSeconds = json.value(u"timeout_s").toInt(s.timeoutSeconds);
    s.chunkTokens = json.value(u"chunk_tokens").toInt(s.chunkTokens);
    const QJsonArray exclude = json.value(u"exclude").toArray();
    for (const QJsonValue &glob : exclude)
        s.excludeGlobs.append(glob.toString());
    s.maxFileSize = json.value(u"max_file_size").toInteger(s.maxFileSize);
    s.includeSecretFiles = json.value(u"include_secret_files").toBool(s.includeSecretFiles);
    if (json.contains(u"usd_per_million_tokens"))
        s.usdPerMillionTokens = json.value(u"usd_per_million_tokens").toDouble();
    s.estimateThresholdUsd = json.value(u"estimate_threshold_usd").toDouble(s.estimateThresholdUsd);
    s.watchBudgetUsdPerDay
        = json.value(u"watch_budget_usd_per_day").toDouble(s.watchBudgetUsdPerDay);
    s.localThreads = json.value(u"local_threads").toInt(s.localThreads);
    return s;
}

} // namespace SignalHub::Core
