#pragma once

#include <QStringList>
#include <QStringView>

namespace SignalHub::Core {

// Whether `path` is `folder` itself or lies below it. Both are absolute and clean (no "..",
// no trailing separator except for the file system's root, which holds every path);
// "/src/app" does not hold "/src/apple".
bool isWithinFolder(QStringView path, QStringView folder);

// The paths made absolute, without those inside (or equal to) another one of the list: what a
// run and its estimate scan, so a folder named twice, or inside another, is read once.
QStringList outermostFolders(const QStringList &paths);

} // namespace SignalHub::Core
