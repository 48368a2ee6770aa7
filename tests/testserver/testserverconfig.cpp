#include "testserverconfig.h"

#include <QHash>

namespace SignalHub::Testing {

QString faultName(Fault fault)
{
    switch (fault) {
    case Fault::HttpError:
        return QStringLiteral("http-error");
    case Fault::MalformedJson:
        return QStringLiteral("malformed-json");
    case Fault::CountMismatch:
        return QStringLiteral("count-mismatch");
    case Fault::NanValue:
        return QStringLiteral("nan");
    case Fault::WrongDimensions:
        return QStringLiteral("wrong-dimensions");
    case Fault::ConnectionReset:
        return QStringLiteral("reset");
    case Fault::Stall:
        return QStringLiteral("stall");
    }
    return {};
}

QList<Fault> allFaults()
{
    return { Fault::HttpError, Fault::MalformedJson, Fault::CountMismatch, Fault::NanValue,
        Fault::WrongDimensions, Fault::ConnectionReset, Fault::Stall };
}

std::optional<Fault> faultFromName(const QString &name)
{
    for (Fault fault : allFaults()) {
        if (faultName(fault) == name)
            return fault;
    }
    return std::nullopt;
}

std::optional<LimitWording> limitWordingFromName(const QString &name)
{
    static const QHash<QString, LimitWording> names {
        { QStringLiteral("default"), LimitWording::Default },
        { QStringLiteral("openai"), LimitWording::OpenAi },
        { QStringLiteral("vllm"), LimitWording::Vllm },
        { QStringLiteral("tei"), LimitWording::Tei },
        { QStringLiteral("llama.cpp"), LimitWording::LlamaCpp },
        { QStringLiteral("unnamed"), LimitWording::Unnamed },
    };
    if (const auto it = names.constFind(name); it != names.cend())
        return *it;
    return std::nullopt;
}

double FaultRates::rate(Fault fault) const
{
    switch (fault) {
    case Fault::HttpError:
        return httpError;
    case Fault::MalformedJson:
        return malformedJson;
    case Fault::CountMismatch:
        return countMismatch;
    case Fault::NanValue:
        return nanValue;
    case Fault::WrongDimensions:
        return wrongDimensions;
    case Fault::ConnectionReset:
        return connectionReset;
    case Fault::Stall:
        return stall;
    }
    return 0;
}

void FaultRates::setRate(Fault fault, double probability)
{
    switch (fault) {
    case Fault::HttpError:
        httpError = probability;
        break;
    case Fault::MalformedJson:
        malformedJson = probability;
        break;
    case Fault::CountMismatch:
        countMismatch = probability;
        break;
    case Fault::NanValue:
        nanValue = probability;
        break;
    case Fault::WrongDimensions:
        wrongDimensions = probability;
        break;
    case Fault::ConnectionReset:
        connectionReset = probability;
        break;
    case Fault::Stall:
        stall = probability;
        break;
    }
}

} // namespace SignalHub::Testing
