#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace SignalHub::Testing {

// One parsed HTTP/1.x request; header names are lower case.
struct HttpRequest
{
    QByteArray method;
    QByteArray target; // path and query as sent
    int minorVersion = 1; // HTTP/1.<minorVersion>
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &lowerCaseName) const;
    QByteArray path() const; // target without the query
    bool keepAlive() const;
};

} // namespace SignalHub::Testing
