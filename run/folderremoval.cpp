#include "folderremoval.h"

#include "filename.h"
#include "logging.h"
#include "paths.h"
#include "storereader.h"
#include "storewriter.h"

#include <QFileInfo>
#include <algorithm>

namespace SignalHub::Core {

namespace {

// The sources at or inside `root`, or why there are none to remove.
Result<QList<SourceSpace>> sourcesAt(StoreReader &reader, const QString &root)
{
    Result<QList<SourceSpace>> sources = reader.sources();
    if (!sources)
        return sources.error();
    QList<SourceSpace> inside;
    for (const SourceSpace &source : std::as_const(*sources)) {
        if (isWithinFolder(source.root, root))
            inside.append(source);
    }
    if (!inside.isEmpty())
        return inside;
    const auto outer = std::ranges::find_if(
        *sources, [&root](const SourceSpace &source) { return isWithinFolder(root, source.root); });
    if (outer != sources->cend())
        return Error { FolderRemoval::tr(
            "%1 is inside the indexed folder %2, not a folder of its own: remove %2, or index "
            "%2 with --exclude to leave it out.")
                .arg(FileName::display(root), FileName::display(outer->root)) };
    return Error { FolderRemoval::tr(
        "%1 is not an indexed folder; 'signalhub-cli status' lists them.")
            .arg(FileName::display(root)) };
}

Status noRunWrites(StoreReader &reader)
{
    Result<QList<RunRow>> runs = reader.runs();
    if (!runs)
        return runs.error();
    const auto running
        = std::ranges::find_if(*runs, [](const RunRow &run) { return run.status == u"running"; });
    if (running == runs->cend())
        return {};
    return Error { FolderRemoval::tr("Run %1 is indexing into this database now: remove the "
                                     "folder once it has finished, or stop it first.")
            .arg(running->id) };
}

} // namespace

Result<QList<FolderRemoval::Removed>> FolderRemoval::remove(
    const QString &databasePath, const QString &path)
{
    const QString root = QFileInfo(path).absoluteFilePath();
    Result<std::unique_ptr<StoreReader>> reader = StoreReader::open(databasePath);
    if (!reader)
        return reader.error();
    Result<QList<SourceSpace>> sources = sourcesAt(**reader, root);
    if (!sources)
        return sources.error();
    if (Status idle = noRunWrites(**reader); !idle)
        return idle.error();
    reader->reset();

    StoreWriter writer(databasePath);
    if (Status opened = writer.open().result(); !opened)
        return opened.error();
    QList<Removed> removed;
    for (const SourceSpace &source : std::as_const(*sources)) {
        Result<RemovedSource> what = writer.removeSource(source.id).result();
        if (!what)
            return what.error();
        qCInfo(lcIndexer) << "removed" << source.root << "from" << databasePath << ":"
                          << what->files << "files," << what->chunks << "chunks," << what->vectors
                          << "vectors";
        removed.append({ source.root, *what });
    }
    if (Status flushed = writer.flush(); !flushed)
        return flushed.error();
    return removed;
}

} // namespace SignalHub::Core
