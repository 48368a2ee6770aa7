#pragma once

#include <QFile>
#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

// Damage to an SQLite file as a failing disk or a stray write leaves it, for the tests that a
// damaged store is named as such and nothing is made worse.
namespace SignalHub::Testing {

// The middle one of the leaf pages of `table` (1-based page numbers, as dbstat gives them); 0
// when it has none.
inline qint64 middleLeafPage(const QString &path, const QString &table)
{
    const QString connection = QStringLiteral("pagedamage");
    QList<qint64> pages;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        QSqlQuery query(db);
        if (db.open()
            && query.exec(QStringLiteral("SELECT pageno FROM dbstat WHERE name = '%1' AND "
                                         "pagetype = 'leaf' ORDER BY pageno")
                    .arg(table)))
            while (query.next())
                pages.append(query.value(0).toLongLong());
    }
    QSqlDatabase::removeDatabase(connection);
    return pages.isEmpty() ? 0 : pages.at(pages.size() / 2);
}

// Garbage over `bytes` of the file from `offset` on.
inline bool scribble(const QString &path, qint64 offset, qint64 bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite) || !file.seek(offset))
        return false;
    QByteArray garbage(bytes, Qt::Uninitialized);
    for (qsizetype i = 0; i < garbage.size(); ++i)
        garbage[i] = char((i * 7919 + 13) % 251);
    return file.write(garbage) == bytes;
}

} // namespace SignalHub::Testing
