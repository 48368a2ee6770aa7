#pragma once

#include "result.h"
#include "smartbatcher.h"
#include "storetypes.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QTimer>
#include <deque>

namespace SignalHub::Core {

class StoreWriter;

// A worker's share of a run on the team store that any number of workers (machines, or
// processes on one) run together on one corpus. Every worker scans and chunks its own copy;
// a pending text is embedded by the worker that claims it first (StoreWriter::claimTexts:
// by space and text, a lease on the server's clock), so no text is paid for twice. Claims go
// in small steps, as the processor can take them, so the work spreads over the workers; texts
// a teammate holds are asked about again until the teammate stores them (then they are done
// here too) or its lease ends (then this worker claims them). Leases are renewed while the
// run lives and given up at its end; a worker that dies loses them as its connection ends.
class SharedWork : public QObject
{
    Q_OBJECT

public:
    // Long enough for a claimed text to wait out a rate limit's queue and its retries; renewed
    // every quarter of it. A worker that dies frees its leases at once (see claimTexts).
    static constexpr int LeaseSeconds = 120;

    // `appetite`: how many claimed texts the processor should hold to keep its requests full.
    SharedWork(
        StoreWriter &writer, qint64 spaceId, qint64 runId, int appetite, QObject *parent = nullptr);

    // Texts this worker has pending, each as the item of its first chunk.
    void offer(const QList<EmbedItem> &items, const QList<QByteArray> &hashes);
    // The processor answered (embedded or failed) a claimed text: the claim it was sent under,
    // which a write of its vector must still hold.
    qint64 answered(const QByteArray &hash);
    // Nothing offered waits to be claimed or for a teammate, and no claim is on its way.
    bool isSettled() const;
    // No more claims: what is not claimed stays pending (a stopped run).
    void stop();
    // Gives up this run's leases at its end.
    void release();

Q_SIGNALS:
    // Leased to this worker: send them.
    void claimed(const QList<SignalHub::Core::EmbedItem> &items);
    // A teammate embedded these texts; the claim marked their chunks here stored.
    void storedByTeammate(const QList<SignalHub::Core::EmbedItem> &items);
    void writeFailed(const SignalHub::Core::Error &error);
    void settled();

private:
    struct Offer
    {
        EmbedItem item;
        QByteArray hash;
    };

    void claimMore();
    void claim(const QList<Offer> &asked);
    void settleClaim(const QList<Offer> &asked, const TextClaim &claim);
    void askAgainForHeld();

    StoreWriter &m_writer;
    const qint64 m_spaceId;
    const qint64 m_runId;
    const int m_appetite;
    std::deque<Offer> m_unclaimed;
    QList<Offer> m_held; // a teammate's lease: asked about again by m_recheck
    QHash<QByteArray, qint64> m_leases; // claimed text -> its claim's token
    bool m_claiming = false;
    bool m_stopped = false;
    QTimer m_recheck;
    QTimer m_renewal;
};

} // namespace SignalHub::Core
