#pragma once

#include "clioptions.h"
#include "storetypes.h"

#include <optional>

namespace SignalHub::Core {
class StoreReader;
}

namespace SignalHub::Cli {

// One method per command; each returns the process's exit code (DESIGN.md).
class CliCommands
{
public:
    explicit CliCommands(CliOptions options)
        : m_options(std::move(options))
    { }
    int run();

private:
    int index(bool retryFailed);
    int embed();
    int status();
    int failed();
    int report();
    int exportVectors();
    int search();
    int estimate();
    int check();
    int watch();
    int mcp();
    int remove();
    int importIndex();
    // export --format index and import: `paths` chooses folders of `from` (all when empty).
    int copyIndex(const QString &from, const QString &to, const QStringList &paths);

    // The key from --api-key-file, --api-key-env or the default variable; exits 2 if a named
    // source is missing.
    QByteArray apiKey() const;
    QByteArray apiKeyFor(const Core::RunSettings &settings) const;
    std::optional<Core::SpaceRow> chooseSpace(Core::StoreReader &reader, int *exitCode) const;
    QString databasePath() const;

    CliOptions m_options;
};

} // namespace SignalHub::Cli
