#include "storetypes.h"

#include <QUrl>
#include <cstring>

namespace SignalHub::Core {

QString fileStatusName(FileStatus status)
{
    switch (status) {
    case FileStatus::Indexed:
        return QStringLiteral("indexed");
    case FileStatus::Skipped:
        return QStringLiteral("skipped");
    case FileStatus::Unreadable:
        return QStringLiteral("unreadable");
    }
    return QStringLiteral("indexed");
}

FileStatus fileStatusFromName(const QString &name)
{
    if (name == QLatin1StringView("skipped"))
        return FileStatus::Skipped;
    if (name == QLatin1StringView("unreadable"))
        return FileStatus::Unreadable;
    return FileStatus::Indexed;
}

QString SpaceKey::normaliseBaseUrl(const QString &url)
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

QList<float> VectorRow::values() const
{
    QList<float> out(vector.size() / qsizetype(sizeof(float)));
    std::memcpy(out.data(), vector.constData(), size_t(out.size()) * sizeof(float));
    return out;
}

} // namespace SignalHub::Core
