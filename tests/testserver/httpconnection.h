#pragma once

#include "httprequest.h"
#include "httprequestreader.h"
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
    void onReadyRead();
    void onDisconnected();
    void processBuffer();
    void refuse(const HttpResponse &response);

    QTcpSocket *m_socket;
    HttpRequestReader m_reader;
    bool m_busy = false; // a request was handed out and not yet answered
    bool m_processing = false; // inside processBuffer(): respond() must not re-enter it
    bool m_closeAfterAnswer = false;
    bool m_dead = false; // stalled, reset or closing: ignore everything from now on
    bool m_closedEmitted = false;
};

} // namespace SignalHub::Testing
