#include "paths.h"

#include <QFileInfo>

namespace SignalHub::Core {

bool isWithinFolder(QStringView path, QStringView folder)
{
    return path == folder
        || (path.startsWith(folder) && (folder.endsWith(u'/') || path.at(folder.size()) == u'/'));
}

QStringList outermostFolders(const QStringList &paths)
{
    QStringList absolute;
    for (const QString &path : paths)
        absolute.append(QFileInfo(path).absoluteFilePath());
    QStringList out;
    for (qsizetype i = 0; i < absolute.size(); ++i) {
        bool covered = false;
        for (qsizetype j = 0; j < absolute.size() && !covered; ++j) {
            if (i == j)
                continue;
            // A duplicate counts once, where it first appears.
            covered = absolute[i] == absolute[j] ? j < i : isWithinFolder(absolute[i], absolute[j]);
        }
        if (!covered)
            out.append(absolute[i]);
    }
    return out;
}

} // namespace SignalHub::Core
