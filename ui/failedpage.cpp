#include "failedpage.h"

#include "failedmodel.h"
#include "icons.h"
#include "snippetview.h"
#include "viewhelpers.h"

#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace SignalHub::Ui {

using SignalHub::Core::FailedChunk;

FailedPage::FailedPage(FailedModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(proxyFor(model, FailedModel::SortRole, this))
{
    m_view = tableFor(m_proxy, QStringLiteral("failedView"));
    // Which file and line comes first and whole; the reason takes what is left, and the
    // detail line below the table shows all of it for the current row.
    m_view->horizontalHeader()->setSectionResizeMode(
        FailedModel::LocationColumn, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(
        FailedModel::ReasonColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_detail = new QLabel;
    m_detail->setObjectName(QStringLiteral("failedDetail"));
    m_detail->setTextFormat(Qt::PlainText); // reasons quote the server
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text = new SnippetView;
    m_text->setObjectName(QStringLiteral("failedText"));
    m_text->setAccessibleName(tr("Text of the selected chunk"));
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &FailedPage::requestSnippet);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &FailedPage::updateButtons);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &FailedPage::updateButtons);
    connect(m_proxy, &QAbstractItemModel::modelReset, m_detail, &QLabel::clear);
    m_splitter = new QSplitter(Qt::Vertical);
    m_splitter->setObjectName(QStringLiteral("failedSplitter"));
    auto *details = new QWidget;
    auto *detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->addWidget(m_detail);
    detailsLayout->addWidget(m_text, 1);
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(details);

    m_retryButton = new QPushButton(tr("Re&try failed"));
    m_retryButton->setObjectName(QStringLiteral("retryButton"));
    m_retryButton->setIcon(Icons::retryFailed());
    connect(m_retryButton, &QPushButton::clicked, this, [this] { Q_EMIT retryRequested({}); });
    m_retrySelectedButton = new QPushButton(tr("Retr&y selected"));
    m_retrySelectedButton->setObjectName(QStringLiteral("retrySelectedButton"));
    m_retrySelectedButton->setIcon(Icons::retryFailed());
    connect(m_retrySelectedButton, &QPushButton::clicked, this, [this] {
        if (const QList<qint64> ids = selectedChunkIds(); !ids.isEmpty())
            Q_EMIT retryRequested(ids);
    });
    auto *open = new QPushButton(tr("&Open in editor"));
    open->setObjectName(QStringLiteral("openFailedButton"));
    open->setIcon(Icons::openInEditor());
    connect(open, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_proxy->mapToSource(m_view->currentIndex());
        if (current.isValid())
            Q_EMIT openRequested(m_model->chunk(current.row()).chunk.path,
                m_model->chunk(current.row()).chunk.startLine);
    });
    auto *reload = new QPushButton(tr("Re&load"));
    reload->setIcon(Icons::reload());
    connect(reload, &QPushButton::clicked, this, &FailedPage::reloadRequested);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_retryButton);
    buttons->addWidget(m_retrySelectedButton);
    buttons->addWidget(open);
    buttons->addStretch(1);
    buttons->addWidget(reload);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_splitter);
    layout->addLayout(buttons);
}

QList<qint64> FailedPage::selectedChunkIds() const
{
    QList<qint64> ids;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows)
        ids.append(m_model->chunk(m_proxy->mapToSource(row).row()).chunk.id);
    return ids;
}

void FailedPage::setBusy(bool busy)
{
    m_busy = busy;
    updateButtons();
}

void FailedPage::updateButtons()
{
    m_retryButton->setEnabled(!m_busy);
    m_retrySelectedButton->setEnabled(!m_busy && m_view->selectionModel()->hasSelection());
}

void FailedPage::requestSnippet()
{
    const QModelIndex current = m_proxy->mapToSource(m_view->currentIndex());
    if (!current.isValid())
        return;
    const FailedChunk &failed = m_model->chunk(current.row());
    const auto &chunk = failed.chunk;
    m_detail->setText(tr("%1, lines %2–%3: %4")
            .arg(QDir::toNativeSeparators(chunk.path))
            .arg(chunk.startLine)
            .arg(chunk.endLine)
            .arg(failed.reason));
    Q_EMIT snippetRequested(chunk.path, chunk.startLine, chunk.endLine);
}

} // namespace SignalHub::Ui
