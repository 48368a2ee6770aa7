#pragma once

#include <QByteArray>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace SignalHub::Ui {

// Coding agents (Claude Code, Cursor, …) search the index through the window's MCP server:
// whether it serves and on which port, where, the bearer token to present, and a client
// configuration to copy. The window does the serving.
class AgentsPage : public QWidget
{
    Q_OBJECT

public:
    explicit AgentsPage(QWidget *parent = nullptr);

    void setChoice(bool serve, int port);
    void showStarting();
    void showServing(const QString &url, const QByteArray &token);
    void showFailed(const QString &message);
    void showStopped();

Q_SIGNALS:
    void choiceChanged(bool serve, int port);

private:
    void showToken(bool shown);
    void clearServing();

    QCheckBox *m_serve;
    QSpinBox *m_port;
    QLabel *m_state;
    QLineEdit *m_url;
    QLineEdit *m_token;
    QPushButton *m_showToken;
    QPushButton *m_copyToken;
    QPlainTextEdit *m_config;
    QPushButton *m_copyConfig;
};

} // namespace SignalHub::Ui
