#include "embeddingspace.h"

#include <QUrl>

namespace SignalHub::Core {

QString EmbeddingSpace::normaliseBaseUrl(const QString &url)
{
    if (url.trimmed().isEmpty())
        return {};
    QUrl parsed = QUrl::fromUserInput(url.trimmed());
    parsed.setScheme(parsed.scheme().toLower());
    parsed.setHost(parsed.host().toLower());
    if ((parsed.scheme() == u"http" && parsed.port() == 80)
        || (parsed.scheme() == u"https" && parsed.port() == 443))
        parsed.setPort(-1);
    parsed.setQuery(QString());
    parsed.setFragment(QString());
    parsed.setUserInfo(QString());
    QString path = parsed.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    parsed.setPath(path);
    return parsed.toString();
}

QString EmbeddingSpace::displayName() const
{
    QString name = provider + u':' + model + u'/' + QString::number(dimensions);
    if (!baseUrl.isEmpty())
        name += u'@' + baseUrl;
    return name;
}

} // namespace SignalHub::Core
