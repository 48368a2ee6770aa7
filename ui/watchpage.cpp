#include "watchpage.h"

#include "viewhelpers.h"
#include "watchedfoldersmodel.h"

#include <QHeaderView>
#include <QLabel>
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
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(about);
    layout->addWidget(view);
}

} // namespace SignalHub::Ui
