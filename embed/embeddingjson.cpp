#include "embeddingjson.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSysInfo>
#include <QtEndian>
#include <array>
#include <limits>

namespace SignalHub::Core::EmbeddingJson {

namespace {
Error malformed(const QString &what)
{
    return Error { QCoreApplication::translate("EmbeddingJson", "malformed answer: %1").arg(what) };
}
} // namespace

namespace {
// 0..63 for the base64 alphabet, 64 for padding, 255 for anything else.
constexpr std::array<quint8, 256> base64Table()
{
    std::array<quint8, 256> table {};
    table.fill(255);
    constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i)
        table[quint8(alphabet[i])] = quint8(i);
    table[quint8('=')] = 64;
    return table;
}
} // namespace

// Decodes straight into the floats: QByteArray::fromBase64 plus a copy cost five times as
// much, and this runs for every vector of every answer (bench_engine's profile).
QList<float> fromBase64Float32(QByteArrayView base64)
{
    static constexpr auto table = base64Table();
    const qsizetype length = base64.size();
    qsizetype bytes = length / 4 * 3;
    if (length >= 1 && base64[length - 1] == '=')
        --bytes;
    if (length >= 2 && base64[length - 2] == '=')
        --bytes;
    QList<float> vector(bytes / qsizetype(sizeof(float)));
    auto *out = reinterpret_cast<uchar *>(vector.data());
    const qsizetype limit = vector.size() * qsizetype(sizeof(float));
    const auto *in = reinterpret_cast<const uchar *>(base64.data());
    qsizetype o = 0;
    for (qsizetype i = 0; i + 4 <= length && o < limit; i += 4) {
        quint32 word = 0;
        for (int k = 0; k < 4; ++k) {
            const quint8 sextet = table[in[i + k]];
            if (sextet == 255)
                return {}; // not base64: the validator reports the wrong size
            word = (word << 6) | (sextet & 0x3f);
        }
        for (int k = 0; k < 3 && o < limit; ++k)
            out[o++] = uchar(word >> (16 - 8 * k));
    }
    if constexpr (QSysInfo::ByteOrder == QSysInfo::BigEndian) {
        for (float &v : vector)
            v = qFromLittleEndian<float>(&v);
    }
    return vector;
}

Result<QList<float>> floatArray(const QJsonValue &value)
{
    if (value.isString()) {
        const QByteArray base64 = value.toString().toLatin1();
        if (base64.size() % 4 != 0)
            return malformed(
                QCoreApplication::translate("EmbeddingJson", "a base64 embedding of odd length"));
        return fromBase64Float32(base64);
    }
    if (!value.isArray())
        return malformed(QCoreApplication::translate(
            "EmbeddingJson", "an embedding that is neither an array nor base64"));
    const QJsonArray array = value.toArray();
    QList<float> vector;
    vector.reserve(array.size());
    for (const QJsonValue &v : array) {
        if (v.isNull()) {
            vector.append(std::numeric_limits<float>::quiet_NaN());
            continue;
        }
        if (!v.isDouble())
            return malformed(
                QCoreApplication::translate("EmbeddingJson", "a non-number inside an embedding"));
        vector.append(static_cast<float>(v.toDouble()));
    }
    return vector;
}

namespace {
// Bare NaN, Infinity and -Infinity outside strings -> null; empty if there were none.
QByteArray withoutNonFiniteWords(const QByteArray &body)
{
    QByteArray out;
    bool changed = false;
    bool inString = false;
    out.reserve(body.size());
    for (qsizetype i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (inString) {
            out += c;
            if (c == '\\' && i + 1 < body.size())
                out += body[++i];
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
            out += c;
            continue;
        }
        const QByteArrayView rest = QByteArrayView(body).sliced(i);
        const char *matched = nullptr;
        for (const char *word : { "-Infinity", "Infinity", "NaN" }) {
            if (rest.startsWith(word)) {
                matched = word;
                break;
            }
        }
        if (matched) {
            out += "null";
            i += qsizetype(qstrlen(matched)) - 1;
            changed = true;
        } else {
            out += c;
        }
    }
    return changed ? out : QByteArray();
}
} // namespace

Result<QJsonObject> parseObject(const QByteArray &body)
{
    QJsonParseError error;
    QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        if (const QByteArray cleaned = withoutNonFiniteWords(body); !cleaned.isEmpty()) {
            QJsonParseError second;
            const QJsonDocument retried = QJsonDocument::fromJson(cleaned, &second);
            if (second.error == QJsonParseError::NoError)
                doc = retried;
        }
    }
    if (!doc.isObject())
        return malformed(doc.isNull()
                ? error.errorString()
                : QCoreApplication::translate("EmbeddingJson", "not a JSON object"));
    return doc.object();
}

Result<QList<QList<float>>> vectorsByIndex(const QJsonArray &data)
{
    QList<QList<float>> vectors(data.size());
    QList<bool> seen(data.size(), false);
    for (qsizetype position = 0; position < data.size(); ++position) {
        const QJsonObject item = data.at(position).toObject();
        const QJsonValue indexValue = item.value(u"index");
        const qsizetype index = indexValue.isDouble() ? indexValue.toInteger() : position;
        if (index < 0 || index >= data.size())
            return malformed(QCoreApplication::translate(
                "EmbeddingJson", "index %1 out of range for %2 embeddings")
                    .arg(index)
                    .arg(data.size()));
        if (seen[index])
            return malformed(
                QCoreApplication::translate("EmbeddingJson", "index %1 appears twice").arg(index));
        seen[index] = true;
        auto vector = floatArray(item.value(u"embedding"));
        if (!vector)
            return vector.error();
        vectors[index] = std::move(*vector);
    }
    return vectors;
}

} // namespace SignalHub::Core::EmbeddingJson
