#pragma once

#include "providerkind.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <functional>

namespace SignalHub::Core {

// API keys in the platform keychain (Secret Service, KWallet, macOS Keychain, Windows
// Credential Store) through QtKeychain, never in the settings file. The insecure plain-text
// fallback is off: without a keychain nothing is saved and the key comes from OPENAI_API_KEY.
// Every call but readBlocking() is asynchronous; callbacks run in `context`'s thread.
class KeyStore
{
public:
    static QString service();
    // The account a provider's key is saved under: "openai" or "ollama" plus the base URL.
    static QString account(ProviderKind provider, const QString &baseUrl);
    // OPENAI_API_KEY for openai when set, else the keychain's entry, else empty.
    static void read(ProviderKind provider, const QString &baseUrl, QObject *context,
        std::function<void(const QByteArray &key, const QString &error)> done);
    // An empty key removes the entry.
    static void write(ProviderKind provider, const QString &baseUrl, const QByteArray &key,
        QObject *context, std::function<void(const QString &error)> done);
    // The team store's password, saved under its URL ("postgresql://…", which holds none).
    static void readDatabasePassword(const QString &url, QObject *context,
        std::function<void(const QByteArray &password, const QString &error)> done);
    static void writeDatabasePassword(const QString &url, const QByteArray &password,
        QObject *context, std::function<void(const QString &error)> done);
    static QByteArray readDatabasePasswordBlocking(const QString &url, int timeoutMs);
    // Whether a keychain answers (asynchronously, by asking it for a probe entry).
    static void probe(QObject *context, std::function<void(bool available)> done);
    static QByteArray environmentKey(ProviderKind provider);
    // For command-line tools: read() with a local event loop, giving up after `timeoutMs`.
    // Never on a GUI thread.
    static QByteArray readBlocking(ProviderKind provider, const QString &baseUrl, int timeoutMs);

private:
    static void readAccount(const QString &account, QObject *context,
        std::function<void(const QByteArray &, const QString &)> done);
    static void writeAccount(const QString &account, const QByteArray &secret, QObject *context,
        std::function<void(const QString &)> done);
    static QByteArray readAccountBlocking(const QString &account, int timeoutMs);
};

} // namespace SignalHub::Core
