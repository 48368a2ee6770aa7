#pragma once

#include "provider.h"
#include "result.h"

#include <QHash>
#include <QPointer>
#include <QUrl>

class QNetworkReply;

namespace SignalHub::Core {

struct HttpProviderConfig
{
    QString baseUrl;
    QString model;
    int dimensions = 0; // 0: the model's own
    QByteArray apiKey; // never logged, never stored
    ProviderLimits limits;
};

// What the HTTP providers share: the request's headers and timeout, and turning a reply into
// an AttemptResult. Subclasses only know their API's URL and JSON.
class HttpProvider : public Provider
{
public:
    explicit HttpProvider(HttpProviderConfig config);
    ~HttpProvider() override;

    ProviderLimits limits() const override { return m_config.limits; }
    void attach(QNetworkAccessManager *network, int maxConnections) override;
    quint64 start(const Attempt &attempt, Callback done) override;
    void abort(quint64 handle) override;
    void useDimensions(int dimensions) override { m_answeredDimensions = dimensions; }

    // The human part of an error body ({"error":{"message":…}}, {"error":"…"} or text).
    static QString serverMessage(const QByteArray &body);
    // `message` without this provider's API key or anything shaped like a credential
    // (Bearer/Basic/token values, sk-… keys): what a server says is stored and printed.
    QString redacted(QString message) const;

protected:
    const HttpProviderConfig &config() const { return m_config; }
    // The base URL with `path` appended to its path; its query (Azure's ?api-version=) stays.
    QUrl apiUrl(const QString &path) const;
    // Dimensions a probe answered (see useDimensions), 0 if none.
    int answeredDimensions() const { return m_answeredDimensions; }
    virtual QUrl endpoint() const = 0;
    virtual QByteArray requestBody(const QStringList &inputs) const = 0;
    struct Parsed
    {
        QList<QList<float>> vectors; // in input order
        qint64 promptTokens = -1;
    };
    virtual Result<Parsed> parseBody(const QByteArray &body) const = 0;
    // Which options the request built now uses (requestBody() may change after a rejection).
    virtual int requestVariant() const { return 0; }
    // A 4xx may mean the server lacks an option the request used (`variant` is what
    // requestVariant() said when it was sent); returning true retries it at once.
    virtual bool adaptToRejection(int /*status*/, const QString & /*message*/, int /*variant*/)
    {
        return false;
    }

private:
    void finish(quint64 handle, QNetworkReply *reply);
    AttemptResult classify(QNetworkReply *reply, int timeoutMs, int variant);
    // A refusal not worth repeating as is, with whatever limit its message names.
    static void rejected(AttemptResult &result, int status, const QString &message);
    QString shownEndpoint() const;

    struct InFlight
    {
        QPointer<QNetworkReply> reply;
        Callback done;
        int timeoutMs = 0;
        int variant = 0;
        bool aborted = false;
    };

    HttpProviderConfig m_config;
    QStringList m_urlSecrets; // values of the base URL's secret query parameters
    QNetworkAccessManager *m_network = nullptr;
    int m_maxConnections = 6;
    int m_answeredDimensions = 0;
    quint64 m_nextHandle = 1;
    QHash<quint64, InFlight> m_inFlight;
};

} // namespace SignalHub::Core
