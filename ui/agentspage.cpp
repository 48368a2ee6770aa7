#include "agentspage.h"

#include "icons.h"

#include <QCheckBox>
#include <QClipboard>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace SignalHub::Ui {

namespace {

// A project's .mcp.json (Claude Code) or Cursor's mcp.json: the token comes from the
// environment, so the file can be shared without it.
QString clientConfiguration(const QString &url)
{
    return QStringLiteral(
        "{\n  \"mcpServers\": {\n    \"signalhub\": {\n      \"type\": \"http\",\n"
        "      \"url\": \"%1\",\n      \"headers\": { \"Authorization\": "
        "\"Bearer ${SIGNALHUB_MCP_TOKEN}\" }\n    }\n  }\n}\n")
        .arg(url);
}

} // namespace

AgentsPage::AgentsPage(QWidget *parent)
    : QWidget(parent)
    , m_serve(new QCheckBox(tr("Ser&ve coding agents (MCP) while this window is open")))
    , m_port(new QSpinBox)
    , m_state(new QLabel)
    , m_url(new QLineEdit)
    , m_token(new QLineEdit)
    , m_showToken(new QPushButton(tr("S&how")))
    , m_copyToken(new QPushButton(tr("&Copy token")))
    , m_config(new QPlainTextEdit)
    , m_copyConfig(new QPushButton(tr("Copy con&figuration")))
{
    m_serve->setObjectName(QStringLiteral("serveAgents"));
    m_port->setObjectName(QStringLiteral("agentPort"));
    m_port->setRange(1, 65535);
    m_state->setObjectName(QStringLiteral("agentState"));
    m_state->setWordWrap(true);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    for (QLineEdit *field : { m_url, m_token })
        field->setReadOnly(true);
    m_url->setObjectName(QStringLiteral("agentUrl"));
    m_token->setObjectName(QStringLiteral("agentToken"));
    m_token->setEchoMode(QLineEdit::Password);
    m_showToken->setCheckable(true);
    m_showToken->setIcon(Icons::reveal());
    m_copyToken->setIcon(Icons::copy());
    m_copyConfig->setIcon(Icons::copy());
    m_config->setObjectName(QStringLiteral("agentConfiguration"));
    m_config->setReadOnly(true);
    m_config->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *about = new QLabel(
        tr("Coding agents such as Claude Code or Cursor can search the indexed code, read around "
           "what they find and see files just saved, through the Model Context Protocol. The "
           "window serves it on this computer only (127.0.0.1), to clients that present the token "
           "below. Without the window, <tt>signalhub-cli mcp</tt> serves the same."));
    about->setWordWrap(true);
    auto *portRow = new QHBoxLayout;
    portRow->addWidget(m_port);
    portRow->addStretch();
    auto *tokenRow = new QHBoxLayout;
    tokenRow->addWidget(m_token, 1);
    tokenRow->addWidget(m_showToken);
    tokenRow->addWidget(m_copyToken);
    auto *form = new QFormLayout;
    form->addRow(m_serve);
    form->addRow(tr("&Port:"), portRow);
    form->addRow(tr("State:"), m_state);
    form->addRow(tr("A&ddress:"), m_url);
    form->addRow(tr("&Token:"), tokenRow);
    auto *configHint = new QLabel(
        tr("For a project's <tt>.mcp.json</tt> (Claude Code) or Cursor's <tt>mcp.json</tt>, with "
           "the token in the environment variable SIGNALHUB_MCP_TOKEN:"));
    configHint->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(about);
    layout->addLayout(form);
    layout->addWidget(configHint);
    layout->addWidget(m_config, 1);
    layout->addWidget(m_copyConfig, 0, Qt::AlignLeft);

    connect(m_serve, &QCheckBox::toggled, this,
        [this](bool serve) { Q_EMIT choiceChanged(serve, m_port->value()); });
    connect(m_port, &QSpinBox::editingFinished, this, [this] {
        if (m_serve->isChecked())
            Q_EMIT choiceChanged(true, m_port->value());
    });
    connect(m_showToken, &QPushButton::toggled, this, &AgentsPage::showToken);
    connect(m_copyToken, &QPushButton::clicked, this,
        [this] { QGuiApplication::clipboard()->setText(m_token->text()); });
    connect(m_copyConfig, &QPushButton::clicked, this,
        [this] { QGuiApplication::clipboard()->setText(m_config->toPlainText()); });
    showStopped();
}

void AgentsPage::setChoice(bool serve, int port)
{
    const QSignalBlocker serveBlocker(m_serve);
    const QSignalBlocker portBlocker(m_port);
    m_serve->setChecked(serve);
    m_port->setValue(port);
}

void AgentsPage::showStarting()
{
    clearServing();
    m_state->setText(tr("Starting…"));
}

void AgentsPage::showServing(const QString &url, const QByteArray &token)
{
    m_state->setText(tr("Serving at %1.").arg(url));
    m_url->setText(url);
    m_token->setText(QString::fromLatin1(token));
    m_config->setPlainText(clientConfiguration(url));
    for (QWidget *w : { static_cast<QWidget *>(m_showToken), static_cast<QWidget *>(m_copyToken),
             static_cast<QWidget *>(m_copyConfig) })
        w->setEnabled(true);
}

void AgentsPage::showFailed(const QString &message)
{
    clearServing();
    m_state->setText(tr("Not serving: %1").arg(message));
}

void AgentsPage::showStopped()
{
    clearServing();
    m_state->setText(tr("Not serving."));
}

void AgentsPage::clearServing()
{
    m_url->clear();
    m_token->clear();
    m_config->clear();
    m_showToken->setChecked(false);
    for (QWidget *w : { static_cast<QWidget *>(m_showToken), static_cast<QWidget *>(m_copyToken),
             static_cast<QWidget *>(m_copyConfig) })
        w->setEnabled(false);
}

void AgentsPage::showToken(bool shown)
{
    m_token->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
    m_showToken->setText(shown ? tr("&Hide") : tr("S&how"));
}

} // namespace SignalHub::Ui
