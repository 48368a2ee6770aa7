#pragma once

#include "progresstracker.h"
#include "storetypes.h"

#include <QLabel>
#include <QStringList>
#include <QWidget>

// Checks on the text a window shows, shared by the English and the German window tests.

// The visible labels of `window` whose text does not fit them, as "objectName: text": a label
// without word wrap is cut when narrower or lower than its size hint, a wrapped one when lower
// than the height its text needs at its width.
inline QStringList cutLabels(const QWidget *window)
{
    QStringList cut;
    const QList<QLabel *> labels = window->findChildren<QLabel *>();
    for (const QLabel *label : labels) {
        if (!label->isVisibleTo(window) || label->text().isEmpty())
            continue;
        const QSize hint = label->sizeHint();
        const bool fits = label->wordWrap()
            ? label->heightForWidth(label->width()) <= label->height()
            : hint.width() <= label->width() && hint.height() <= label->height();
        if (!fits)
            cut.append(QStringLiteral("%1 (%2x%3): %4")
                    .arg(label->objectName())
                    .arg(label->width())
                    .arg(label->height())
                    .arg(label->text()));
    }
    return cut;
}

// What a long run against a slow, rate-limiting server shows at its widest.
inline SignalHub::Core::ProgressSnapshot busySnapshot()
{
    SignalHub::Core::ProgressSnapshot s;
    s.chunksDone = 1147;
    s.chunksFailed = 1234;
    s.chunksPending = 123456;
    s.tokensDone = 12345678;
    s.tokensPending = 98765432;
    s.tokensPerSecond = 23456;
    s.chunksPerSecond = 123.4;
    s.etaSeconds = 35000;
    s.costUsd = 1234.56;
    s.projectedCostUsd = 98765.43;
    s.inFlight = 16;
    s.concurrency = 16;
    s.retries = 1234;
    s.rateLimited = 567;
    s.elapsedMs = 600000;
    return s;
}

// What a large database shows at its widest.
inline SignalHub::Core::StatusSummary bigStoreSummary()
{
    SignalHub::Core::StatusSummary s;
    s.files = 12345;
    s.chunks = 1234567;
    s.stored = 1100000;
    s.failed = 12345;
    s.pending = 122222;
    s.tokens = 123456789;
    s.costUsd = 12345.67;
    s.runs = 123;
    return s;
}
