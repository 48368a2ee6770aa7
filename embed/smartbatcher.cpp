#include "smartbatcher.h"

namespace SignalHub::Core {

void SmartBatcher::add(QList<EmbedItem> items)
{
    for (EmbedItem &item : items) {
        m_size += 1;
        m_tokens += item.tokens;
        m_queues[item.priority].push_back(std::move(item));
    }
}

void SmartBatcher::addFront(QList<EmbedItem> items)
{
    for (auto it = items.rbegin(); it != items.rend(); ++it) {
        m_size += 1;
        m_tokens += it->tokens;
        m_queues[it->priority].push_front(std::move(*it));
    }
}

SmartBatcher::Batch SmartBatcher::take(const ProviderLimits &limits, QList<EmbedItem> *tooLong)
{
    Batch batch;
    const int maxInputs = std::max(1, limits.maxInputs);
    for (auto queue = m_queues.begin();
        queue != m_queues.end() && batch.items.size() < maxInputs;) {
        auto &items = queue->second;
        while (!items.empty() && batch.items.size() < maxInputs) {
            EmbedItem &next = items.front();
            if (next.tokens > limits.maxTokensPerInput) {
                m_size -= 1;
                m_tokens -= next.tokens;
                tooLong->append(std::move(next));
                items.pop_front();
                continue;
            }
            // Priority order is kept: a batch ends at the first item that does not fit.
            if (!batch.items.isEmpty() && batch.tokens + next.tokens > limits.maxTokensPerRequest)
                return batch;
            batch.tokens += next.tokens;
            m_size -= 1;
            m_tokens -= next.tokens;
            batch.items.append(std::move(next));
            items.pop_front();
        }
        queue = items.empty() ? m_queues.erase(queue) : std::next(queue);
    }
    return batch;
}

void SmartBatcher::reprioritise(
    const std::function<bool(const EmbedItem &)> &match, qint64 priority)
{
    QList<EmbedItem> moved;
    for (auto queue = m_queues.begin(); queue != m_queues.end();) {
        if (queue->first == priority) {
            ++queue;
            continue;
        }
        auto &items = queue->second;
        for (auto it = items.begin(); it != items.end();) {
            if (match(*it)) {
                it->priority = priority;
                moved.append(std::move(*it));
                it = items.erase(it);
            } else {
                ++it;
            }
        }
        queue = items.empty() ? m_queues.erase(queue) : std::next(queue);
    }
    for (EmbedItem &item : moved)
        m_queues[priority].push_back(std::move(item));
}

QList<EmbedItem> SmartBatcher::takeAll()
{
    QList<EmbedItem> all;
    all.reserve(m_size);
    for (auto &[priority, items] : m_queues)
        for (EmbedItem &item : items)
            all.append(std::move(item));
    m_queues.clear();
    m_size = 0;
    m_tokens = 0;
    return all;
}

} // namespace SignalHub::Core
