#include "storelocation.h"

#include "storeschema.h"

#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QUrl>
#include <QUrlQuery>

namespace SignalHub::Core {

namespace {

Error passwordInUrl()
{
    return Error { StoreLocation::tr(
        "The database URL holds a password, which would be seen in process lists and shell "
        "histories: remove it from the URL and put it in ~/.pgpass (or the file PGPASSFILE "
        "names), in PGPASSWORD, or in the keychain from the window's settings.") };
}

// Connections are opened on many threads (each reader and writer on its own).
struct Passwords
{
    QMutex mutex;
    QHash<QString, QByteArray> byUrl;
};

Passwords &passwords()
{
    static Passwords instance;
    return instance;
}

} // namespace

void StoreLocation::setPassword(const QString &url, const QByteArray &password)
{
    Passwords &known = passwords();
    const QMutexLocker lock(&known.mutex);
    if (password.isEmpty())
        known.byUrl.remove(url);
    else
        known.byUrl.insert(url, password);
}

bool StoreLocation::isUrl(const QString &text)
{
    return text.startsWith(u"postgresql://") || text.startsWith(u"postgres://");
}

Result<StoreLocation> StoreLocation::parse(const QString &text)
{
    StoreLocation location;
    if (!isUrl(text)) {
        location.m_sqlitePath
            = text.isEmpty() ? StoreSchema::defaultPath() : QFileInfo(text).absoluteFilePath();
        return location;
    }
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return Error { tr("%1 is not a PostgreSQL URL (postgresql://[user@]host[:port]/database"
                          "[?sslmode=verify-full]): %2")
                .arg(text, url.errorString()) };
    if (!url.password().isEmpty())
        return passwordInUrl();
    location.m_kind = Kind::Postgres;
    location.m_url = text;
    location.m_host = url.host();
    location.m_port = url.port(-1);
    location.m_database = url.path().mid(1);
    location.m_user = url.userName();
    if (location.m_database.isEmpty())
        return Error { tr("%1 names no database: postgresql://host/DATABASE").arg(text) };
    QStringList options;
    for (const auto &[key, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded)) {
        if (key == u"password")
            return passwordInUrl();
        options.append(key + u'=' + value);
    }
    location.m_options = options.join(u';');
    return location;
}

QString StoreLocation::display() const
{
    return m_kind == Kind::Sqlite ? m_sqlitePath : m_url;
}

QSqlDatabase StoreLocation::postgresConnection(const QString &connectionName) const
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
    db.setHostName(m_host);
    db.setPort(m_port);
    db.setDatabaseName(m_database);
    db.setUserName(m_user);
    db.setConnectOptions(m_options);
    Passwords &known = passwords();
    const QMutexLocker lock(&known.mutex);
    if (const auto password = known.byUrl.constFind(m_url); password != known.byUrl.cend())
        db.setPassword(QString::fromUtf8(*password));
    return db;
}

} // namespace SignalHub::Core
