#include "progressprinter.h"

#include <QCoreApplication>
#include <QLocale>
#include <cstdio>
#include <unistd.h>

namespace SignalHub::Cli {

namespace {
constexpr qint64 PlainIntervalMs = 5000;

void writeErr(const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}
} // namespace

ProgressPrinter::ProgressPrinter(bool quiet)
    : m_quiet(quiet)
    , m_terminal(::isatty(STDERR_FILENO) == 1)
{ }

ProgressPrinter::~ProgressPrinter()
{
    finish();
}

QString ProgressPrinter::formatDuration(double seconds)
{
    if (seconds < 0)
        return QStringLiteral("--:--");
    const qint64 s = qint64(seconds + 0.5);
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(s / 3600)
            .arg(s / 60 % 60, 2, 10, QLatin1Char('0'))
            .arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString ProgressPrinter::line(const Core::ProgressSnapshot &s, qint64 unchanged) const
{
    const qint64 total = s.chunksDone + s.chunksFailed + s.chunksPending;
    const double percent = total > 0 ? 100.0 * (s.chunksDone + s.chunksFailed) / total : 0.0;
    QString text
        = QCoreApplication::translate(
            "cli", "%1% %2/%n chunk(s), %3 chunks/s, ETA %4, %5 tokens, $%6", nullptr, int(total))
              .arg(QString::number(percent, 'f', 1), QString::number(s.chunksDone + s.chunksFailed),
                  QString::number(s.chunksPerSecond, 'f', 1), formatDuration(s.etaSeconds),
                  QLocale::c().toString(s.tokensDone), QString::number(s.costUsd, 'f', 4));
    if (s.chunksFailed > 0)
        text += QCoreApplication::translate("cli", ", %1 failed").arg(s.chunksFailed);
    if (unchanged > 0)
        text += QCoreApplication::translate("cli", ", %1 unchanged").arg(unchanged);
    if (s.coolDownMs > 0)
        text += QCoreApplication::translate("cli", " (rate limited: waiting %1 s)")
                    .arg(s.coolDownMs / 1000.0, 0, 'f', 1);
    if (s.paused)
        text += QCoreApplication::translate("cli", " (paused)");
    if (s.stalled)
        text += QCoreApplication::translate("cli", " (stalled: %1)").arg(s.stalledReason);
    return text;
}

void ProgressPrinter::update(const Core::ProgressSnapshot &snapshot, qint64 unchangedChunks)
{
    if (m_quiet)
        return;
    if (m_terminal) {
        writeErr(QStringLiteral("\r\033[K") + line(snapshot, unchangedChunks));
        m_lineShown = true;
        return;
    }
    if (m_lastPlain.isValid() && m_lastPlain.elapsed() < PlainIntervalMs)
        return;
    m_lastPlain.start();
    writeErr(line(snapshot, unchangedChunks) + u'\n');
}

void ProgressPrinter::clearLine()
{
    if (m_lineShown) {
        writeErr(QStringLiteral("\r\033[K"));
        m_lineShown = false;
    }
}

void ProgressPrinter::message(const QString &text)
{
    clearLine();
    writeErr(QStringLiteral("signalhub-cli: ") + text + u'\n');
}

void ProgressPrinter::finish()
{
    clearLine();
}

} // namespace SignalHub::Cli
