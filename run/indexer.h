#pragma once

#include "indextypes.h"
#include "progresstracker.h"

#include <QEventLoop>
#include <QObject>
#include <QPointer>
#include <QThread>

namespace SignalHub::Core {

class IndexWorker;

// Runs one indexing job off the calling thread and reports through queued signals; the
// window and the CLI use it alike. Destroying it cancels the run and waits for it to stop.
class Indexer : public QObject
{
    Q_OBJECT

public:
    explicit Indexer(QObject *parent = nullptr);
    ~Indexer() override;

    bool isRunning() const { return m_running; }
    void start(const IndexRequest &request);
    // Holds the run: no file is read and no request sent until resume(). Called before
    // start(), the run scans and then waits.
    void pause();
    void resume();
    // Chunks in flight go back to pending; what was answered is committed; finished() follows.
    void cancel();

Q_SIGNALS:
    void progress(const SignalHub::Core::ProgressSnapshot &snapshot);
    void filesChanged(const QList<SignalHub::Core::FileProgress> &files);
    void message(const QString &text);
    // On the team store, every few seconds: the other workers of the run, at the run's
    // `elapsedMs` (the time of ProgressSnapshot::elapsedMs).
    void teammates(qint64 elapsedMs, const QList<SignalHub::Core::TeammateProgress> &workers);
    void finished(const SignalHub::Core::IndexSummary &summary);

private:
    void stopThread();

    QThread m_thread;
    QPointer<IndexWorker> m_worker;
    bool m_running = false;
    bool m_paused = false;
};

} // namespace SignalHub::Core
