#pragma once

#include <QMainWindow>

namespace SignalHub::Ui {

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace SignalHub::Ui
