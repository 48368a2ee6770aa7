#pragma once

#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <chrono>
#include <optional>

namespace SignalHub::Core {

// Folders the kernel will not watch (its watch limit is reached), listed now and then instead:
// a file whose size or modification time changed, or that came or went, is reported. Only the
// names and stat() of the polled folders' own entries are read; the run that follows reads the
// content of what was reported, and pays only for what really changed.
class FolderPoller : public QObject
{
    Q_OBJECT

public:
    explicit FolderPoller(QObject *parent = nullptr);

    // Takes the folder's first listing now; polls start with the first folder.
    void add(const QString &folder);
    // Stops polling `folder` and the folders below it.
    void removeTree(const QString &folder);
    int count() const { return int(m_folders.size()); }
    void setInterval(std::chrono::milliseconds interval) { m_timer.setInterval(interval); }

Q_SIGNALS:
    void changed(const QStringList &paths);
    void foldersAppeared(const QStringList &paths);

private:
    struct Stamp
    {
        qint64 size = 0;
        qint64 mtimeNs = 0;
        bool isFolder = false;

        bool operator==(const Stamp &) const = default;
    };
    using Listing = QHash<QString, Stamp>; // by name

    static std::optional<Listing> list(const QString &folder); // nullopt: the folder is gone
    void poll();

    QHash<QString, Listing> m_folders;
    QTimer m_timer;
};

} // namespace SignalHub::Core
