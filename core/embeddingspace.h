#pragma once

#include <QString>

namespace SignalHub::Core {

// Vectors are only comparable within one space: the same model name on two servers, or the
// built-in model built from other weights, is another space and is never mixed with this one.
struct EmbeddingSpace
{
    QString provider; // "local", "openai", "ollama"
    QString baseUrl; // normalised (see normaliseBaseUrl), empty for the built-in model
    QString model;
    int dimensions = 0;
    QString assetHash; // the built-in model's weights, empty otherwise

    // Lower-case scheme and host, no default port, no trailing slash, no query: two spellings
    // of one server are one space.
    static QString normaliseBaseUrl(const QString &url);
    QString displayName() const;
    friend bool operator==(const EmbeddingSpace &, const EmbeddingSpace &) = default;
};

} // namespace SignalHub::Core
