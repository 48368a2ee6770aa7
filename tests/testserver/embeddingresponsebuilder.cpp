#include "embeddingresponsebuilder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>
#include <charconv>
#include <cmath>

namespace SignalHub::Testing {

namespace {

QByteArray jsonString(const QString &text)
{
    // QJsonDocument escapes correctly; an array of one string is the cheapest way to use it.
    const QByteArray array = QJsonDocument(QJsonArray { text }).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

void appendVector(QByteArray &out, const QList<float> &vector)
{
    out += '[';
    for (qsizetype i = 0; i < vector.size(); ++i) {
        if (i > 0)
            out += ',';
        EmbeddingResponseBuilder::appendFloat(out, vector[i]);
    }
    out += ']';
}

QByteArray usage(qint64 promptTokens)
{
    const QByteArray tokens = QByteArray::number(promptTokens);
    return "{\"prompt_tokens\":" + tokens + ",\"total_tokens\":" + tokens + '}';
}

} // namespace

void EmbeddingResponseBuilder::appendFloat(QByteArray &out, float value)
{
    if (std::isnan(value)) {
        out += "NaN";
        return;
    }
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr - buffer);
}

QByteArray EmbeddingResponseBuilder::base64Of(const QList<float> &vector)
{
    QByteArray raw(vector.size() * qsizetype(sizeof(float)), Qt::Uninitialized);
    for (qsizetype i = 0; i < vector.size(); ++i)
        qToLittleEndian<float>(vector[i], raw.data() + i * sizeof(float));
    return raw.toBase64();
}

QByteArray EmbeddingResponseBuilder::openAi(const QList<QList<float>> &vectors,
    const QList<int> &order, const QString &model, qint64 promptTokens, bool base64)
{
    const qsizetype dims = vectors.isEmpty() ? 0 : vectors.first().size();
    QByteArray out;
    out.reserve(order.size() * (64 + dims * (base64 ? 6 : 13)) + 256);
    out += "{\"object\":\"list\",\"data\":[";
    for (qsizetype k = 0; k < order.size(); ++k) {
        const int index = order[k];
        if (k > 0)
            out += ',';
        out += "{\"object\":\"embedding\",\"index\":" + QByteArray::number(index)
            + ",\"embedding\":";
        if (base64)
            out += '"' + base64Of(vectors[index]) + '"';
        else
            appendVector(out, vectors[index]);
        out += '}';
    }
    out += "],\"model\":" + jsonString(model) + ",\"usage\":" + usage(promptTokens) + '}';
    return out;
}

QByteArray EmbeddingResponseBuilder::ollama(const QList<QList<float>> &vectors,
    const QList<int> &order, const QString &model, qint64 promptTokens)
{
    const qsizetype dims = vectors.isEmpty() ? 0 : vectors.first().size();
    QByteArray out;
    out.reserve(order.size() * (8 + dims * 13) + 256);
    out += "{\"model\":" + jsonString(model) + ",\"embeddings\":[";
    for (qsizetype k = 0; k < order.size(); ++k) {
        if (k > 0)
            out += ',';
        appendVector(out, vectors[order[k]]);
    }
    out += "],\"total_duration\":1000000,\"load_duration\":0,\"prompt_eval_count\":"
        + QByteArray::number(promptTokens) + '}';
    return out;
}

QByteArray EmbeddingResponseBuilder::openAiError(
    const QString &message, const QString &type, const QJsonValue &param, const QJsonValue &code)
{
    const QJsonObject error { { QStringLiteral("message"), message },
        { QStringLiteral("type"), type }, { QStringLiteral("param"), param },
        { QStringLiteral("code"), code } };
    return QJsonDocument(QJsonObject { { QStringLiteral("error"), error } })
        .toJson(QJsonDocument::Compact);
}

QByteArray EmbeddingResponseBuilder::ollamaError(const QString &message)
{
    return QJsonDocument(QJsonObject { { QStringLiteral("error"), message } })
        .toJson(QJsonDocument::Compact);
}

} // namespace SignalHub::Testing
