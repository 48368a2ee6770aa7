#pragma once

#include "httpprovider.h"

namespace SignalHub::Core {

// POST {base}/api/embed. Sends "truncate": false so an over-long input fails instead of
// being cut silently and stored as if it were whole.
class OllamaProvider : public HttpProvider
{
public:
    static constexpr auto DefaultBaseUrl = "http://localhost:11434";

    explicit OllamaProvider(HttpProviderConfig config);
    EmbeddingSpace space() const override;

protected:
    QUrl endpoint() const override;
    QByteArray requestBody(const QStringList &inputs) const override;
    Result<Parsed> parseBody(const QByteArray &body) const override;
};

} // namespace SignalHub::Core
