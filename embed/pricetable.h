#pragma once

#include "result.h"

#include <QHash>
#include <QString>
#include <optional>

namespace SignalHub::Core {

// Dollars per million tokens by model: the built-in table, then the user's overrides
// (a prices.json in the config folder, same shape), then an explicit --price.
class PriceTable
{
public:
    static PriceTable builtIn();
    // Adds (and overrides with) the prices in a JSON file {"models": {"name": usd, ...}}.
    Status merge(const QString &jsonPath);
    static QString userFilePath();

    std::optional<double> usdPerMillion(const QString &model) const;
    void set(const QString &model, double usdPerMillion) { m_prices.insert(model, usdPerMillion); }
    const QHash<QString, double> &all() const { return m_prices; }

private:
    Status mergeJson(const QByteArray &json, const QString &origin);
    QHash<QString, double> m_prices;
};

} // namespace SignalHub::Core
