#include "runspage.h"

#include "icons.h"
#include "reportmodel.h"
#include "runsmodel.h"
#include "viewhelpers.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace SignalHub::Ui {

using namespace SignalHub::Core;

namespace {
// The export keeps ReportWriter's English keys ("run"); the window speaks the user's language.
QString byName(ReportBy by)
{
    switch (by) {
    case ReportBy::Run:
        return RunsPage::tr("run");
    case ReportBy::Model:
        return RunsPage::tr("model");
    case ReportBy::Folder:
        return RunsPage::tr("folder");
    case ReportBy::File:
        return RunsPage::tr("file");
    case ReportBy::Day:
        return RunsPage::tr("day");
    }
    return {};
}
} // namespace

RunsPage::RunsPage(RunsModel *model, ReportModel *report, QWidget *parent)
    : QWidget(parent)
    , m_view(tableFor(proxyFor(model, RunsModel::SortRole, this), QStringLiteral("runsView")))
    , m_reportView(
          tableFor(proxyFor(report, ReportModel::SortRole, this), QStringLiteral("reportView")))
    , m_reportBy(new QComboBox)
{
    m_reportView->horizontalHeader()->setSectionResizeMode(
        ReportModel::KeyColumn, QHeaderView::Stretch);
    m_reportView->horizontalHeader()->setStretchLastSection(false);
    m_view->sortByColumn(RunsModel::IdColumn, Qt::DescendingOrder);
    m_reportBy->setObjectName(QStringLiteral("reportBy"));
    for (ReportBy by :
        { ReportBy::Run, ReportBy::Model, ReportBy::Folder, ReportBy::File, ReportBy::Day })
        m_reportBy->addItem(byName(by), int(by));
    auto *byLabel = new QLabel(tr("Report &by:"));
    byLabel->setBuddy(m_reportBy);
    connect(m_reportBy, &QComboBox::currentIndexChanged, this,
        [this] { Q_EMIT reportRequested(reportBy()); });
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
    layout->addWidget(m_view, 3);
    layout->addLayout(buttons);
    layout->addWidget(m_reportView, 2);
}

ReportBy RunsPage::reportBy() const
{
    return ReportBy(m_reportBy->currentData().toInt());
}

void RunsPage::askExport(bool json)
{
    const QString filter = json ? tr("JSON (*.json)") : tr("CSV (*.csv)");
    const QString path = QFileDialog::getSaveFileName(window(), tr("Export cost report"),
        QDir::home().filePath(json ? QStringLiteral("signalhub-report.json")
                                   : QStringLiteral("signalhub-report.csv")),
        filter);
    if (!path.isEmpty())
        Q_EMIT exportRequested(path, reportBy(), json);
}

} // namespace SignalHub::Ui
