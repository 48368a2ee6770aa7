#include "watchedfoldersmodel.h"

#include "filename.h"

#include <QLocale>

namespace SignalHub::Ui {

using namespace SignalHub::Core;

WatchedFoldersModel::WatchedFoldersModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int WatchedFoldersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WatchedFoldersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString WatchedFoldersModel::stateText(const Row &row) const
{
    if (!row.present)
        return tr("Not found: moved or deleted (Remove from Index drops it)");
    if (!row.wanted)
        return tr("Not watched");
    if (!m_elsewhere.isEmpty())
        return tr("Kept current by %1").arg(m_elsewhere);
    const Watcher::Folder &f = row.state;
    if (!f.held.isEmpty())
        return tr("Changes wait: %1").arg(f.held);
    if (f.waitingForGit)
        return tr("Waiting for git to finish");
    if (f.indexing)
        return tr("Indexing changes");
    if (f.watching && f.polledFolders > 0)
        return tr("Watched (%n folder(s) checked every few seconds)", nullptr, f.polledFolders);
    if (f.watching)
        return tr("Watched");
    if (!m_stopReason.isEmpty())
        return tr("Stopped: %1").arg(m_stopReason);
    return tr("Starting to watch…");
}

QVariant WatchedFoldersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (index.column()) {
    case FolderColumn:
        if (role == Qt::DisplayRole)
            return FileName::display(row.state.root);
        if (role == Qt::ToolTipRole)
            return row.identity.isEmpty()
                ? FileName::display(row.state.root)
                : tr("%1\nKnown as %2").arg(FileName::display(row.state.root), row.identity);
        if (role == Qt::CheckStateRole && row.present)
            return row.wanted ? Qt::Checked : Qt::Unchecked;
        break;
    case StateColumn:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return stateText(row);
        break;
    case UpToDateColumn:
        if (role == Qt::DisplayRole)
            return row.state.upToDate.isValid()
                ? QLocale().toString(row.state.upToDate.toLocalTime(), QLocale::ShortFormat)
                : QStringLiteral("–");
        break;
    default:
        break;
    }
    return {};
}

QVariant WatchedFoldersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case FolderColumn:
        return tr("Folder");
    case StateColumn:
        return tr("Kept current");
    case UpToDateColumn:
        return tr("Up to date at");
    default:
        return {};
    }
}

Qt::ItemFlags WatchedFoldersModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == FolderColumn && m_rows.at(index.row()).present)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

bool WatchedFoldersModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || index.column() != FolderColumn || role != Qt::CheckStateRole)
        return false;
    Row &row = m_rows[index.row()];
    if (!row.present)
        return false;
    const bool wanted = value.value<Qt::CheckState>() == Qt::Checked;
    if (row.wanted == wanted)
        return true;
    row.wanted = wanted;
    Q_EMIT dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    Q_EMIT watchToggled(row.state.root, wanted);
    return true;
}

void WatchedFoldersModel::setFolders(
    const QList<IndexedFolder> &folders, const QStringList &unwatched)
{
    beginResetModel();
    QList<Row> rows;
    for (const IndexedFolder &folder : folders) {
        Row row;
        // What the watcher said of a folder stays when the list is read again.
        for (const Row &old : std::as_const(m_rows))
            if (old.state.root == folder.root)
                row = old;
        row.state.root = folder.root;
        row.wanted = !unwatched.contains(folder.root);
        row.identity = folder.identity;
        row.present = folder.present;
        rows.append(row);
    }
    m_rows = std::move(rows);
    endResetModel();
}

QStringList WatchedFoldersModel::watchedRoots() const
{
    QStringList roots;
    for (const Row &row : m_rows)
        if (row.wanted && row.present)
            roots.append(row.state.root);
    return roots;
}

void WatchedFoldersModel::updateFolder(const Watcher::Folder &folder)
{
    m_stopReason.clear();
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].state.root != folder.root)
            continue;
        // The time it was last up to date outlives a watcher that stops.
        const QDateTime upToDate
            = folder.upToDate.isValid() ? folder.upToDate : m_rows[i].state.upToDate;
        m_rows[i].state = folder;
        m_rows[i].state.upToDate = upToDate;
        Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
    }
}

void WatchedFoldersModel::setWatchedElsewhere(const QString &holder)
{
    if (m_elsewhere == holder)
        return;
    m_elsewhere = holder;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

void WatchedFoldersModel::setStopped(const QString &reason)
{
    m_stopReason = reason;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

} // namespace SignalHub::Ui
