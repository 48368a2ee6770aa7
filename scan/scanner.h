#pragma once

#include "runsettings.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <atomic>
#include <functional>

namespace KSyntaxHighlighting {
class Repository;
}

namespace SignalHub::Core {

enum class SkipReason
{
    None, // indexed
    Ignored, // .gitignore (with nested files, .git/info/exclude, global excludes), .ignore, .git/
    Excluded, // the user's --exclude globs
    Binary, // NUL byte in the first 8 KiB, or content and name both of a MIME type not text
    TooLarge, // over ScanOptions::maxFileSize
    Minified, // *.min.*, or average line over 300 bytes in a file over 4 KiB, not prose
    Generated, // lock files, "Code generated ... DO NOT EDIT", "@generated"
    NotRegularFile, // FIFO, socket, device: never opened (a FIFO would block)
    OutsideRoot, // a symlink whose target is outside the root: never followed
    Duplicate, // a symlink to a folder already scanned (a loop), or to a file inside the root
    DanglingSymlink, // a symlink to nothing (its target is missing, or the links loop)
    Secret, // named as files holding keys or credentials are (.env, *.pem, id_rsa, .netrc, ...)
    Unreadable, // the OS refused or the entry vanished; the message is the OS's
};

// Ignored, Excluded and the rule-based skips are expected; Unreadable is a failure worth an
// exit code 1 (DESIGN.md: "unreadable files").
bool isFailure(SkipReason reason);
QString skipReasonName(SkipReason reason); // stable, untranslated: "ignored", "too-large", ...

struct ScanOptions
{
    QStringList excludeGlobs; // gitignore syntax, relative to each root
    qint64 maxFileSize = 1024 * 1024;
    bool includeMinified = false;
    bool includeGenerated = false;
    bool useIgnoreFiles = true; // .gitignore, .ignore, git excludes
    bool includeSecretFiles = false; // index what secretFileRule() names too
    // Also report what ignore files and --exclude leave out (an ignored folder is one entry).
    bool reportIgnored = false;
    // Absolute paths under the roots, as walked: only these files and folders, and what is
    // inside the folders, are reported; the walk passes through the folders above them, whose
    // ignore files still apply. Empty: everything. What a watcher's incremental run scans.
    QStringList onlyPaths;

    // The scan rules of a run: its excludes, size limit and secret files setting.
    static ScanOptions forRun(const RunSettings &settings);
};

struct ScannedFile
{
    QString absolutePath; // FileName::decode()d: open it with FileName::open()
    QString root; // the root it was found under, absolute, as given (not canonical)
    QString relativePath; // to root, '/'-separated; the file name if the root is a file
    qint64 size = 0;
    QDateTime mtime; // UTC
    QString language; // KSyntaxHighlighting definition name; empty if none fits
    SkipReason skipReason = SkipReason::None;
    QString skipMessage; // translated, e.g. "larger than 1 MiB (5.0 MiB)"
    bool isDirectory = false; // an ignored or unreadable folder reported as one entry

    bool isIndexed() const { return skipReason == SkipReason::None; }
};

struct ScanSummary
{
    int indexed = 0;
    int skipped = 0; // by rule: ignored, excluded, binary, too large, ...
    int failed = 0; // unreadable
    bool cancelled = false;
};

// Decides which files of some folders are indexed. Blocking: run it on a worker thread.
// Ignore rules, as git applies them: .gitignore files (nested ones for their subtree, deeper
// wins), and inside git work trees also those above the root, .git/info/exclude and the global
// excludes file (core.excludesFile or $XDG_CONFIG_HOME/git/ignore). libgit2 finds the work tree
// (upwards from each root; linked work trees, nested repositories and submodules get their own)
// and those files; IgnoreRules matches (libgit2's matcher drops some negations git honours).
// .ignore files apply everywhere and win over .gitignore. Ignored folders are not walked, and
// a root is scanned even if git ignores it.
// Symlinks are followed only to targets inside the root's canonical path, each folder once; a
// dangling one is skipped with its target. Explicit file roots skip the ignore rules and
// --exclude, not the content and name rules (secret files, lock files, minified names).
// Names are bytes: paths hold them as FileName decodes them, also those that are not UTF-8.
//
// Not thread-safe except cancel(), which may be called from any thread. Uses one
// KSyntaxHighlighting::Repository, which must belong to the scanning thread; without one, a
// thread_local repository of the scanning thread is used.
class Scanner
{
    Q_DECLARE_TR_FUNCTIONS(SignalHub::Core::Scanner)

public:
    using FileCallback = std::function<void(const ScannedFile &)>;
    using FolderCallback = std::function<void(const QString &absolutePath)>;

    explicit Scanner(
        ScanOptions options = {}, KSyntaxHighlighting::Repository *repository = nullptr);
    ~Scanner();
    Scanner(const Scanner &) = delete;
    Scanner &operator=(const Scanner &) = delete;

    // Walks the roots (folders or files) in order and calls `onFile` for each file, in walk order
    // (a folder's entries by name, then its sub-folders, symlinked folders last). Returns early
    // after cancel(); a cancelled Scanner stays cancelled.
    ScanSummary scan(const QStringList &roots, const FileCallback &onFile);
    // The folders a scan of `root` walks (no ignore rule or --exclude leaves them out; with
    // onlyPaths, those at or inside them), each once, the root first; files are not looked at.
    // What a watcher watches.
    void walkFolders(const QString &root, const FolderCallback &onFolder);
    // The same, collected; within each root the most recently modified files come first.
    QList<ScannedFile> scanAll(const QStringList &roots, ScanSummary *summary = nullptr);

    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_cancelled.load(std::memory_order_relaxed); }

    const ScanOptions &options() const { return m_options; }

    // Newest first within each root, roots kept in their order; stable otherwise.
    static void sortByPriority(QList<ScannedFile> &files);
    // Lock files of package managers, skipped as generated ("package-lock.json", "go.sum", ...).
    static bool isLockFileName(QStringView fileName);
    // The rule (".env.*", "*.pem", "id_rsa*", ...) by which a file at `relativePath` (to the
    // root, '/'-separated) is a secret file, skipped unless ScanOptions::includeSecretFiles;
    // empty if none.
    static QString secretFileRule(QStringView relativePath);
    // Those rules, in gitignore syntax ("!" excepts: "!*.pub").
    static const QStringList &secretFilePatterns();
    // The lock file git holds while it changes the index of the work tree at or above
    // `folder` (a checkout, a rebase; linked work trees have their own); empty outside one.
    static QString gitIndexLock(const QString &folder);

private:
    class Walk;

    ScanOptions m_options;
    KSyntaxHighlighting::Repository *m_repository;
    std::atomic<bool> m_cancelled { false };
};

} // namespace SignalHub::Core
