#pragma once

#include "result.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>

namespace SignalHub::Core::EmbeddingJson {

// `data` of an OpenAI-style answer -> vectors ordered by their "index" (each index once).
// An "embedding" may be a float array or base64 of little-endian float32.
Result<QList<QList<float>>> vectorsByIndex(const QJsonArray &data);
// A null inside an array stands for a value JSON cannot hold (see parseObject), so it reads as NaN.
Result<QList<float>> floatArray(const QJsonValue &value);
// The answer's JSON object. Python servers write NaN and Infinity as bare words, which are not
// JSON: those become null, so the validator names the input ("NaN at input 17") instead of the
// whole answer being "malformed".
Result<QJsonObject> parseObject(const QByteArray &body);
QList<float> fromBase64Float32(QByteArrayView base64);

} // namespace SignalHub::Core::EmbeddingJson
