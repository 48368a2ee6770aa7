#pragma once

#include "runsettings.h"

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace SignalHub::Core {

// One key of the settings file with its type and default: reading converts, assigning writes.
template<typename T> class SettingValue
{
public:
    SettingValue(QSettings *store, QString key, T defaultValue)
        : m_store(store)
        , m_key(std::move(key))
        , m_default(std::move(defaultValue))
    { }

    T get() const
    {
        const QVariant value = m_store->value(m_key);
        if (!value.isValid() || !value.canConvert<T>())
            return m_default;
        return value.value<T>();
    }
    operator T() const { return get(); }
    SettingValue &operator=(const T &value)
    {
        if (value == m_default && !m_store->contains(m_key))
            return *this;
        m_store->setValue(m_key, QVariant::fromValue(value));
        return *this;
    }
    const QString &key() const { return m_key; }

private:
    QSettings *m_store;
    QString m_key;
    T m_default;
};

// The window's settings, typed, over QSettings (the platform's settings file). Holds no
// secret: API keys live in the keychain (see the window's key store), never here.
// Not thread-safe: use it on the GUI thread and hand RunSettings values to workers.
class Settings
{
public:
    Settings();
    // For tests and portable use: a given INI file.
    explicit Settings(const QString &iniPath);
    Settings(const Settings &) = delete;
    Settings &operator=(const Settings &) = delete;

    RunSettings runSettings() const;
    void setRunSettings(const RunSettings &settings);

    QString databasePath() const; // empty: the default location
    void setDatabasePath(const QString &path);

    QStringList recentFolders() const; // most recent first, at most maxRecentFolders
    void addRecentFolders(const QStringList &folders);
    static constexpr int maxRecentFolders = 8;

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    QByteArray splitterState(const QString &name) const;
    void setSplitterState(const QString &name, const QByteArray &state);

    void sync();
    QString fileName() const;

private:
    mutable QSettings m_store; // reading through SettingValue is logically const
};

} // namespace SignalHub::Core
