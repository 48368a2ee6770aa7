#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace SignalHub::Testing {

// One HTTP/1.1 answer; Content-Length and Connection are added when it is written.
struct HttpResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    static HttpResponse json(int status, QByteArray body);
    void addHeader(QByteArray name, QByteArray value);
    QByteArray header(const QByteArray &name) const;

    // Status line and headers, ending with the blank line.
    QByteArray head(bool keepAlive, qint64 contentLength) const;
    static QByteArray reasonPhrase(int status);
};

} // namespace SignalHub::Testing
