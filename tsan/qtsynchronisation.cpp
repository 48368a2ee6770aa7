// Debian's Qt is not built with ThreadSanitizer, so TSan sees only the synchronisation that
// Qt's headers annotate (QMutex::lock()/unlock() inlined into our code). The hand-offs our
// code relies on happen inside libQt6Core, unseen, and would make every queue in the engine
// look racy; this file, linked into each executable of the tsan preset only, interposes them
// and tells TSan what they do. Each wrapper calls Qt's own function, found with RTLD_NEXT.
#include <QCoreApplication>
#include <QFutureInterfaceBase>
#include <QMetaMethod>
#include <QMutex>
#include <QThread>
#include <QThreadPool>
#include <QWaitCondition>
#include <QtConcurrent/qtconcurrentthreadengine.h>
#include <cstring>
#include <dlfcn.h>
#include <sanitizer/tsan_interface.h>

// Every process of this build, including those a test's client starts with an environment of
// its own (the MCP SDK passes on only a few variables), runs with these options.
extern "C" const char *__tsan_default_options()
{
    return "halt_on_error=1 second_deadlock_stack=1 ignore_noninstrumented_modules=1 "
           "suppressions=" SIGNALHUB_TSAN_SUPPRESSIONS;
}

namespace {

template<typename Function> Function next(const char *mangledName)
{
    static_assert(sizeof(Function) == sizeof(void *));
    void *symbol = dlsym(RTLD_NEXT, mangledName);
    if (!symbol)
        qFatal("tsan/qtsynchronisation.cpp: Qt has no %s", mangledName);
    Function function;
    std::memcpy(&function, &symbol, sizeof function);
    return function;
}

// Qt calls these functions too, through the same symbols, on mutexes it locked in its own
// uninstrumented code: only a call from this executable is annotated.
bool calledFromHere(const void *returnAddress)
{
    Dl_info caller;
    Dl_info here;
    return dladdr(returnAddress, &caller)
        && dladdr(reinterpret_cast<void *>(&calledFromHere), &here)
        && caller.dli_fbase == here.dli_fbase;
}

// QWaitCondition::wait() unlocks the caller's mutex, sleeps, and locks it again inside Qt.
// Without this, TSan believes the waiting thread holds the mutex throughout (a "double lock"
// when the notifier takes it) and misses the order the mutex gives to the data it guards.
template<typename Wait, typename Deadline>
bool annotatedWait(Wait realWait, QWaitCondition *condition, QMutex *mutex, Deadline deadline,
    const void *returnAddress)
{
    if (!calledFromHere(returnAddress))
        return realWait(condition, mutex, deadline);
    __tsan_mutex_pre_unlock(mutex, 0);
    __tsan_mutex_post_unlock(mutex, 0);
    const bool woken = realWait(condition, mutex, deadline);
    __tsan_mutex_pre_lock(mutex, 0);
    __tsan_mutex_post_lock(mutex, 0, 0);
    return woken;
}

} // namespace

bool QWaitCondition::wait(QMutex *mutex, QDeadlineTimer deadline)
{
    using Wait = bool (*)(QWaitCondition *, QMutex *, QDeadlineTimer);
    static const auto realWait = next<Wait>("_ZN14QWaitCondition4waitEP6QMutex14QDeadlineTimer");
    return annotatedWait(realWait, this, mutex, deadline, __builtin_return_address(0));
}

bool QWaitCondition::wait(QMutex *mutex, unsigned long milliseconds)
{
    using Wait = bool (*)(QWaitCondition *, QMutex *, unsigned long);
    static const auto realWait = next<Wait>("_ZN14QWaitCondition4waitEP6QMutexm");
    return annotatedWait(realWait, this, mutex, milliseconds, __builtin_return_address(0));
}

namespace {

// The key of a future's state shared by all its copies: its result store.
void *futureKey(const QFutureInterfaceBase *future)
{
    return const_cast<QtPrivate::ResultStoreBase *>(&future->resultStoreBase());
}

} // namespace

// A QFuture's shared state is reference counted inside Qt; the copy that drops the last
// reference clears the results other threads wrote. Annotated as std::shared_ptr's count is:
// each release publishes the releasing thread's writes, the last one acquires them all.
bool QFutureInterfaceBase::derefT() const noexcept
{
    using Deref = bool (*)(const QFutureInterfaceBase *);
    static const auto realDeref = next<Deref>("_ZNK20QFutureInterfaceBase6derefTEv");
    __tsan_release(futureKey(this));
    const bool stillShared = realDeref(this);
    if (!stillShared)
        __tsan_acquire(futureKey(this));
    return stillShared;
}

namespace {

// Every queued call and deleteLater() is a posted event: the posting thread builds it, Qt
// hands it over under the receiving thread's event-list lock, and the receiving thread runs
// it. Posting releases a key of the receiver's thread; delivery (Qt's notify hook, called for
// every event in every thread) acquires the key of the thread delivering it.
void *eventKey(const QThread *thread)
{
    // One past the QThread: its own address is the key of its end (QThread::wait() below).
    return const_cast<char *>(reinterpret_cast<const char *>(thread)) + 1;
}

void releaseToThreadOf(const QObject *receiver)
{
    __tsan_release(eventKey(receiver->thread()));
}

bool acquirePostedEvents(void **)
{
    __tsan_acquire(eventKey(QThread::currentThread()));
    return false; // Qt delivers the event as usual.
}

[[maybe_unused]] const bool deliveryHooked
    = QInternal::registerCallback(QInternal::EventNotifyCallback, acquirePostedEvents);

} // namespace

void QCoreApplication::postEvent(QObject *receiver, QEvent *event, int priority)
{
    using Post = void (*)(QObject *, QEvent *, int);
    static const auto realPost = next<Post>("_ZN16QCoreApplication9postEventEP7QObjectP6QEventi");
    releaseToThreadOf(receiver);
    realPost(receiver, event, priority);
}

namespace {

// A blocking queued call returns once the receiving thread has run the slot: Qt wakes the
// caller with a semaphore inside libQt6Core. The slot is wrapped so that running it releases
// a key the caller acquires when the call returns: a byte on the caller's stack, which
// outlives the call (the wrapper itself is freed by Qt, and TSan forgets freed keys).
class ReleasingSlot : public QtPrivate::QSlotObjectBase
{
public:
    ReleasingSlot(QtPrivate::QSlotObjectBase *slot, void *key)
        : QSlotObjectBase(&impl)
        , m_slot(slot)
        , m_key(key)
    { }

private:
    static void impl(
        int which, QSlotObjectBase *base, QObject *receiver, void **arguments, bool *result)
    {
        auto *self = static_cast<ReleasingSlot *>(base);
        switch (which) {
        case Destroy:
            self->m_slot->destroyIfLastRef();
            delete self;
            break;
        case Call:
            self->m_slot->call(receiver, arguments);
            __tsan_release(self->m_key);
            break;
        case Compare:
            *result = self->m_slot->compare(arguments);
            break;
        }
    }

    QtPrivate::QSlotObjectBase *m_slot;
    void *m_key;
};

} // namespace

bool QMetaObject::invokeMethodImpl(QObject *object, QtPrivate::QSlotObjectBase *slot,
    Qt::ConnectionType type, qsizetype parameterCount, const void *const *parameters,
    const char *const *names, const QtPrivate::QMetaTypeInterface *const *metaTypes)
{
    using Invoke = bool (*)(QObject *, QtPrivate::QSlotObjectBase *, Qt::ConnectionType, qsizetype,
        const void *const *, const char *const *, const QtPrivate::QMetaTypeInterface *const *);
    static const auto realInvoke
        = next<Invoke>("_ZN11QMetaObject16invokeMethodImplEP7QObjectPN9QtPrivate15QSlotObjectBaseEN"
                       "2Qt14ConnectionTypeExPKPKvPKPKcPKPKNS2_18QMetaTypeInterfaceE");
    releaseToThreadOf(object);
    if (type != Qt::BlockingQueuedConnection)
        return realInvoke(object, slot, type, parameterCount, parameters, names, metaTypes);
    char ran = 0;
    const bool invoked = realInvoke(
        object, new ReleasingSlot(slot, &ran), type, parameterCount, parameters, names, metaTypes);
    __tsan_acquire(&ran);
    return invoked;
}

// The thread that finishes a future publishes its results; a thread that waited for it (or
// for one result) reads them. Qt orders the two under the future's mutex, inside libQt6Core.
void QFutureInterfaceBase::reportFinished()
{
    using Report = void (*)(QFutureInterfaceBase *);
    static const auto realReport = next<Report>("_ZN20QFutureInterfaceBase14reportFinishedEv");
    __tsan_release(futureKey(this));
    realReport(this);
}

void QFutureInterfaceBase::waitForFinished()
{
    using Wait = void (*)(QFutureInterfaceBase *);
    static const auto realWait = next<Wait>("_ZN20QFutureInterfaceBase15waitForFinishedEv");
    realWait(this);
    __tsan_acquire(futureKey(this));
}

void QFutureInterfaceBase::waitForResult(int resultIndex)
{
    using Wait = void (*)(QFutureInterfaceBase *, int);
    static const auto realWait = next<Wait>("_ZN20QFutureInterfaceBase13waitForResultEi");
    realWait(this, resultIndex);
    __tsan_acquire(futureKey(this));
}

// QtConcurrent::run() stores its function and arguments in a task, reports the future started
// and hands the task to a pool thread, which first asks whether the future was cancelled.
void QFutureInterfaceBase::reportStarted()
{
    using Report = void (*)(QFutureInterfaceBase *);
    static const auto realReport = next<Report>("_ZN20QFutureInterfaceBase13reportStartedEv");
    __tsan_release(futureKey(this));
    realReport(this);
}

bool QFutureInterfaceBase::isCanceled() const
{
    using Ask = bool (*)(const QFutureInterfaceBase *);
    static const auto realAsk = next<Ask>("_ZNK20QFutureInterfaceBase10isCanceledEv");
    __tsan_acquire(futureKey(this));
    return realAsk(this);
}

// The same for a call named by its method (QtNetwork hands requests to its HTTP thread so).
bool QMetaObject::invokeMethodImpl(QObject *object, const char *member, Qt::ConnectionType type,
    qsizetype parameterCount, const void *const *parameters, const char *const *names,
    const QtPrivate::QMetaTypeInterface *const *metaTypes)
{
    using Invoke = bool (*)(QObject *, const char *, Qt::ConnectionType, qsizetype,
        const void *const *, const char *const *, const QtPrivate::QMetaTypeInterface *const *);
    static const auto realInvoke
        = next<Invoke>("_ZN11QMetaObject16invokeMethodImplEP7QObjectPKcN2Qt14ConnectionTypeExPKPKvP"
                       "KS3_PKPKN9QtPrivate18QMetaTypeInterfaceE");
    releaseToThreadOf(object);
    return realInvoke(object, member, type, parameterCount, parameters, names, metaTypes);
}

// QMetaMethod::invoke() (QtNetwork hands work to its HTTP thread so) ends in a function of a
// class private to libQt6Core, known here by its symbol alone.
#define QMetaMethodInvokerSymbol                                                                   \
    "_ZN18QMetaMethodInvoker10invokeImplE11QMetaMethodPvN2Qt14ConnectionTypeExPKPKvPKPKcPKPKN9Qt"  \
    "Private18QMetaTypeInterfaceE"
using InvokeFailReason = int;
InvokeFailReason invokeMetaMethod(QMetaMethod method, void *target, Qt::ConnectionType type,
    qsizetype parameterCount, const void *const *parameters, const char *const *names,
    const QtPrivate::QMetaTypeInterface *const *metaTypes) __asm__(QMetaMethodInvokerSymbol);

InvokeFailReason invokeMetaMethod(QMetaMethod method, void *target, Qt::ConnectionType type,
    qsizetype parameterCount, const void *const *parameters, const char *const *names,
    const QtPrivate::QMetaTypeInterface *const *metaTypes)
{
    using Invoke = InvokeFailReason (*)(QMetaMethod, void *, Qt::ConnectionType, qsizetype,
        const void *const *, const char *const *, const QtPrivate::QMetaTypeInterface *const *);
    static const auto realInvoke = next<Invoke>(QMetaMethodInvokerSymbol);
    if (type != Qt::DirectConnection
        && method.enclosingMetaObject()->inherits(&QObject::staticMetaObject))
        releaseToThreadOf(static_cast<QObject *>(target));
    return realInvoke(method, target, type, parameterCount, parameters, names, metaTypes);
}

// A QtConcurrent map-reduce ends in the pool thread that leaves last: it reduces what every
// thread mapped and reports the result. The threads count themselves out with a barrier inside
// libQt6Concurrent. Each thread leaving releases the engine and acquires what the threads
// before it released; the last one then reduces with all of it. (A thread released just after
// the last one acquired would go unseen: the window is the few instructions between this
// wrapper and the barrier.)
void QtConcurrent::ThreadEngineBase::threadExit()
{
    using Exit = void (*)(ThreadEngineBase *);
    static const auto realExit = next<Exit>("_ZN12QtConcurrent16ThreadEngineBase10threadExitEv");
    __tsan_release(this);
    __tsan_acquire(this);
    realExit(this);
}

// A thread with nothing left to map leaves early, through the same barrier.
bool QtConcurrent::ThreadEngineBase::threadThrottleExit()
{
    using Exit = bool (*)(ThreadEngineBase *);
    static const auto realExit
        = next<Exit>("_ZN12QtConcurrent16ThreadEngineBase18threadThrottleExitEv");
    __tsan_release(this);
    __tsan_acquire(this);
    return realExit(this);
}

// Starting a runnable hands it to a pool thread through QThreadPool's queue, under the pool's
// own mutex: starting releases the runnable, a QtConcurrent engine's run() acquires it.
void QThreadPool::start(QRunnable *runnable, int priority)
{
    using Start = void (*)(QThreadPool *, QRunnable *, int);
    static const auto realStart = next<Start>("_ZN11QThreadPool5startEP9QRunnablei");
    __tsan_release(runnable);
    realStart(this, runnable, priority);
}

bool QThreadPool::tryStart(QRunnable *runnable)
{
    using Start = bool (*)(QThreadPool *, QRunnable *);
    static const auto realStart = next<Start>("_ZN11QThreadPool8tryStartEP9QRunnable");
    __tsan_release(runnable);
    return realStart(this, runnable);
}

void QtConcurrent::ThreadEngineBase::run()
{
    using Run = void (*)(ThreadEngineBase *);
    static const auto realRun = next<Run>("_ZN12QtConcurrent16ThreadEngineBase3runEv");
    __tsan_acquire(static_cast<QRunnable *>(this));
    realRun(this);
}

// Qt does not join its threads: QThread::wait() returns once the thread has finished, which
// the thread announces last of all with QThread's wait condition, under QThread's own mutex.
// Every wake-up a thread gives releases its QThread (more order than needed, never less); a
// wait that saw the thread end acquires it, as pthread_join() would.
void QWaitCondition::wakeAll()
{
    using Wake = void (*)(QWaitCondition *);
    static const auto realWake = next<Wake>("_ZN14QWaitCondition7wakeAllEv");
    realWake(this);
    __tsan_release(QThread::currentThread());
}

bool QThread::wait(QDeadlineTimer deadline)
{
    using Wait = bool (*)(QThread *, QDeadlineTimer);
    static const auto realWait = next<Wait>("_ZN7QThread4waitE14QDeadlineTimer");
    const bool ended = realWait(this, deadline);
    if (ended)
        __tsan_acquire(this);
    return ended;
}
