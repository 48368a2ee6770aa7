#pragma once

#include "httprequest.h"
#include "httpresponse.h"

#include <QByteArray>
#include <optional>

namespace SignalHub::Testing {

// Cuts HTTP/1.x requests out of a connection's bytes as they arrive, pipelined ones too: a
// head up to its blank line, then Content-Length bytes of body (chunked bodies are refused
// with 501). No socket: HttpConnection feeds it what it reads, and so does fuzz_httprequest.
class HttpRequestReader
{
public:
    static constexpr qsizetype MaxHeadBytes = 64 * 1024;

    explicit HttpRequestReader(qint64 maxBodyBytes);

    enum class Outcome
    {
        NeedMore, // no complete request yet
        Request,
        Refused, // the stream cannot be trusted any more: answer `refusal` and close
    };
    struct Step
    {
        Outcome outcome = Outcome::NeedMore;
        HttpRequest request;
        HttpResponse refusal;
    };

    void append(const QByteArray &bytes);
    Step next();
    // True once after a head that asked for "Expect: 100-continue" was read: the client
    // waits for the interim answer before it sends the body.
    bool takeContinueRequest() { return std::exchange(m_continueRequested, false); }

private:
    struct Head
    {
        HttpRequest request;
        qint64 contentLength = 0;
    };

    bool readHead(Step &step); // false: no complete head, or refused (step says which)
    std::optional<Head> headFromBytes(const QByteArray &bytes, HttpResponse *error) const;

    qint64 m_maxBodyBytes;
    QByteArray m_buffer;
    qsizetype m_scanFrom = 0; // where the search for the end of the head resumes
    std::optional<Head> m_head; // read head whose body is still arriving
    bool m_continueRequested = false;
};

} // namespace SignalHub::Testing
