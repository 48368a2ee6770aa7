#pragma once

#include <QString>
#include <QStringView>
#include <optional>

namespace SignalHub::Core {

// The kinds of embedding service a run can use. Settings, stored runs, embedding spaces and
// the command line write them by name.
enum class ProviderKind
{
    Local, // the built-in MiniLM
    OpenAi, // any OpenAI-compatible server
    Ollama,
};

// "local", "openai" or "ollama".
QString providerName(ProviderKind kind);
std::optional<ProviderKind> providerFromName(QStringView name);

} // namespace SignalHub::Core
