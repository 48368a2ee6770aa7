#pragma once

#include "provider.h"
#include "result.h"
#include "runsettings.h"

#include <memory>

namespace SignalHub::Core {

class TokenCounter;

// Turns RunSettings into the pieces of a run: the provider, the tokenizer that counts for
// it and the limits the batcher and chunker must respect.
namespace ProviderFactory {

Result<std::unique_ptr<Provider>> create(const RunSettings &settings, const QByteArray &apiKey);
// The exact tokenizer when the model's is known, else a conservative estimate.
Result<std::shared_ptr<const TokenCounter>> tokenCounter(const RunSettings &settings);
// The provider's limits lowered by the user's batch settings.
ProviderLimits effectiveLimits(const RunSettings &settings, const ProviderLimits &providerLimits);
// Target chunk size: the user's, else 512 for API models and the local model's own limit.
int chunkTokens(const RunSettings &settings, const ProviderLimits &limits);

} // namespace ProviderFactory
} // namespace SignalHub::Core
