#include "writesession.h"

#include "storeconnection.h"

#include <QSqlQuery>

namespace SignalHub::Core {

WriteSession::WriteSession(StoreConnection &connection)
    : m_connection(connection)
{ }

Result<QSqlQuery *> WriteSession::exec(const QString &sql, const QVariantList &values)
{
    Result<QSqlQuery *> query = m_connection.prepared(sql);
    if (!query)
        return query;
    for (qsizetype i = 0; i < values.size(); ++i)
        (*query)->bindValue(int(i), values.at(i));
    if (Status status = m_connection.exec(**query); !status)
        return status.error();
    return query;
}

Result<qint64> WriteSession::run(const QString &sql, const QVariantList &values)
{
    Result<QSqlQuery *> query = exec(sql, values);
    if (!query)
        return query.error();
    const qint64 affected = (*query)->numRowsAffected();
    (*query)->finish();
    return affected;
}

Result<std::optional<QVariant>> WriteSession::value(const QString &sql, const QVariantList &values)
{
    Result<QSqlQuery *> query = exec(sql, values);
    if (!query)
        return query.error();
    std::optional<QVariant> result;
    if ((*query)->next())
        result = (*query)->value(0);
    if (Status read = finish(**query); !read)
        return read.error();
    return result;
}

Status WriteSession::control(const QString &sql)
{
    if (m_connection.isPostgres())
        return m_connection.exec(sql);
    Result<qint64> done = run(sql);
    return done ? Status() : Status(done.error());
}

Status WriteSession::finish(QSqlQuery &query)
{
    return m_connection.finish(query);
}

Result<qint64> WriteSession::insert(const QString &sql, const QVariantList &values)
{
    // PostgreSQL's tables have no row ids to report: the statement says the new id.
    if (m_connection.isPostgres()) {
        Result<std::optional<QVariant>> id = value(sql + QStringLiteral(" RETURNING id"), values);
        if (!id)
            return id.error();
        return id->value_or(QVariant(0)).toLongLong();
    }
    Result<QSqlQuery *> query = exec(sql, values);
    if (!query)
        return query.error();
    const qint64 id = (*query)->lastInsertId().toLongLong();
    (*query)->finish();
    return id;
}

} // namespace SignalHub::Core
