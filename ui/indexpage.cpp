#include "indexpage.h"

#include "filesmodel.h"
#include "folderrollupmodel.h"
#include "icons.h"
#include "progressdelegate.h"
#include "statuspanel.h"
#include "throughputchart.h"
#include "viewhelpers.h"

#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace SignalHub::Ui {

IndexPage::IndexPage(FilesModel *files, FolderRollupModel *folders, QWidget *parent)
    : QStackedWidget(parent)
    , m_filesProxy(proxyFor(files, FilesModel::SortRole, this))
    , m_foldersProxy(proxyFor(folders, FolderRollupModel::SortRole, this))
{
    addWidget(buildEmptyState());
    addWidget(buildRunView());
}

QList<QSplitter *> IndexPage::splitters() const
{
    return { m_runSplitter, m_topSplitter };
}

void IndexPage::setRecentFolders(const QStringList &folders)
{
    m_recent->clear();
    for (const QString &folder : folders) {
        auto *item = new QListWidgetItem(QDir::toNativeSeparators(folder), m_recent);
        item->setData(Qt::UserRole, folder);
    }
}

void IndexPage::showStoreSummary(const SignalHub::Core::StatusSummary &summary)
{
    m_indexed->setVisible(summary.files > 0);
    m_indexed->setText(
        tr("Already indexed: %1 and %2 from %3. Search them on the Search tab, or drop a "
           "folder to index more.")
            .arg(tr("%Ln file(s)", nullptr, int(summary.files)),
                tr("%Ln chunk(s)", nullptr, int(summary.chunks)),
                tr("%Ln folder(s)", nullptr, int(summary.sources))));
}

void IndexPage::showRunView()
{
    setCurrentIndex(1);
}

QWidget *IndexPage::buildEmptyState()
{
    auto *page = new QWidget;
    page->setObjectName(QStringLiteral("emptyState"));
    auto *zone = new QLabel(
        tr("<h2>Drop a folder here</h2><p>Signal Hub splits its files into chunks, embeds "
           "them with the model chosen in Settings and keeps the vectors for search.</p>"));
    zone->setObjectName(QStringLiteral("dropZone"));
    zone->setAlignment(Qt::AlignCenter);
    zone->setWordWrap(true);
    zone->setMinimumHeight(220);
    zone->setStyleSheet(
        QStringLiteral("QLabel#dropZone { border: 2px dashed palette(mid); border-radius: 12px; "
                       "padding: 24px; }"));
    auto *add = new QPushButton(tr("&Add folder…"));
    add->setObjectName(QStringLiteral("addFolderButton"));
    add->setIcon(Icons::addFolder());
    connect(add, &QPushButton::clicked, this, &IndexPage::addFolderRequested);
    m_recent = new QListWidget;
    m_recent->setObjectName(QStringLiteral("recentFolders"));
    m_recent->setAccessibleName(tr("Recent folders"));
    connect(m_recent, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        Q_EMIT indexRequested({ item->data(Qt::UserRole).toString() });
    });
    auto *recentLabel = new QLabel(tr("Re&cent folders (press Enter to index again):"));
    recentLabel->setBuddy(m_recent);
    m_indexed = new QLabel;
    m_indexed->setObjectName(QStringLiteral("alreadyIndexed"));
    m_indexed->setWordWrap(true);
    m_indexed->setAlignment(Qt::AlignCenter);
    m_indexed->hide();
    auto *layout = new QVBoxLayout(page);
    layout->addStretch(1);
    layout->addWidget(m_indexed);
    layout->addWidget(zone);
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(add);
    row->addStretch(1);
    layout->addLayout(row);
    layout->addWidget(recentLabel);
    layout->addWidget(m_recent, 1);
    return page;
}

QWidget *IndexPage::buildRunView()
{
    m_chart = new ThroughputChart;
    m_chart->setObjectName(QStringLiteral("throughputChart"));
    m_chart->setMinimumHeight(200);
    m_topSplitter = new QSplitter(Qt::Horizontal);
    m_topSplitter->setObjectName(QStringLiteral("topSplitter"));
    m_status = new StatusPanel;
    m_topSplitter->addWidget(m_status);
    m_topSplitter->addWidget(m_chart);
    m_topSplitter->setStretchFactor(1, 1);

    m_filesFilter = new QLineEdit;
    m_filesFilter->setObjectName(QStringLiteral("filesFilter"));
    m_filesFilter->setPlaceholderText(tr("Filter files (path, language or status)…"));
    m_filesFilter->setClearButtonEnabled(true);
    m_filesProxy->setFilterRole(FilesModel::FilterRole); // absolute paths: a folder's filter works
    connect(m_filesFilter, &QLineEdit::textChanged, m_filesProxy,
        &QSortFilterProxyModel::setFilterFixedString);
    m_filesView = tableFor(m_filesProxy, QStringLiteral("filesView"));
    m_filesView->setItemDelegateForColumn(FilesModel::ChunksColumn,
        new ProgressDelegate(FilesModel::FractionRole, FilesModel::StateRole, m_filesView));
    m_filesView->horizontalHeader()->setSectionResizeMode(
        FilesModel::PathColumn, QHeaderView::Stretch);
    m_filesView->horizontalHeader()->setStretchLastSection(false);
    m_filesView->setColumnWidth(FilesModel::ChunksColumn, 140);
    auto *bottom = new QWidget;
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(m_filesFilter);
    m_filesTabs = new QTabWidget;
    m_filesTabs->setObjectName(QStringLiteral("filesTabs"));
    m_filesTabs->addTab(m_filesView, tr("Fi&les"));
    m_filesTabs->addTab(buildFoldersView(), tr("F&olders"));
    bottomLayout->addWidget(m_filesTabs);

    m_runSplitter = new QSplitter(Qt::Vertical);
    m_runSplitter->setObjectName(QStringLiteral("runSplitter"));
    m_runSplitter->addWidget(m_topSplitter);
    m_runSplitter->addWidget(bottom);
    m_runSplitter->setStretchFactor(1, 1);
    return m_runSplitter;
}

QWidget *IndexPage::buildFoldersView()
{
    m_foldersView = tableFor(m_foldersProxy, QStringLiteral("foldersView"));
    m_foldersView->setItemDelegateForColumn(FolderRollupModel::ChunksColumn,
        new ProgressDelegate(
            FolderRollupModel::FractionRole, FolderRollupModel::StateRole, m_foldersView));
    m_foldersView->horizontalHeader()->setSectionResizeMode(
        FolderRollupModel::FolderColumn, QHeaderView::Stretch);
    m_foldersView->horizontalHeader()->setStretchLastSection(false);
    m_foldersView->setColumnWidth(FolderRollupModel::ChunksColumn, 140);
    m_foldersView->setToolTip(tr("Double-click a folder to list its files"));
    // The trailing separator keeps /src/app from also matching /src/apple.
    connect(m_foldersView, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const QString folder = index.data(FolderRollupModel::PathRole).toString();
        m_filesFilter->setText(folder.endsWith(u'/') ? folder : QString(folder + u'/'));
        m_filesTabs->setCurrentWidget(m_filesView);
    });
    return m_foldersView;
}

} // namespace SignalHub::Ui
