#pragma once

#include "runsettings.h"

#include <QByteArray>
#include <QFuture>
#include <QMutex>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantMap>
#include <memory>

class QThreadPool;

namespace SignalHub::Core {

// The values of a settings file in memory, keyed "group/key" as QSettings names them.
class SettingsValues
{
public:
    QVariant value(const QString &key) const { return m_values.value(key); }
    bool contains(const QString &key) const { return m_values.contains(key); }
    void setValue(const QString &key, const QVariant &value);
    const QVariantMap &all() const { return m_values; }
    void setAll(QVariantMap values) { m_values = std::move(values); }
    quint64 revision() const { return m_revision; } // grows with every change

private:
    QVariantMap m_values;
    quint64 m_revision = 0;
};

// One key of the settings file with its type and default: reading converts, assigning writes.
template<typename T> class SettingValue
{
public:
    SettingValue(SettingsValues *store, QString key, T defaultValue)
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
    SettingsValues *m_store;
    QString m_key;
    T m_default;
};

// The window's settings, typed, over the platform's settings file (QSettings). Holds no
// secret: API keys live in the keychain (see the window's key store), never here.
// Not thread-safe: use it on the GUI thread and hand RunSettings values to workers.
//
// The file is read once, in the constructor (before a window shows); from then on values live
// in memory. save() hands a snapshot to a writer thread of its own, so the GUI thread never
// waits on the disk; sync() writes at once, for command-line tools and tests. The destructor
// saves what changed and waits for the writer, so nothing is lost at shutdown.
class Settings
{
public:
    Settings();
    // For tests and portable use: a given INI file.
    explicit Settings(const QString &iniPath);
    ~Settings();
    Settings(const Settings &) = delete;
    Settings &operator=(const Settings &) = delete;

    RunSettings runSettings() const;
    void setRunSettings(const RunSettings &settings);

    QString databasePath() const; // empty: the default location
    void setDatabasePath(const QString &path);

    QStringList recentFolders() const; // most recent first, at most maxRecentFolders
    void addRecentFolders(const QStringList &folders);
    static constexpr int maxRecentFolders = 8;

    // The window keeps indexed folders current (on by default), each unless the user turned
    // that off for it.
    bool watchesFolders() const;
    void setWatchesFolders(bool watches);
    QStringList unwatchedFolders() const;
    void setFolderWatched(const QString &root, bool watched);

    // The window serves coding agents over MCP (Streamable HTTP on 127.0.0.1) while it is open;
    // off until the user turns it on.
    bool servesAgents() const;
    void setServesAgents(bool serves);
    int agentPort() const; // default 8765
    void setAgentPort(int port);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    QByteArray splitterState(const QString &name) const;
    void setSplitterState(const QString &name, const QByteArray &state);

    // "Open in editor": a command with {file} and {line}, e.g. `kate --line {line} {file}`;
    // empty: a known editor found in PATH (see EditorCommand).
    QString editorCommand() const;
    void setEditorCommand(const QString &command);

    // Writes the current values on the writer thread and returns at once; the future gives
    // the write's error, empty when it worked. waitForSaved() blocks until the file holds them.
    QFuture<QString> save();
    QFuture<QString> lastSave() const { return m_lastSave; } // of the latest save()
    bool waitForSaved(int timeoutMs = -1);
    QString saveError() const; // of the latest write that finished; empty when it worked
    // Writes now, on the calling thread.
    void sync();
    QString fileName() const;

private:
    void load(QSettings &store);

    mutable SettingsValues m_values; // reading through SettingValue is logically const
    QString m_fileName;
    QSettings::Format m_format = QSettings::IniFormat;
    quint64 m_savedRevision = 0;
    mutable QMutex m_errorMutex;
    QString m_saveError; // written by the writer thread
    QFuture<QString> m_lastSave;
    // Last member: destroyed (so waited for) before what its jobs use.
    std::unique_ptr<QThreadPool> m_writer; // one thread, created on the first save()
};

} // namespace SignalHub::Core
