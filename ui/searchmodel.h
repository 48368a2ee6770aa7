#pragma once

#include "result.h"
#include "runsettings.h"
#include "searchindex.h"

#include <QAbstractTableModel>
#include <QList>
#include <memory>

namespace SignalHub::Core {
class Searcher;
}

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

    // `settings` gives the key-independent parts (timeouts, retries); the provider, URL, model
    // and dimensions are those of the database's last run, as in `signalhub-cli search`.
    void search(const QString &databasePath, const QString &query,
        const SignalHub::Core::RunSettings &settings, const QByteArray &apiKey, int k = 10);
    void setHits(const QList<Hit> &hits);
    const Hit &hit(int row) const { return m_hits.at(row); }
    // The folders the last search left out: they are indexed with another model.
    const QStringList &notSearched() const { return m_notSearched; }

Q_SIGNALS:
    void finished();
    void searchFailed(const QString &message);

private:
    struct Found
    {
        QList<Hit> hits;
        QStringList notSearched;
    };
    QList<Hit> m_hits;
    QStringList m_notSearched;
    quint64 m_job = 0;
    std::shared_ptr<SignalHub::Core::Searcher> m_searcher; // of the last database searched
};

} // namespace SignalHub::Ui
