#pragma once

#include <QObject>

class QSocketNotifier;

namespace SignalHub::Cli {

// Turns SIGINT and SIGTERM into a Qt signal on the main thread (self-pipe), so a run can
// finish its current commit and exit with 130 or 143 instead of dying mid-write.
class SignalWatcher : public QObject
{
    Q_OBJECT

public:
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
};

} // namespace SignalHub::Cli
