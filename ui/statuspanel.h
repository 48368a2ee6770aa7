#pragma once

#include "indextypes.h"
#include "progresstracker.h"
#include "storetypes.h"

#include <QGroupBox>

class QLabel;
class QPushButton;

namespace SignalHub::Ui {

// The "This run" box: live counters of the run, its state, Pause/Resume/Cancel and the totals
// of the whole store. Shows what it is given and asks for the rest through its signals.
class StatusPanel : public QGroupBox
{
    Q_OBJECT

public:
    explicit StatusPanel(QWidget *parent = nullptr);

    // What the state line and the status bar say when a run ended.
    static QString describe(const SignalHub::Core::IndexSummary &summary);
    static QString cost(const SignalHub::Core::IndexSummary &summary);
    // What the run does right now: paused, cooling down, waiting on the server, retrying or
    // running at its rate.
    static QString stateOf(const SignalHub::Core::ProgressSnapshot &snapshot);
    // A request that has waited this long is shown as waited on.
    static constexpr qint64 WaitShownMs = 5000;

    // Every row at its full height: the form layout's own minimum lets a splitter squeeze
    // the rows until their text is clipped ("1,147" read "1.147").
    QSize minimumSizeHint() const override;

public Q_SLOTS:
    // A run starts: every counter goes back to a dash.
    void showStarting();
    void showCancelling();
    void showProgress(const SignalHub::Core::ProgressSnapshot &snapshot);
    void showSummary(const SignalHub::Core::IndexSummary &summary);
    void showStoreSummary(const SignalHub::Core::StatusSummary &summary);
    void showStoreError(const QString &error);
    void setRunState(bool running, bool paused);

Q_SIGNALS:
    void pauseRequested();
    void resumeRequested();
    void cancelRequested();
    // The user asks for the files older chunking rules cut (the run kept them) to be cut again.
    void rechunkRequested();

private:
    QLabel *m_done;
    QLabel *m_failedCount;
    QLabel *m_total;
    QLabel *m_tokens;
    QLabel *m_spent;
    QLabel *m_projected;
    QLabel *m_eta;
    QLabel *m_inFlight;
    QLabel *m_retries;
    QLabel *m_state;
    QPushButton *m_pauseButton;
    QPushButton *m_resumeButton;
    QPushButton *m_cancelButton;
    QLabel *m_olderCuts;
    QLabel *m_storeTotals;
};

} // namespace SignalHub::Ui
