#include "ollamaprovider.h"

#include "embeddingjson.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace SignalHub::Core {

OllamaProvider::OllamaProvider(HttpProviderConfig config)
    : HttpProvider(std::move(config))
{ }

EmbeddingSpace OllamaProvider::space() const
{
    return EmbeddingSpace { QStringLiteral("ollama"),
        EmbeddingSpace::normaliseBaseUrl(config().baseUrl), config().model,
        config().dimensions > 0 ? config().dimensions : answeredDimensions(), {} };
}

QUrl OllamaProvider::endpoint() const
{
    return apiUrl(QStringLiteral("/api/embed"));
}

QByteArray OllamaProvider::requestBody(const QStringList &inputs) const
{
    QJsonObject body { { QStringLiteral("model"), config().model },
        { QStringLiteral("input"), QJsonArray::fromStringList(inputs) },
        { QStringLiteral("truncate"), false } };
    if (config().dimensions > 0)
        body.insert(QStringLiteral("dimensions"), config().dimensions);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

Result<HttpProvider::Parsed> OllamaProvider::parseBody(const QByteArray &body) const
{
    auto parsedRoot = EmbeddingJson::parseObject(body);
    if (!parsedRoot)
        return parsedRoot.error();
    const QJsonObject root = *parsedRoot;
    const QJsonValue embeddings = root.value(u"embeddings");
    if (!embeddings.isArray())
        return Error { QCoreApplication::translate(
            "OllamaProvider", "malformed answer: no \"embeddings\" array") };
    Parsed parsed;
    const QJsonArray rows = embeddings.toArray();
    parsed.vectors.reserve(rows.size());
    for (const QJsonValue &row : rows) {
        auto vector = EmbeddingJson::floatArray(row);
        if (!vector)
            return vector.error();
        parsed.vectors.append(std::move(*vector));
    }
    const QJsonValue count = root.value(u"prompt_eval_count");
    if (count.isDouble())
        parsed.promptTokens = count.toInteger();
    return parsed;
}

} // namespace SignalHub::Core
