// An embeddings server's answer, as the client reads it: the JSON object (bare NaN and
// Infinity included), its data[] by index, and base64 float32 vectors.

#include "embeddingjson.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <cstddef>
#include <cstdint>

using namespace SignalHub::Core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray body
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    if (const auto object = EmbeddingJson::parseObject(body))
        (void)EmbeddingJson::vectorsByIndex(object->value(QLatin1StringView("data")).toArray());
    (void)EmbeddingJson::fromBase64Float32(body);
    return 0;
}
