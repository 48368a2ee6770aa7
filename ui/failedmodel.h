#pragma once

#include "storetypes.h"

#include <QAbstractTableModel>
#include <QList>

namespace SignalHub::Ui {

// Failed chunks of the store with their reasons. load() reads the store on a worker thread
// (its own StoreReader) and swaps the rows in on the GUI thread; an older load that ends
// after a newer one started is dropped.
class FailedModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        LocationColumn,
        ReasonColumn,
        HttpColumn,
        AttemptsColumn,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1
    };

    explicit FailedModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void load(const QString &databasePath);
    void setRows(const QList<SignalHub::Core::FailedChunk> &rows);
    const SignalHub::Core::FailedChunk &chunk(int row) const { return m_rows.at(row); }
    bool isLoading() const { return m_loading; }

Q_SIGNALS:
    void loaded();
    void loadFailed(const QString &message);

private:
    QList<SignalHub::Core::FailedChunk> m_rows;
    quint64 m_job = 0;
    bool m_loading = false;
};

} // namespace SignalHub::Ui
