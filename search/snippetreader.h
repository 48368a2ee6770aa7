#pragma once

#include "searchindex.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace SignalHub::Core {

// The lines of a hit, read from the file at display time (the store keeps no text).
class SnippetReader
{
public:
    // The first `maxLines` lines of the hit, each prefixed with `indent`; a note when the file
    // changed or vanished since it was indexed.
    static QString snippet(const SearchHit &hit, int maxLines, const QString &indent);
    // The lines snippet() shows, without indent or note; nullopt when the file is gone or
    // unreadable.
    static std::optional<QStringList> lines(const SearchHit &hit, int maxLines);
    static QString text(const QString &path, int startLine, int endLine);
};

} // namespace SignalHub::Core
