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

std::optional<QStringList> SnippetReader::lines(const SearchHit &hit, int maxLines)
{
    const QString body
        = text(hit.path, hit.startLine, std::min(hit.endLine, hit.startLine + maxLines - 1));
    if (body.isEmpty())
        return std::nullopt;
    QStringList lines = body.split(u'\n');
    if (lines.last().isEmpty())
        lines.removeLast();
    for (QString &line : lines) {
        if (line.endsWith(u'\r'))
            line.chop(1);
        line.truncate(160);
    }
    return lines;
}

QString SnippetReader::snippet(const SearchHit &hit, int maxLines, const QString &indent)
{
    const auto shown = lines(hit, maxLines);
    if (!shown)
        return indent
            + QCoreApplication::translate("SnippetReader", "(the file is gone or unreadable)")
            + u'\n';
    QString out;
    for (const QString &line : *shown)
        out += indent + line + u'\n';
    return out;
}

} // namespace SignalHub::Core
