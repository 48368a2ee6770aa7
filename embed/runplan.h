#pragma once

#include "batchprocessor.h"
#include "chunker.h"
#include "dimensionprobe.h"
#include "provider.h"
#include "result.h"
#include "runsettings.h"

#include <QByteArray>
#include <QString>
#include <memory>
#include <optional>

namespace SignalHub::Core {

class TokenCounter;

// Everything a run, an estimate, `embed` and a search query need from RunSettings, worked
// out once and the same way for all of them: the provider and its embedding space, the
// tokenizer that counts for it, the limits the batcher and chunker respect, the price, and
// the processor's settings. Built on the caller's thread; the provider is handed over once
// to the BatchProcessor that will own it.
class RunPlan
{
public:
    // Fails, before anything is sent, on settings that cannot work (see RunSettings::validate),
    // a tokenizer asset that cannot be read, or a user price file that cannot be read: a
    // broken price file is a configuration error everywhere, not only in a run.
    static Result<RunPlan> make(const RunSettings &settings, const QByteArray &apiKey);

    RunPlan(RunPlan &&) noexcept;
    RunPlan &operator=(RunPlan &&) noexcept;
    ~RunPlan();

    const RunSettings &settings() const { return m_settings; }
    EmbeddingSpace space() const { return m_space; }
    const std::shared_ptr<const TokenCounter> &tokenCounter() const { return m_counter; }
    // The provider's limits lowered by the user's batch settings.
    const ProviderLimits &limits() const { return m_limits; }
    // Target chunk size: the user's, else 512 for API models and the local model's own limit;
    // never above what one input may hold.
    Chunker::Options chunkerOptions() const;
    // The tokenizer and sizes chunks are cut with, as files record it: chunks cut another way
    // are cut again, so that a run sends what its estimate counted.
    QString chunking() const;

    // Dollars per million tokens: --price, else the price table (built-in plus the user's
    // prices.json), else unknown. The built-in model costs nothing.
    std::optional<double> usdPerMillion() const { return m_usdPerMillion; }
    double usdPerMillionOrZero() const { return m_usdPerMillion.value_or(0.0); }
    bool priceKnown() const { return m_usdPerMillion.has_value(); }

    // The built-in model runs at most two batches at once whatever the concurrency asked
    // for: its inference thread works one batch at a time, and a second keeps it fed.
    ProcessorSettings processorSettings() const;

    // For a model whose dimensions are unknown (space().dimensions 0): asks the server to embed
    // one short text and, if it answers, keys the space by the dimensions of that vector. Blocks
    // for up to one request's timeout: call it on a worker thread, before takeProvider().
    DimensionProbe::Answer probeDimensions();

    // The provider, once; later calls return nullptr.
    std::unique_ptr<Provider> takeProvider();

    static constexpr int LocalConcurrencyCap = 2;

private:
    RunPlan() = default;

    RunSettings m_settings;
    std::unique_ptr<Provider> m_provider;
    EmbeddingSpace m_space;
    std::shared_ptr<const TokenCounter> m_counter;
    ProviderLimits m_limits;
    std::optional<double> m_usdPerMillion;
};

} // namespace SignalHub::Core
