#include "runspage.h"

#include "icons.h"
#include "reportwriter.h"
#include "runsmodel.h"
#include "viewhelpers.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace SignalHub::Ui {

using namespace SignalHub::Core;

RunsPage::RunsPage(RunsModel *model, QWidget *parent)
    : QWidget(parent)
    , m_view(tableFor(proxyFor(model, RunsModel::SortRole, this), QStringLiteral("runsView")))
    , m_reportBy(new QComboBox)
{
    m_view->sortByColumn(RunsModel::IdColumn, Qt::DescendingOrder);
    m_reportBy->setObjectName(QStringLiteral("reportBy"));
    for (ReportBy by :
        { ReportBy::Run, ReportBy::Model, ReportBy::Folder, ReportBy::File, ReportBy::Day })
        m_reportBy->addItem(ReportWriter::byName(by), int(by));
    auto *byLabel = new QLabel(tr("Report &by:"));
    byLabel->setBuddy(m_reportBy);
    auto exportButton = [this](const QString &text, bool json) {
        auto *button = new QPushButton(text);
        button->setIcon(Icons::exportReport());
        connect(button, &QPushButton::clicked, this, [this, json] { askExport(json); });
        return button;
    };
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(byLabel);
    buttons->addWidget(m_reportBy);
    buttons->addWidget(exportButton(tr("Export &CSV…"), false));
    buttons->addWidget(exportButton(tr("Export &JSON…"), true));
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view);
    layout->addLayout(buttons);
}

void RunsPage::askExport(bool json)
{
    const QString filter = json ? tr("JSON (*.json)") : tr("CSV (*.csv)");
    const QString path = QFileDialog::getSaveFileName(window(), tr("Export cost report"),
        QDir::home().filePath(json ? QStringLiteral("signalhub-report.json")
                                   : QStringLiteral("signalhub-report.csv")),
        filter);
    if (!path.isEmpty())
        Q_EMIT exportRequested(path, ReportBy(m_reportBy->currentData().toInt()), json);
}

} // namespace SignalHub::Ui
