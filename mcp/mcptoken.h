#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

namespace SignalHub::Core {

// The bearer token HTTP clients of a headless MCP server present: random, made on first use
// and kept in a file only its owner may read, under the user's config folder; never on a
// command line, in the settings or in a log.
class McpToken
{
public:
    static QString path();
    // Made if the file does not exist yet; refused if others may read it.
    static Result<QByteArray> load();
};

} // namespace SignalHub::Core
