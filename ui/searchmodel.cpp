#include "searchmodel.h"

#include "keystore.h"
#include "snippetreader.h"
#include "storereader.h"
#include "textembedder.h"

#include <QFileInfo>
#include <QFuture>
#include <QtConcurrentRun>

namespace SignalHub::Ui {

using namespace SignalHub::Core;

struct SearchModel::Loaded
{
    QString databasePath;
    qint64 runs = 0; // reloaded when the store has seen a new run since
    RunSettings space;
    std::optional<SearchIndex> index;
};

SearchModel::SearchModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

SearchModel::~SearchModel() = default;

int SearchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_hits.size());
}

int SearchModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SearchModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Hit &h = m_hits.at(index.row());
    if (role == SortRole && index.column() == ScoreColumn)
        return double(h.hit.score);
    if (role == SortRole)
        role = Qt::DisplayRole;
    if (role == Qt::ToolTipRole && index.column() == SnippetColumn)
        return h.snippet;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case ScoreColumn:
        return QString::number(h.hit.score, 'f', 3);
    case LocationColumn:
        return tr("%1:%2-%3").arg(h.hit.path).arg(h.hit.startLine).arg(h.hit.endLine);
    case SnippetColumn:
        return h.snippet.trimmed().section(u'\n', 0, 2);
    }
    return {};
}

QVariant SearchModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ScoreColumn:
        return tr("Score");
    case LocationColumn:
        return tr("Location");
    case SnippetColumn:
        return tr("Snippet");
    }
    return {};
}

void SearchModel::search(const QString &databasePath, const QString &query,
    const RunSettings &settings, const QByteArray &apiKey, int k)
{
    const quint64 job = ++m_job;
    struct Answer
    {
        std::shared_ptr<Loaded> cache;
        QList<Hit> hits;
    };
    std::shared_ptr<Loaded> cache = m_cache;
    QtConcurrent::run([databasePath, query, settings, apiKey, k, cache]() -> Result<Answer> {
        if (!QFileInfo::exists(databasePath))
            return Error { tr("Nothing is indexed yet: drop a folder first.") };
        auto reader = StoreReader::open(databasePath);
        if (!reader)
            return reader.error();
        auto runs = (*reader)->runs();
        if (!runs)
            return runs.error();
        if (runs->isEmpty())
            return Error { tr("Nothing is indexed yet: drop a folder first.") };
        std::shared_ptr<Loaded> loaded = cache;
        if (!loaded || loaded->databasePath != databasePath || loaded->runs != runs->size()) {
            auto space = (*reader)->lastRunSpace();
            if (!space)
                return space.error();
            if (!space->has_value())
                return Error { tr("Nothing is indexed yet: drop a folder first.") };
            auto index = SearchIndex::load(**reader, **space);
            if (!index)
                return index.error();
            loaded = std::make_shared<Loaded>();
            loaded->databasePath = databasePath;
            loaded->runs = runs->size();
            loaded->space = RunSettings::fromJson(runs->last().settings);
            loaded->index = std::move(*index);
        }
        RunSettings embedWith = settings;
        embedWith.provider = loaded->space.provider;
        embedWith.baseUrl = loaded->space.baseUrl;
        embedWith.model = loaded->space.model;
        embedWith.dimensions = loaded->space.dimensions;
        // The key read for the current provider fits only when the index was built with it.
        const QByteArray key = embedWith.provider == settings.provider
            ? apiKey
            : Core::KeyStore::environmentKey(embedWith.provider);
        auto vectors = TextEmbedder::embedBlocking(embedWith, key, { query });
        if (!vectors)
            return vectors.error();
        Answer answer { loaded, {} };
        for (const SearchHit &hit : loaded->index->query(vectors->first(), k))
            answer.hits.append(Hit { hit, SnippetReader::snippet(hit, 6, QString()) });
        return answer;
    }).then(this, [this, job](const Result<Answer> &answer) {
        if (job != m_job)
            return;
        if (!answer) {
            Q_EMIT searchFailed(answer.errorMessage());
            return;
        }
        m_cache = answer->cache;
        setHits(answer->hits);
        Q_EMIT finished();
    });
}

void SearchModel::setHits(const QList<Hit> &hits)
{
    beginResetModel();
    m_hits = hits;
    endResetModel();
}

} // namespace SignalHub::Ui
