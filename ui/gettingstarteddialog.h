#pragma once

#include <QCoreApplication>
#include <QDialog>

class QListWidget;
class QTextBrowser;

namespace SignalHub::Ui {

// Help > Getting started: the few steps of a first run, then the README (built into the
// program) with its sections listed beside it; choosing one shows it.
class GettingStartedDialog : public QDialog
{
    Q_DECLARE_TR_FUNCTIONS(GettingStartedDialog)

public:
    explicit GettingStartedDialog(QWidget *parent = nullptr);

    // The README's section titles, in order, as listed.
    QStringList sections() const;
    // Shows the section listed at `row`.
    void showSection(int row);

private:
    QListWidget *m_sections;
    QTextBrowser *m_readme;
};

} // namespace SignalHub::Ui
