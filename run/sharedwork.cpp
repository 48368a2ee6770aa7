#include "sharedwork.h"

#include "logging.h"
#include "storewriter.h"

namespace SignalHub::Core {

namespace {
// How often texts a teammate holds are asked about again, and how many at once.
constexpr int RecheckMs = 1000;
constexpr qsizetype RecheckBatch = 2000;
} // namespace

SharedWork::SharedWork(
    StoreWriter &writer, qint64 spaceId, qint64 runId, int appetite, QObject *parent)
    : QObject(parent)
    , m_writer(writer)
    , m_spaceId(spaceId)
    , m_runId(runId)
    , m_appetite(std::max(1, appetite))
    , m_recheck(this)
    , m_renewal(this)
{
    m_recheck.setInterval(RecheckMs);
    connect(&m_recheck, &QTimer::timeout, this, &SharedWork::askAgainForHeld);
    m_renewal.setInterval(LeaseSeconds * 1000 / 4);
    connect(&m_renewal, &QTimer::timeout, this, [this] {
        m_writer.renewLeases(m_runId, LeaseSeconds).then(this, [this](const Result<qint64> &r) {
            if (!r)
                Q_EMIT writeFailed(r.error());
        });
    });
    m_renewal.start();
}

void SharedWork::offer(const QList<EmbedItem> &items, const QList<QByteArray> &hashes)
{
    Q_ASSERT(items.size() == hashes.size());
    for (qsizetype i = 0; i < items.size(); ++i)
        m_unclaimed.push_back(Offer { items[i], hashes[i] });
    claimMore();
}

qint64 SharedWork::answered(const QByteArray &hash)
{
    const qint64 lease = m_leases.take(hash);
    claimMore();
    return lease;
}

bool SharedWork::isSettled() const
{
    return m_unclaimed.empty() && m_held.isEmpty() && !m_claiming;
}

void SharedWork::stop()
{
    m_stopped = true;
    m_recheck.stop();
}

void SharedWork::release()
{
    stop();
    m_renewal.stop();
    m_writer.releaseLeases(m_runId);
}

void SharedWork::claimMore()
{
    if (m_stopped || m_claiming)
        return;
    // Claims wait until half the appetite is free: claims of one text each as answers come in
    // would queue up behind the writer's other jobs.
    const qint64 wanted = m_appetite - m_leases.size();
    if (m_unclaimed.empty() || wanted < (m_appetite + 1) / 2) {
        if (isSettled())
            Q_EMIT settled();
        return;
    }
    QList<Offer> asked;
    while (!m_unclaimed.empty() && asked.size() < wanted) {
        asked.append(std::move(m_unclaimed.front()));
        m_unclaimed.pop_front();
    }
    claim(asked);
}

void SharedWork::askAgainForHeld()
{
    if (m_stopped || m_claiming || m_held.isEmpty())
        return;
    const qsizetype count = std::min(RecheckBatch, m_held.size());
    const QList<Offer> asked = m_held.first(count);
    m_held.remove(0, count);
    claim(asked);
}

void SharedWork::claim(const QList<Offer> &asked)
{
    QList<QByteArray> hashes;
    hashes.reserve(asked.size());
    for (const Offer &offer : asked)
        hashes.append(offer.hash);
    m_claiming = true;
    m_writer.claimTexts(m_spaceId, m_runId, hashes, LeaseSeconds)
        .then(this, [this, asked](const Result<TextClaim> &claim) {
            m_claiming = false;
            if (!claim) {
                Q_EMIT writeFailed(claim.error());
                return;
            }
            settleClaim(asked, *claim);
        });
}

void SharedWork::settleClaim(const QList<Offer> &asked, const TextClaim &claim)
{
    const QSet<QByteArray> won(claim.claimed.cbegin(), claim.claimed.cend());
    const QSet<QByteArray> elsewhere(claim.stored.cbegin(), claim.stored.cend());
    QList<EmbedItem> toSend;
    QList<EmbedItem> done;
    for (const Offer &offer : asked) {
        if (won.contains(offer.hash)) {
            m_leases.insert(offer.hash, claim.token);
            toSend.append(offer.item);
        } else if (elsewhere.contains(offer.hash)) {
            done.append(offer.item);
        } else {
            m_held.append(offer);
        }
    }
    qCDebug(lcIndexer) << "claim" << claim.token << "of" << asked.size()
                       << "texts:" << toSend.size() << "to embed," << done.size()
                       << "stored by teammates," << claim.leased.size() << "held by teammates";
    if (!m_held.isEmpty() && !m_stopped && !m_recheck.isActive())
        m_recheck.start();
    if (m_held.isEmpty())
        m_recheck.stop();
    if (!toSend.isEmpty())
        Q_EMIT claimed(toSend);
    if (!done.isEmpty())
        Q_EMIT storedByTeammate(done);
    claimMore();
}

} // namespace SignalHub::Core
