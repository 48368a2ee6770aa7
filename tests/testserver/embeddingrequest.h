#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace SignalHub::Testing {

enum class EmbeddingApi
{
    OpenAi, // POST /v1/embeddings, /embeddings
    Ollama, // POST /api/embed
};

// The body of an embeddings request, checked the way the real APIs check it.
struct EmbeddingRequest
{
    EmbeddingApi api = EmbeddingApi::OpenAi;
    QString model;
    QList<QByteArray> inputs; // UTF-8
    bool base64 = false; // encoding_format (OpenAI; float when absent)
    std::optional<int> dimensions;
    bool truncate = true; // Ollama; accepted and ignored

    // nullopt and *error set (the message of a 400) when the body is not acceptable.
    static std::optional<EmbeddingRequest> parse(
        EmbeddingApi api, const QByteArray &body, QString *error);

    // Prompt tokens the server bills: ceil(UTF-8 bytes / 4) per input.
    static qint64 tokensOf(const QByteArray &utf8Text) { return (utf8Text.size() + 3) / 4; }
    qint64 tokens() const;
};

} // namespace SignalHub::Testing
