#include "snippetreader.h"

#include "filename.h"
#include "textdecoder.h"

#include <QCoreApplication>
#include <QFile>

namespace SignalHub::Core {

namespace {

// Where the line after the one starting at `pos` starts; -1 past the last line.
qsizetype nextLine(const QByteArray &bytes, qsizetype pos)
{
    if (pos >= bytes.size())
        return -1;
    const qsizetype newline = bytes.indexOf('\n', pos);
    return newline < 0 ? bytes.size() : newline + 1;
}

} // namespace

// The whole file is read: its encoding is a property of all its bytes (TextDecoder::detect(),
// as the run decided it), and one Latin-1 byte on the last line makes "é" of the first.
QString SnippetReader::text(const QString &path, int startLine, int endLine)
{
    QFile file;
    if (!FileName::open(file, path))
        return {};
    const QByteArray bytes = file.readAll();
    qsizetype from = 0;
    for (int line = 1; line < startLine && from >= 0; ++line)
        from = nextLine(bytes, from);
    qsizetype to = from;
    for (int line = std::max(startLine, 1); line <= endLine && to >= 0; ++line)
        to = nextLine(bytes, to);
    if (from < 0)
        return {};
    if (to < 0)
        to = bytes.size();
    return TextDecoder::decode(
        QByteArrayView(bytes).sliced(from, to - from), TextDecoder::detect(bytes));
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
