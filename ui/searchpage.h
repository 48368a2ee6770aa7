#pragma once

#include "searcher.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QSplitter;
class QTableView;

namespace SignalHub::Ui {

class SearchModel;
class SnippetView;

// A query box over the store, its hits and the text of the selected one. Searching, opening
// and reading the text are asked of the window.
class SearchPage : public QWidget
{
    Q_OBJECT

public:
    explicit SearchPage(SearchModel *model, QWidget *parent = nullptr);

    SnippetView *snippetView() const { return m_text; }
    QSplitter *splitter() const { return m_splitter; }
    SignalHub::Core::Searcher::Mode mode() const;
    // The glob the hits' files must match; empty for all.
    QString pathGlob() const;
    // The language the hits' files must have (a syntax definition's name); empty for all.
    QString language() const;

Q_SIGNALS:
    void searchRequested(const QString &query);
    void openRequested(const QString &path, int line);
    void snippetRequested(const QString &path, int startLine, int endLine);

private:
    void openCurrent();
    void requestSnippet();

    SearchModel *m_model;
    QLineEdit *m_query;
    QComboBox *m_mode;
    QLineEdit *m_pathGlob;
    QComboBox *m_language;
    QTableView *m_view;
    SnippetView *m_text;
    QSplitter *m_splitter;
};

} // namespace SignalHub::Ui
