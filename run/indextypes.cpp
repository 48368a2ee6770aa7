#include "indextypes.h"

namespace SignalHub::Core {

int IndexSummary::exitCode() const
{
    switch (outcome) {
    case Outcome::Fatal:
        return 3;
    case Outcome::Cancelled:
        return 130;
    case Outcome::Completed:
        break;
    }
    return failed > 0 || unreadableFiles > 0 ? 1 : 0;
}

} // namespace SignalHub::Core
