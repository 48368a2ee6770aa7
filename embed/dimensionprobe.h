#pragma once

#include "batchprocessor.h"

#include <QString>

namespace SignalHub::Core {

class Provider;

// Learns how many dimensions a model makes by asking its server to embed one short text: for
// the many models (Ollama's nomic-embed-text, most served by vLLM, TEI or llama.cpp) whose
// dimensions neither the user nor our table names, so the run's space is keyed by what the
// server really answers. The request is billed like any other: its record is the caller's to
// store.
class DimensionProbe
{
public:
    struct Answer
    {
        int dimensions = 0; // 0: the probe failed, and `error` says why
        QString error;
        AttemptRecord record;
    };

    static QString text() { return QStringLiteral("dimension probe"); }

    // Sends text() (counted as `tokens` unless the server says otherwise) on a thread of its
    // own and waits for the answer, at most `timeoutMs`: call it from a worker thread, never
    // the GUI thread. The provider must have nothing in flight; attach it again afterwards.
    static Answer run(Provider &provider, int tokens, int timeoutMs);
};

} // namespace SignalHub::Core
