#pragma once

#include <QFile>
#include <QTest>
#include <fcntl.h>
#include <filesystem>
#include <unistd.h>

// Files whose names are bytes that are not UTF-8, which QFile can neither make nor remove.

// Writes a file named by its bytes.
inline void writeRaw(const QByteArray &path, const QByteArray &content)
{
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    QVERIFY2(fd >= 0, path.constData());
    QCOMPARE(::write(fd, content.constData(), size_t(content.size())), ssize_t(content.size()));
    ::close(fd);
}

// Removes a folder with whatever names it holds (QTemporaryDir leaves such names behind: Qt
// lists them with U+FFFD in place).
inline void removeTree(const QString &path)
{
    std::error_code error;
    std::filesystem::remove_all(QFile::encodeName(path).toStdString(), error);
}
