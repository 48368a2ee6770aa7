#include "ratebudget.h"

#include "logging.h"
#include "storeconnection.h"

#include <QCryptographicHash>
#include <QSqlQuery>
#include <QVariant>
#include <cmath>

namespace SignalHub::Core {

namespace {
// A little under the limits, as each worker's own RateLimiter aims: a server counting over a
// sliding window then never sees more than its limit, whatever the phase of its window.
constexpr double Headroom = 0.96;

double secondsPer(double amount, qint64 perMinute)
{
    return perMinute > 0 ? amount * 60.0 / (Headroom * double(perMinute)) : 0.0;
}
} // namespace

RateBudget::RateBudget(QString url, QString name)
    : m_url(std::move(url))
    , m_name(std::move(name))
{ }

RateBudget::~RateBudget() = default;

QString RateBudget::nameFor(const QString &baseUrl, const QString &model, const QByteArray &apiKey)
{
    QCryptographicHash digest(QCryptographicHash::Sha256);
    for (const QByteArray &part : { baseUrl.toUtf8(), model.toUtf8(), apiKey }) {
        digest.addData(part);
        digest.addData(QByteArrayView("\n"));
    }
    return QString::fromLatin1(digest.result().toHex());
}

qint64 RateBudget::book(qint64 tokens, qint64 requestsPerMinute, qint64 tokensPerMinute)
{
    if (m_failed || (requestsPerMinute <= 0 && tokensPerMinute <= 0))
        return 0;
    if (!m_connection) {
        m_thread = QThread::currentThread();
        auto opened = StoreConnection::open(m_url, StoreConnection::Mode::Write);
        if (!opened)
            return giveUp(opened.error());
        m_connection = std::move(*opened);
    }
    Q_ASSERT(QThread::currentThread() == m_thread);
    auto query = m_connection->prepared(QStringLiteral("SELECT book_request(?, ?, ?)"));
    if (!query)
        return giveUp(query.error());
    (*query)->addBindValue(m_name);
    (*query)->addBindValue(secondsPer(1, requestsPerMinute));
    (*query)->addBindValue(secondsPer(double(tokens), tokensPerMinute));
    if (const Status booked = m_connection->exec(**query); !booked)
        return giveUp(booked.error());
    const double seconds = (*query)->next() ? (*query)->value(0).toDouble() : 0.0;
    (*query)->finish();
    return qint64(std::ceil(seconds * 1000.0));
}

qint64 RateBudget::giveUp(const Error &error)
{
    qCWarning(lcStore) << "the shared rate budget cannot be booked, each worker paces itself "
                          "alone from now on:"
                       << error.message;
    m_failed = true;
    return 0;
}

} // namespace SignalHub::Core
