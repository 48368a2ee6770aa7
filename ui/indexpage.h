#pragma once

#include "storetypes.h"

#include <QStackedWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QSortFilterProxyModel;
class QSplitter;
class QTabWidget;
class QTableView;

namespace SignalHub::Ui {

class FilesModel;
class FolderRollupModel;
class StatusPanel;
class ThroughputChart;

// The Index tab: before the first run a drop zone with the recent folders, then the run view
// (status box, throughput chart, files and folders). Starting runs is asked of the window.
class IndexPage : public QStackedWidget
{
    Q_OBJECT

public:
    IndexPage(FilesModel *files, FolderRollupModel *folders, QWidget *parent = nullptr);

    StatusPanel *statusPanel() const { return m_status; }
    ThroughputChart *chart() const { return m_chart; }
    // Their object names are the keys their states are remembered under.
    QList<QSplitter *> splitters() const;
    void setRecentFolders(const QStringList &folders);
    // What the store already holds, for the start page (hidden while it holds nothing).
    void showStoreSummary(const SignalHub::Core::StatusSummary &summary);
    void showRunView();

Q_SIGNALS:
    void addFolderRequested();
    void indexRequested(const QStringList &roots);

private:
    QWidget *buildEmptyState();
    QWidget *buildRunView();
    QWidget *buildFoldersView();

    QSortFilterProxyModel *m_filesProxy;
    QSortFilterProxyModel *m_foldersProxy;
    QListWidget *m_recent = nullptr;
    QLabel *m_indexed = nullptr;
    StatusPanel *m_status = nullptr;
    ThroughputChart *m_chart = nullptr;
    QLineEdit *m_filesFilter = nullptr;
    QTableView *m_filesView = nullptr;
    QTabWidget *m_filesTabs = nullptr; // files, folders
    QTableView *m_foldersView = nullptr;
    QSplitter *m_runSplitter = nullptr;
    QSplitter *m_topSplitter = nullptr;
};

} // namespace SignalHub::Ui
