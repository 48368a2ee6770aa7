#pragma once

namespace SignalHub::Core {

// Indexing threads (the run, the processor, the chunking pool, the store's writer, inference)
// run at a lower scheduling priority than the thread that shows the window, so on a busy
// machine the GUI thread gets a core first (bench_guistall: the longest stall halves). On
// Linux a thread has a nice value of its own; QThread::setPriority does not change it under
// the normal scheduler.
namespace BackgroundPriority {
// Idempotent; cheap after the first call on a thread.
void lowerCurrentThread();
} // namespace BackgroundPriority

} // namespace SignalHub::Core
