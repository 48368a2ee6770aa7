#include "snippetreader.h"

#include "filename.h"

#include <QCoreApplication>
#include <QFile>

namespace SignalHub::Core {

QString SnippetReader::text(const QString &path, int startLine, int endLine)
{
    QFile file;
    if (!FileName::open(file, path))
        return {};
    QString out;
    int line = 0;
    while (!file.atEnd() && line < endLine) {
        const QByteArray bytes = file.readLine();
        if (++line >= startLine)
            out += QString::fromUtf8(bytes);
    }
    return out;
}

QString SnippetReader::snippet(const SearchHit &hit, int maxLines, const QString &indent)
{
    const QString body
        = text(hit.path, hit.startLine, std::min(hit.endLine, hit.startLine + maxLines - 1));
    if (body.isEmpty())
        return indent
            + QCoreApplication::translate("SnippetReader", "(the file is gone or unreadable)")
            + u'\n';
    QString out;
    const QStringList lines = body.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (i == lines.size() - 1 && lines[i].isEmpty())
            break;
        QString line = lines[i];
        if (line.endsWith(u'\r'))
            line.chop(1);
        out += indent + line.left(160) + u'\n';
    }
    return out;
}

} // namespace SignalHub::Core
