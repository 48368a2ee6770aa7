#include "backgroundpriority.h"

#include "logging.h"

#ifdef Q_OS_LINUX
#include <cerrno>
#include <cstring>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace SignalHub::Core::BackgroundPriority {

namespace {
constexpr int BackgroundNice = 10;
}

void lowerCurrentThread()
{
#ifdef Q_OS_LINUX
    thread_local bool lowered = false;
    if (lowered)
        return;
    lowered = true;
    const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
    if (::setpriority(PRIO_PROCESS, tid, BackgroundNice) != 0)
        qCDebug(lcIndexer) << "could not lower the thread's priority:" << std::strerror(errno);
#endif
}

} // namespace SignalHub::Core::BackgroundPriority
