#include "limitmessage.h"

#include <QTest>

using namespace SignalHub::Core;

// Each row is a server's own wording (as its source or its users' reports show it), so a
// change in a pattern that stops reading one of them fails here, not in a user's run.
class TestLimitMessage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void limits_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("maxInputs");
        QTest::addColumn<int>("maxTokens");
        QTest::addColumn<bool>("tooLong");

        QTest::newRow("TEI batch")
            << QStringLiteral("batch size 66 > maximum allowed batch size 64") << 64 << 0 << false;
        QTest::newRow("inputs maximum")
            << QStringLiteral("Too many inputs: the maximum is 32 per request") << 32 << 0 << false;
        QTest::newRow("max number, got")
            << QStringLiteral("The max number of inputs is 20, got 21") << 20 << 0 << false;
        QTest::newRow("Azure too many inputs")
            << QStringLiteral("Too many inputs. The max number of inputs is 16.  We hope to "
                              "increase the number of inputs per request soon.")
            << 16 << 0 << false;
        QTest::newRow("OpenAI array too long")
            << QStringLiteral("Invalid 'input': array too long. Expected an array with maximum "
                              "length 2048, but got an array with length 2100 instead.")
            << 2048 << 0 << false;
        QTest::newRow("LiteLLM passing a batch limit on") << QStringLiteral(
            "litellm.BadRequestError: OpenAIException - Too many inputs. The max "
            "number of inputs is 16.") << 16 << 0 << false;

        QTest::newRow("OpenAI context length")
            << QStringLiteral("This model's maximum context length is 8192 tokens, however you "
                              "requested 9000 tokens (9000 in your prompt; 0 for the completion). "
                              "Please reduce your prompt; or completion length.")
            << 0 << 8192 << true;
        QTest::newRow("OpenAI input length")
            << QStringLiteral("Invalid 'input[3]': maximum input length is 8192 tokens.") << 0
            << 8192 << true;
        QTest::newRow("vLLM") << QStringLiteral(
            "This model's maximum context length is 512 tokens. However, you "
            "requested 600 tokens in the input for embedding generation. Please "
            "reduce the length of the input.")
                              << 0 << 512 << true;
        QTest::newRow("vLLM newer") << QStringLiteral(
            "This model's maximum context length is 512 tokens. However, your "
            "request has 600 input tokens. Please reduce the length of the input "
            "messages.") << 0 << 512 << true;
        QTest::newRow("LiteLLM passing vLLM on")
            << QStringLiteral("litellm.ContextWindowExceededError: litellm.BadRequestError: "
                              "ContextWindowExceededError: OpenAIException - This model's maximum "
                              "context length is 512 tokens. However, you requested 548 tokens in "
                              "the input for embedding generation.")
            << 0 << 512 << true;
        QTest::newRow("TEI") << QStringLiteral(
            "Input validation error: `inputs` must have less than 512 tokens. Given: 600")
                             << 0 << 512 << true;
        QTest::newRow("llama.cpp context")
            << QStringLiteral("request (5274 tokens) exceeds the available context size (4096 "
                              "tokens), try increasing it")
            << 0 << 4096 << true;
        QTest::newRow("llama.cpp physical batch")
            << QStringLiteral("input (5567 tokens) is too large to process. increase the physical "
                              "batch size (current batch size: 4096)")
            << 0 << 4096 << true;
        QTest::newRow("older llama.cpp, no number")
            << QStringLiteral("input is too large to process. increase the physical batch size")
            << 0 << 0 << true;
        QTest::newRow("older llama.cpp context, no number")
            << QStringLiteral("the request exceeds the available context size, try increasing it")
            << 0 << 0 << true;
        QTest::newRow("Ollama") << QStringLiteral("input length exceeds the context length") << 0
                                << 0 << true;

        QTest::newRow("unrelated")
            << QStringLiteral("input contains forbidden text") << 0 << 0 << false;
        QTest::newRow("server error") << QStringLiteral("CUDA out of memory") << 0 << 0 << false;
    }

    void limits()
    {
        QFETCH(QString, message);
        QFETCH(int, maxInputs);
        QFETCH(int, maxTokens);
        QFETCH(bool, tooLong);
        QCOMPARE(LimitMessage::maxInputs(message), maxInputs);
        QCOMPARE(LimitMessage::maxTokensPerInput(message), maxTokens);
        QCOMPARE(LimitMessage::inputTooLong(message), tooLong);
    }
};

QTEST_GUILESS_MAIN(TestLimitMessage)
#include "tst_limitmessage.moc"
