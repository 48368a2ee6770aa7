#include "pricetable.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

namespace SignalHub::Core {

PriceTable PriceTable::builtIn()
{
    PriceTable table;
    QFile file(QStringLiteral(":/signalhub/prices.json"));
    if (file.open(QIODevice::ReadOnly)) {
        const Status merged = table.mergeJson(file.readAll(), file.fileName());
        Q_ASSERT(merged.ok());
    }
    return table;
}

QString PriceTable::userFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
        + QStringLiteral("/prices.json");
}

Status PriceTable::merge(const QString &jsonPath)
{
    QFile file(jsonPath);
    if (!file.open(QIODevice::ReadOnly))
        return Error { QCoreApplication::translate("PriceTable", "cannot read prices from %1: %2")
                .arg(jsonPath, file.errorString()) };
    return mergeJson(file.readAll(), jsonPath);
}

Status PriceTable::mergeJson(const QByteArray &json, const QString &origin)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    const QJsonValue models = doc.object().value(u"models");
    if (!doc.isObject() || !models.isObject())
        return Error { QCoreApplication::translate("PriceTable",
            "%1 is not a price table: expected "
            "{\"models\": {\"model name\": dollars per 1M tokens}} (%2)")
                .arg(origin, error.errorString()) };
    const QJsonObject table = models.toObject();
    for (auto it = table.begin(); it != table.end(); ++it) {
        if (!it.value().isDouble() || it.value().toDouble() < 0)
            return Error { QCoreApplication::translate(
                "PriceTable", "%1: the price of %2 is not a number ≥ 0")
                    .arg(origin, it.key()) };
        m_prices.insert(it.key(), it.value().toDouble());
    }
    return {};
}

std::optional<double> PriceTable::usdPerMillion(const QString &model) const
{
    if (const auto it = m_prices.constFind(model); it != m_prices.cend())
        return *it;
    return std::nullopt;
}

} // namespace SignalHub::Core
