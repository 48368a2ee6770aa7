#pragma once

#include "result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

class QFile;

namespace SignalHub::Core {

// File names on Linux are bytes; Signal Hub holds paths as QString. Qt decodes names as UTF-8
// with U+FFFD for whatever is not UTF-8 (QFile::decodeName), so such a file can be listed but
// never opened again ("No such file or directory"). FileName decodes without loss instead,
// and opens and shows such paths.
//
// The mapping (MirBSD's OPTU-8): valid UTF-8 decodes as usual, except that a character in
// U+EF80..U+EFFF (private use) is taken byte by byte; each byte that is not part of a valid
// sequence, or of such a character, becomes U+EF00 + the byte (0x80..0xFF to U+EF80..U+EFFF).
// encode() undoes it: encode(decode(name)) == name for every name. A UTF-8 name without those
// characters decodes exactly as Qt decodes it, so paths stored before keep their text.
// The store keeps the decoded path (SQLite TEXT); it maps back to the same bytes for reading
// the file again, for noticing that it is unchanged, and for search results.
//
// Paths from decode() must be opened with open() (QFile(path).open() would look for the UTF-8
// of the private-use characters) and printed with display(). Thread-safe.
class FileName
{
public:
    static QString decode(QByteArrayView name);
    static QByteArray encode(QStringView path);

    // The path for people, in every output (text, JSON, CSV, exports, the window): a byte that
    // is not UTF-8 as \xE9, \n \t \r for those controls, other control bytes as \x01, a
    // backslash as \\, C1 controls and the characters that reorder or break text (bidi
    // controls, U+2028/U+2029) as \u202E. Everything else is as it is, so an ordinary path
    // prints unchanged, and the escaping is reversible.
    static QString display(QStringView path);

    // Opens `path` read-only by its bytes; a folder is refused as QFile refuses it. The error
    // is the OS's message ("No such file or directory").
    static Status open(QFile &file, const QString &path);
    // Whether `path` exists (following symlinks).
    static bool exists(const QString &path);
};

} // namespace SignalHub::Core
