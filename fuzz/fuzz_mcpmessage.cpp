// MCP messages as a client sends them, one JSON object a line as on stdio, to one session (or,
// when the first byte is odd, each as a stateless request of the 2026-07-28 revision): framing,
// the lifecycle and version negotiation of every revision, discover and the tools' list. Every
// message is answered at once, exactly once. tools/call is left out: its tools search and read
// files off this thread (tst_cli and the MCP SDK's client test them).

#include "codetools.h"
#include "mcpserver.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

using namespace SignalHub::Core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static CodeTools tools(
        CodeTools::Options { QStringLiteral("/nonexistent/fuzz.sqlite"), {}, false, {}, {} });
    static McpServer server(tools);
    if (size == 0)
        return 0;
    const bool stateless = data[0] % 2 == 1;
    const QByteArray bytes
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const auto session = stateless ? nullptr : std::make_shared<McpSession>();
    for (const QByteArray &line : bytes.split('\n')) {
        const QJsonDocument document = QJsonDocument::fromJson(line);
        if (!document.isObject())
            continue;
        const QJsonObject message = document.object();
        if (message.value(QLatin1StringView("method")).toString() == u"tools/call")
            continue;
        int answers = 0;
        server.handle(message, session, [&answers](const McpReply &) { ++answers; });
        if (answers != 1)
            std::abort();
    }
    return 0;
}
