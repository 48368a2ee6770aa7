#pragma once

#include <optional>

namespace SignalHub::Core {

// Tells a misconfigured run from an unlucky one. Until the first good answer, the same kind of
// failure several times in a row (a refused connection, a page that is not an embeddings API,
// vectors of another size, single inputs rejected) means every request will fail alike: the
// run stops with one message naming the setting to change, instead of failing every chunk.
// After a good answer, failures are the chunks' own.
class SetupFaultDetector
{
public:
    enum class Kind
    {
        Unreachable,
        NotAnEmbeddingsApi,
        WrongDimensions,
        InputRejected,
    };

    // Enough to tell a pattern from a blip, few enough to stop before money is spent. Single
    // inputs rejected need a longer streak: a folder may well start with a few files a server
    // refuses for what they hold.
    static constexpr int streak(Kind kind) { return kind == Kind::InputRejected ? 10 : 3; }

    void goodAnswer()
    {
        m_settled = true;
        m_last.reset();
    }
    bool settled() const { return m_settled; }
    // True when `kind` has now happened streak(kind) times in a row without a good answer yet.
    bool systematic(Kind kind);

private:
    std::optional<Kind> m_last;
    int m_streak = 0;
    bool m_settled = false;
};

} // namespace SignalHub::Core
