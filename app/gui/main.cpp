#include "mainwindow.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("signalhub"));
    QApplication::setOrganizationName(QStringLiteral("signalhub"));
    QApplication::setApplicationVersion(QStringLiteral(SIGNALHUB_VERSION));
    SignalHub::Ui::MainWindow window;
    window.show();
    return QApplication::exec();
}
