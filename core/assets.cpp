#include "assets.h"

#include "logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace SignalHub::Core::Assets {

QStringList searchDirs()
{
    QStringList dirs;
    if (const QString fromEnv = qEnvironmentVariable("SIGNALHUB_ASSETS_DIR"); !fromEnv.isEmpty())
        dirs << fromEnv;
    // Relative to the executable first, so a relocated install finds its own data.
    if (QCoreApplication::instance())
        dirs << QCoreApplication::applicationDirPath()
                + QStringLiteral("/../share/signalhub/assets");
    dirs << QStringLiteral(SIGNALHUB_INSTALL_ASSETS_DIR)
         << QStringLiteral(SIGNALHUB_BUILD_ASSETS_DIR);
    return dirs;
}

Result<QString> path(const QString &relativePath)
{
    const QStringList dirs = searchDirs();
    for (const QString &dir : dirs) {
        const QFileInfo candidate(QDir(dir), relativePath);
        if (candidate.isFile()) {
            qCDebug(lcAssets) << "using" << candidate.absoluteFilePath();
            return candidate.absoluteFilePath();
        }
    }
    return Error { QCoreApplication::translate("Assets",
        "The data file %1 is missing (looked in %2). "
        "Reinstall Signal Hub, or run tools/fetch-assets and "
        "rebuild.")
            .arg(relativePath, dirs.join(QStringLiteral(", "))) };
}

} // namespace SignalHub::Core::Assets
