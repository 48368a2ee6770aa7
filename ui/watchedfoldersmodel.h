#pragma once

#include "watcher.h"

#include <QAbstractTableModel>
#include <QStringList>

namespace SignalHub::Ui {

// The indexed folders and how each is kept current: watched or not (the user's choice, a
// check box), what the watcher does with it, and when it was last brought up to date.
class WatchedFoldersModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        FolderColumn,
        StateColumn,
        UpToDateColumn,
        ColumnCount
    };

    // An indexed folder as the store knows it.
    struct IndexedFolder
    {
        QString root;
        QString identity; // SourceIdentity, empty when known by its path
        bool present = true; // false: moved or deleted since; it can only be removed
    };

    explicit WatchedFoldersModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    // The indexed folders, and those of them the user does not want watched.
    void setFolders(const QList<IndexedFolder> &folders, const QStringList &unwatched);
    QStringList watchedRoots() const;
    void updateFolder(const SignalHub::Core::Watcher::Folder &folder);
    // Another process keeps the database current (empty: none): every folder says so.
    void setWatchedElsewhere(const QString &holder);
    // Nothing watches any more: the reason, or empty when watching was stopped on purpose.
    void setStopped(const QString &reason);

Q_SIGNALS:
    void watchToggled(const QString &root, bool watched);

private:
    struct Row
    {
        SignalHub::Core::Watcher::Folder state;
        bool wanted = true;
        QString identity;
        bool present = true;
    };
    QString stateText(const Row &row) const;

    QList<Row> m_rows;
    QString m_elsewhere;
    QString m_stopReason;
};

} // namespace SignalHub::Ui
