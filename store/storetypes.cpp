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

QList<float> VectorRow::values() const
{
    QList<float> out(vector.size() / qsizetype(sizeof(float)));
    std::memcpy(out.data(), vector.constData(), size_t(out.size()) * sizeof(float));
    return out;
}

} // namespace SignalHub::Core
