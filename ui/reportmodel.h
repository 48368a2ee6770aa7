#pragma once

#include "storetypes.h"

#include <QAbstractTableModel>
#include <QList>

namespace SignalHub::Ui {

// The cost report of the store grouped one way (by run, model, folder, file or day): what the
// export writes, shown in the window. Loaded off the GUI thread; a newer load replaces an
// older one still under way.
class ReportModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        KeyColumn,
        TokensColumn,
        RequestsColumn,
        RetriesColumn,
        CostColumn,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1
    };

    explicit ReportModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void load(const QString &databasePath, SignalHub::Core::ReportBy by);
    void setRows(SignalHub::Core::ReportBy by, const QList<SignalHub::Core::ReportRow> &rows);
    SignalHub::Core::ReportBy by() const { return m_by; }
    const SignalHub::Core::ReportRow &row(int row) const { return m_rows.at(row); }

Q_SIGNALS:
    void loaded();
    void loadFailed(const QString &message);

private:
    SignalHub::Core::ReportBy m_by = SignalHub::Core::ReportBy::Run;
    QList<SignalHub::Core::ReportRow> m_rows;
    quint64 m_job = 0;
};

} // namespace SignalHub::Ui
