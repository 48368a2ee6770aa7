#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace SignalHub::Core {

// The patterns of one ignore file (.gitignore, .ignore) or of the user's --exclude globs, with
// gitignore semantics: `#` comments, `!` negation, trailing `/` for directories only, a `/` at
// the start or in the middle anchors the pattern to the file's folder (otherwise it matches a
// name at any depth), `*` `?` `[a-z]` `[!x]` stay within one path component, `**/`, `/**/` and
// `/**` cross components, `\` escapes. Within one set the last matching rule wins.
//
// Paths given to match() are relative to the folder of the ignore file, '/'-separated. Like git,
// a set does not look at parent folders: a walker prunes an ignored folder and never asks about
// what is inside it (matchWithParents() does that for callers that see paths out of order).
// Used by Scanner for .gitignore, .ignore, git's exclude files and --exclude; checked against
// git itself on random trees in tst_scanner.
class IgnoreRules
{
public:
    enum class Match
    {
        None,
        Ignored,
        Included
    };

    struct Rule
    {
        QString pattern; // without '!', the leading '/' and the trailing '/'
        QString text; // the line as written, for messages
        QString source; // e.g. "src/.gitignore" or "--exclude"
        int line = 0;
        bool negated = false;
        bool directoryOnly = false;
        bool anchored = false;
    };

    struct Verdict
    {
        Match match = Match::None;
        const Rule *rule = nullptr; // the deciding rule; valid while the IgnoreRules lives
    };

    // Adds every line of an ignore file's text; `source` names it in messages.
    void addLines(QStringView text, const QString &source);
    // Adds one line; returns false for blank lines and comments.
    bool addLine(QStringView line, const QString &source, int lineNumber = 0);

    // Reads an ignore file (decoded as FileName decodes names, so a pattern may hold bytes that
    // are not UTF-8). A missing file adds nothing and is not an error; returns
    // false with the OS message in `error` if it exists but cannot be read.
    bool addFile(const QString &filePath, const QString &source, QString *error = nullptr);

    Verdict match(QStringView relativePath, bool isDirectory) const;
    // As git sees a path: ignored if any parent folder is ignored.
    Verdict matchWithParents(QStringView relativePath, bool isDirectory) const;

    bool isEmpty() const { return m_rules.isEmpty(); }
    qsizetype size() const { return m_rules.size(); }
    const QList<Rule> &rules() const { return m_rules; }

    // Glob match of a whole path with the rules above ('*' stops at '/', "**" spans folders).
    static bool wildcardMatch(QStringView pattern, QStringView path);

private:
    QList<Rule> m_rules;
};

} // namespace SignalHub::Core
