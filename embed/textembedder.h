#pragma once

#include "batchprocessor.h"
#include "result.h"
#include "runplan.h"

#include <QList>
#include <QObject>
#include <QStringList>
#include <QThread>

namespace SignalHub::Core {

// Embeds a few texts with the full engine (retries, validation) on a thread of its own:
// the `embed` command, search queries and the window's "Test connection".
class TextEmbedder : public QObject
{
    Q_OBJECT

public:
    explicit TextEmbedder(QObject *parent = nullptr);
    ~TextEmbedder() override;

    // Starts; done() follows. One job at a time.
    void start(RunPlan plan, const QStringList &texts);
    // The requests of the last job, for whoever accounts for their cost.
    const QList<AttemptRecord> &requests() const { return m_requests; }
    // Run a local event loop until done: for worker threads and command-line tools, never for
    // the GUI thread. `requests`, when given, receives what requests() holds then.
    static Result<QList<QList<float>>> embedBlocking(
        RunPlan plan, const QStringList &texts, QList<AttemptRecord> *requests = nullptr);
    static Result<QList<QList<float>>> embedBlocking(
        const RunSettings &settings, const QByteArray &apiKey, const QStringList &texts);

Q_SIGNALS:
    void done(const SignalHub::Core::Result<QList<QList<float>>> &vectors);

private:
    void finish(Result<QList<QList<float>>> result);

    QThread m_thread;
    BatchProcessor *m_processor = nullptr;
    QList<QList<float>> m_vectors;
    QList<AttemptRecord> m_requests;
    QString m_failure;
};

} // namespace SignalHub::Core
