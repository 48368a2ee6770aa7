#include "failedmodel.h"

#include "filename.h"
#include "storereader.h"

#include <QFuture>
#include <QtConcurrentRun>

namespace SignalHub::Ui {

using namespace SignalHub::Core;

FailedModel::FailedModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int FailedModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FailedModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FailedModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FailedChunk &f = m_rows.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case LocationColumn:
            return tr("%1:%2-%3")
                .arg(FileName::display(f.chunk.path))
                .arg(f.chunk.startLine)
                .arg(f.chunk.endLine);
        case ReasonColumn:
            return f.reason;
        case HttpColumn:
            return f.httpStatus > 0 ? QString::number(f.httpStatus) : tr("none");
        case AttemptsColumn:
            return f.attempts;
        }
    }
    if (role == SortRole) {
        switch (index.column()) {
        case HttpColumn:
            return f.httpStatus;
        case AttemptsColumn:
            return f.attempts;
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    return {};
}

QVariant FailedModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case LocationColumn:
        return tr("Chunk");
    case ReasonColumn:
        return tr("Reason");
    case HttpColumn:
        return tr("HTTP status");
    case AttemptsColumn:
        return tr("Attempts");
    }
    return {};
}

void FailedModel::load(const QString &databasePath)
{
    const quint64 job = ++m_job;
    m_loading = true;
    QtConcurrent::run([databasePath]() -> Result<QList<FailedChunk>> {
        if (!databasePath.isEmpty() && !StoreReader::exists(databasePath))
            return QList<FailedChunk>(); // nothing indexed yet (and readers never create a
                                         // database)
        auto reader = StoreReader::open(databasePath);
        if (!reader)
            return reader.error();
        return (*reader)->failedChunks();
    }).then(this, [this, job](const Result<QList<FailedChunk>> &rows) {
        if (job != m_job)
            return;
        m_loading = false;
        if (!rows) {
            Q_EMIT loadFailed(rows.errorMessage());
            return;
        }
        setRows(*rows);
        Q_EMIT loaded();
    });
}

void FailedModel::setRows(const QList<FailedChunk> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

} // namespace SignalHub::Ui
