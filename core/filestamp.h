#pragma once

#include <QDateTime>
#include <QString>

namespace SignalHub::Core {

// A file's metadata at one moment, to tell later whether it changed since: a write changes
// the size, the modification time or the status-change time (nanoseconds; a tool that resets
// the modification time still moves the other), a replacement (an editor saving through a
// rename) the inode. Taken from the descriptor a file is read through, and compared with
// the path's when what was read is stored.
struct FileStamp
{
    qint64 size = -1; // -1: no stamp (the file could not be looked at)
    qint64 modifiedNs = 0;
    qint64 changedNs = 0;
    quint64 device = 0;
    quint64 inode = 0;

    bool isValid() const { return size >= 0; }
    QDateTime modified() const; // UTC, to the millisecond as the store keeps it

    static FileStamp ofDescriptor(int fd);
    // Follows symlinks; an invalid stamp when the path is gone.
    static FileStamp ofPath(const QString &path);

    friend bool operator==(const FileStamp &, const FileStamp &) = default;
};

} // namespace SignalHub::Core
