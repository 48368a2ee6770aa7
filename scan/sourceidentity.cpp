#include "sourceidentity.h"

#include "filename.h"
#include "logging.h"

#include <QDir>
#include <QFileInfo>
#include <QUrl>
#include <filesystem>
#include <git2.h>
#include <memory>
#include <optional>

namespace fs = std::filesystem;

namespace SignalHub::Core {

namespace {

using Repository = std::unique_ptr<git_repository, decltype(&git_repository_free)>;

// libgit2 is initialised for as long as one of these lives (it counts references).
struct GitLibrary
{
    GitLibrary() { git_libgit2_init(); }
    ~GitLibrary() { git_libgit2_shutdown(); }
    GitLibrary(const GitLibrary &) = delete;
    GitLibrary &operator=(const GitLibrary &) = delete;
};

QString configString(git_repository *repository, const QByteArray &key)
{
    git_config *config = nullptr;
    if (git_repository_config_snapshot(&config, repository) != 0)
        return {};
    const char *value = nullptr;
    QString result;
    if (git_config_get_string(&value, config, key.constData()) == 0 && value)
        result = QString::fromUtf8(value);
    git_config_free(config);
    return result;
}

// The remote of the checked-out branch's upstream, else "origin", else the first one.
QString remoteUrl(git_repository *repository, const QString &branch)
{
    QString name = branch.isEmpty()
        ? QString()
        : configString(repository, QStringLiteral("branch.%1.remote").arg(branch).toUtf8());
    git_strarray names {};
    if (git_remote_list(&names, repository) != 0)
        return {};
    QStringList remotes;
    for (size_t i = 0; i < names.count; ++i)
        remotes.append(QString::fromUtf8(names.strings[i]));
    git_strarray_dispose(&names);
    remotes.sort();
    if (!remotes.contains(name))
        name = remotes.contains(QStringLiteral("origin")) ? QStringLiteral("origin")
                                                          : remotes.value(0);
    if (name.isEmpty())
        return {};
    return configString(repository, QStringLiteral("remote.%1.url").arg(name).toUtf8());
}

// The checked-out branch; empty when HEAD is detached.
QString branchName(git_repository *repository)
{
    git_reference *head = nullptr;
    if (git_reference_lookup(&head, repository, "HEAD") != 0)
        return {};
    QString branch;
    if (git_reference_type(head) == GIT_REFERENCE_SYMBOLIC) {
        // Also a branch without commits yet, which git_repository_head cannot resolve.
        const QString target = QString::fromUtf8(git_reference_symbolic_target(head));
        const QLatin1StringView heads("refs/heads/");
        branch = target.startsWith(heads) ? target.mid(heads.size()) : target;
    }
    git_reference_free(head);
    return branch;
}

QString detachedCommit(git_repository *repository)
{
    git_oid oid;
    if (git_reference_name_to_id(&oid, repository, "HEAD") != 0)
        return {};
    return QString::fromLatin1(git_oid_tostr_s(&oid));
}

std::optional<QString> canonical(const QString &path)
{
    std::error_code error;
    const fs::path resolved = fs::canonical(fs::path(FileName::encode(path).toStdString()), error);
    if (error)
        return std::nullopt;
    return FileName::decode(QByteArray::fromStdString(resolved.string()));
}

} // namespace

QString SourceIdentity::of(const QString &path)
{
    const GitLibrary library;
    const QFileInfo info(path);
    const QString folder = info.isDir() ? path : info.absolutePath();
    git_repository *opened = nullptr;
    if (git_repository_open_ext(&opened, FileName::encode(folder).constData(), 0, nullptr) != 0)
        return {};
    const Repository repository(opened, git_repository_free);
    const char *workdir = git_repository_workdir(opened);
    const std::optional<QString> top
        = workdir ? canonical(FileName::decode(workdir)) : std::nullopt;
    const std::optional<QString> here = canonical(path);
    if (!top || !here)
        return {};
    const QString branch = branchName(opened);
    const QString remote = normaliseRemote(remoteUrl(opened, branch));
    if (remote.isEmpty()) {
        qCDebug(lcScanner) << path << "is in a git work tree without a remote: known by its path";
        return {};
    }
    const QString ref = branch.isEmpty() ? detachedCommit(opened) : branch;
    const QString inside = QDir(*top).relativeFilePath(*here);
    QString identity = QStringLiteral("git:%1@%2").arg(remote, ref);
    if (inside != u".")
        identity += QStringLiteral("//") + inside;
    return identity;
}

QString SourceIdentity::named(const QString &name)
{
    return QStringLiteral("name:") + name.trimmed();
}

QString SourceIdentity::normaliseRemote(const QString &url)
{
    QString text = url.trimmed();
    const qsizetype scheme = text.indexOf(u"://");
    QString host;
    QString path;
    if (scheme > 0) {
        const QUrl parsed(text);
        if (parsed.scheme() == u"file")
            return QDir::cleanPath(parsed.path());
        host = parsed.host().toLower();
        path = parsed.path();
    } else if (const qsizetype colon = text.indexOf(u':');
        colon > 0 && !text.left(colon).contains(u'/')) {
        // scp-like: [user@]host:path
        host = text.left(colon).section(u'@', -1).toLower();
        path = text.mid(colon + 1);
    } else {
        return text.isEmpty() ? QString() : QDir::cleanPath(text);
    }
    while (path.endsWith(u'/'))
        path.chop(1);
    if (path.endsWith(u".git"))
        path.chop(4);
    while (path.startsWith(u'/') || path.startsWith(u'~'))
        path.remove(0, 1);
    if (host.isEmpty())
        return path;
    return path.isEmpty() ? host : host + u'/' + path;
}

} // namespace SignalHub::Core
