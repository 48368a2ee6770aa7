#pragma once

#include "providerkind.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace SignalHub::Core {

// Everything that shapes one indexing run, as a value: the CLI fills it from flags, the
// window from Settings. Holds no secret: the API key travels separately, so this can be
// stored with the run and shown in reports.
struct RunSettings
{
    ProviderKind provider = ProviderKind::Local;
    QString baseUrl; // empty: the provider's default
    QString model; // empty: the provider's default
    int dimensions = 0; // 0: the model's own
    int maxInputTokens = 0; // 0: the provider's limit
    int batchSize = 100;
    int maxBatchTokens = 100000;
    int concurrency = 4;
    bool adaptive = false;
    qint64 requestsPerMinute = 0;
    qint64 tokensPerMinute = 0;
    int maxRetries = 5;
    int backoffBaseMs = 500;
    int backoffCapMs = 60000;
    int timeoutSeconds = 60;
    int chunkTokens = 0; // 0: 512 for API models, the local model's limit
    QStringList excludeGlobs;
    qint64 maxFileSize = 1024 * 1024;
    bool includeSecretFiles = false; // .env, *.pem, id_rsa, .netrc, ... (see Scanner)
    std::optional<double> usdPerMillionTokens; // unset: from the price table
    double estimateThresholdUsd = 1.0;
    // What a watcher's runs may spend per day (local time) with a paid provider; a run above
    // estimateThresholdUsd waits for a person whatever the budget.
    double watchBudgetUsdPerDay = 5.0;
    int localThreads = 0; // 0: all cores

    // These settings with the embedding space (provider, URL, model, dimensions, input limit)
    // of `other`: searching or retrying in the space another run used.
    RunSettings withSpaceOf(const RunSettings &other) const;
    QString effectiveBaseUrl() const;
    // The model's full name; for the built-in model, "minilm" and "minilm-int8" name its
    // exact and fast variants.
    QString effectiveModel() const;
    // The built-in model's variants by the names their embedding spaces carry.
    static QString localExactModel() { return QStringLiteral("all-MiniLM-L6-v2"); }
    static QString localFastModel() { return QStringLiteral("all-MiniLM-L6-v2-int8"); }
    // Empty when usable, else what to change, in words a user can act on.
    QString validate() const;
    QJsonObject toJson() const;
    static RunSettings fromJson(const QJsonObject &json);
};

} // namespace SignalHub::Core
