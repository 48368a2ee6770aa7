#include "paths.h"

namespace SignalHub::Core {

bool isWithinFolder(QStringView path, QStringView folder)
{
    return path == folder
        || (path.startsWith(folder) && (folder.endsWith(u'/') || path.at(folder.size()) == u'/'));
}

} // namespace SignalHub::Core
