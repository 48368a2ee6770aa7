#include "embeddingspace.h"

#include <QUrl>

namespace SignalHub::Core {

QString EmbeddingSpace::normaliseBaseUrl(const QString &url)
{
    const QString trimmed = url.trimmed();
    if (trimmed.isEmpty())
        return {};
    QUrl parsed(trimmed, QUrl::StrictMode);
    if (!parsed.isValid() || parsed.scheme().isEmpty())
        return trimmed;
    const QString scheme = parsed.scheme().toLower();
    parsed.setScheme(scheme);
    parsed.setHost(parsed.host().toLower());
    // Credentials in a URL are secrets: they must not become part of a stored key.
    parsed.setUserInfo(QString());
    parsed.setQuery(QString());
    parsed.setFragment(QString());
    if ((scheme == QLatin1StringView("http") && parsed.port() == 80)
        || (scheme == QLatin1StringView("https") && parsed.port() == 443))
        parsed.setPort(-1);
    QString path = parsed.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    parsed.setPath(path);
    return parsed.toString(QUrl::FullyEncoded);
}

QString EmbeddingSpace::displayName() const
{
    QString name = provider + u':' + model + u'/' + QString::number(dimensions);
    if (!baseUrl.isEmpty())
        name += u'@' + baseUrl;
    return name;
}

} // namespace SignalHub::Core
