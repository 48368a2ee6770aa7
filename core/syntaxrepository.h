#pragma once

namespace KSyntaxHighlighting {
class Repository;
}

namespace SignalHub::Core {

// KSyntaxHighlighting's Repository promises no thread safety and loads ~390 definitions
// lazily: every thread that scans or chunks uses this one of its own, shared by both.
KSyntaxHighlighting::Repository &threadSyntaxRepository();

} // namespace SignalHub::Core
