#include "countcache.h"

#include <atomic>

namespace SignalHub::Core {

CountCache::CountCache()
    : m_slots(Slots)
{ }

std::uint32_t CountCache::newOwner()
{
    static std::atomic<std::uint32_t> last { 0 };
    return ++last;
}

CountCache &CountCache::forThisThread()
{
    static thread_local CountCache cache;
    return cache;
}

std::uint64_t CountCache::hashOf(QStringView piece)
{
    std::uint64_t hash = 0x9E3779B97F4A7C15ull;
    for (const QChar c : piece)
        hash = (hash ^ c.unicode()) * 0xFF51AFD7ED558CCDull;
    return hash ^ (hash >> 29);
}

} // namespace SignalHub::Core
