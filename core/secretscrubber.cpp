#include "secretscrubber.h"

#include <QJsonArray>
#include <QStringList>
#include <QUrl>

namespace SignalHub::Core {

bool SecretScrubber::isSecretKey(const QString &key)
{
    QString k = key.toLower();
    k.remove(QLatin1Char('_')).remove(QLatin1Char('-')).remove(QLatin1Char(' '));
    static const QStringList exact { QStringLiteral("key"), QStringLiteral("authorization"),
        QStringLiteral("auth"), QStringLiteral("bearer"), QStringLiteral("credentials"),
        QStringLiteral("cookie") };
    static const QStringList suffixes { QStringLiteral("apikey"), QStringLiteral("secret"),
        QStringLiteral("password"), QStringLiteral("passwd"), QStringLiteral("token"),
        QStringLiteral("privatekey") };
    if (exact.contains(k))
        return true;
    for (const QString &suffix : suffixes) {
        if (k.endsWith(suffix))
            return true;
    }
    return false;
}

bool SecretScrubber::looksLikeSecret(const QString &value)
{
    const QString v = value.trimmed();
    return v.startsWith(QLatin1StringView("sk-")) || v.startsWith(QLatin1StringView("Bearer "))
        || v.startsWith(QLatin1StringView("bearer "));
}

QJsonObject SecretScrubber::scrubObject(const QJsonObject &object)
{
    QJsonObject clean;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (isSecretKey(it.key()) || (it->isString() && looksLikeSecret(it->toString())))
            continue;
        clean.insert(it.key(), scrubValue(*it));
    }
    return clean;
}

QJsonValue SecretScrubber::scrubValue(const QJsonValue &value)
{
    if (value.isObject())
        return scrubObject(value.toObject());
    if (value.isArray()) {
        QJsonArray clean;
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array) {
            if (!(item.isString() && looksLikeSecret(item.toString())))
                clean.append(scrubValue(item));
        }
        return clean;
    }
    if (value.isString()) {
        // user:password@host in a URL is a secret too.
        const QUrl url(value.toString(), QUrl::StrictMode);
        if (url.isValid() && !url.scheme().isEmpty() && !url.userInfo().isEmpty()) {
            QUrl stripped = url;
            stripped.setUserInfo(QString());
            return stripped.toString();
        }
    }
    return value;
}

} // namespace SignalHub::Core
