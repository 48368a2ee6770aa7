#include "storerows.h"

#include "paths.h"
#include "storeconnection.h"

#include <QLocale>
#include <QSqlQuery>

namespace SignalHub::Core {

const QString &StoreRows::chunkColumns()
{
    static const QString columns = QStringLiteral(
        "c.id, c.file_id, %1, c.start_line, c.end_line, c.start_col, c.end_col, c.byte_start, "
        "c.byte_end, t.hash, c.tokens, c.state")
                                       .arg(absolutePathSql());
    return columns;
}

const QString &StoreRows::absolutePathSql()
{
    // rtrim: the root "/" is the one root that ends with a separator.
    static const QString sql = QStringLiteral(
        "(CASE f.path WHEN '' THEN s.root ELSE rtrim(s.root, '/') || '/' || f.path END)");
    return sql;
}

std::optional<QString> StoreRows::relativePath(const QString &root, const QString &path)
{
    if (path == root)
        return QStringLiteral("");
    if (!isWithinFolder(path, root))
        return std::nullopt;
    const qsizetype prefix = root.endsWith(u'/') ? root.size() : root.size() + 1;
    return path.mid(prefix);
}

QString StoreRows::absolutePath(const QString &root, const QString &relative)
{
    if (relative.isEmpty())
        return root;
    return (root.endsWith(u'/') ? root : root + u'/') + relative;
}

ChunkRow StoreRows::chunk(const QSqlQuery &query, int first)
{
    const auto column = [&query, first](int i) { return query.value(first + i); };
    ChunkRow row;
    row.id = column(0).toLongLong();
    row.fileId = column(1).toLongLong();
    row.path = column(2).toString();
    row.startLine = column(3).toInt();
    row.endLine = column(4).toInt();
    row.startColumn = column(5).isNull() ? -1 : column(5).toInt();
    row.endColumn = column(6).isNull() ? -1 : column(6).toInt();
    row.byteStart = column(7).toLongLong();
    row.byteEnd = column(8).toLongLong();
    row.textHash = column(9).toByteArray();
    row.tokens = column(10).toInt();
    row.state = ChunkState(column(11).toInt());
    return row;
}

Result<QList<ChunkRow>> StoreRows::chunks(const StoreConnection &connection, QSqlQuery &query)
{
    QList<ChunkRow> rows;
    while (query.next())
        rows.append(chunk(query));
    if (Status read = connection.finish(query); !read)
        return read.error();
    return rows;
}

Result<QList<SourceSpace>> StoreRows::sources(StoreConnection &connection)
{
    Result<QSqlQuery *> q = connection.prepared(QStringLiteral(
        "SELECT id, root, coalesce(space_id, 0), identity FROM sources ORDER BY id"));
    if (!q)
        return q.error();
    if (Status status = connection.exec(**q); !status)
        return status.error();
    QList<SourceSpace> sources;
    while ((*q)->next())
        sources.append({ (*q)->value(0).toLongLong(), (*q)->value(1).toString(),
            (*q)->value(2).toLongLong(), (*q)->value(3).toString() });
    if (Status read = connection.finish(**q); !read)
        return read.error();
    return sources;
}

QVariantList StoreRows::spaceKey(const EmbeddingSpace &space)
{
    return { space.provider, text(EmbeddingSpace::normaliseBaseUrl(space.baseUrl)), space.model,
        space.dimensions, text(space.assetHash) };
}

QString StoreRows::text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

qint64 StoreRows::msecs(const QDateTime &time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch();
}

QDateTime StoreRows::dateTime(const QVariant &msecs)
{
    return msecs.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(msecs.toLongLong());
}

QVariant StoreRows::vector(const StoreConnection &connection, const QList<float> &vector)
{
    if (!connection.isPostgres())
        return QByteArray(reinterpret_cast<const char *>(vector.constData()),
            vector.size() * qsizetype(sizeof(float)));
    QByteArray text;
    text.reserve(vector.size() * 12 + 2);
    text += '[';
    for (qsizetype i = 0; i < vector.size(); ++i) {
        if (i > 0)
            text += ',';
        text += QByteArray::number(vector[i], 'g', QLocale::FloatingPointShortest);
    }
    text += ']';
    return QString::fromLatin1(text);
}

QByteArray StoreRows::vectorBytes(const StoreConnection &connection, const QVariant &value)
{
    if (!connection.isPostgres())
        return value.toByteArray();
    const QByteArray text = value.toString().toLatin1();
    if (!text.startsWith('[') || !text.endsWith(']'))
        return {};
    QByteArray bytes;
    const QByteArrayView digits = QByteArrayView(text).sliced(1, text.size() - 2);
    if (digits.isEmpty())
        return bytes;
    bytes.reserve((digits.count(',') + 1) * qsizetype(sizeof(float)));
    for (qsizetype start = 0; start <= digits.size();) {
        qsizetype end = digits.indexOf(',', start);
        if (end < 0)
            end = digits.size();
        bool ok = false;
        const float x = digits.sliced(start, end - start).toFloat(&ok);
        if (!ok)
            return {};
        bytes.append(reinterpret_cast<const char *>(&x), sizeof(float));
        start = end + 1;
    }
    return bytes;
}

} // namespace SignalHub::Core
