#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

namespace SignalHub::Core {

// The words of code as a person would say them: `parseJsonString`, `parse_json_string` and
// `ParseJSONString` are all "parse json string". SQLite's unicode61 tokenizer splits at `_`
// but keeps `camelCase` whole, and a custom FTS5 tokenizer needs the raw sqlite3 handle that
// Qt's driver hides, so the keyword index stores this derived text instead; the query side
// splits the same way, and a PostgreSQL store can feed the same words to its full-text search.
class IdentifierSplitter
{
public:
    // The words of `text`, lower case, separated by single spaces, in order; everything that
    // is not a letter or a digit separates words.
    static QString words(QStringView text);
    // The words of one token, e.g. "HTTPServer2" -> {"http", "server2"}.
    static QStringList split(QStringView token);
};

} // namespace SignalHub::Core
