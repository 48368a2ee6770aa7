#include "textembedder.h"

#include "batchprocessor.h"
#include "runplan.h"
#include "tokencounter.h"

#include <QEventLoop>

namespace SignalHub::Core {

TextEmbedder::TextEmbedder(QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("signalhub-embed"));
}

TextEmbedder::~TextEmbedder()
{
    if (m_processor)
        QMetaObject::invokeMethod(m_processor, &QObject::deleteLater);
    m_thread.quit();
    m_thread.wait();
}

void TextEmbedder::start(RunPlan plan, const QStringList &texts)
{
    m_vectors = QList<QList<float>>(texts.size());
    m_requests.clear();
    m_failure.clear();
    QList<EmbedItem> items;
    for (qsizetype i = 0; i < texts.size(); ++i) {
        const int tokens = int(plan.tokenCounter()->count(texts[i]));
        items.append(EmbedItem { i, texts[i], tokens, 0 });
    }
    m_processor = new BatchProcessor(plan.takeProvider(), plan.processorSettings());
    m_processor->moveToThread(&m_thread);
    connect(
        m_processor, &BatchProcessor::embedded, this, [this](const QList<EmbeddedItem> &embedded) {
            for (const EmbeddedItem &item : embedded)
                m_vectors[item.id] = item.vector;
        });
    connect(m_processor, &BatchProcessor::requestFinished, this,
        [this](const AttemptRecord &record) { m_requests.append(record); });
    connect(m_processor, &BatchProcessor::failed, this, [this](const QList<FailedItem> &failed) {
        if (m_failure.isEmpty() && !failed.isEmpty())
            m_failure = failed.first().reason;
    });
    connect(m_processor, &BatchProcessor::finished, this,
        [this](BatchProcessor::Outcome outcome, const QString &message) {
            if (outcome != BatchProcessor::Outcome::Completed)
                finish(Error { message });
            else if (!m_failure.isEmpty())
                finish(Error { m_failure });
            else
                finish(m_vectors);
        });
    m_thread.start();
    QMetaObject::invokeMethod(
        m_processor, [processor = m_processor, items = std::move(items)]() mutable {
            processor->enqueue(std::move(items));
            processor->endOfInput();
        });
}

void TextEmbedder::finish(Result<QList<QList<float>>> result)
{
    if (m_processor) {
        QMetaObject::invokeMethod(m_processor, &QObject::deleteLater);
        m_processor = nullptr;
    }
    Q_EMIT done(result);
}

Result<QList<QList<float>>> TextEmbedder::embedBlocking(
    const RunSettings &settings, const QByteArray &apiKey, const QStringList &texts)
{
    auto plan = RunPlan::make(settings, apiKey);
    if (!plan)
        return plan.error();
    return embedBlocking(std::move(*plan), texts);
}

Result<QList<QList<float>>> TextEmbedder::embedBlocking(
    RunPlan plan, const QStringList &texts, QList<AttemptRecord> *requests)
{
    TextEmbedder embedder;
    std::optional<Result<QList<QList<float>>>> outcome;
    QEventLoop loop;
    connect(&embedder, &TextEmbedder::done, &loop, [&](const Result<QList<QList<float>>> &result) {
        outcome = result;
        loop.quit();
    });
    embedder.start(std::move(plan), texts);
    if (!outcome)
        loop.exec();
    if (requests)
        *requests = embedder.requests();
    return *outcome;
}

} // namespace SignalHub::Core
