#include "indexer.h"

#include "indexworker.h"

namespace SignalHub::Core {

Indexer::Indexer(QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("signalhub-indexer"));
}

Indexer::~Indexer()
{
    if (m_running && m_worker) {
        m_worker->requestCancel();
        // The worker finishes its commit and says so before the thread may end.
        QEventLoop loop;
        connect(this, &Indexer::finished, &loop, &QEventLoop::quit);
        if (m_running)
            loop.exec();
    }
    stopThread();
}

void Indexer::start(const IndexRequest &request)
{
    Q_ASSERT(!m_running);
    stopThread();
    m_running = true;
    auto *worker = new IndexWorker(request);
    worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    connect(worker, &IndexWorker::progress, this, &Indexer::progress);
    connect(worker, &IndexWorker::filesChanged, this, &Indexer::filesChanged);
    connect(worker, &IndexWorker::message, this, &Indexer::message);
    connect(worker, &IndexWorker::teammates, this, &Indexer::teammates);
    connect(worker, &IndexWorker::finished, this, [this](const IndexSummary &summary) {
        m_running = false;
        Q_EMIT finished(summary);
    });
    m_worker = worker;
    m_thread.start();
    if (m_paused) // queued before start(): the run scans, then waits for resume()
        QMetaObject::invokeMethod(worker, &IndexWorker::pause);
    QMetaObject::invokeMethod(worker, &IndexWorker::start);
}

void Indexer::pause()
{
    m_paused = true;
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, &IndexWorker::pause);
}

void Indexer::resume()
{
    m_paused = false;
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, &IndexWorker::resume);
}

void Indexer::cancel()
{
    if (m_worker)
        m_worker->requestCancel();
}

void Indexer::stopThread()
{
    m_thread.quit();
    m_thread.wait();
}

} // namespace SignalHub::Core
