#include "runplan.h"

#include "bpetokenizer.h"
#include "estimatetokencounter.h"
#include "localprovider.h"
#include "ollamaprovider.h"
#include "openaiprovider.h"
#include "pricetable.h"
#include "wordpiecetokenizer.h"

#include <QFileInfo>

namespace SignalHub::Core {

namespace {

// OpenAI's documented limits; other OpenAI-compatible servers are told apart by their URL.
ProviderLimits openAiLimits(const RunSettings &settings)
{
    ProviderLimits limits { 2048, 8191, 300000 };
    if (settings.maxInputTokens > 0)
        limits.maxTokensPerInput = settings.maxInputTokens;
    return limits;
}

ProviderLimits ollamaLimits(const RunSettings &settings)
{
    // Ollama's context depends on the model; 2048 tokens fits the usual embedding models.
    return ProviderLimits { 512, settings.maxInputTokens > 0 ? settings.maxInputTokens : 2048,
        300000 };
}

std::unique_ptr<Provider> createProvider(const RunSettings &settings, const QByteArray &apiKey)
{
    if (settings.provider == ProviderKind::Local) {
        return std::make_unique<LocalProvider>(settings.localThreads,
            settings.effectiveModel() == RunSettings::localFastModel()
                ? MiniLmEmbedder::Precision::Int8
                : MiniLmEmbedder::Precision::Float32);
    }
    HttpProviderConfig config { settings.effectiveBaseUrl(), settings.effectiveModel(),
        settings.dimensions, apiKey, {} };
    if (settings.provider == ProviderKind::OpenAi) {
        config.limits = openAiLimits(settings);
        return std::make_unique<OpenAiProvider>(std::move(config));
    }
    config.limits = ollamaLimits(settings);
    return std::make_unique<OllamaProvider>(std::move(config));
}

// The exact tokenizer when the model's is known, else a conservative estimate.
Result<std::shared_ptr<const TokenCounter>> createTokenCounter(const RunSettings &settings)
{
    if (settings.provider == ProviderKind::Local) {
        auto wordPiece = WordPieceTokenizer::load();
        if (!wordPiece)
            return wordPiece.error();
        return std::shared_ptr<const TokenCounter>(*wordPiece);
    }
    const QString encoding = BpeTokenizer::encodingForModel(settings.effectiveModel());
    if (settings.provider == ProviderKind::OpenAi && !encoding.isEmpty()) {
        auto bpe = BpeTokenizer::load(encoding);
        if (!bpe)
            return bpe.error();
        return std::shared_ptr<const TokenCounter>(*bpe);
    }
    return std::shared_ptr<const TokenCounter>(std::make_shared<EstimateTokenCounter>());
}

ProviderLimits effectiveLimits(const RunSettings &settings, const ProviderLimits &providerLimits)
{
    ProviderLimits limits = providerLimits;
    limits.maxInputs = std::min(limits.maxInputs, settings.batchSize);
    limits.maxTokensPerRequest = std::min(limits.maxTokensPerRequest, settings.maxBatchTokens);
    if (settings.maxInputTokens > 0)
        limits.maxTokensPerInput = std::min(limits.maxTokensPerInput, settings.maxInputTokens);
    limits.maxTokensPerRequest = std::max(limits.maxTokensPerRequest, limits.maxTokensPerInput);
    return limits;
}

Result<std::optional<double>> price(const RunSettings &settings, const QString &model)
{
    if (settings.usdPerMillionTokens)
        return settings.usdPerMillionTokens;
    if (settings.provider == ProviderKind::Local)
        return std::optional<double>(0.0);
    PriceTable prices = PriceTable::builtIn();
    if (QFileInfo::exists(PriceTable::userFilePath()))
        if (const Status merged = prices.merge(PriceTable::userFilePath()); !merged)
            return merged.error();
    return prices.usdPerMillion(model);
}

} // namespace

Result<RunPlan> RunPlan::make(const RunSettings &settings, const QByteArray &apiKey)
{
    if (const QString problem = settings.validate(); !problem.isEmpty())
        return Error { problem };
    RunPlan plan;
    plan.m_settings = settings;
    plan.m_provider = createProvider(settings, apiKey);
    plan.m_space = plan.m_provider->space();
    auto counter = createTokenCounter(settings);
    if (!counter)
        return counter.error();
    plan.m_counter = std::move(*counter);
    plan.m_limits = effectiveLimits(settings, plan.m_provider->limits());
    auto usd = price(settings, plan.m_space.model);
    if (!usd)
        return usd.error();
    plan.m_usdPerMillion = *usd;
    return plan;
}

RunPlan::RunPlan(RunPlan &&) noexcept = default;
RunPlan &RunPlan::operator=(RunPlan &&) noexcept = default;
RunPlan::~RunPlan() = default;

Chunker::Options RunPlan::chunkerOptions() const
{
    const int wanted = m_settings.chunkTokens > 0    ? m_settings.chunkTokens
        : m_settings.provider == ProviderKind::Local ? m_limits.maxTokensPerInput
                                                     : 512;
    return Chunker::Options { std::min(wanted, m_limits.maxTokensPerInput),
        m_limits.maxTokensPerInput };
}

QString RunPlan::chunking() const
{
    const Chunker::Options options = chunkerOptions();
    return QStringLiteral("%1/%2/%3/%4")
        .arg(m_counter->name())
        .arg(options.targetTokens)
        .arg(options.maxTokens)
        .arg(Chunker::Version);
}

ProcessorSettings RunPlan::processorSettings() const
{
    ProcessorSettings ps;
    ps.limits = m_limits;
    ps.concurrency = m_settings.provider == ProviderKind::Local
        ? std::min(m_settings.concurrency, LocalConcurrencyCap)
        : m_settings.concurrency;
    ps.adaptive = m_settings.adaptive;
    ps.retry = RetrySettings { m_settings.maxRetries, m_settings.backoffBaseMs,
        m_settings.backoffCapMs };
    ps.rateLimits = RateLimits { m_settings.requestsPerMinute, m_settings.tokensPerMinute };
    ps.timeoutMs = m_settings.timeoutSeconds * 1000;
    ps.usdPerMillionTokens = usdPerMillionOrZero();
    return ps;
}

DimensionProbe::Answer RunPlan::probeDimensions()
{
    Q_ASSERT(m_provider);
    const int tokens = int(m_counter->count(DimensionProbe::text()));
    DimensionProbe::Answer answer
        = DimensionProbe::run(*m_provider, tokens, m_settings.timeoutSeconds * 1000);
    if (answer.dimensions > 0) {
        m_provider->useDimensions(answer.dimensions);
        m_space = m_provider->space();
    }
    return answer;
}

std::unique_ptr<Provider> RunPlan::takeProvider()
{
    return std::move(m_provider);
}

} // namespace SignalHub::Core
