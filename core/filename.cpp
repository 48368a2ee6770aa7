#include "filename.h"

#include "textdecoder.h"

#include <QFile>
#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace SignalHub::Core {

namespace {

constexpr char16_t rawByteBase = 0xEF00; // a raw byte 0x80..0xFF is U+EF80..U+EFFF
constexpr char16_t rawFirst = 0xEF80;
constexpr char16_t rawLast = 0xEFFF;

bool isRawByte(char16_t c)
{
    return c >= rawFirst && c <= rawLast;
}

QString osMessage(int error)
{
    return QString::fromLocal8Bit(std::generic_category().message(error));
}

// Characters that would move the cursor, end a line or reorder the text around them.
bool isInvisibleControl(char16_t c)
{
    return (c >= 0x80 && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F
        || (c >= 0x2028 && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

void appendHex(QString &out, QLatin1StringView prefix, uint value, int digits)
{
    out += prefix;
    out += QString::number(value, 16).toUpper().rightJustified(digits, u'0');
}

} // namespace

QString FileName::decode(QByteArrayView name)
{
    QString out;
    out.reserve(name.size());
    qsizetype i = 0;
    while (i < name.size()) {
        // ASCII runs are the common case; everything else goes sequence by sequence.
        qsizetype start = i;
        while (i < name.size() && uchar(name[i]) < 0x80)
            ++i;
        if (i > start)
            out += QLatin1StringView(name.sliced(start, i - start));
        if (i == name.size())
            break;
        const qsizetype length = TextDecoder::validSequenceLength(name, i);
        const QString decoded = length > 0 ? QString::fromUtf8(name.sliced(i, length)) : QString();
        if (length > 0 && !(decoded.size() == 1 && isRawByte(decoded.front().unicode()))) {
            out += decoded;
            i += length;
            continue;
        }
        // Not UTF-8, or a character of the raw-byte range itself: one byte each.
        const qsizetype end = i + std::max<qsizetype>(1, length);
        for (; i < end; ++i)
            out += QChar(char16_t(rawByteBase + uchar(name[i])));
    }
    return out;
}

QByteArray FileName::encode(QStringView path)
{
    qsizetype from = 0;
    QByteArray out;
    out.reserve(path.size());
    for (qsizetype i = 0; i < path.size(); ++i) {
        const char16_t c = path[i].unicode();
        if (!isRawByte(c))
            continue;
        out += path.sliced(from, i - from).toUtf8();
        out += char(c - rawByteBase);
        from = i + 1;
    }
    out += path.sliced(from).toUtf8();
    return out;
}

QString FileName::display(QStringView path)
{
    const auto needsEscape = [](char16_t c) {
        return c < 0x20 || c == 0x7F || c == u'\\' || isRawByte(c) || isInvisibleControl(c);
    };
    if (std::none_of(path.begin(), path.end(), [&](QChar c) { return needsEscape(c.unicode()); }))
        return path.toString();
    QString out;
    out.reserve(path.size() + 8);
    for (const QChar qc : path) {
        const char16_t c = qc.unicode();
        if (!needsEscape(c))
            out += qc;
        else if (c == u'\\')
            out += u"\\\\";
        else if (c == u'\n')
            out += u"\\n";
        else if (c == u'\t')
            out += u"\\t";
        else if (c == u'\r')
            out += u"\\r";
        else if (isRawByte(c))
            appendHex(out, QLatin1StringView("\\x"), c - rawByteBase, 2);
        else if (c < 0x80)
            appendHex(out, QLatin1StringView("\\x"), c, 2);
        else
            appendHex(out, QLatin1StringView("\\u"), c, 4);
    }
    return out;
}

Status FileName::open(QFile &file, const QString &path)
{
    const int fd = ::open(encode(path).constData(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return Error { osMessage(errno) };
    struct stat status;
    if (::fstat(fd, &status) != 0) {
        const int error = errno;
        ::close(fd);
        return Error { osMessage(error) };
    }
    if (S_ISDIR(status.st_mode)) {
        ::close(fd);
        return Error { osMessage(EISDIR) };
    }
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return Error { file.errorString() };
    }
    return {};
}

bool FileName::exists(const QString &path)
{
    struct stat status;
    return ::stat(encode(path).constData(), &status) == 0;
}

} // namespace SignalHub::Core
