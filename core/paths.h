#pragma once

#include <QStringView>

namespace SignalHub::Core {

// Whether `path` is `folder` itself or lies below it. Both are absolute and clean (no "..",
// no trailing separator except for the file system's root, which holds every path);
// "/src/app" does not hold "/src/apple".
bool isWithinFolder(QStringView path, QStringView folder);

} // namespace SignalHub::Core
