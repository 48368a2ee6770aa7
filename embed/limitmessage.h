#pragma once

#include <QString>

namespace SignalHub::Core {

// Reads the limits a server names when it refuses a request, in the wordings of the
// OpenAI-compatible servers people run (OpenAI and Azure, vLLM, Text Embeddings Inference,
// llama.cpp, and LiteLLM, which passes their messages on). A limit read here holds for the
// rest of the run, so every form is anchored on words that only a limit message has.
class LimitMessage
{
public:
    // Inputs per request, or 0: "batch size 66 > maximum allowed batch size 64" (TEI), "Too many
    // inputs. The max number of inputs is 16." (OpenAI, Azure), "The max number of inputs is
    // 20, got 21", "array too long. Expected an array with maximum length 2048" (OpenAI).
    static int maxInputs(const QString &message);
    // Tokens per input, or 0: "maximum context length is 512 tokens" (OpenAI, vLLM), "maximum
    // input length is 8192 tokens" (OpenAI), "`inputs` must have less than 512 tokens" (TEI),
    // "exceeds the available context size (4096 tokens)" and "physical batch size (current
    // batch size: 512)" (llama.cpp).
    static int maxTokensPerInput(const QString &message);
    // The message says an input was too long for the server, whether or not it names the
    // limit (older llama.cpp: "input is too large to process", "the request exceeds the
    // available context size"; Ollama: "input length exceeds the context length").
    static bool inputTooLong(const QString &message);
};

} // namespace SignalHub::Core
