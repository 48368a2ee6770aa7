#include "setupfaultdetector.h"

namespace SignalHub::Core {

bool SetupFaultDetector::systematic(Kind kind)
{
    if (m_settled)
        return false;
    m_streak = m_last == kind ? m_streak + 1 : 1;
    m_last = kind;
    return m_streak >= streak(kind);
}

} // namespace SignalHub::Core
