#pragma once

// What the engine and indexing benches measure about their own process and about the test
// server, so that each figure comes from the same run as the figure it is compared with.

#include <QByteArray>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>
#include <ctime>
#include <sys/resource.h>

namespace SignalHub::Bench {

struct Usage
{
    double userSeconds = 0;
    double systemSeconds = 0;
    double peakRssMb = 0; // ru_maxrss: the high-water mark of the whole process so far
    double cpuSeconds() const { return userSeconds + systemSeconds; }
};

inline Usage usage()
{
    rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    Usage u;
    u.userSeconds = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6;
    u.systemSeconds = ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
    u.peakRssMb = ru.ru_maxrss / 1024.0;
    return u;
}

// Current resident set, from /proc/self/statm (pages).
inline double currentRssMb()
{
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = f.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toLongLong() * 4096.0 / (1024 * 1024) : 0;
}

// CPU seconds of each live thread of this process by thread id, with its name (Qt names a
// thread after its objectName), from /proc/self/task/*/stat (utime + stime, 1/100 s).
struct ThreadCpu
{
    QString name;
    double seconds = 0;
};

inline QMap<qint64, ThreadCpu> threadCpu()
{
    QMap<qint64, ThreadCpu> out;
    const QStringList tids
        = QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &tid : tids) {
        QFile f(QStringLiteral("/proc/self/task/%1/stat").arg(tid));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray stat = f.readAll();
        const qsizetype open = stat.indexOf('('), close = stat.lastIndexOf(')');
        if (open < 0 || close < 0)
            continue;
        // Fields after the name start at field 3 (state); utime and stime are fields 14 and 15.
        const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
        if (fields.size() < 13)
            continue;
        out.insert(tid.toLongLong(),
            ThreadCpu { QString::fromUtf8(stat.mid(open + 1, close - open - 1)),
                (fields[11].toLongLong() + fields[12].toLongLong()) / 100.0 });
    }
    return out;
}

// CPU seconds each thread spent between two snapshots, summed by thread name.
inline QMap<QString, double> threadCpuSince(
    const QMap<qint64, ThreadCpu> &before, const QMap<qint64, ThreadCpu> &after)
{
    QMap<QString, double> out;
    for (auto it = after.cbegin(); it != after.cend(); ++it)
        out[it->name] += it->seconds - before.value(it.key()).seconds;
    return out;
}

// /proc/self/io: wchar counts every write() (sockets included), write_bytes only what the
// process sent towards the disk (accounted when a page is dirtied).
struct Io
{
    qint64 rchar = 0;
    qint64 wchar = 0;
    qint64 readBytes = 0;
    qint64 writeBytes = 0;
    qint64 cancelledWriteBytes = 0;
};

inline Io io()
{
    Io out;
    QFile f(QStringLiteral("/proc/self/io"));
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray &line : f.readAll().split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            continue;
        const QByteArray key = line.left(colon);
        const qint64 value = line.mid(colon + 1).trimmed().toLongLong();
        if (key == "rchar")
            out.rchar = value;
        else if (key == "wchar")
            out.wchar = value;
        else if (key == "read_bytes")
            out.readBytes = value;
        else if (key == "write_bytes")
            out.writeBytes = value;
        else if (key == "cancelled_write_bytes")
            out.cancelledWriteBytes = value;
    }
    return out;
}

// The database and whatever WAL or shared-memory file is left next to it.
inline qint64 databaseBytes(const QString &path)
{
    qint64 total = 0;
    for (const QString &suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") })
        total += QFileInfo(path + suffix).size();
    return total;
}

// http://127.0.0.1:PORT/v1 -> http://127.0.0.1:PORT/stats
inline QUrl serverUrl(const QString &baseUrl, const QString &path)
{
    QUrl url(baseUrl);
    url.setPath(path);
    return url;
}

// One blocking request to the test server's control endpoints; empty object on failure.
inline QJsonObject serverCall(const QString &baseUrl, const QString &path, bool post = false)
{
    QNetworkAccessManager network;
    QNetworkRequest request(serverUrl(baseUrl, path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply
        = post ? network.post(request, QByteArrayLiteral("{}")) : network.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
    delete reply;
    return json;
}

inline QJsonObject serverStats(const QString &baseUrl)
{
    return serverCall(baseUrl, QStringLiteral("/stats"));
}

inline void resetServerStats(const QString &baseUrl)
{
    serverCall(baseUrl, QStringLiteral("/stats/reset"), true);
}

} // namespace SignalHub::Bench
