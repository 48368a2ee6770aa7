#include "signalwatcher.h"

#include <QSocketNotifier>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace SignalHub::Cli {

namespace {
int s_pipe[2] = { -1, -1 };
}

SignalWatcher::SignalWatcher(QObject *parent)
    : QObject(parent)
{
    if (::pipe2(s_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return;
    m_notifier = new QSocketNotifier(s_pipe[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SignalWatcher::readSignal);
    struct sigaction action = {};
    action.sa_handler = &SignalWatcher::handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

SignalWatcher::~SignalWatcher()
{
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

void SignalWatcher::handler(int signalNumber)
{
    const char byte = char(signalNumber);
    [[maybe_unused]] const auto written = ::write(s_pipe[1], &byte, 1);
}

void SignalWatcher::readSignal()
{
    char byte = 0;
    while (::read(s_pipe[0], &byte, 1) == 1) {
        if (m_received == 0) {
            m_received = byte;
            m_sinceFirst.start();
            Q_EMIT signalled(byte);
        } else if (m_sinceFirst.elapsed() >= RepeatWindowMs) {
            std::_Exit(128 + byte);
        }
    }
}

} // namespace SignalHub::Cli
