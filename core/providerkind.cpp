#include "providerkind.h"

namespace SignalHub::Core {

QString providerName(ProviderKind kind)
{
    switch (kind) {
    case ProviderKind::Local:
        return QStringLiteral("local");
    case ProviderKind::OpenAi:
        return QStringLiteral("openai");
    case ProviderKind::Ollama:
        return QStringLiteral("ollama");
    }
    Q_UNREACHABLE_RETURN(QString());
}

std::optional<ProviderKind> providerFromName(QStringView name)
{
    for (const ProviderKind kind :
        { ProviderKind::Local, ProviderKind::OpenAi, ProviderKind::Ollama })
        if (name == providerName(kind))
            return kind;
    return std::nullopt;
}

} // namespace SignalHub::Core
