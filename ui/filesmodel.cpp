#include "filesmodel.h"

#include "filename.h"
#include "paths.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <algorithm>

namespace SignalHub::Ui {

using SignalHub::Core::FileProgress;

FilesModel::FilesModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_insertTimer.setSingleShot(true);
    m_insertTimer.setInterval(0);
    connect(&m_insertTimer, &QTimer::timeout, this, &FilesModel::insertWaiting);
}

int FilesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_files.size());
}

int FilesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString FilesModel::stateName(FileProgress::State state)
{
    switch (state) {
    case FileProgress::State::Pending:
        return tr("pending");
    case FileProgress::State::Running:
        return tr("running");
    case FileProgress::State::Done:
        return tr("done");
    case FileProgress::State::Skipped:
        return tr("skipped");
    case FileProgress::State::Failed:
        return tr("failed");
    }
    return {};
}

QVariant FilesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FileProgress &f = m_files.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case PathColumn:
            return labelFor(f.path, m_roots);
        case LanguageColumn:
            return f.language;
        case ChunksColumn:
            return tr("%1 / %2").arg(f.chunksDone).arg(f.chunksTotal);
        case TokensColumn:
            return QLocale().toString(f.tokens);
        case StatusColumn:
            if (f.reason.isEmpty())
                return stateName(f.state);
            return tr("%1: %2").arg(stateName(f.state), f.reason);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == StatusColumn || index.column() == PathColumn)
            return f.reason.isEmpty() ? f.path : f.path + u'\n' + f.reason;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == TokensColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        switch (index.column()) {
        case ChunksColumn:
            return f.chunksTotal > 0 ? double(f.chunksDone) / f.chunksTotal : -1.0;
        case TokensColumn:
            return f.tokens;
        case StatusColumn:
            return int(f.state);
        case PathColumn: // the same order as the labels, without computing one per comparison
            return f.path;
        default:
            return data(index, Qt::DisplayRole);
        }
    case FilterRole:
        return index.column() == PathColumn ? f.path : data(index, Qt::DisplayRole);
    case FractionRole:
        return f.chunksTotal > 0 ? double(f.chunksDone + f.chunksFailed) / f.chunksTotal : -1.0;
    case StateRole:
        return int(f.state);
    }
    return {};
}

QVariant FilesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PathColumn:
        return tr("File");
    case LanguageColumn:
        return tr("Language");
    case ChunksColumn:
        return tr("Chunks");
    case TokensColumn:
        return tr("Tokens");
    case StatusColumn:
        return tr("Status");
    }
    return {};
}

void FilesModel::setRoots(const QStringList &roots)
{
    QStringList cleaned;
    for (const QString &root : roots)
        cleaned.append(QDir::cleanPath(QFileInfo(root).absoluteFilePath()));
    if (cleaned == m_roots)
        return;
    m_roots = cleaned;
    if (!m_files.isEmpty())
        Q_EMIT dataChanged(
            index(0, PathColumn), index(rowCount() - 1, PathColumn), { Qt::DisplayRole });
}

QString FilesModel::labelFor(const QString &path, const QStringList &roots)
{
    QString root;
    for (const QString &r : roots) {
        if (Core::isWithinFolder(path, r) && r.size() > root.size())
            root = r;
    }
    if (root.isEmpty())
        return Core::FileName::display(path);
    if (path == root) // a file named on its own
        return Core::FileName::display(QFileInfo(path).fileName());
    const QString relative = QDir(root).relativeFilePath(path);
    if (roots.size() == 1)
        return Core::FileName::display(relative);
    return Core::FileName::display(QString(QFileInfo(root).fileName() + u'/' + relative));
}

void FilesModel::update(const QList<FileProgress> &files)
{
    int firstChanged = -1;
    int lastChanged = -1;
    for (const FileProgress &f : files) {
        if (const auto it = m_rows.constFind(f.path); it != m_rows.cend()) {
            m_files[*it] = f;
            firstChanged = firstChanged < 0 ? *it : std::min(firstChanged, *it);
            lastChanged = std::max(lastChanged, *it);
        } else if (const auto w = m_waitingRows.constFind(f.path); w != m_waitingRows.cend()) {
            m_waiting[*w - m_files.size()] = f; // a batch, or the next, may name a file twice
        } else {
            m_waitingRows.insert(f.path, m_files.size() + m_waiting.size());
            m_waiting.append(f);
        }
    }
    // One dataChanged over the span of changed rows: a run touches neighbouring rows.
    if (firstChanged >= 0)
        Q_EMIT dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1));
    if (!m_insertTimer.isActive())
        insertWaiting();
}

void FilesModel::insertWaiting()
{
    const int count = int(std::min<qsizetype>(InsertSlice, m_waiting.size()));
    if (count == 0)
        return;
    const int first = int(m_files.size());
    beginInsertRows({}, first, first + count - 1);
    for (int i = 0; i < count; ++i) {
        const FileProgress &f = m_waiting.at(i);
        m_waitingRows.remove(f.path);
        m_rows.insert(f.path, int(m_files.size()));
        m_files.append(f);
    }
    m_waiting.remove(0, count);
    endInsertRows();
    if (!m_waiting.isEmpty())
        m_insertTimer.start();
}

void FilesModel::clear()
{
    m_insertTimer.stop();
    m_waiting.clear();
    m_waitingRows.clear();
    if (m_files.isEmpty())
        return;
    beginResetModel();
    m_files.clear();
    m_rows.clear();
    endResetModel();
}

int FilesModel::countIn(FileProgress::State state) const
{
    return int(std::count_if(m_files.cbegin(), m_files.cend(),
        [state](const FileProgress &f) { return f.state == state; }));
}

} // namespace SignalHub::Ui
