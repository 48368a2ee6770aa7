#include "openaiprovider.h"

#include "embeddingjson.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace SignalHub::Core {

OpenAiProvider::OpenAiProvider(HttpProviderConfig config)
    : HttpProvider(std::move(config))
{ }

EmbeddingSpace OpenAiProvider::space() const
{
    int dims = config().dimensions > 0 ? config().dimensions : knownDimensions(config().model);
    if (dims == 0)
        dims = answeredDimensions();
    return EmbeddingSpace { QStringLiteral("openai"),
        EmbeddingSpace::normaliseBaseUrl(config().baseUrl), config().model, dims, {} };
}

int OpenAiProvider::knownDimensions(const QString &model)
{
    if (model == u"text-embedding-3-small" || model == u"text-embedding-ada-002")
        return 1536;
    if (model == u"text-embedding-3-large")
        return 3072;
    return 0;
}

QUrl OpenAiProvider::endpoint() const
{
    return apiUrl(QStringLiteral("/embeddings"));
}

QByteArray OpenAiProvider::requestBody(const QStringList &inputs) const
{
    QJsonObject body { { QStringLiteral("model"), config().model },
        { QStringLiteral("input"), QJsonArray::fromStringList(inputs) } };
    if (m_base64)
        body.insert(QStringLiteral("encoding_format"), QStringLiteral("base64"));
    if (config().dimensions > 0)
        body.insert(QStringLiteral("dimensions"), config().dimensions);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

Result<HttpProvider::Parsed> OpenAiProvider::parseBody(const QByteArray &body) const
{
    auto parsedRoot = EmbeddingJson::parseObject(body);
    if (!parsedRoot)
        return parsedRoot.error();
    const QJsonObject root = *parsedRoot;
    auto vectors = EmbeddingJson::vectorsByIndex(root.value(u"data").toArray());
    if (!vectors)
        return vectors.error();
    Parsed parsed;
    parsed.vectors = std::move(*vectors);
    const QJsonValue usage = root.value(u"usage").toObject().value(u"prompt_tokens");
    if (usage.isDouble())
        parsed.promptTokens = usage.toInteger();
    return parsed;
}

bool OpenAiProvider::adaptToRejection(int status, const QString &message, int variant)
{
    // `variant` is whether that request asked for base64: with C requests in flight, all of
    // them may be refused although the first refusal already switched to floats.
    if (variant != 1 || status != 400)
        return false;
    if (!message.contains(u"base64", Qt::CaseInsensitive)
        && !message.contains(u"encoding_format", Qt::CaseInsensitive))
        return false;
    m_base64 = false;
    return true;
}

} // namespace SignalHub::Core
