#pragma once

#include "httpprovider.h"

namespace SignalHub::Core {

// POST {base}/embeddings as OpenAI, vLLM, TEI, llama.cpp's server and LM Studio speak it.
// Asks for base64 (a quarter of the bytes of JSON floats) and falls back to floats when a
// server rejects that; float arrays are accepted either way.
class OpenAiProvider : public HttpProvider
{
public:
    static constexpr auto DefaultBaseUrl = "https://api.openai.com/v1";

    explicit OpenAiProvider(HttpProviderConfig config);

    EmbeddingSpace space() const override;
    bool usesBase64() const { return m_base64; }

    // Dimensions of well-known models, 0 if unknown.
    static int knownDimensions(const QString &model);

protected:
    QUrl endpoint() const override;
    QByteArray requestBody(const QStringList &inputs) const override;
    Result<Parsed> parseBody(const QByteArray &body) const override;
    int requestVariant() const override { return m_base64 ? 1 : 0; }
    bool adaptToRejection(int status, const QString &message, int variant) override;

private:
    bool m_base64 = true;
};

} // namespace SignalHub::Core
