#pragma once

#include "result.h"

#include <QString>
#include <QThread>
#include <memory>

namespace SignalHub::Core {

class StoreConnection;

// The rate limits of one API key, shared by every worker of a run on the team store: each
// request books its turn in the database (PgSchema's book_request) on the server's clock, so
// that N workers together keep to the limits instead of N times them. The key is named by a
// digest only. Lives on the thread that books (its connection is opened there).
class RateBudget
{
public:
    RateBudget(QString url, QString name);
    ~RateBudget();
    RateBudget(const RateBudget &) = delete;
    RateBudget &operator=(const RateBudget &) = delete;

    // What names the limits of `apiKey` at `baseUrl` for `model`: providers limit per key and
    // model. A digest, so the key never reaches the database.
    static QString nameFor(const QString &baseUrl, const QString &model, const QByteArray &apiKey);

    // Books a request of `tokens` under these per-minute limits (0: none) and returns in how
    // many milliseconds its turn comes. When the server cannot be asked the worker paces
    // itself alone (0, said once in the log): a lost connection is not a reason to stop a run.
    qint64 book(qint64 tokens, qint64 requestsPerMinute, qint64 tokensPerMinute);

private:
    qint64 giveUp(const Error &error);

    QString m_url;
    QString m_name;
    std::unique_ptr<StoreConnection> m_connection;
    QThread *m_thread = nullptr;
    bool m_failed = false;
};

} // namespace SignalHub::Core
