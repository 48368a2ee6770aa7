#include "mcptoken.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QStandardPaths>

namespace SignalHub::Core {

QString McpToken::path()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + QStringLiteral("/signalhub/mcp-token");
}

Result<QByteArray> McpToken::load()
{
    const QString file = path();
    QFile existing(file);
    if (existing.exists()) {
        if (existing.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther))
            return Error { QStringLiteral("others may read the MCP token in %1: chmod 600 it, or "
                                          "delete it to get a new one")
                    .arg(file) };
        if (!existing.open(QIODevice::ReadOnly))
            return Error { QStringLiteral("cannot read the MCP token in %1: %2")
                    .arg(file, existing.errorString()) };
        const QByteArray token = existing.readAll().trimmed();
        if (token.size() < 32)
            return Error { QStringLiteral("the MCP token in %1 is shorter than 32 characters: "
                                          "delete the file to get a new one")
                    .arg(file) };
        return token;
    }
    if (!QDir().mkpath(QFileInfo(file).path()))
        return Error { QStringLiteral("cannot create the folder %1").arg(QFileInfo(file).path()) };
    quint32 bits[8];
    QRandomGenerator::system()->fillRange(bits);
    const QByteArray token
        = QByteArray(reinterpret_cast<const char *>(bits), sizeof bits)
              .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    QFile created(file);
    // NewOnly: two servers starting at once do not both write a token.
    if (!created.open(QIODevice::WriteOnly | QIODevice::NewOnly,
            QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        if (created.exists())
            return load();
        return Error { QStringLiteral("cannot create %1: %2").arg(file, created.errorString()) };
    }
    if (created.write(token + '\n') != token.size() + 1 || !created.flush())
        return Error { QStringLiteral("cannot write %1: %2").arg(file, created.errorString()) };
    return token;
}

} // namespace SignalHub::Core
