#include "folderrollupmodel.h"

#include "filename.h"
#include "filesmodel.h"
#include "paths.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <algorithm>

namespace SignalHub::Ui {

using SignalHub::Core::FileProgress;

namespace {
bool finished(FileProgress::State s)
{
    return s == FileProgress::State::Done || s == FileProgress::State::Skipped;
}

void add(FolderRollupModel::Totals &t, const FileProgress &f, int sign)
{
    t.files += sign;
    t.filesFinished += finished(f.state) ? sign : 0;
    t.filesFailed += f.state == FileProgress::State::Failed ? sign : 0;
    t.chunksDone += sign * qint64(f.chunksDone);
    t.chunksFailed += sign * qint64(f.chunksFailed);
    t.chunksTotal += sign * qint64(f.chunksTotal);
    t.tokens += sign * f.tokens;
}
} // namespace

FolderRollupModel::FolderRollupModel(FilesModel *files, QObject *parent)
    : QAbstractTableModel(parent)
    , m_source(files)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(0);
    connect(&m_flushTimer, &QTimer::timeout, this, &FolderRollupModel::flush);
    connect(files, &QAbstractItemModel::rowsInserted, this,
        [this](const QModelIndex &under, int first, int last) {
            if (!under.isValid())
                queueRows(first, last);
        });
    connect(files, &QAbstractItemModel::dataChanged, this,
        [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
            queueRows(topLeft.row(), bottomRight.row());
        });
    // FilesModel only appends and updates; anything else is rare enough to start over.
    connect(files, &QAbstractItemModel::modelReset, this, &FolderRollupModel::rebuild);
    connect(files, &QAbstractItemModel::rowsRemoved, this, &FolderRollupModel::rebuild);
    connect(files, &QAbstractItemModel::rowsMoved, this, &FolderRollupModel::rebuild);
    connect(files, &QAbstractItemModel::layoutChanged, this, &FolderRollupModel::rebuild);
    rebuild();
}

void FolderRollupModel::setRoots(const QStringList &roots)
{
    QStringList cleaned;
    for (const QString &root : roots)
        cleaned.append(QDir::cleanPath(QFileInfo(root).absoluteFilePath()));
    if (cleaned == m_roots)
        return;
    m_roots = cleaned;
    rebuild();
}

int FolderRollupModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_folders.size());
}

int FolderRollupModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

FileProgress::State FolderRollupModel::state(int row) const
{
    const Totals &t = m_folders.at(row).totals;
    if (t.filesFailed > 0)
        return FileProgress::State::Failed;
    if (t.files > 0 && t.filesFinished == t.files)
        return FileProgress::State::Done;
    return FileProgress::State::Running;
}

QVariant FolderRollupModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Folder &folder = m_folders.at(index.row());
    const Totals &t = folder.totals;
    const double fraction
        = t.chunksTotal > 0 ? double(t.chunksDone + t.chunksFailed) / double(t.chunksTotal) : -1.0;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case FolderColumn:
            return folder.label;
        case FilesColumn:
            return tr("%1 / %2").arg(t.filesFinished).arg(t.files);
        case ChunksColumn:
            return tr("%1 / %2").arg(t.chunksDone).arg(t.chunksTotal);
        case TokensColumn:
            return QLocale().toString(t.tokens);
        case StatusColumn:
            if (t.filesFailed > 0)
                return tr("%1 (%n file(s))", nullptr, t.filesFailed)
                    .arg(FilesModel::stateName(FileProgress::State::Failed));
            return FilesModel::stateName(state(index.row()));
        }
        return {};
    case Qt::ToolTipRole:
        return index.column() == FolderColumn ? QVariant(Core::FileName::display(folder.path))
                                              : QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() == TokensColumn || index.column() == FilesColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        switch (index.column()) {
        case FilesColumn:
            return t.files;
        case ChunksColumn:
            return t.chunksTotal > 0 ? double(t.chunksDone) / double(t.chunksTotal) : -1.0;
        case TokensColumn:
            return t.tokens;
        case StatusColumn:
            return int(state(index.row()));
        default:
            return folder.label;
        }
    case FractionRole:
        return fraction;
    case StateRole:
        return int(state(index.row()));
    case PathRole:
        return folder.path;
    }
    return {};
}

QVariant FolderRollupModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case FolderColumn:
        return tr("Folder");
    case FilesColumn:
        return tr("Files");
    case ChunksColumn:
        return tr("Chunks");
    case TokensColumn:
        return tr("Tokens");
    case StatusColumn:
        return tr("Status");
    }
    return {};
}

void FolderRollupModel::queueRows(int first, int last)
{
    for (int row = first; row <= last; ++row)
        m_pendingRows.insert(row);
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void FolderRollupModel::flush()
{
    m_flushTimer.stop();
    if (m_pendingRows.isEmpty() || !m_source)
        return;
    QList<int> rows(m_pendingRows.cbegin(), m_pendingRows.cend());
    m_pendingRows.clear();
    std::sort(rows.begin(), rows.end());
    QList<Folder> added;
    int firstChanged = -1;
    int lastChanged = -1;
    for (int row : std::as_const(rows)) {
        if (row < m_source->rowCount())
            applyFile(m_source->file(row), added, firstChanged, lastChanged);
    }
    if (firstChanged >= 0)
        Q_EMIT dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1));
    if (added.isEmpty())
        return;
    const int first = int(m_folders.size());
    beginInsertRows({}, first, first + int(added.size()) - 1);
    m_folders.append(added);
    endInsertRows();
}

void FolderRollupModel::rebuild()
{
    beginResetModel();
    m_folders.clear();
    m_rows.clear();
    m_contributions.clear();
    m_pendingRows.clear();
    m_flushTimer.stop();
    if (m_source) {
        QList<Folder> added;
        int first = -1;
        int last = -1;
        for (int row = 0; row < m_source->rowCount(); ++row)
            applyFile(m_source->file(row), added, first, last);
        m_folders = std::move(added);
    }
    endResetModel();
}

void FolderRollupModel::applyFile(
    const FileProgress &f, QList<Folder> &added, int &firstChanged, int &lastChanged)
{
    const int existing = int(m_folders.size());
    const auto totalsAt = [&](int row) -> Totals & {
        return row < existing ? m_folders[row].totals : added[row - existing].totals;
    };
    auto it = m_contributions.find(f.path);
    if (it == m_contributions.end())
        it = m_contributions.insert(f.path, Contribution { foldersFor(f.path, added), {} });
    else
        for (int row : std::as_const(it->folders))
            add(totalsAt(row), it->file, -1);
    it->file = f;
    for (int row : std::as_const(it->folders)) {
        add(totalsAt(row), f, +1);
        if (row < existing) {
            firstChanged = firstChanged < 0 ? row : std::min(firstChanged, row);
            lastChanged = std::max(lastChanged, row);
        }
    }
}

QList<int> FolderRollupModel::foldersFor(const QString &filePath, QList<Folder> &added)
{
    const QString dir = QDir::cleanPath(QFileInfo(filePath).absolutePath());
    QString root;
    for (const QString &r : std::as_const(m_roots)) {
        if (Core::isWithinFolder(dir, r) && r.size() > root.size())
            root = r;
    }
    QStringList chain { dir }; // the file's folder, then its parents up to the root
    if (!root.isEmpty()) {
        for (QString d = dir; d != root && d.size() > root.size();) {
            d = QFileInfo(d).path();
            chain.append(d);
        }
    }
    QList<int> rows;
    for (const QString &folder : std::as_const(chain)) {
        int row = m_rows.value(folder, -1);
        if (row < 0) {
            row = int(m_folders.size() + added.size());
            m_rows.insert(folder, row);
            added.append(Folder { folder, labelFor(folder, root), {} });
        }
        rows.append(row);
    }
    return rows;
}

QString FolderRollupModel::labelFor(const QString &folder, const QString &root) const
{
    // The only root reads "."; every other folder as the paths of its files do.
    if (folder == root && m_roots.size() == 1)
        return QStringLiteral(".");
    return FilesModel::labelFor(folder, m_roots);
}

} // namespace SignalHub::Ui
