#include "searcher.h"

#include "keywordquery.h"
#include "logging.h"
#include "storereader.h"
#include "storewriter.h"
#include "textembedder.h"

#include <QHash>
#include <QMutexLocker>
#include <algorithm>

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
    if (!StoreReader::exists(m_databasePath)) {
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
    const SearchIndex &index = (*loaded)->index;
    const SearchIndex::Filter filter = index.filter(request.pathGlob, request.language);
    const int pool
        = request.mode == Mode::Hybrid ? std::max(FusionCandidates, request.k) : request.k;

    Ranking byVector;
    if (request.mode != Mode::Keyword) {
        auto vector = embedQuery(std::move(*plan), settings, (*space)->id, request.query);
        if (!vector)
            return vector.error();
        auto rows = vectorRows(**reader, index, *vector, pool, filter);
        if (!rows)
            return rows.error();
        byVector = std::move(*rows);
    }
    Ranking byWords;
    if (request.mode != Mode::Vector) {
        const KeywordQuery keywords(request.query);
        answer.words = keywords.words();
        auto expression = focusedExpression(**reader, keywords, index.size());
        if (!expression)
            return expression.error();
        auto rows = keywordRows(**reader, index, *expression, pool, filter);
        if (!rows)
            return rows.error();
        byWords = std::move(*rows);
        auto missing = (*reader)->textsWithoutKeywords((*space)->id);
        if (!missing)
            return missing.error();
        answer.textsWithoutWords = *missing;
    }
    const Ranking ranked = request.mode == Mode::Vector ? byVector
        : request.mode == Mode::Keyword                 ? byWords
                                                        : fuse(byVector, byWords, request.k);
    for (const SearchIndex::Scored &row : ranked)
        answer.hits.append(index.hit(row.row, row.score, filter));
    return answer;
}

Result<QList<float>> Searcher::embedQuery(
    RunPlan plan, const RunSettings &settings, qint64 spaceId, const QString &query) const
{
    QueryRecord cost { spaceId, providerName(settings.provider), plan.space().model,
        QDateTime::currentDateTimeUtc(), 0, 0,
        plan.priceKnown() ? std::optional(plan.usdPerMillionOrZero()) : std::nullopt };
    QList<AttemptRecord> requests;
    auto vectors = TextEmbedder::embedBlocking(std::move(plan), { query }, &requests);
    // Also when the embedding failed: what a server answered is paid for.
    if (settings.provider != ProviderKind::Local)
        recordCost(std::move(cost), requests);
    if (!vectors)
        return vectors.error();
    return vectors->constFirst();
}

Result<Searcher::Ranking> Searcher::vectorRows(StoreReader &reader, const SearchIndex &index,
    const QList<float> &vector, int k, const SearchIndex::Filter &filter)
{
    if (index.holdsVectors())
        return index.nearest(vector, k, filter);
    if (!filter.rows.empty()
        && std::count(filter.rows.cbegin(), filter.rows.cend(), quint8(1)) <= ExactScanTexts)
        return exactRows(reader, index, vector, k, filter);
    // The index's neighbours include texts a filter leaves out and texts only teammates'
    // folders hold: asked for more until k are this search's.
    int limit = k;
    for (int round = 0; round < StoreSearchRounds; ++round, limit *= StoreSearchGrowth) {
        auto near = reader.nearestTexts(index.space(), vector, limit);
        if (!near)
            return near.error();
        Ranking ranked;
        for (const NearText &text : std::as_const(*near)) {
            const std::optional<quint32> row = index.rowOfText(text.textId);
            if (row && filter.allowsRow(*row))
                ranked.push_back({ *row, text.similarity });
        }
        if (qsizetype(ranked.size()) >= k || near->size() < limit) {
            ranked.resize(std::min(ranked.size(), size_t(k)));
            return ranked;
        }
    }
    qCDebug(lcSearch) << "few of the index's neighbours are this search's: comparing"
                      << index.size() << "texts one by one";
    return exactRows(reader, index, vector, k, filter);
}

Result<Searcher::Ranking> Searcher::exactRows(StoreReader &reader, const SearchIndex &index,
    const QList<float> &vector, int k, const SearchIndex::Filter &filter)
{
    QList<qint64> among;
    for (quint32 row = 0; row < quint32(index.size()); ++row)
        if (filter.allowsRow(row))
            among.append(index.textOfRow(row));
    if (among.isEmpty())
        return Ranking();
    auto near = reader.nearestTexts(index.space(), vector, k, among);
    if (!near)
        return near.error();
    Ranking ranked;
    for (const NearText &text : std::as_const(*near))
        ranked.push_back({ *index.rowOfText(text.textId), text.similarity });
    return ranked;
}

Result<Searcher::Ranking> Searcher::keywordRows(StoreReader &reader, const SearchIndex &index,
    const QString &expression, int k, const SearchIndex::Filter &filter)
{
    if (expression.isEmpty() || k <= 0)
        return Ranking();
    // The index holds texts of every space, and a filter may leave out most matches: ask for
    // more than k so that k remain.
    const int asked = filter.rows.empty() ? k * 4 : k * 40;
    auto matches = reader.keywordMatches(expression, asked);
    if (!matches)
        return matches.error();
    Ranking rows;
    for (const KeywordMatch &match : std::as_const(*matches)) {
        const std::optional<quint32> row = index.rowOfText(match.textId);
        if (!row || !filter.allowsRow(*row))
            continue;
        // FTS5's rank is BM25 negated (lower is better); shown so that larger is better.
        rows.push_back(SearchIndex::Scored { *row, float(-match.rank) });
        if (int(rows.size()) == k)
            break;
    }
    return rows;
}

Result<QString> Searcher::focusedExpression(
    StoreReader &reader, const KeywordQuery &query, qsizetype texts)
{
    const QStringList &terms = query.terms();
    if (terms.size() < 2)
        return query.expression();
    const qint64 common = std::max<qint64>(CommonTermMinimum, texts / CommonTermShare);
    QStringList rare;
    for (const QString &term : terms) {
        auto count = reader.keywordMatchCount(term, common);
        if (!count)
            return count.error();
        if (*count <= common)
            rare.append(term);
    }
    if (rare.size() == terms.size())
        return query.expression();
    qCDebug(lcSearch) << "keyword terms left out as common:" << terms.size() - rare.size() << "of"
                      << terms.size();
    return rare.isEmpty() ? KeywordQuery::allOf(terms) : KeywordQuery::anyOf(rare);
}

Searcher::Ranking Searcher::fuse(const Ranking &vector, const Ranking &keyword, int k)
{
    QHash<quint32, double> fused;
    for (const Ranking *ranking : { &vector, &keyword })
        for (size_t rank = 0; rank < ranking->size(); ++rank)
            fused[(*ranking)[rank].row] += 1.0 / double(RrfK + int(rank) + 1);
    Ranking rows;
    rows.reserve(size_t(fused.size()));
    for (auto it = fused.cbegin(); it != fused.cend(); ++it)
        rows.push_back(SearchIndex::Scored { it.key(), float(it.value()) });
    std::sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) {
        return a.score > b.score || (a.score == b.score && a.row < b.row);
    });
    if (rows.size() > size_t(std::max(k, 0)))
        rows.resize(size_t(std::max(k, 0)));
    return rows;
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
