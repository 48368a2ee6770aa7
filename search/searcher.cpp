#include "searcher.h"

#include "logging.h"
#include "runplan.h"
#include "storereader.h"
#include "storewriter.h"
#include "textembedder.h"

#include <QFileInfo>
#include <QMutexLocker>

namespace SignalHub::Core {

struct Searcher::Loaded
{
    qint64 spaceId = 0;
    qint64 runs = 0; // loaded again once the store has seen a new run
    SearchIndex index;
};

Searcher::Searcher(QString databasePath)
    : m_databasePath(std::move(databasePath))
{ }

Searcher::~Searcher() = default;

Result<Searcher::Answer> Searcher::search(const Request &request)
{
    Answer answer;
    if (!QFileInfo::exists(m_databasePath)) {
        answer.outcome = Answer::Outcome::NothingIndexed;
        return answer;
    }
    auto reader = StoreReader::open(m_databasePath);
    if (!reader)
        return reader.error();
    auto runs = (*reader)->runs();
    if (!runs)
        return runs.error();
    if (runs->isEmpty() && !request.spaceGiven) {
        answer.outcome = Answer::Outcome::NothingIndexed;
        return answer;
    }
    RunSettings settings = request.spaceGiven
        ? request.settings
        : request.settings.withSpaceOf(RunSettings::fromJson(runs->last().settings));
    const QByteArray key = request.keyFor ? request.keyFor(settings) : QByteArray();
    auto plan = RunPlan::make(settings, key);
    if (!plan)
        return plan.error();
    answer.space = plan->space();
    auto space = (*reader)->findSpace(answer.space);
    if (!space)
        return space.error();
    if (!space->has_value()) {
        answer.outcome = Answer::Outcome::SpaceNotIndexed;
        return answer;
    }
    if (answer.space.dimensions <= 0) {
        // A model whose dimensions were not given is searched in the ones its index has.
        settings.dimensions = (*space)->key.dimensions;
        plan = RunPlan::make(settings, key);
        if (!plan)
            return plan.error();
        answer.space = plan->space();
    }
    auto notSearched = foldersOfOtherSpaces(**reader, (*space)->id);
    if (!notSearched)
        return notSearched.error();
    answer.notSearched = *notSearched;
    auto loaded = load(**reader, **space, runs->size());
    if (!loaded)
        return loaded.error();
    QueryRecord cost { (*space)->id, providerName(settings.provider), answer.space.model,
        QDateTime::currentDateTimeUtc(), 0, 0,
        plan->priceKnown() ? std::optional(plan->usdPerMillionOrZero()) : std::nullopt };
    QList<AttemptRecord> requests;
    auto vectors = TextEmbedder::embedBlocking(std::move(*plan), { request.query }, &requests);
    // Also when the embedding failed: what a server answered is paid for.
    if (settings.provider != ProviderKind::Local)
        recordCost(std::move(cost), requests);
    if (!vectors)
        return vectors.error();
    answer.hits = (*loaded)->index.query(vectors->constFirst(), request.k);
    return answer;
}

Result<QStringList> Searcher::foldersOfOtherSpaces(StoreReader &reader, qint64 spaceId)
{
    auto sources = reader.sources();
    if (!sources)
        return sources.error();
    QStringList roots;
    for (const SourceSpace &source : std::as_const(*sources))
        if (source.spaceId != 0 && source.spaceId != spaceId)
            roots.append(source.root);
    return roots;
}

void Searcher::recordCost(QueryRecord cost, const QList<AttemptRecord> &requests) const
{
    for (const AttemptRecord &request : requests) {
        cost.requests += 1;
        cost.tokens += request.billed ? request.tokens : 0;
    }
    if (cost.requests == 0)
        return;
    // The answer is worth more than its accounting: a failure here is logged, not returned.
    StoreWriter writer(m_databasePath);
    Status written = writer.open().result();
    if (written) {
        (void)writer.recordQuery(cost);
        written = writer.flush();
    }
    if (!written)
        qCWarning(lcSearch) << "the cost of a query was not recorded:" << written.errorMessage();
}

Result<std::shared_ptr<const Searcher::Loaded>> Searcher::load(
    StoreReader &reader, const SpaceRow &space, qint64 runs)
{
    {
        QMutexLocker lock(&m_mutex);
        if (m_loaded && m_loaded->spaceId == space.id && m_loaded->runs == runs)
            return m_loaded;
    }
    auto index = SearchIndex::load(reader, space);
    if (!index)
        return index.error();
    qCInfo(lcSearch) << "loaded" << index->size() << "vectors of" << space.key.displayName();
    auto loaded = std::make_shared<const Loaded>(Loaded { space.id, runs, std::move(*index) });
    QMutexLocker lock(&m_mutex);
    m_loaded = loaded;
    return std::shared_ptr<const Loaded>(loaded);
}

} // namespace SignalHub::Core
