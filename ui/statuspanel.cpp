#include "statuspanel.h"

#include "icons.h"
#include "viewhelpers.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTime>
#include <QVBoxLayout>

namespace SignalHub::Ui {

using namespace SignalHub::Core;

namespace {
QString duration(double seconds)
{
    if (seconds < 0)
        return StatusPanel::tr("unknown");
    const qint64 s = qint64(seconds + 0.5);
    if (s < 60)
        return StatusPanel::tr("%1 s").arg(s);
    if (s < 3600)
        return StatusPanel::tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return StatusPanel::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

// After the run: nothing is left only when it completed.
QString timeLeft(IndexSummary::Outcome outcome)
{
    switch (outcome) {
    case IndexSummary::Outcome::Completed:
        return StatusPanel::tr("done");
    case IndexSummary::Outcome::Cancelled:
        return StatusPanel::tr("none: cancelled");
    case IndexSummary::Outcome::Fatal:
        return StatusPanel::tr("none: stopped");
    }
    return {};
}

QString files(qint64 count)
{
    return StatusPanel::tr("%Ln file(s)", nullptr, int(count));
}

QString chunks(qint64 count)
{
    return StatusPanel::tr("%Ln chunk(s)", nullptr, int(count));
}

QLabel *valueLabel(const QString &name)
{
    auto *label = new QLabel(QStringLiteral("–"));
    label->setObjectName(name);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}
} // namespace

StatusPanel::StatusPanel(QWidget *parent)
    : QGroupBox(tr("This run"), parent)
    , m_done(valueLabel(QStringLiteral("statusDone")))
    , m_failedCount(valueLabel(QStringLiteral("statusFailed")))
    , m_total(valueLabel(QStringLiteral("statusTotal")))
    , m_tokens(valueLabel(QStringLiteral("statusTokens")))
    , m_spent(valueLabel(QStringLiteral("statusSpent")))
    , m_projected(valueLabel(QStringLiteral("statusProjected")))
    , m_eta(valueLabel(QStringLiteral("statusEta")))
    , m_inFlight(valueLabel(QStringLiteral("statusInFlight")))
    , m_retries(valueLabel(QStringLiteral("statusRetries")))
    , m_state(valueLabel(QStringLiteral("statusState")))
    , m_pauseButton(new QPushButton(tr("&Pause")))
    , m_resumeButton(new QPushButton(tr("Res&ume")))
    , m_cancelButton(new QPushButton(tr("&Cancel run")))
    , m_olderCuts(new QLabel)
    , m_storeTotals(new QLabel)
{
    setObjectName(QStringLiteral("statusPanel"));
    m_state->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Chunks done:"), m_done);
    form->addRow(tr("Failed:"), m_failedCount);
    form->addRow(tr("Total:"), m_total);
    form->addRow(tr("Tokens:"), m_tokens);
    form->addRow(tr("Spent:"), m_spent);
    form->addRow(tr("Projected:"), m_projected);
    form->addRow(tr("Time left:"), m_eta);
    form->addRow(tr("Requests in flight:"), m_inFlight);
    form->addRow(tr("Retries:"), m_retries);
    form->addRow(tr("State:"), m_state);
    m_pauseButton->setObjectName(QStringLiteral("pauseButton"));
    m_pauseButton->setIcon(Icons::pause());
    m_resumeButton->setObjectName(QStringLiteral("resumeButton"));
    m_resumeButton->setIcon(Icons::resume());
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setIcon(Icons::cancel());
    connect(m_pauseButton, &QPushButton::clicked, this, &StatusPanel::pauseRequested);
    connect(m_resumeButton, &QPushButton::clicked, this, &StatusPanel::resumeRequested);
    connect(m_cancelButton, &QPushButton::clicked, this, &StatusPanel::cancelRequested);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_pauseButton);
    buttons->addWidget(m_resumeButton);
    buttons->addWidget(m_cancelButton);
    m_olderCuts->setObjectName(QStringLiteral("olderCuts"));
    m_olderCuts->setWordWrap(true);
    m_olderCuts->setTextFormat(Qt::RichText);
    m_olderCuts->hide();
    connect(m_olderCuts, &QLabel::linkActivated, this, &StatusPanel::rechunkRequested);
    m_storeTotals->setObjectName(QStringLiteral("storeTotals"));
    m_storeTotals->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_olderCuts);
    layout->addWidget(m_storeTotals);
    layout->addStretch(1);
}

QSize StatusPanel::minimumSizeHint() const
{
    return sizeHint();
}

void StatusPanel::showStarting()
{
    for (QLabel *label : { m_done, m_failedCount, m_total, m_tokens, m_spent, m_projected, m_eta,
             m_inFlight, m_retries })
        label->setText(QStringLiteral("–"));
    m_state->setText(tr("starting"));
    m_olderCuts->hide();
}

void StatusPanel::showCancelling()
{
    m_state->setText(tr("cancelling: finishing the current commit"));
}

void StatusPanel::showProgress(const ProgressSnapshot &s)
{
    const QLocale locale;
    const qint64 total = s.chunksDone + s.chunksFailed + s.chunksPending;
    m_done->setText(locale.toString(s.chunksDone));
    m_failedCount->setText(locale.toString(s.chunksFailed));
    m_total->setText(locale.toString(total));
    m_tokens->setText(tr("%1 (%2/s)")
            .arg(locale.toString(s.tokensDone), locale.toString(s.tokensPerSecond, 'f', 0)));
    m_spent->setText(dollars(s.costUsd));
    m_projected->setText(dollars(s.projectedCostUsd));
    m_eta->setText(duration(s.etaSeconds));
    m_inFlight->setText(tr("%1 of %2").arg(s.inFlight).arg(s.concurrency));
    m_retries->setText(s.rateLimited > 0 ? tr("%1 (%Ln answer(s) 429)", nullptr, int(s.rateLimited))
                                               .arg(locale.toString(s.retries))
                                         : locale.toString(s.retries));
    m_state->setText(stateOf(s));
}

QString StatusPanel::stateOf(const ProgressSnapshot &s)
{
    const QLocale locale;
    QString state;
    if (s.paused)
        state = tr("paused");
    else if (s.coolDownMs > 0)
        state = tr("cooling down after a 429 until %1")
                    .arg(locale.toString(
                        QTime::currentTime().addMSecs(s.coolDownMs), QStringLiteral("HH:mm:ss")));
    else if (s.longestWaitMs >= WaitShownMs)
        state = tr("waiting on %n request(s) for %1 s", nullptr, s.inFlight)
                    .arg(s.longestWaitMs / 1000);
    else if (s.inFlight == 0 && s.retriesWaiting > 0)
        state = tr("%n batch(es) to retry in %1 s", nullptr, s.retriesWaiting)
                    .arg(locale.toString(s.nextRetryMs / 1000.0, 'f', 1));
    else
        state = tr("running, %1 chunks/s").arg(locale.toString(s.chunksPerSecond, 'f', 1));
    return state;
}

QString StatusPanel::cost(const IndexSummary &summary)
{
    return summary.priceKnown ? dollars(summary.costUsd) : tr("price unknown");
}

QString StatusPanel::describe(const IndexSummary &summary)
{
    // Qt has one %n per message: each count that names a noun is a message of its own.
    const QLocale locale;
    switch (summary.outcome) {
    case IndexSummary::Outcome::Completed:
        return tr("Finished: %1 stored, %2 already stored, %3 failed, %4 skipped; %5 tokens, "
                  "%6 in %7.")
            .arg(locale.toString(summary.stored), locale.toString(summary.unchanged),
                locale.toString(summary.failed), files(summary.skippedFiles),
                locale.toString(summary.tokens), cost(summary), duration(summary.seconds));
    case IndexSummary::Outcome::Cancelled:
        return tr("Cancelled: %1 stored, %2 left pending for the next run.")
            .arg(locale.toString(summary.stored), chunks(summary.pending));
    case IndexSummary::Outcome::Fatal:
        return tr("Stopped: %1 (%2 left pending).").arg(summary.message, chunks(summary.pending));
    }
    return {};
}

void StatusPanel::showSummary(const IndexSummary &summary)
{
    const QLocale locale;
    m_done->setText(locale.toString(summary.stored + summary.unchanged));
    m_failedCount->setText(locale.toString(summary.failed));
    m_total->setText(locale.toString(summary.chunks));
    m_tokens->setText(locale.toString(summary.tokens));
    m_spent->setText(cost(summary));
    m_projected->setText(cost(summary));
    m_eta->setText(timeLeft(summary.outcome));
    m_inFlight->setText(QStringLiteral("0"));
    m_retries->setText(QLocale().toString(summary.retries));
    const QString text = describe(summary);
    m_state->setText(text);
    m_state->setToolTip(text);
    // Kept so that no one pays again for unchanged code unasked; said, so that they can ask.
    m_olderCuts->setText(tr("%Ln unchanged file(s) kept chunks cut by older chunking rules. "
                            "<a href=\"#rechunk\">Cut them again…</a>",
        nullptr, int(summary.filesCutBefore)));
    m_olderCuts->setVisible(summary.filesCutBefore > 0);
}

void StatusPanel::showStoreSummary(const StatusSummary &summary)
{
    const QLocale locale;
    m_storeTotals->setText(
        tr("In the database: %1, %2 (%3 stored, %4 failed, %5 pending); %6 tokens paid, %7 in "
           "%8.")
            .arg(files(summary.files), chunks(summary.chunks), locale.toString(summary.stored),
                locale.toString(summary.failed), locale.toString(summary.pending),
                locale.toString(summary.tokens), dollars(summary.costUsd),
                tr("%Ln run(s)", nullptr, int(summary.runs))));
}

void StatusPanel::showStoreError(const QString &error)
{
    m_storeTotals->setText(error);
}

void StatusPanel::setRunState(bool running, bool paused)
{
    m_pauseButton->setEnabled(running && !paused);
    m_resumeButton->setEnabled(running && paused);
    m_cancelButton->setEnabled(running);
}

} // namespace SignalHub::Ui
