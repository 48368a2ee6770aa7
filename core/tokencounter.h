#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace SignalHub::Core {

// Counts tokens the way one provider's model does, so batches and chunks respect its limits.
// Implementations are immutable after construction and safe to use from several threads.
class TokenCounter
{
public:
    virtual ~TokenCounter() = default;

    // Stable name stored with counts, e.g. "cl100k_base", "o200k_base", "minilm-wordpiece".
    virtual QString name() const = 0;
    // Tokens the model sees for this text, without special tokens ([CLS]/[SEP] are the
    // provider's business: MiniLM's per-input limit is 254 for that reason).
    virtual qsizetype count(QStringView text) const = 0;
    // True when count() is what the provider will bill and enforce; false for estimates,
    // which callers keep a safety margin below limits.
    virtual bool isExact() const = 0;
};

} // namespace SignalHub::Core
