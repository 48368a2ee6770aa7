#pragma once

#include "indextypes.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QTimer>

namespace SignalHub::Ui {

// One row per file of the current run, fed by Indexer::filesChanged. Rows are keyed by path:
// new files arrive in one beginInsertRows per batch (a long batch in slices, one per turn of
// the event loop), updates in one dataChanged per batch.
class FilesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        PathColumn,
        LanguageColumn,
        ChunksColumn,
        TokensColumn,
        StatusColumn,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1, // numbers for numeric columns, text otherwise
        FractionRole, // chunks done / total in [0, 1], -1 when unknown
        StateRole, // FileProgress::State as int
        FilterRole, // what the filter box matches: the absolute path, else the displayed text
    };

    explicit FilesModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Paths are shown relative to the root holding them; with several roots the root's own
    // name comes first. The tooltip keeps the absolute path.
    void setRoots(const QStringList &roots);
    static QString labelFor(const QString &path, const QStringList &roots);

    void update(const QList<SignalHub::Core::FileProgress> &files);
    void clear();
    // New rows inserted at once at most: the scan's list of every file (thousands), inserted
    // in one go through the files page's sorting proxy and view, held the GUI thread for
    // 12 ms (bench_guistall); the rest follow on the next turns, with paints in between.
    static constexpr int InsertSlice = 256;

    const SignalHub::Core::FileProgress &file(int row) const { return m_files.at(row); }
    int rowOf(const QString &path) const { return m_rows.value(path, -1); }
    int countIn(SignalHub::Core::FileProgress::State state) const;
    static QString stateName(SignalHub::Core::FileProgress::State state);

private:
    void insertWaiting();

    QList<SignalHub::Core::FileProgress> m_files;
    QHash<QString, int> m_rows;
    // New files not yet inserted, in order, and by path the row each will have: they go in
    // at the end, so m_waiting's first will be row m_files.size().
    QList<SignalHub::Core::FileProgress> m_waiting;
    QHash<QString, qsizetype> m_waitingRows;
    QTimer m_insertTimer;
    QStringList m_roots;
};

} // namespace SignalHub::Ui
