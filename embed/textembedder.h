#pragma once

#include "result.h"
#include "runplan.h"

#include <QList>
#include <QObject>
#include <QStringList>
#include <QThread>

namespace SignalHub::Core {

class BatchProcessor;

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
    // Run a local event loop until done: for worker threads and command-line tools, never for
    // the GUI thread.
    static Result<QList<QList<float>>> embedBlocking(RunPlan plan, const QStringList &texts);
    static Result<QList<QList<float>>> embedBlocking(
        const RunSettings &settings, const QByteArray &apiKey, const QStringList &texts);

Q_SIGNALS:
    void done(const SignalHub::Core::Result<QList<QList<float>>> &vectors);

private:
    void finish(Result<QList<QList<float>>> result);

    QThread m_thread;
    BatchProcessor *m_processor = nullptr;
    QList<QList<float>> m_vectors;
    QString m_failure;
};

} // namespace SignalHub::Core
