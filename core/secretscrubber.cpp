#include "secretscrubber.h"

#include <QJsonArray>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

namespace SignalHub::Core {

bool SecretScrubber::isSecretKey(const QString &key)
{
    QString k = key.toLower();
    k.remove(QLatin1Char('_')).remove(QLatin1Char('-')).remove(QLatin1Char(' '));
    static const QStringList exact { QStringLiteral("key"), QStringLiteral("authorization"),
        QStringLiteral("auth"), QStringLiteral("bearer"), QStringLiteral("credentials"),
        QStringLiteral("cookie") };
    // sig: the signature of a pre-signed URL (Azure SAS, S3), as good as a key.
    static const QStringList suffixes { QStringLiteral("apikey"), QStringLiteral("secret"),
        QStringLiteral("password"), QStringLiteral("passwd"), QStringLiteral("token"),
        QStringLiteral("privatekey"), QStringLiteral("sig"), QStringLiteral("signature") };
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
    if (value.isString())
        return scrubUrl(value.toString());
    return value;
}

QString SecretScrubber::scrubUrl(const QString &url)
{
    QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() || parsed.scheme().isEmpty()
        || (parsed.userInfo().isEmpty() && !parsed.hasQuery()))
        return url;
    parsed.setUserInfo(QString());
    QUrlQuery query(parsed);
    QList<QPair<QString, QString>> items = query.queryItems(QUrl::FullyDecoded);
    for (auto &[name, value] : items) {
        if (isSecretKey(name))
            value = QStringLiteral("***");
    }
    query.setQueryItems(items);
    parsed.setQuery(query);
    return parsed.toString();
}

} // namespace SignalHub::Core
