#include "mainwindow.h"

#include <QLabel>

namespace SignalHub::Ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Signal Hub"));
    auto *notYet = new QLabel(tr("The desktop window is not built yet. "
                                 "Use signalhub-cli from a terminal for now."),
                              this);
    notYet->setAlignment(Qt::AlignCenter);
    notYet->setWordWrap(true);
    setCentralWidget(notYet);
    resize(720, 480);
}

} // namespace SignalHub::Ui
