#include "sourcechoice.h"

#include "paths.h"

#include <QFileInfo>
#include <algorithm>

namespace SignalHub::Core {

namespace {
bool isInside(const QString &path, const QString &folder)
{
    return path != folder && isWithinFolder(path, folder);
}
// A source that has no space yet takes any.
bool sameSpace(const SourceSpace &source, qint64 spaceId)
{
    return source.spaceId == 0 || source.spaceId == spaceId;
}
} // namespace

SourceChoice SourceChoice::make(
    const QList<SourceSpace> &sources, const QString &path, qint64 spaceId, const QString &identity)
{
    QList<SourceSpace> outermostFirst = sources;
    std::ranges::stable_sort(outermostFirst,
        [](const SourceSpace &a, const SourceSpace &b) { return a.root.size() < b.root.size(); });
    SourceChoice choice;
    choice.root = path;
    for (const SourceSpace &source : std::as_const(outermostFirst)) {
        const bool covers = source.root == path || isInside(path, source.root);
        if (covers && sameSpace(source, spaceId)) {
            choice.sourceId = source.id;
            choice.root = source.root;
            choice.previousSpaceId = source.spaceId;
            break;
        }
        if (source.root == path) { // the whole folder switches space
            choice.sourceId = source.id;
            choice.previousSpaceId = source.spaceId;
        } else if (covers && choice.sourceId == 0) {
            choice.nestedIn = source.root; // the last one found is the innermost
        }
    }
    if (choice.sourceId != 0 && choice.root != path)
        return choice; // inside a source of this space: nothing else of its space is inside
    if (choice.sourceId == 0 && !identity.isEmpty())
        choice.adoptMoved(sources, identity);
    for (const SourceSpace &source : std::as_const(outermostFirst)) {
        if (source.id != choice.sourceId && isInside(source.root, choice.root)
            && sameSpace(source, spaceId))
            choice.absorbed.append(source.id);
    }
    if (choice.sourceId != 0)
        choice.nestedIn.clear();
    return choice;
}

void SourceChoice::adoptMoved(const QList<SourceSpace> &sources, const QString &identity)
{
    const auto moved = std::ranges::find_if(sources, [&identity](const SourceSpace &source) {
        return source.identity == identity && !QFileInfo::exists(source.root);
    });
    if (moved == sources.cend())
        return;
    sourceId = moved->id;
    previousSpaceId = moved->spaceId;
    movedFrom = moved->root;
}

} // namespace SignalHub::Core
