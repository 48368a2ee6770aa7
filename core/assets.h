#pragma once

#include "result.h"

#include <QString>

namespace SignalHub::Core {

// Finds the data files that ship with the application (BPE ranks, the built-in model).
// Looked up, in order: $SIGNALHUB_ASSETS_DIR, the installed data dir, the build tree.
namespace Assets {
Result<QString> path(const QString &relativePath);
QStringList searchDirs();
} // namespace Assets

} // namespace SignalHub::Core
