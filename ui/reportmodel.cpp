#include "reportmodel.h"

#include "storereader.h"
#include "viewhelpers.h"

#include <QFuture>
#include <QLocale>
#include <QtConcurrentRun>

namespace SignalHub::Ui {

using namespace SignalHub::Core;

ReportModel::ReportModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int ReportModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ReportModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReportModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ReportRow &r = m_rows.at(index.row());
    if (role == SortRole) {
        switch (index.column()) {
        case TokensColumn:
            return r.tokens;
        case RequestsColumn:
            return r.requests.value_or(-1);
        case RetriesColumn:
            return r.retries.value_or(-1);
        case CostColumn:
            return r.costUsd;
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() != KeyColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    // Searches are billed too, but belong to no run.
    const auto count = [&locale](const std::optional<qint64> &n) {
        return n ? locale.toString(*n) : QStringLiteral("–");
    };
    switch (index.column()) {
    case KeyColumn:
        return m_by == ReportBy::Run && r.key == ReportRow::QueriesKey ? tr("searches") : r.key;
    case TokensColumn:
        return locale.toString(r.tokens);
    case RequestsColumn:
        return count(r.requests);
    case RetriesColumn:
        return count(r.retries);
    case CostColumn:
        return r.priceKnown ? dollars(r.costUsd) : tr("%1 (price unknown)").arg(dollars(r.costUsd));
    }
    return {};
}

QVariant ReportModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case KeyColumn:
        switch (m_by) {
        case ReportBy::Run:
            return tr("Run");
        case ReportBy::Model:
            return tr("Model");
        case ReportBy::Folder:
            return tr("Folder");
        case ReportBy::File:
            return tr("File");
        case ReportBy::Day:
            return tr("Day");
        }
        return {};
    case TokensColumn:
        return tr("Tokens");
    case RequestsColumn:
        return tr("Requests");
    case RetriesColumn:
        return tr("Retries");
    case CostColumn:
        return tr("Cost");
    }
    return {};
}

void ReportModel::load(const QString &databasePath, ReportBy by)
{
    const quint64 job = ++m_job;
    QtConcurrent::run([databasePath, by]() -> Result<QList<ReportRow>> {
        if (!databasePath.isEmpty() && !StoreReader::exists(databasePath))
            return QList<ReportRow>(); // nothing indexed yet (and readers never create one)
        auto reader = StoreReader::open(databasePath);
        if (!reader)
            return reader.error();
        return (*reader)->report(by);
    }).then(this, [this, job, by](const Result<QList<ReportRow>> &rows) {
        if (job != m_job)
            return;
        if (!rows) {
            Q_EMIT loadFailed(rows.errorMessage());
            return;
        }
        setRows(by, *rows);
        Q_EMIT loaded();
    });
}

void ReportModel::setRows(ReportBy by, const QList<ReportRow> &rows)
{
    beginResetModel();
    m_by = by;
    m_rows = rows;
    endResetModel();
}

} // namespace SignalHub::Ui
