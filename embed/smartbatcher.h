#pragma once

#include "provider.h"

#include <QList>
#include <QString>
#include <deque>
#include <functional>
#include <map>

namespace SignalHub::Core {

struct EmbedItem
{
    qint64 id = 0; // the caller's key (a chunk id)
    QString text;
    int tokens = 0;
    qint64 priority = 0; // higher goes first; equal priorities keep their order
};

// Packs queued items, highest priority first, into requests that respect the provider's
// three limits: inputs per request, tokens per input and tokens per request.
class SmartBatcher
{
public:
    struct Batch
    {
        QList<EmbedItem> items;
        qint64 tokens = 0;
    };

    void add(QList<EmbedItem> items);
    // Back to the head of their priority, for items that were sent and must go again.
    void addFront(QList<EmbedItem> items);
    // Items over limits.maxTokensPerInput are never sent: they are moved to `tooLong`.
    Batch take(const ProviderLimits &limits, QList<EmbedItem> *tooLong);
    // "Index this now": items matching `match` move to `priority`.
    void reprioritise(const std::function<bool(const EmbedItem &)> &match, qint64 priority);
    QList<EmbedItem> takeAll();

    qsizetype size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    qint64 tokens() const { return m_tokens; }

private:
    std::map<qint64, std::deque<EmbedItem>, std::greater<>> m_queues;
    qsizetype m_size = 0;
    qint64 m_tokens = 0;
};

} // namespace SignalHub::Core
