#pragma once

#include "httprequest.h"
#include "httpresponse.h"

#include <QObject>
#include <optional>

class QTcpSocket;

namespace SignalHub::Testing {

// One keep-alive HTTP/1.1 connection. Requests (also pipelined ones) are handed out one at
// a time: the next is parsed only after the current one was answered, so answers keep the
// order of requests. Bodies need Content-Length; chunked request bodies get a 501.
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    HttpConnection(QTcpSocket *socket, qint64 maxBodyBytes, QObject *parent = nullptr);

    // Answers the current request, then goes on with the next one (or closes).
    void respond(const HttpResponse &response);
    // Sends the status line and headers of `response` with its Content-Length, and never
    // the body: the client waits until its own timeout.
    void stall(const HttpResponse &response);
    // Closes with a TCP RST instead of a FIN, as a crashing proxy would.
    void resetConnection();

    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void requestReceived(SignalHub::Testing::HttpConnection *connection,
        const SignalHub::Testing::HttpRequest &request);
    // Emitted once when the socket is gone; the object deletes itself afterwards.
    void closed(SignalHub::Testing::HttpConnection *connection);

private:
    struct Head
    {
        HttpRequest request;
        qint64 contentLength = 0;
    };

    void onReadyRead();
    void onDisconnected();
    void processBuffer();
    bool parseHead(); // false: nothing complete yet or the connection was closed
    std::optional<Head> headFromBytes(const QByteArray &bytes, HttpResponse *error) const;
    void refuse(int status, const QByteArray &message);

    QTcpSocket *m_socket;
    qint64 m_maxBodyBytes;
    QByteArray m_buffer;
    qsizetype m_scanFrom = 0; // where the search for the end of the head resumes
    std::optional<Head> m_head; // parsed head whose body is still arriving
    bool m_busy = false; // a request was handed out and not yet answered
    bool m_processing = false; // inside processBuffer(): respond() must not re-enter it
    bool m_closeAfterAnswer = false;
    bool m_dead = false; // stalled, reset or closing: ignore everything from now on
    bool m_closedEmitted = false;
};

} // namespace SignalHub::Testing
