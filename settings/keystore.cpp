#include "keystore.h"

#include <QEventLoop>
#include <QPointer>
#include <QTimer>
#include <qt6keychain/keychain.h>

namespace SignalHub::Core {

QString KeyStore::service()
{
    return QStringLiteral("signalhub");
}

QString KeyStore::account(ProviderKind provider, const QString &baseUrl)
{
    const QString name = providerName(provider);
    return baseUrl.isEmpty() ? name : name + u' ' + baseUrl;
}

QByteArray KeyStore::environmentKey(ProviderKind provider)
{
    if (provider == ProviderKind::OpenAi)
        return qgetenv("OPENAI_API_KEY").trimmed();
    return {};
}

void KeyStore::read(ProviderKind provider, const QString &baseUrl, QObject *context,
    std::function<void(const QByteArray &, const QString &)> done)
{
    if (provider == ProviderKind::Local) {
        done({}, {});
        return;
    }
    if (const QByteArray key = environmentKey(provider); !key.isEmpty()) {
        done(key, {});
        return;
    }
    readAccount(account(provider, baseUrl), context, std::move(done));
}

void KeyStore::readAccount(const QString &account, QObject *context,
    std::function<void(const QByteArray &, const QString &)> done)
{
    // Jobs are not children of `context`: one deleted while its D-Bus call is out crashes
    // QtKeychain. Each deletes itself when done; the connection's context drops the answer
    // when `context` is gone by then.
    auto *job = new QKeychain::ReadPasswordJob(service());
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    job->setKey(account);
    QObject::connect(job, &QKeychain::Job::finished, context,
        [done = std::move(done)](QKeychain::Job *finished) {
            auto *read = static_cast<QKeychain::ReadPasswordJob *>(finished);
            if (read->error() == QKeychain::NoError)
                done(read->binaryData(), {});
            else if (read->error() == QKeychain::EntryNotFound)
                done({}, {});
            else
                done({}, read->errorString());
        });
    job->start();
}

void KeyStore::readDatabasePassword(const QString &url, QObject *context,
    std::function<void(const QByteArray &, const QString &)> done)
{
    readAccount(url, context, std::move(done));
}

void KeyStore::writeDatabasePassword(const QString &url, const QByteArray &password,
    QObject *context, std::function<void(const QString &)> done)
{
    writeAccount(url, password, context, std::move(done));
}

QByteArray KeyStore::readDatabasePasswordBlocking(const QString &url, int timeoutMs)
{
    return readAccountBlocking(url, timeoutMs);
}

QByteArray KeyStore::readBlocking(ProviderKind provider, const QString &baseUrl, int timeoutMs)
{
    if (provider == ProviderKind::Local)
        return {};
    if (const QByteArray key = environmentKey(provider); !key.isEmpty())
        return key;
    return readAccountBlocking(account(provider, baseUrl), timeoutMs);
}

QByteArray KeyStore::readAccountBlocking(const QString &account, int timeoutMs)
{
    // The Secret Service is reached over the session bus: without one there is nothing to ask,
    // and asking could start a bus of its own.
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        return {};
    QEventLoop loop;
    QObject context;
    QByteArray result;
    readAccount(account, &context, [&](const QByteArray &secret, const QString &) {
        result = secret;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return result;
}

void KeyStore::write(ProviderKind provider, const QString &baseUrl, const QByteArray &key,
    QObject *context, std::function<void(const QString &)> done)
{
    writeAccount(account(provider, baseUrl), key, context, std::move(done));
}

void KeyStore::writeAccount(const QString &account, const QByteArray &secret, QObject *context,
    std::function<void(const QString &)> done)
{
    QKeychain::Job *job = nullptr;
    if (secret.isEmpty()) {
        job = new QKeychain::DeletePasswordJob(service());
    } else {
        auto *writeJob = new QKeychain::WritePasswordJob(service());
        writeJob->setBinaryData(secret);
        job = writeJob;
    }
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    job->setKey(account);
    QObject::connect(job, &QKeychain::Job::finished, context,
        [done = std::move(done)](QKeychain::Job *finished) {
            const bool ok = finished->error() == QKeychain::NoError
                || finished->error() == QKeychain::EntryNotFound;
            done(ok ? QString() : finished->errorString());
        });
    job->start();
}

void KeyStore::probe(QObject *context, std::function<void(bool)> done)
{
    // QKeychain::isAvailable() only says a backend library is installed; whether a keychain
    // answers shows when one is asked. A missing entry is an answer.
    auto *job = new QKeychain::ReadPasswordJob(service());
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    job->setKey(QStringLiteral("signalhub-probe"));
    QObject::connect(job, &QKeychain::Job::finished, context,
        [done = std::move(done)](QKeychain::Job *finished) {
            done(finished->error() == QKeychain::NoError
                || finished->error() == QKeychain::EntryNotFound);
        });
    job->start();
}

} // namespace SignalHub::Core
