// signalhub-testserver: the embeddings test server as a process, for scripts and
// benchmarks. Prints the port it listens on (127.0.0.1 only) and runs until killed.
#include "embeddingtestserver.h"
#include "testservercommandline.h"

#include <QCoreApplication>
#include <cstdio>

using namespace SignalHub::Testing;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("signalhub-testserver"));
    TestServerCommandLine commandLine;
    if (!commandLine.parse(QCoreApplication::arguments())) {
        std::fprintf(stderr, "signalhub-testserver: %s\n", qPrintable(commandLine.errorText()));
        return 2;
    }
    EmbeddingTestServer server(commandLine.config());
    for (const auto &[fault, count] : commandLine.injected())
        server.injectFault(fault, count);
    if (!server.listen(commandLine.port())) {
        std::fprintf(stderr, "signalhub-testserver: cannot listen on 127.0.0.1:%u: %s\n",
            unsigned(commandLine.port()), qPrintable(server.errorString()));
        return 1;
    }
    // The port alone on stdout, so that scripts can read it; the rest on stderr.
    std::printf("%u\n", unsigned(server.port()));
    std::fflush(stdout);
    std::fprintf(
        stderr, "signalhub-testserver: listening on %s\n", qPrintable(server.baseUrl().toString()));
    return app.exec();
}
