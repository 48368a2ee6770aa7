#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;

namespace SignalHub::Ui {

class FailedModel;
class SnippetView;

// The failed chunks of the store with their reasons and the text of the selected one.
// Retrying, opening, reloading and reading the text are asked of the window.
class FailedPage : public QWidget
{
    Q_OBJECT

public:
    explicit FailedPage(FailedModel *model, QWidget *parent = nullptr);

    QList<qint64> selectedChunkIds() const;
    SnippetView *snippetView() const { return m_text; }
    QSplitter *splitter() const { return m_splitter; }
    // While a run starts or goes on, nothing can be retried.
    void setBusy(bool busy);

Q_SIGNALS:
    // Empty: every failed chunk.
    void retryRequested(const QList<qint64> &chunkIds);
    void openRequested(const QString &path, int line);
    void reloadRequested();
    void snippetRequested(const QString &path, int startLine, int endLine);

private:
    void requestSnippet();
    void updateButtons();

    FailedModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLabel *m_detail;
    SnippetView *m_text;
    QSplitter *m_splitter;
    QPushButton *m_retryButton;
    QPushButton *m_retrySelectedButton;
    bool m_busy = false;
};

} // namespace SignalHub::Ui
