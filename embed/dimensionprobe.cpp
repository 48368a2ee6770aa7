#include "dimensionprobe.h"

#include "logging.h"
#include "provider.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QThread>
#include <QUuid>
#include <memory>

namespace SignalHub::Core {

namespace {

QString failure(const QString &model, const QString &why)
{
    return QCoreApplication::translate("DimensionProbe",
        "could not learn the dimensions of model '%1' from the server (%2). Check the model and "
        "the server, or pass --dimensions (or set them in Settings).")
        .arg(model, why);
}

void readAnswer(DimensionProbe::Answer &answer, const AttemptResult &result, const QString &model)
{
    AttemptRecord &record = answer.record;
    record.finishedMs = QDateTime::currentMSecsSinceEpoch();
    record.httpStatus = result.httpStatus;
    record.billed = result.httpStatus >= 200 && result.httpStatus < 300;
    if (result.promptTokens >= 0) {
        record.tokens = result.promptTokens;
        record.tokensFromServer = true;
    }
    const bool oneVector = result.kind == AttemptResult::Kind::Success && result.vectors.size() == 1
        && !result.vectors.first().isEmpty();
    if (oneVector) {
        answer.dimensions = int(result.vectors.first().size());
        return;
    }
    record.error = result.kind == AttemptResult::Kind::Success
        ? QCoreApplication::translate("DimensionProbe", "no vector in the answer")
        : result.message;
    answer.error = failure(model, record.error);
}

} // namespace

DimensionProbe::Answer DimensionProbe::run(Provider &provider, int tokens, int timeoutMs)
{
    Answer answer;
    AttemptRecord &record = answer.record;
    record.requestId
        = QStringLiteral("probe-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
    record.inputs = 1;
    record.tokens = tokens;
    const QString model = provider.space().model;
    // A thread of its own with its own event loop: the caller's thread does not run events
    // meanwhile, so nothing queued to the caller (a cancel, a pause) meets a half-made run.
    std::unique_ptr<QThread> thread(QThread::create([&] {
        QNetworkAccessManager network;
        provider.attach(&network, 1);
        QEventLoop loop;
        record.startedMs = QDateTime::currentMSecsSinceEpoch();
        provider.start(Attempt { QStringList { text() }, record.requestId, 1, timeoutMs },
            [&](AttemptResult result) {
                readAnswer(answer, result, model);
                loop.quit();
            });
        loop.exec();
    }));
    thread->setObjectName(QStringLiteral("signalhub-probe"));
    thread->start();
    thread->wait();
    qCInfo(lcEmbed) << "dimension probe of" << model << "answered" << answer.dimensions
                    << "dimensions" << answer.record.error;
    return answer;
}

} // namespace SignalHub::Core
