#pragma once

#include "storetypes.h"

#include <QWidget>

class QComboBox;
class QTableView;

namespace SignalHub::Ui {

class ReportModel;
class RunsModel;

// Every run of the store with its tokens and cost, and below it the cost report grouped the way
// "Report by" says, as the export writes it: the page asks for a file name and the grouping,
// the window loads and writes the report.
class RunsPage : public QWidget
{
    Q_OBJECT

public:
    RunsPage(RunsModel *model, ReportModel *report, QWidget *parent = nullptr);

    SignalHub::Core::ReportBy reportBy() const;

Q_SIGNALS:
    void exportRequested(const QString &path, SignalHub::Core::ReportBy by, bool json);
    void reportRequested(SignalHub::Core::ReportBy by);

private:
    void askExport(bool json);

    QTableView *m_view;
    QTableView *m_reportView;
    QComboBox *m_reportBy;
};

} // namespace SignalHub::Ui
