#include "editorcommand.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <QThread>
#include <csignal>

namespace SignalHub::Core {

namespace {
const QString kFile = QStringLiteral("{file}");
const QString kLine = QStringLiteral("{line}");

// One pass, so a path that itself contains "{line}" is left alone.
QString substitute(const QString &argument, const QString &file, int line)
{
    QString out;
    for (qsizetype i = 0; i < argument.size();) {
        const QStringView rest = QStringView(argument).mid(i);
        if (rest.startsWith(kFile)) {
            out += file;
            i += kFile.size();
        } else if (rest.startsWith(kLine)) {
            out += QString::number(line);
            i += kLine.size();
        } else {
            out += argument.at(i++);
        }
    }
    return out;
}

QString tr(const char *text)
{
    return QCoreApplication::translate("EditorCommand", text);
}
// Long enough for an editor to fail on its options or display, short enough to wait for off
// the GUI thread; editors that hand the file to a running instance end well within it.
constexpr int WatchMs = 1500;

// A detached process is not our child: whether it still runs is all one can ask. Ended, it
// may stay a zombie for a while (whoever adopted it reaps it when it likes).
bool isRunning(qint64 pid)
{
    if (::kill(pid_t(pid), 0) != 0)
        return false;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray line = stat.readAll();
    const qsizetype afterName = line.lastIndexOf(')');
    return afterName < 0 || line.mid(afterName + 2, 1) != "Z";
}

bool endsWithin(qint64 pid, int ms)
{
    QDeadlineTimer deadline(ms);
    while (isRunning(pid)) {
        if (deadline.hasExpired())
            return false;
        QThread::msleep(20);
    }
    return true;
}

} // namespace

const QList<EditorCommand::KnownEditor> &EditorCommand::knownEditors()
{
    // GUI editors only: a terminal editor started detached has no terminal to draw in.
    static const QList<KnownEditor> editors = {
        { QStringLiteral("kate"), QStringLiteral("--line {line} {file}") },
        { QStringLiteral("kwrite"), QStringLiteral("--line {line} {file}") },
        { QStringLiteral("code"), QStringLiteral("--goto {file}:{line}") },
        { QStringLiteral("codium"), QStringLiteral("--goto {file}:{line}") },
        { QStringLiteral("zed"), QStringLiteral("{file}:{line}") },
        { QStringLiteral("subl"), QStringLiteral("{file}:{line}") },
        { QStringLiteral("gnome-text-editor"), QStringLiteral("+{line} {file}") },
        { QStringLiteral("gedit"), QStringLiteral("+{line} {file}") },
        { QStringLiteral("pluma"), QStringLiteral("+{line} {file}") },
        { QStringLiteral("xed"), QStringLiteral("+{line} {file}") },
        { QStringLiteral("mousepad"), QStringLiteral("--line {line} {file}") },
        { QStringLiteral("geany"), QStringLiteral("--line {line} {file}") },
        { QStringLiteral("gvim"), QStringLiteral("+{line} {file}") },
        { QStringLiteral("emacs"), QStringLiteral("+{line} {file}") },
    };
    return editors;
}

QString EditorCommand::detect(const FindExecutable &find, const QString &preferred)
{
    const QStringList preferredWords = QProcess::splitCommand(preferred);
    const QString preferredName
        = preferredWords.isEmpty() ? QString() : QFileInfo(preferredWords.first()).fileName();
    const auto templateOf = [](const KnownEditor &editor, const QString &path) -> QString {
        const QString program = path.contains(u' ') ? QString(u'"' + path + u'"') : path;
        return program + u' ' + editor.arguments;
    };
    for (const KnownEditor &editor : knownEditors())
        if (editor.program == preferredName)
            if (const QString path = find(editor.program); !path.isEmpty())
                return templateOf(editor, path);
    for (const KnownEditor &editor : knownEditors())
        if (const QString path = find(editor.program); !path.isEmpty())
            return templateOf(editor, path);
    return {};
}

QString EditorCommand::detect()
{
    const QString preferred = qEnvironmentVariableIsEmpty("VISUAL")
        ? qEnvironmentVariable("EDITOR")
        : qEnvironmentVariable("VISUAL");
    return detect(
        [](const QString &program) { return QStandardPaths::findExecutable(program); }, preferred);
}

QStringList EditorCommand::expand(const QString &command, const QString &file, int line)
{
    QStringList words = QProcess::splitCommand(command);
    for (QString &word : words)
        word = substitute(word, file, line);
    return words;
}

QString EditorCommand::validate(const QString &command)
{
    if (command.trimmed().isEmpty())
        return {};
    if (command.count(u'"') % 2 != 0)
        return tr("The editor command has a quote that is not closed.");
    const QStringList words = QProcess::splitCommand(command);
    if (words.isEmpty())
        return tr("The editor command names no program.");
    if (words.first().contains(kFile) || words.first().contains(kLine))
        return tr("The editor command must start with the editor's program, before {file}.");
    bool hasFile = false;
    for (qsizetype i = 1; i < words.size(); ++i)
        hasFile = hasFile || words[i].contains(kFile);
    if (!hasFile)
        return tr("The editor command must contain {file} where the file's path goes "
                  "(and may contain {line}), e.g. kate --line {line} {file}.");
    return {};
}

EditorCommand::Launch EditorCommand::open(const QString &configured, const QString &file, int line)
{
    Launch launch;
    const QString command = configured.trimmed().isEmpty() ? detect() : configured;
    if (command.isEmpty()) {
        launch.noEditor = true;
        return launch;
    }
    QStringList words = expand(command, file, line);
    if (words.isEmpty()) {
        launch.noEditor = true;
        return launch;
    }
    for (const QString &word : std::as_const(words)) {
        if (!launch.command.isEmpty())
            launch.command += u' ';
        launch.command += word.contains(u' ') ? QString(u'"' + word + u'"') : word;
    }
    QTemporaryFile errors;
    if (!errors.open())
        return launch;
    QProcess process;
    process.setProgram(words.takeFirst());
    process.setArguments(words);
    process.setWorkingDirectory(QFileInfo(file).absolutePath());
    process.setStandardErrorFile(errors.fileName());
    qint64 pid = 0;
    launch.started = process.startDetached(&pid);
    if (launch.started && endsWithin(pid, WatchMs))
        launch.complaint = QString::fromLocal8Bit(errors.readAll()).trimmed().left(400);
    return launch;
}

} // namespace SignalHub::Core
