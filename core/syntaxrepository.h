#pragma once

class QThread;

namespace KSyntaxHighlighting {
class Repository;
}

namespace SignalHub::Core {

// KSyntaxHighlighting's Repository promises no thread safety and loads ~390 definitions
// lazily: every thread that scans, chunks or highlights uses this one of its own.
KSyntaxHighlighting::Repository &threadSyntaxRepository();

// Whether threadSyntaxRepository() ever built a repository on `thread`: the window's tests
// check that the GUI thread never loads syntax definitions.
bool syntaxRepositoryCreatedOn(const QThread *thread);

} // namespace SignalHub::Core
