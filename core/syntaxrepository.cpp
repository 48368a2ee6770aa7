#include "syntaxrepository.h"

#include <KSyntaxHighlighting/Repository>

namespace SignalHub::Core {

KSyntaxHighlighting::Repository &threadSyntaxRepository()
{
    thread_local KSyntaxHighlighting::Repository repository;
    return repository;
}

} // namespace SignalHub::Core
