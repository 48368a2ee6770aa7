#pragma once

#include <QObject>
#include <QThread>

namespace SignalHub::Core {

// For objects that must only be used from the thread they live in (a BatchProcessor, an
// IndexWorker): a debug build stops at the first call from another thread instead of racing.
inline void assertOwnerThread([[maybe_unused]] const QObject *object)
{
    Q_ASSERT_X(object->thread() == QThread::currentThread(), object->metaObject()->className(),
        "called from a thread other than the one it lives in");
}

} // namespace SignalHub::Core
