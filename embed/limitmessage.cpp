#include "limitmessage.h"

#include <QRegularExpression>

namespace SignalHub::Core {

namespace {

QRegularExpression pattern(const char *text)
{
    return QRegularExpression(QString::fromLatin1(text), QRegularExpression::CaseInsensitiveOption);
}

int firstNumber(const QString &message, std::initializer_list<const QRegularExpression *> forms)
{
    for (const QRegularExpression *form : forms) {
        if (const auto match = form->match(message); match.hasMatch())
            return match.captured(1).toInt();
    }
    return 0;
}

} // namespace

int LimitMessage::maxInputs(const QString &message)
{
    // "Invalid 'input[0]': maximum input length is 8192 tokens" names inputs and a maximum,
    // but not of inputs.
    if (maxTokensPerInput(message) > 0)
        return 0;
    // "... 66 > ... 64": the limit is the number after '>'.
    static const QRegularExpression sizeOverMax
        = pattern(R"((?:batch|inputs?)\D{0,40}?\d+\s*>\s*\D{0,60}?(\d+))");
    static const QRegularExpression numberOfInputs
        = pattern(R"(max(?:imum)? number of inputs is (\d+))");
    static const QRegularExpression arrayLength
        = pattern(R"(input\W{0,4}:? array too long\W+expected an array with maximum length (\d+))");
    static const QRegularExpression maximumNamed
        = pattern(R"((?:batch|inputs?)[^.]{0,80}?(?:maximum|max|at most|limit)\D{0,40}?(\d+))");
    return firstNumber(message, { &sizeOverMax, &numberOfInputs, &arrayLength, &maximumNamed });
}

int LimitMessage::maxTokensPerInput(const QString &message)
{
    static const QRegularExpression contextLength
        = pattern(R"(maximum (?:context|input) length is (\d+) tokens)");
    static const QRegularExpression lessThan
        = pattern(R"(inputs\W? must have less than (\d+) tokens)");
    static const QRegularExpression contextSize
        = pattern(R"(exceeds the available context size \((\d+) tokens\))");
    static const QRegularExpression physicalBatch
        = pattern(R"(physical batch size \(current batch size: (\d+)\))");
    return firstNumber(message, { &contextLength, &lessThan, &contextSize, &physicalBatch });
}

bool LimitMessage::inputTooLong(const QString &message)
{
    static const QRegularExpression unnamed
        = pattern(R"(input is too large to process|input \(\d+ tokens\) is too large to process|)"
                  R"(exceeds the available context size|input length exceeds the context length)");
    return maxTokensPerInput(message) > 0 || unnamed.match(message).hasMatch();
}

} // namespace SignalHub::Core
