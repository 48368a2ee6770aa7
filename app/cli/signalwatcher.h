#pragma once

#include <QElapsedTimer>
#include <QObject>

class QSocketNotifier;

namespace SignalHub::Cli {

// Turns SIGINT and SIGTERM into a Qt signal on the main thread (self-pipe), so a run can
// finish its current commit and exit with 130 or 143 instead of dying mid-write. A second
// signal means "now" (exit at once; the state on disk is consistent at any moment), but only
// when it comes RepeatWindowMs or more after the first: `timeout` and service managers send
// one SIGTERM to the process and to its group, which arrive microseconds apart.
class SignalWatcher : public QObject
{
    Q_OBJECT

public:
    static constexpr int RepeatWindowMs = 300;

    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

    int received() const { return m_received; }

Q_SIGNALS:
    void signalled(int signalNumber);

private:
    static void handler(int signalNumber);
    void readSignal();

    QSocketNotifier *m_notifier = nullptr;
    int m_received = 0;
    QElapsedTimer m_sinceFirst;
};

} // namespace SignalHub::Cli
