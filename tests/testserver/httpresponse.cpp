#include "httpresponse.h"

namespace SignalHub::Testing {

HttpResponse HttpResponse::json(int status, QByteArray body)
{
    HttpResponse response;
    response.status = status;
    response.addHeader("Content-Type", "application/json");
    response.body = std::move(body);
    return response;
}

void HttpResponse::addHeader(QByteArray name, QByteArray value)
{
    headers.append({ std::move(name), std::move(value) });
}

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QByteArray HttpResponse::head(bool keepAlive, qint64 contentLength) const
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    out += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
    out += keepAlive ? QByteArrayLiteral("Connection: keep-alive\r\n")
                     : QByteArrayLiteral("Connection: close\r\n");
    out += "\r\n";
    return out;
}

QByteArray HttpResponse::reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 411:
        return "Length Required";
    case 413:
        return "Payload Too Large";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

} // namespace SignalHub::Testing
