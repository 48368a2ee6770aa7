#pragma once

#include "storetypes.h"

#include <QAbstractTableModel>
#include <QList>

namespace SignalHub::Ui {

// The runs of the store with their totals and costs, read on a worker thread.
class RunsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        IdColumn,
        StartedColumn,
        ProviderColumn,
        ModelColumn,
        StatusColumn,
        StoredColumn,
        FailedColumn,
        TokensColumn,
        RequestsColumn,
        CostColumn,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1
    };

    explicit RunsModel(QObject *parent = nullptr);

    // A run's status as the store records it ("finished"), in the user's language.
    static QString statusName(const QString &status);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void load(const QString &databasePath);
    void setRows(const QList<SignalHub::Core::RunRow> &rows);
    const SignalHub::Core::RunRow &run(int row) const { return m_rows.at(row); }
    double totalCost() const;
    qint64 totalTokens() const;

Q_SIGNALS:
    void loaded();
    void loadFailed(const QString &message);

private:
    QList<SignalHub::Core::RunRow> m_rows;
    quint64 m_job = 0;
};

} // namespace SignalHub::Ui
