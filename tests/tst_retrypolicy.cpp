#include "httpheaders.h"
#include "ratelimiter.h"
#include "retrypolicy.h"

#include <QTest>

using namespace SignalHub::Core;

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fullJitterStaysUnderTheCeiling_data()
    {
        QTest::addColumn<int>("retry");
        QTest::addColumn<qint64>("ceiling");
        QTest::newRow("first") << 1 << qint64(500);
        QTest::newRow("second") << 2 << qint64(1000);
        QTest::newRow("fifth") << 5 << qint64(8000);
        QTest::newRow("capped") << 12 << qint64(60000);
    }

    void fullJitterStaysUnderTheCeiling()
    {
        QFETCH(int, retry);
        QFETCH(qint64, ceiling);
        RetryPolicy policy({}, 42);
        qint64 largest = 0;
        qint64 smallest = ceiling;
        for (int i = 0; i < 2000; ++i) {
            const qint64 delay = policy.delayMs(retry);
            QVERIFY(delay >= 0 && delay <= ceiling);
            largest = std::max(largest, delay);
            smallest = std::min(smallest, delay);
        }
        // Full jitter spreads over the whole range, not just near the ceiling.
        QVERIFY(largest > ceiling * 9 / 10);
        QVERIFY(smallest < ceiling / 10);
    }

    void serverRetryAfterWins()
    {
        RetryPolicy policy({}, 1);
        QCOMPARE(policy.delayMs(1, 1500), 1500);
        QCOMPARE(policy.delayMs(6, 0), 0);
    }

    void attemptsAreBounded()
    {
        RetryPolicy policy(RetrySettings { 2, 10, 100 });
        QVERIFY(policy.mayRetry(1));
        QVERIFY(policy.mayRetry(2));
        QVERIFY(!policy.mayRetry(3));
    }

    void retryAfterHeaders_data()
    {
        QTest::addColumn<QByteArray>("ms");
        QTest::addColumn<QByteArray>("seconds");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("seconds") << QByteArray() << QByteArray("2") << qint64(2000);
        QTest::newRow("fractional seconds") << QByteArray() << QByteArray("1.5") << qint64(1500);
        QTest::newRow("ms wins") << QByteArray("250") << QByteArray("9") << qint64(250);
        QTest::newRow("http date")
            << QByteArray() << QByteArray("Wed, 21 Oct 2026 07:28:30 GMT") << qint64(30000);
        QTest::newRow("none") << QByteArray() << QByteArray() << qint64(-1);
        QTest::newRow("garbage") << QByteArray() << QByteArray("soon") << qint64(-1);
    }

    void retryAfterHeaders()
    {
        QFETCH(QByteArray, ms);
        QFETCH(QByteArray, seconds);
        QFETCH(qint64, expected);
        const QDateTime now(QDate(2026, 10, 21), QTime(7, 28, 0), QTimeZone::UTC);
        QCOMPARE(HttpHeaders::retryAfterMs(ms, seconds, now), expected);
    }

    void goDurations_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("minutes") << QByteArray("6m0s") << qint64(360000);
        QTest::newRow("fraction") << QByteArray("1.5s") << qint64(1500);
        QTest::newRow("millis") << QByteArray("12ms") << qint64(12);
        QTest::newRow("hours") << QByteArray("1h2m3.5s") << qint64(3723500);
        QTest::newRow("bad unit") << QByteArray("3y") << qint64(-1);
        QTest::newRow("empty") << QByteArray() << qint64(-1);
    }

    void goDurations()
    {
        QFETCH(QByteArray, text);
        QFETCH(qint64, ms);
        QCOMPARE(HttpHeaders::parseGoDurationMs(text), ms);
    }

    void rateLimiterPacesTokens()
    {
        RateLimiter limiter(RateLimits { 0, 60000 }); // 1000 tokens a second
        qint64 now = 0;
        qint64 sent = 0;
        // Simulate ten seconds of a sender that always has 500-token requests ready.
        while (now < 10000) {
            const qint64 wait = limiter.acquire(500, now);
            if (wait == 0)
                sent += 500;
            else
                now += wait;
        }
        // Paced just under the limit, never over it.
        QVERIFY2(sent <= 10500 && sent >= 9000, qPrintable(QString::number(sent)));
    }

    void coolDownHoldsEveryone()
    {
        RateLimiter limiter;
        QCOMPARE(limiter.acquire(10, 0), 0);
        limiter.coolDown(1500);
        QCOMPARE(limiter.acquire(10, 100), 1400);
        QCOMPARE(limiter.acquire(10, 1500), 0);
    }

    void learnsLimitsFromHeaders()
    {
        RateLimiter limiter;
        RateLimitHeaders headers;
        headers.limitTokens = 120000;
        headers.remainingTokens = 0;
        headers.resetTokensMs = 800;
        limiter.learn(headers, 1000);
        QCOMPARE(limiter.limits().tokensPerMinute, 120000);
        QCOMPARE(limiter.acquire(1, 1000), 800);
    }
};

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
