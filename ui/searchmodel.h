#pragma once

#include "result.h"
#include "runsettings.h"
#include "searcher.h"
#include "searchindex.h"

#include <QAbstractTableModel>
#include <QList>
#include <memory>

namespace SignalHub::Ui {

// Hits of a search with their snippets, as rows. search() asks Core::Searcher (the one search
// path, shared with the CLI) and reads the snippets on a worker thread: the GUI thread only
// swaps the rows in.
class SearchModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        ScoreColumn,
        LocationColumn,
        SnippetColumn,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1
    };

    struct Hit
    {
        SignalHub::Core::SearchHit hit;
        QString snippet;
    };

    explicit SearchModel(QObject *parent = nullptr);
    ~SearchModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The request's settings give the key-independent parts (timeouts, retries); the provider,
    // URL, model and dimensions are those of the database's last run, as in
    // `signalhub-cli search`. `apiKey` is the key of the settings' provider.
    void search(const QString &databasePath, SignalHub::Core::Searcher::Request request,
        const QByteArray &apiKey);
    void setHits(const QList<Hit> &hits);
    const Hit &hit(int row) const { return m_hits.at(row); }
    // The folders the last search left out: they are indexed with another model.
    const QStringList &notSearched() const { return m_notSearched; }
    // The words the last search looked for, to highlight in its hits.
    const QStringList &words() const { return m_words; }

Q_SIGNALS:
    void finished();
    void searchFailed(const QString &message);

private:
    static QString locationsTip(const SignalHub::Core::SearchHit &hit);

    struct Found
    {
        QList<Hit> hits;
        QStringList notSearched;
        QStringList words;
    };
    QList<Hit> m_hits;
    QStringList m_notSearched;
    QStringList m_words;
    quint64 m_job = 0;
    std::shared_ptr<SignalHub::Core::Searcher> m_searcher; // of the last database searched
};

} // namespace SignalHub::Ui
