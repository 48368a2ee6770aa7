// Any bytes on a connection to the embeddings test server, arriving in pieces (the first byte
// sets their size): requests come out whole, each with the body its Content-Length names, until
// more bytes are needed or the stream is refused.

#include "httprequestreader.h"

#include <QByteArray>
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace SignalHub::Testing;

namespace {
constexpr qint64 MaxBodyBytes = 1024 * 1024;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const qsizetype piece = 1 + data[0];
    const QByteArray bytes
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    HttpRequestReader reader(MaxBodyBytes);
    for (qsizetype at = 0; at < bytes.size(); at += piece) {
        reader.append(bytes.mid(at, piece));
        for (;;) {
            const HttpRequestReader::Step step = reader.next();
            (void)reader.takeContinueRequest();
            if (step.outcome == HttpRequestReader::Outcome::Refused)
                return 0;
            if (step.outcome == HttpRequestReader::Outcome::NeedMore)
                break;
            const QByteArray length = step.request.header("content-length");
            if (step.request.body.size() != (length.isEmpty() ? 0 : length.toLongLong())
                || step.request.body.size() > MaxBodyBytes)
                std::abort();
        }
    }
    return 0;
}
