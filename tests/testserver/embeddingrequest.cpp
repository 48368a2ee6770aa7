#include "embeddingrequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace SignalHub::Testing {

namespace {

QString invalidInput()
{
    return QStringLiteral("'$.input' is invalid. Please check the API reference: "
                          "https://platform.openai.com/docs/api-reference.");
}

// A string or a non-empty array of non-empty strings.
std::optional<QList<QByteArray>> inputsOf(const QJsonValue &input)
{
    QList<QByteArray> inputs;
    if (input.isString()) {
        inputs.append(input.toString().toUtf8());
    } else if (input.isArray()) {
        const QJsonArray array = input.toArray();
        inputs.reserve(array.size());
        for (const QJsonValue &item : array) {
            if (!item.isString())
                return std::nullopt;
            inputs.append(item.toString().toUtf8());
        }
    }
    if (inputs.isEmpty())
        return std::nullopt;
    for (const QByteArray &text : std::as_const(inputs)) {
        if (text.isEmpty())
            return std::nullopt;
    }
    return inputs;
}

bool parseDimensions(const QJsonObject &object, EmbeddingRequest &request, QString *error)
{
    const QJsonValue dimensions = object.value(QLatin1StringView("dimensions"));
    if (dimensions.isUndefined() || dimensions.isNull())
        return true;
    const double value = dimensions.toDouble(-1);
    if (!dimensions.isDouble() || value != double(qint64(value)) || value < 1 || value > 65536) {
        *error
            = QStringLiteral("Invalid value for 'dimensions': must be an integer from 1 to 65536.");
        return false;
    }
    request.dimensions = int(value);
    return true;
}

bool parseEncoding(const QJsonObject &object, EmbeddingRequest &request, QString *error)
{
    const QJsonValue format = object.value(QLatin1StringView("encoding_format"));
    if (format.isUndefined() || format.isNull())
        return true;
    const QString name = format.toString();
    if (name != QLatin1StringView("float") && name != QLatin1StringView("base64")) {
        *error = QStringLiteral("Invalid value for 'encoding_format': expected 'float' or "
                                "'base64', got '%1'.")
                     .arg(name);
        return false;
    }
    request.base64 = name == QLatin1StringView("base64");
    return true;
}

} // namespace

std::optional<EmbeddingRequest> EmbeddingRequest::parse(
    EmbeddingApi api, const QByteArray &body, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error
            = QStringLiteral("We could not parse the JSON body of your request. (%1 at offset %2)")
                  .arg(parseError.errorString())
                  .arg(parseError.offset);
        return std::nullopt;
    }
    const QJsonObject object = document.object();
    EmbeddingRequest request;
    request.api = api;
    request.model = object.value(QLatin1StringView("model")).toString();
    if (request.model.isEmpty()) {
        *error = api == EmbeddingApi::Ollama ? QStringLiteral("model is required")
                                             : QStringLiteral("you must provide a model parameter");
        return std::nullopt;
    }
    std::optional<QList<QByteArray>> inputs = inputsOf(object.value(QLatin1StringView("input")));
    if (!inputs) {
        *error = invalidInput();
        return std::nullopt;
    }
    request.inputs = std::move(*inputs);
    request.truncate = object.value(QLatin1StringView("truncate")).toBool(true);
    if (!parseDimensions(object, request, error))
        return std::nullopt;
    if (api == EmbeddingApi::OpenAi && !parseEncoding(object, request, error))
        return std::nullopt;
    return request;
}

qint64 EmbeddingRequest::tokens() const
{
    qint64 sum = 0;
    for (const QByteArray &text : inputs)
        sum += tokensOf(text);
    return sum;
}

} // namespace SignalHub::Testing
