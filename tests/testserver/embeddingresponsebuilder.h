#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace SignalHub::Testing {

// Writes answer bodies by hand: a 2048 x 1536 answer is tens of megabytes, too slow to go
// through QJsonDocument.
class EmbeddingResponseBuilder
{
public:
    // OpenAI: data[] holds vectors[order[k]] with "index": order[k], in the order of `order`.
    static QByteArray openAi(const QList<QList<float>> &vectors, const QList<int> &order,
        const QString &model, qint64 promptTokens, bool base64);
    // Ollama: {"model", "embeddings": [[...]], "prompt_eval_count"}.
    static QByteArray ollama(const QList<QList<float>> &vectors, const QList<int> &order,
        const QString &model, qint64 promptTokens);

    // {"error": {"message", "type", "param", "code"}}
    static QByteArray openAiError(const QString &message, const QString &type,
        const QJsonValue &param = QJsonValue::Null, const QJsonValue &code = QJsonValue::Null);
    // {"error": "message"}
    static QByteArray ollamaError(const QString &message);

    // Shortest text that reads back as the same float; NaN is written as the bare word
    // NaN (as Python's json module does), which strict JSON parsers reject.
    static void appendFloat(QByteArray &out, float value);
    // The float32 values, little-endian, in base64.
    static QByteArray base64Of(const QList<float> &vector);
};

} // namespace SignalHub::Testing
