#pragma once

#include "result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace SignalHub::Core {

// Copies indexed folders from one database to another with their files, chunks and vectors,
// so that what took hours to embed is embedded once: `export --format index` (into a new file)
// and `import` (from one) are this. The copy goes through the stores' own reader and writer,
// so it works between any two stores, and it is recorded in the target as a run started by
// "import" that paid nothing.
//
// A folder keeps its root and identity (SourceIdentity): where the root is not there, the first
// `index` of a checkout of the same identity takes the copy over (see SourceChoice), and only
// what differs is read again. Chunks without a vector arrive pending. The keyword index cannot
// be read back (it holds no text), so the target rebuilds it from the files where they are;
// elsewhere the next `index` of the folder does. A folder that overlaps one indexed in the
// target is refused: two indexes of one folder never merge. Blocking (disk): never on the GUI
// thread.
class IndexTransfer
{
    Q_DECLARE_TR_FUNCTIONS(SignalHub::Core::IndexTransfer)

public:
    struct Copied
    {
        QString root;
        qint64 files = 0;
        qint64 chunks = 0;
        qint64 vectors = 0;
    };

    // The folders of `from` at or inside `paths` (all of them when empty) into `to`.
    static Result<QList<Copied>> copy(
        const QString &from, const QString &to, const QStringList &paths);
};

} // namespace SignalHub::Core
