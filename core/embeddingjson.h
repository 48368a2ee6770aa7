#pragma once

#include "result.h"

#include <QJsonArray>
#include <QList>

namespace SignalHub::Core::EmbeddingJson {

// `data` of an OpenAI-style answer -> vectors ordered by their "index" (each index once).
// An "embedding" may be a float array or base64 of little-endian float32.
Result<QList<QList<float>>> vectorsByIndex(const QJsonArray &data);
Result<QList<float>> floatArray(const QJsonValue &value);
QList<float> fromBase64Float32(QByteArrayView base64);

} // namespace SignalHub::Core::EmbeddingJson
