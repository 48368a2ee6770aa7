#pragma once

#include "filesmodel.h"
#include "indextypes.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QTimer>

namespace SignalHub::Ui {

// One row per folder of the current run, each rolling up every file below it (its own and
// its subfolders'). Follows a FilesModel: inserted and changed file rows are queued and
// applied together on the next event loop turn (or by flush()), so a filesChanged batch costs
// at most one beginInsertRows and one dataChanged here.
class FolderRollupModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        FolderColumn,
        FilesColumn,
        ChunksColumn,
        TokensColumn,
        StatusColumn,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1, // numbers for numeric columns, text otherwise
        FractionRole, // chunks done / total in [0, 1], -1 when unknown
        StateRole, // FileProgress::State as int: Done, Failed or Running
        PathRole, // the folder's absolute path
    };

    struct Totals
    {
        int files = 0;
        int filesFinished = 0; // done or skipped
        int filesFailed = 0;
        qint64 chunksDone = 0;
        qint64 chunksFailed = 0;
        qint64 chunksTotal = 0;
        qint64 tokens = 0;
    };

    explicit FolderRollupModel(FilesModel *files, QObject *parent = nullptr);

    // Folders are named relative to the root holding them; with several roots the root's own
    // name comes first. Files outside every root roll up into their absolute folder only.
    void setRoots(const QStringList &roots);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void flush(); // applies queued file changes now
    int rowOf(const QString &absoluteFolder) const { return m_rows.value(absoluteFolder, -1); }
    QString folderPath(int row) const { return m_folders.at(row).path; }
    const Totals &totals(int row) const { return m_folders.at(row).totals; }
    SignalHub::Core::FileProgress::State state(int row) const;

private:
    struct Folder
    {
        QString path; // absolute, cleaned
        QString label;
        Totals totals;
    };
    struct Contribution // what one file last added to its folders
    {
        QList<int> folders;
        SignalHub::Core::FileProgress file;
    };

    void queueRows(int first, int last);
    void rebuild();
    void applyFile(const SignalHub::Core::FileProgress &f, QList<Folder> &added, int &firstChanged,
        int &lastChanged);
    QList<int> foldersFor(const QString &filePath, QList<Folder> &added);
    QString labelFor(const QString &folder, const QString &root) const;

    QPointer<FilesModel> m_source;
    QStringList m_roots; // cleaned
    QList<Folder> m_folders;
    QHash<QString, int> m_rows; // absolute folder -> row (rows never move)
    QHash<QString, Contribution> m_contributions; // file path -> contribution
    QSet<int> m_pendingRows; // source rows inserted or changed since the last flush
    QTimer m_flushTimer;
};

} // namespace SignalHub::Ui
