#include "watchpage.h"

#include "icons.h"
#include "viewhelpers.h"
#include "watchedfoldersmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace SignalHub::Ui {

WatchPage::WatchPage(WatchedFoldersModel *model, QWidget *parent)
    : QWidget(parent)
{
    QTableView *view = tableFor(model, QStringLiteral("watchedFoldersView"));
    view->setSortingEnabled(false);
    view->horizontalHeader()->setSectionResizeMode(
        WatchedFoldersModel::StateColumn, QHeaderView::Stretch);
    auto *about = new QLabel(tr("Indexed folders are kept current while Signal Hub runs: a saved, "
                                "renamed or deleted file is indexed again within seconds. Clear a "
                                "folder's box to stop watching it."));
    about->setWordWrap(true);
    auto *remove = new QPushButton(tr("&Remove from Index…"));
    remove->setObjectName(QStringLiteral("removeFolder"));
    remove->setIcon(Icons::remove());
    remove->setToolTip(tr("Drop the selected folder's files, chunks and the vectors no other "
                          "folder uses from the index. The folder itself is not touched."));
    remove->setEnabled(false);
    connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, remove,
        [view, remove] { remove->setEnabled(view->selectionModel()->hasSelection()); });
    connect(remove, &QPushButton::clicked, this, [this, view, model] {
        const QModelIndexList rows = view->selectionModel()->selectedRows();
        if (!rows.isEmpty())
            Q_EMIT removeRequested(
                model->index(rows.first().row(), WatchedFoldersModel::FolderColumn)
                    .data()
                    .toString());
    });
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(remove);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(about);
    layout->addWidget(view);
    layout->addLayout(buttons);
}

} // namespace SignalHub::Ui
