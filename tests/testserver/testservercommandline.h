#pragma once

#include "testserverconfig.h"

#include <QCommandLineParser>
#include <QList>
#include <QPair>
#include <QString>

namespace SignalHub::Testing {

// The options of signalhub-testserver, one per field of TestServerConfig.
class TestServerCommandLine
{
public:
    TestServerCommandLine();

    // false and errorText() set on a bad value; --help and --version exit inside.
    bool parse(const QStringList &arguments);
    QString errorText() const { return m_error; }

    quint16 port() const { return m_port; }
    const TestServerConfig &config() const { return m_config; }
    // --inject NAME[:COUNT] in the order given.
    const QList<QPair<Fault, int>> &injected() const { return m_injected; }

private:
    bool apply();
    bool applyLatency(const QString &value);
    bool applyFault(const QString &value);
    bool applyInjection(const QString &value);
    bool applyFailNext(const QString &value);
    bool intOption(const QString &name, int *out, int minimum = 0);
    bool fail(const QString &message);

    QCommandLineParser m_parser;
    TestServerConfig m_config;
    quint16 m_port = 0;
    QList<QPair<Fault, int>> m_injected;
    QString m_error;
};

} // namespace SignalHub::Testing
