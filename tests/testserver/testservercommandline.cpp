#include "testservercommandline.h"

namespace SignalHub::Testing {

namespace {

QCommandLineOption option(
    const char *name, const char *description, const char *valueName = nullptr)
{
    if (!valueName)
        return QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(description));
    return QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(description),
        QString::fromLatin1(valueName));
}

} // namespace

TestServerCommandLine::TestServerCommandLine()
{
    m_parser.setApplicationDescription(QStringLiteral(
        "Signal Hub's embeddings test server (OpenAI /v1/embeddings, Ollama /api/embed, GET "
        "/stats, POST /stats/reset, POST /control). Listens on 127.0.0.1 only, prints the "
        "port on stdout and runs until killed."));
    m_parser.addHelpOption();
    m_parser.addOptions({
        option("port", "Port to listen on (0 = any free one).", "port"),
        option("dimensions", "Vector dimension when a request names none (1536).", "n"),
        option("no-dimensions-override", "Answer 400 to requests that set \"dimensions\"."),
        option("shuffle", "Answer data[] in a shuffled order (each item keeps its index)."),
        option("api-key", "Require \"Authorization: Bearer KEY\" (401 otherwise).", "key"),
        option("models", "Comma-separated known models (404 model_not_found for others).", "list"),
        option("latency", "Latency of each answer in ms: N or MIN-MAX.", "ms"),
        option("max-concurrency", "Requests answered at once (0 = unlimited).", "n"),
        option("over-capacity", "What extra requests get: queue (default) or reject.", "mode"),
        option("over-capacity-status", "Status of a rejected extra request (429).", "status"),
        option("rpm", "Requests per rate window (0 = no limit).", "n"),
        option("tpm", "Prompt tokens per rate window (0 = no limit).", "n"),
        option("rate-window", "Rate window in seconds, fractions allowed (60).", "seconds"),
        option("retry-after", "Retry hints on 429: both (default), seconds, ms or none.", "which"),
        option("seed", "Seed of the random faults, latencies and shuffles (1).", "n"),
        option("error-rate", "Probability of a random error status (see --error-statuses).", "p"),
        option("error-statuses", "Comma-separated statuses of random errors (500,503).", "list"),
        option("fault",
            "NAME=P: probability of a fault on each answer. Names: malformed-json, "
            "count-mismatch, nan, wrong-dimensions, reset, stall, http-error. "
            "Repeatable.",
            "name=p"),
        option("inject", "NAME[:N]: the next N answers (1) get that fault. Repeatable.", "name:n"),
        option("fail-next", "N:STATUS: the next N answers fail with STATUS.", "n:status"),
        option("reject-marker", "Answer 400 to any input containing this text.", "text"),
        option("max-batch", "TEI-style limit on inputs per request (0 = none).", "n"),
        option("batch-limit-status", "Status when over --max-batch: 413 (default), 422 or 400.",
            "status"),
        option("limit-wording",
            "Whose words limits are refused in: default, openai, vllm, tei, llama.cpp, unnamed.",
            "name"),
        option("reject-base64", "Answer 400 to encoding_format \"base64\"."),
        option("max-input-tokens", "Longest input in tokens (400 beyond; 0 = no limit).", "n"),
        option("max-body", "Largest request body in bytes.", "bytes"),
    });
}

bool TestServerCommandLine::parse(const QStringList &arguments)
{
    if (!m_parser.parse(arguments))
        return fail(m_parser.errorText());
    if (m_parser.isSet(QStringLiteral("help")))
        m_parser.showHelp(0);
    if (!m_parser.positionalArguments().isEmpty())
        return fail(
            QStringLiteral("unexpected argument %1").arg(m_parser.positionalArguments().first()));
    return apply();
}

bool TestServerCommandLine::fail(const QString &message)
{
    m_error = message;
    return false;
}

bool TestServerCommandLine::intOption(const QString &name, int *out, int minimum)
{
    if (!m_parser.isSet(name))
        return true;
    bool ok = false;
    const int value = m_parser.value(name).toInt(&ok);
    if (!ok || value < minimum)
        return fail(
            QStringLiteral("--%1 needs a whole number of at least %2").arg(name).arg(minimum));
    *out = value;
    return true;
}

bool TestServerCommandLine::apply()
{
    TestServerConfig &c = m_config;
    int port = 0;
    int tpm = 0;
    int seed = int(c.seed);
    if (!intOption(QStringLiteral("port"), &port) || port > 65535
        || !intOption(QStringLiteral("dimensions"), &c.dimensions, 1)
        || !intOption(QStringLiteral("max-concurrency"), &c.maxConcurrency)
        || !intOption(QStringLiteral("over-capacity-status"), &c.overCapacityStatus, 100)
        || !intOption(QStringLiteral("rpm"), &c.rpmLimit) || !intOption(QStringLiteral("tpm"), &tpm)
        || !intOption(QStringLiteral("seed"), &seed)
        || !intOption(QStringLiteral("max-batch"), &c.maxBatchInputs)
        || !intOption(QStringLiteral("batch-limit-status"), &c.batchLimitStatus, 100))
        return m_error.isEmpty() ? fail(QStringLiteral("--port must be below 65536")) : false;
    m_port = quint16(port);
    c.tpmLimit = tpm;
    c.seed = quint64(seed);
    c.allowDimensionsOverride = !m_parser.isSet(QStringLiteral("no-dimensions-override"));
    c.shuffleOrder = m_parser.isSet(QStringLiteral("shuffle"));
    c.rejectBase64 = m_parser.isSet(QStringLiteral("reject-base64"));
    c.apiKey = m_parser.value(QStringLiteral("api-key"));
    c.rejectMarker = m_parser.value(QStringLiteral("reject-marker"));
    if (m_parser.isSet(QStringLiteral("models")))
        c.models = m_parser.value(QStringLiteral("models")).split(u',', Qt::SkipEmptyParts);
    if (m_parser.isSet(QStringLiteral("max-input-tokens")))
        c.maxInputTokens = m_parser.value(QStringLiteral("max-input-tokens")).toLongLong();
    if (m_parser.isSet(QStringLiteral("limit-wording"))) {
        const auto wording = limitWordingFromName(m_parser.value(QStringLiteral("limit-wording")));
        if (!wording)
            return fail(QStringLiteral(
                "--limit-wording is default, openai, vllm, tei, llama.cpp or unnamed"));
        c.limitWording = *wording;
    }
    if (m_parser.isSet(QStringLiteral("max-body")))
        c.maxBodyBytes = m_parser.value(QStringLiteral("max-body")).toLongLong();

    const QString overCapacity = m_parser.value(QStringLiteral("over-capacity"));
    if (overCapacity == QLatin1StringView("reject"))
        c.overCapacity = OverCapacity::Reject;
    else if (!overCapacity.isEmpty() && overCapacity != QLatin1StringView("queue"))
        return fail(QStringLiteral("--over-capacity is queue or reject"));

    if (m_parser.isSet(QStringLiteral("rate-window"))) {
        bool ok = false;
        const double seconds = m_parser.value(QStringLiteral("rate-window")).toDouble(&ok);
        if (!ok || seconds <= 0)
            return fail(QStringLiteral("--rate-window needs a positive number of seconds"));
        c.rateWindowMs = qMax(1, qRound(seconds * 1000));
    }
    const QString retryAfter = m_parser.value(QStringLiteral("retry-after"));
    if (retryAfter == QLatin1StringView("seconds"))
        c.retryAfter = RetryAfterHeaders::Seconds;
    else if (retryAfter == QLatin1StringView("ms"))
        c.retryAfter = RetryAfterHeaders::Milliseconds;
    else if (retryAfter == QLatin1StringView("none"))
        c.retryAfter = RetryAfterHeaders::None;
    else if (!retryAfter.isEmpty() && retryAfter != QLatin1StringView("both"))
        return fail(QStringLiteral("--retry-after is both, seconds, ms or none"));

    if (m_parser.isSet(QStringLiteral("error-rate"))
        && !applyFault(
            QStringLiteral("http-error=") + m_parser.value(QStringLiteral("error-rate"))))
        return false;
    if (m_parser.isSet(QStringLiteral("error-statuses"))) {
        c.errorStatuses.clear();
        for (const QString &status : m_parser.value(QStringLiteral("error-statuses")).split(u','))
            c.errorStatuses.append(status.toInt());
        if (c.errorStatuses.contains(0))
            return fail(QStringLiteral("--error-statuses needs comma-separated statuses"));
    }
    if (m_parser.isSet(QStringLiteral("latency"))
        && !applyLatency(m_parser.value(QStringLiteral("latency"))))
        return false;
    if (m_parser.isSet(QStringLiteral("fail-next"))
        && !applyFailNext(m_parser.value(QStringLiteral("fail-next"))))
        return false;
    for (const QString &fault : m_parser.values(QStringLiteral("fault"))) {
        if (!applyFault(fault))
            return false;
    }
    for (const QString &injection : m_parser.values(QStringLiteral("inject"))) {
        if (!applyInjection(injection))
            return false;
    }
    return true;
}

bool TestServerCommandLine::applyLatency(const QString &value)
{
    const QStringList parts = value.split(u'-');
    bool okLow = false;
    bool okHigh = true;
    const int low = parts.value(0).toInt(&okLow);
    const int high = parts.size() == 2 ? parts[1].toInt(&okHigh) : low;
    if (parts.size() > 2 || !okLow || !okHigh || low < 0 || high < low)
        return fail(QStringLiteral("--latency is N or MIN-MAX milliseconds"));
    m_config.latencyMinMs = low;
    m_config.latencyMaxMs = high;
    return true;
}

bool TestServerCommandLine::applyFault(const QString &value)
{
    const qsizetype equals = value.indexOf(u'=');
    const std::optional<Fault> fault = faultFromName(value.left(equals));
    bool ok = false;
    const double probability = value.mid(equals + 1).toDouble(&ok);
    if (equals < 0 || !fault || !ok || probability < 0 || probability > 1)
        return fail(QStringLiteral("bad fault '%1': use NAME=P with P from 0 to 1").arg(value));
    m_config.faultRates.setRate(*fault, probability);
    return true;
}

bool TestServerCommandLine::applyInjection(const QString &value)
{
    const QStringList parts = value.split(u':');
    const std::optional<Fault> fault = faultFromName(parts.value(0));
    bool ok = true;
    const int count = parts.size() == 2 ? parts[1].toInt(&ok) : 1;
    if (!fault || !ok || count < 1 || parts.size() > 2)
        return fail(QStringLiteral("bad --inject '%1': use NAME or NAME:N").arg(value));
    m_injected.append({ *fault, count });
    return true;
}

bool TestServerCommandLine::applyFailNext(const QString &value)
{
    const QStringList parts = value.split(u':');
    bool okCount = false;
    bool okStatus = false;
    const int count = parts.value(0).toInt(&okCount);
    const int status = parts.value(1).toInt(&okStatus);
    if (parts.size() != 2 || !okCount || !okStatus || count < 0 || status < 100 || status > 599)
        return fail(QStringLiteral("--fail-next is N:STATUS, e.g. 3:503"));
    m_config.failNextCount = count;
    m_config.failNextStatus = status;
    return true;
}

} // namespace SignalHub::Testing
