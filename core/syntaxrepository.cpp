#include "syntaxrepository.h"

#include <KSyntaxHighlighting/Repository>
#include <QMutex>
#include <QMutexLocker>
#include <QSet>
#include <QThread>

namespace SignalHub::Core {

namespace {
QMutex creatorsMutex;
QSet<const QThread *> creators;

struct RecordedRepository
{
    RecordedRepository()
    {
        const QMutexLocker lock(&creatorsMutex);
        creators.insert(QThread::currentThread());
    }
    KSyntaxHighlighting::Repository repository;
};
} // namespace

KSyntaxHighlighting::Repository &threadSyntaxRepository()
{
    thread_local RecordedRepository recorded;
    return recorded.repository;
}

bool syntaxRepositoryCreatedOn(const QThread *thread)
{
    const QMutexLocker lock(&creatorsMutex);
    return creators.contains(thread);
}

} // namespace SignalHub::Core
