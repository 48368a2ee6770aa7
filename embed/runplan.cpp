#include "providerfactory.h"

#include "bpetokenizer.h"
#include "estimatetokencounter.h"
#include "localprovider.h"
#include "ollamaprovider.h"
#include "openaiprovider.h"
#include "wordpiecetokenizer.h"

#include <QCoreApplication>

namespace SignalHub::Core::ProviderFactory {

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
} // namespace

Result<std::unique_ptr<Provider>> create(const RunSettings &settings, const QByteArray &apiKey)
{
    if (const QString problem = settings.validate(); !problem.isEmpty())
        return Error { problem };
    if (settings.provider == u"local")
        return std::unique_ptr<Provider>(std::make_unique<LocalProvider>(settings.localThreads));
    HttpProviderConfig config { settings.effectiveBaseUrl(), settings.effectiveModel(),
        settings.dimensions, apiKey, {} };
    if (settings.provider == u"openai") {
        config.limits = openAiLimits(settings);
        return std::unique_ptr<Provider>(std::make_unique<OpenAiProvider>(std::move(config)));
    }
    config.limits = ollamaLimits(settings);
    return std::unique_ptr<Provider>(std::make_unique<OllamaProvider>(std::move(config)));
}

Result<std::shared_ptr<const TokenCounter>> tokenCounter(const RunSettings &settings)
{
    if (settings.provider == u"local") {
        auto wordPiece = WordPieceTokenizer::load();
        if (!wordPiece)
            return wordPiece.error();
        return std::shared_ptr<const TokenCounter>(*wordPiece);
    }
    const QString encoding = BpeTokenizer::encodingForModel(settings.effectiveModel());
    if (settings.provider == u"openai" && !encoding.isEmpty()) {
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

int chunkTokens(const RunSettings &settings, const ProviderLimits &limits)
{
    const int wanted = settings.chunkTokens > 0 ? settings.chunkTokens
        : settings.provider == u"local"         ? limits.maxTokensPerInput
                                                : 512;
    return std::min(wanted, limits.maxTokensPerInput);
}

} // namespace SignalHub::Core::ProviderFactory
