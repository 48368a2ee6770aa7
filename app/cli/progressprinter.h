#pragma once

#include "progresstracker.h"

#include <QElapsedTimer>
#include <QString>

namespace SignalHub::Cli {

// Progress on stderr: one live line on a terminal, a plain line every few seconds otherwise.
class ProgressPrinter
{
public:
    explicit ProgressPrinter(bool quiet);
    ~ProgressPrinter();

    void update(const Core::ProgressSnapshot &snapshot, qint64 unchangedChunks);
    void message(const QString &text);
    void finish();

    static QString formatDuration(double seconds);

private:
    QString line(const Core::ProgressSnapshot &snapshot, qint64 unchangedChunks) const;
    void clearLine();

    bool m_quiet;
    bool m_terminal;
    bool m_lineShown = false;
    QElapsedTimer m_lastPlain;
};

} // namespace SignalHub::Cli
