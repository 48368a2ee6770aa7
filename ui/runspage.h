#pragma once

#include "storetypes.h"

#include <QWidget>

class QComboBox;
class QTableView;

namespace SignalHub::Ui {

class RunsModel;

// Every run of the store with its tokens and cost, and the cost report export: the page asks
// for a file name and the grouping, the window writes the report.
class RunsPage : public QWidget
{
    Q_OBJECT

public:
    explicit RunsPage(RunsModel *model, QWidget *parent = nullptr);

Q_SIGNALS:
    void exportRequested(const QString &path, SignalHub::Core::ReportBy by, bool json);

private:
    void askExport(bool json);

    QTableView *m_view;
    QComboBox *m_reportBy;
};

} // namespace SignalHub::Ui
