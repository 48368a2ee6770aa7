#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace SignalHub::Core {

// Keeps secrets out of the database, logs and messages: a run's settings are stored as JSON
// for the record, URLs are shown in messages, and whatever a caller put in them, API keys,
// tokens, passwords and credentials in URLs must not end up in a file that is easily copied
// or shared.
class SecretScrubber
{
public:
    // `object` without its secrets, at any depth: keys that name a secret (api_key, token,
    // password, authorization, …) and values that look like one (sk-…, Bearer …) are dropped,
    // user:password@ is removed from URLs.
    static QJsonObject scrubObject(const QJsonObject &object);
    // `url` as it may be shown or stored: without user:password@, and with the values of
    // query parameters that name a secret (api-key=, token=, sig=, …) replaced by "***".
    static QString scrubUrl(const QString &url);
    // Whether a JSON key or query parameter names a secret (api_key, token, password, …).
    static bool isSecretKey(const QString &key);

private:
    static bool looksLikeSecret(const QString &value);
    static QJsonValue scrubValue(const QJsonValue &value);
};

} // namespace SignalHub::Core
