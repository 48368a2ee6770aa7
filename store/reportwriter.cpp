#include "reportwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace SignalHub::Core {

QString ReportWriter::byName(ReportBy by)
{
    switch (by) {
    case ReportBy::Run:
        return QStringLiteral("run");
    case ReportBy::Model:
        return QStringLiteral("model");
    case ReportBy::Folder:
        return QStringLiteral("folder");
    case ReportBy::File:
        return QStringLiteral("file");
    case ReportBy::Day:
        return QStringLiteral("day");
    }
    return {};
}

std::optional<ReportBy> ReportWriter::byFromName(const QString &name)
{
    for (ReportBy by :
        { ReportBy::Run, ReportBy::Model, ReportBy::Folder, ReportBy::File, ReportBy::Day })
        if (byName(by) == name)
            return by;
    return std::nullopt;
}

QByteArray ReportWriter::csvCell(const QString &text)
{
    QString cell = text;
    if (!cell.isEmpty() && QStringView(u"=+-@\t\r").contains(cell.front()))
        cell.prepend(u'\'');
    cell.replace(u'"', QStringLiteral("\"\""));
    return '"' + cell.toUtf8() + '"';
}

QByteArray ReportWriter::csv(const QList<ReportRow> &rows, ReportBy by)
{
    QByteArray out = csvCell(byName(by)) + ",tokens,requests,retries,cost_usd,price_known\r\n";
    for (const ReportRow &row : rows) {
        out += csvCell(row.key) + ',' + QByteArray::number(row.tokens) + ','
            + (row.requests ? QByteArray::number(*row.requests) : QByteArray()) + ','
            + (row.retries ? QByteArray::number(*row.retries) : QByteArray()) + ','
            + QByteArray::number(row.costUsd, 'f', 6) + ',' + (row.priceKnown ? "true" : "false")
            + "\r\n";
    }
    return out;
}

QByteArray ReportWriter::json(const QList<ReportRow> &rows, ReportBy by)
{
    QJsonArray array;
    for (const ReportRow &row : rows) {
        QJsonObject object { { byName(by), row.key }, { QStringLiteral("tokens"), row.tokens },
            { QStringLiteral("cost_usd"), row.costUsd },
            { QStringLiteral("price_known"), row.priceKnown } };
        object.insert(
            QStringLiteral("requests"), row.requests ? QJsonValue(*row.requests) : QJsonValue());
        object.insert(
            QStringLiteral("retries"), row.retries ? QJsonValue(*row.retries) : QJsonValue());
        array.append(object);
    }
    return QJsonDocument(
        QJsonObject { { QStringLiteral("by"), byName(by) }, { QStringLiteral("rows"), array } })
        .toJson(QJsonDocument::Indented);
}

} // namespace SignalHub::Core
