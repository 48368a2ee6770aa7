#include "searchmodel.h"

#include "filename.h"
#include "keystore.h"
#include "searcher.h"
#include "snippetreader.h"

#include <QFuture>
#include <QtConcurrentRun>

namespace SignalHub::Ui {

using namespace SignalHub::Core;

SearchModel::SearchModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

SearchModel::~SearchModel() = default;

QString SearchModel::locationsTip(const SearchHit &hit)
{
    if (hit.alsoAt.isEmpty())
        return {};
    QStringList lines { tr("The same text is also at:") };
    for (const SearchLocation &location : hit.alsoAt)
        lines.append(tr("%1:%2-%3")
                .arg(FileName::display(location.path))
                .arg(location.startLine)
                .arg(location.endLine));
    return lines.join(u'\n');
}

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
    if (role == Qt::ToolTipRole && index.column() == LocationColumn)
        return locationsTip(h.hit);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case ScoreColumn:
        return QString::number(h.hit.score, 'f', 3);
    case LocationColumn: {
        QString location = tr("%1:%2-%3")
                               .arg(FileName::display(h.hit.path))
                               .arg(h.hit.startLine)
                               .arg(h.hit.endLine);
        if (!h.hit.alsoAt.isEmpty())
            location += u' ' + tr("(+%n identical)", nullptr, int(h.hit.alsoAt.size()));
        if (h.hit.stale)
            location += u' ' + tr("(changed since indexed)");
        return location;
    }
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

void SearchModel::search(
    const QString &databasePath, Searcher::Request request, const QByteArray &apiKey)
{
    const quint64 job = ++m_job;
    if (!m_searcher || m_searcher->databasePath() != databasePath)
        m_searcher = std::make_shared<Searcher>(databasePath);
    request.spaceGiven = false;
    request.keyFor = [currentProvider = request.settings.provider, apiKey](
                         const RunSettings &space) {
        // The key read for the current provider fits only an index built with it.
        return space.provider == currentProvider ? apiKey
                                                 : Core::KeyStore::environmentKey(space.provider);
    };
    QtConcurrent::run([searcher = m_searcher, request]() -> Result<Found> {
        auto answer = searcher->search(request);
        if (!answer)
            return answer.error();
        if (answer->outcome != Searcher::Answer::Outcome::Hits)
            return Error { tr("Nothing is indexed yet: drop a folder first.") };
        Found found { {}, answer->notSearched, answer->words };
        for (const SearchHit &hit : std::as_const(answer->hits))
            found.hits.append(Hit { hit, SnippetReader::snippet(hit, 6, QString()) });
        return found;
    }).then(this, [this, job](const Result<Found> &found) {
        if (job != m_job)
            return;
        if (!found) {
            Q_EMIT searchFailed(found.errorMessage());
            return;
        }
        m_notSearched = found->notSearched;
        m_words = found->words;
        setHits(found->hits);
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
