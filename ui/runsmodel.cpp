#include "runsmodel.h"

#include "storereader.h"

#include <QFuture>
#include <QLocale>
#include <QtConcurrentRun>

namespace SignalHub::Ui {

using namespace SignalHub::Core;

RunsModel::RunsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int RunsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RunsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RunsModel::statusName(const QString &status)
{
    // The store keeps these words; unknown ones (from a newer version) are shown as they are.
    if (status == u"running")
        return tr("running");
    if (status == u"finished")
        return tr("finished");
    if (status == u"cancelled")
        return tr("cancelled");
    if (status == u"stopped")
        return tr("stopped");
    if (status == u"failed")
        return tr("failed");
    if (status == u"interrupted")
        return tr("interrupted");
    return status;
}

QVariant RunsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RunRow &r = m_rows.at(index.row());
    if (role == SortRole) {
        switch (index.column()) {
        case IdColumn:
            return r.id;
        case StartedColumn:
            return r.started;
        case StoredColumn:
            return r.totals.stored;
        case FailedColumn:
            return r.totals.failed;
        case TokensColumn:
            return r.totals.tokens;
        case RequestsColumn:
            return r.totals.requests;
        case CostColumn:
            return r.totals.costUsd;
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() >= StoredColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    switch (index.column()) {
    case IdColumn:
        return r.id;
    case StartedColumn:
        return locale.toString(r.started.toLocalTime(), QLocale::ShortFormat);
    case ProviderColumn:
        return r.provider;
    case ModelColumn:
        return r.model;
    case StatusColumn:
        return statusName(r.status);
    case StoredColumn:
        return locale.toString(r.totals.stored);
    case FailedColumn:
        return locale.toString(r.totals.failed);
    case TokensColumn:
        return locale.toString(r.totals.tokens);
    case RequestsColumn:
        return locale.toString(r.totals.requests);
    case CostColumn:
        return QString(QStringLiteral("$") + locale.toString(r.totals.costUsd, 'f', 4));
    }
    return {};
}

QVariant RunsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("Run");
    case StartedColumn:
        return tr("Started");
    case ProviderColumn:
        return tr("Provider");
    case ModelColumn:
        return tr("Model");
    case StatusColumn:
        return tr("Status");
    case StoredColumn:
        return tr("Stored");
    case FailedColumn:
        return tr("Failed");
    case TokensColumn:
        return tr("Tokens");
    case RequestsColumn:
        return tr("Requests");
    case CostColumn:
        return tr("Cost");
    }
    return {};
}

void RunsModel::load(const QString &databasePath)
{
    const quint64 job = ++m_job;
    QtConcurrent::run([databasePath]() -> Result<QList<RunRow>> {
        if (!databasePath.isEmpty() && !StoreReader::exists(databasePath))
            return QList<RunRow>();
        auto reader = StoreReader::open(databasePath);
        if (!reader)
            return reader.error();
        return (*reader)->runs();
    }).then(this, [this, job](const Result<QList<RunRow>> &rows) {
        if (job != m_job)
            return;
        if (!rows) {
            Q_EMIT loadFailed(rows.errorMessage());
            return;
        }
        setRows(*rows);
        Q_EMIT loaded();
    });
}

void RunsModel::setRows(const QList<RunRow> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

double RunsModel::totalCost() const
{
    double sum = 0;
    for (const RunRow &r : m_rows)
        sum += r.totals.costUsd;
    return sum;
}

qint64 RunsModel::totalTokens() const
{
    qint64 sum = 0;
    for (const RunRow &r : m_rows)
        sum += r.totals.tokens;
    return sum;
}

} // namespace SignalHub::Ui
