#pragma once

#include <QString>

namespace SignalHub::Core {

// What a folder is wherever it lies, so that its index follows it: to another folder, another
// machine, or a teammate's clone. A folder in a git work tree with a remote is that remote
// (normalised: no scheme, user or password) at the branch it has checked out (the commit when
// detached), plus where the folder is inside the work tree:
//   git:github.com/kde/kate@master
//   git:github.com/kde/kate@master//addons/project
// Any other folder is known by its path only (empty identity) unless the user names it.
class SourceIdentity
{
public:
    // `path` is absolute and clean; a file is known by the folder it is in and its name.
    static QString of(const QString &path);
    // The identity a user gives a folder that git cannot name.
    static QString named(const QString &name);
    // A remote URL as a key: "git@github.com:KDE/kate.git", "https://token@github.com/KDE/kate"
    // and "ssh://git@github.com:22/KDE/kate/" are all "github.com/KDE/kate". A local path
    // stays a path.
    static QString normaliseRemote(const QString &url);
};

} // namespace SignalHub::Core
