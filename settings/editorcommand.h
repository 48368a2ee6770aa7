#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

namespace SignalHub::Core {

// "Open in editor" at a line. Qt has no portable way to pass a line to the default
// application, so the command is a template whose arguments may hold {file} and {line},
// e.g. `kate --line {line} {file}` or `code --goto {file}:{line}`. Without one configured,
// a known GUI editor is looked for in PATH (each with its own line syntax). No widgets here.
class EditorCommand
{
public:
    struct KnownEditor
    {
        QString program; // as found in PATH
        QString arguments; // the template after the program
    };
    // In order of preference when several are installed.
    static const QList<KnownEditor> &knownEditors();

    using FindExecutable = std::function<QString(const QString &program)>;
    // The template of the editor to use when none is configured: the one $VISUAL or $EDITOR
    // names if it is a known GUI editor (`preferred`), else the first known one found; empty
    // when there is none. `find` returns a program's full path or empty (QStandardPaths).
    static QString detect(const FindExecutable &find, const QString &preferred);
    static QString detect(); // with PATH, $VISUAL and $EDITOR

    // The program and its arguments: the template split like a shell line (QProcess::
    // splitCommand: double quotes group words), then {file} and {line} substituted in each
    // argument, so a path with spaces stays one argument. Empty when it names no program.
    static QStringList expand(const QString &command, const QString &file, int line);
    // Empty when the template is usable (or empty, meaning "detect"), else what to change.
    static QString validate(const QString &command);

    struct Launch
    {
        bool started = false;
        bool noEditor = false; // nothing configured and no known editor found
        QString command; // what was started (or tried), for the status bar
        // An editor that started, ended within moments and wrote to stderr: what it wrote.
        QString complaint;
    };
    // Starts the configured (else detected) editor detached and watches it for a moment, so
    // that an editor that gives up at once (no display, a bad option) is reported with its own
    // words. Looks at PATH and blocks that moment: call it off the GUI thread.
    static Launch open(const QString &configured, const QString &file, int line);
};

} // namespace SignalHub::Core
