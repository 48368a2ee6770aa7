#pragma once

#include <QStringView>
#include <cstdint>
#include <vector>

namespace SignalHub::Core {

// Token counts of short pieces of text a thread counted lately. Code repeats its words and
// operators, so most pieces a tokenizer meets are found here, which skips its matching and
// merging. Direct-mapped: a piece's slot holds the last piece that hashed to it, with the
// tokenizer that counted it, so tokenizers never answer for each other. 4,096 slots (about
// 200 KiB) per thread that counts: 93 % of the pieces of /usr/include are found, and a cache
// four times larger found 96 % and was no faster (bench/RESULTS.md).
class CountCache
{
public:
    // Longer pieces are counted every time.
    static constexpr qsizetype MaxLength = 16;

    // A key for one tokenizer, unique while the process runs (an address could be reused).
    static std::uint32_t newOwner();
    static CountCache &forThisThread();

    // The count of `piece` by `owner`, from the cache or else from countAnew(), kept for next
    // time.
    template<typename CountAnew>
    qsizetype count(std::uint32_t owner, QStringView piece, CountAnew &&countAnew)
    {
        if (piece.size() > MaxLength)
            return countAnew();
        const std::uint64_t hash = hashOf(piece);
        Slot &slot = m_slots[hash & (Slots - 1)];
        if (slot.owner == owner && slot.hash == hash && slot.length == piece.size()
            && std::equal(piece.utf16(), piece.utf16() + piece.size(), slot.text)) {
            return slot.tokens;
        }
        const qsizetype tokens = countAnew();
        slot.hash = hash;
        slot.owner = owner;
        slot.length = std::uint16_t(piece.size());
        slot.tokens = std::uint32_t(tokens);
        std::copy(piece.utf16(), piece.utf16() + piece.size(), slot.text);
        return tokens;
    }

private:
    static constexpr std::size_t Slots = 4096;
    struct Slot
    {
        std::uint64_t hash = 0;
        std::uint32_t owner = 0; // 0: empty
        std::uint16_t length = 0;
        std::uint32_t tokens = 0;
        char16_t text[MaxLength];
    };

    CountCache();
    static std::uint64_t hashOf(QStringView piece);

    std::vector<Slot> m_slots;
};

} // namespace SignalHub::Core
