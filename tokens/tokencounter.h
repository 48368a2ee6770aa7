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
    // True when this counter never lets a token span the break between `line` (which ends with
    // its line break) and `next` (the line after it), so for any text a ending with `line` and
    // any text b starting with `next`, count(a + b) == count(a) + count(b). Callers that count
    // lines anyway may then add their counts up instead of counting the joined text again.
    // The default, false, is always correct.
    virtual bool addsUpAcross(QStringView line, QStringView next) const
    {
        Q_UNUSED(line);
        Q_UNUSED(next);
        return false;
    }
};

} // namespace SignalHub::Core
