#include "icons.h"

#include <QLatin1StringView>

using namespace Qt::StringLiterals;

namespace SignalHub::Ui {

namespace {
struct Entry
{
    Icons::Name name;
    QLatin1StringView file;
    // Several names because KDE's and GNOME's themes name some actions differently.
    QLatin1StringView theme[2];
};

// clang-format off
const Entry kEntries[] = {
    { Icons::Name::Application, "signalhub"_L1, { "signalhub"_L1 } },
    { Icons::Name::AddFolder, "add-folder"_L1, { "document-open-folder"_L1, "folder-open"_L1 } },
    { Icons::Name::Settings, "settings"_L1, { "configure"_L1, "preferences-system"_L1 } },
    { Icons::Name::Quit, "quit"_L1, { "application-exit"_L1 } },
    { Icons::Name::Pause, "pause"_L1, { "media-playback-pause"_L1 } },
    { Icons::Name::Resume, "resume"_L1, { "media-playback-start"_L1 } },
    { Icons::Name::Cancel, "stop"_L1, { "process-stop"_L1, "media-playback-stop"_L1 } },
    { Icons::Name::RetryFailed, "retry"_L1, { "edit-redo"_L1 } },
    { Icons::Name::Reload, "reload"_L1, { "view-refresh"_L1 } },
    { Icons::Name::OpenInEditor, "open-in-editor"_L1, { "document-edit"_L1, "accessories-text-editor"_L1 } },
    { Icons::Name::Export, "export"_L1, { "document-export"_L1, "document-save-as"_L1 } },
    { Icons::Name::Search, "search"_L1, { "edit-find"_L1, "system-search"_L1 } },
    { Icons::Name::IndexTab, "index"_L1, { "view-list-details"_L1 } },
    { Icons::Name::FailedTab, "failed"_L1, { "dialog-warning"_L1 } },
    { Icons::Name::RunsTab, "runs"_L1, { "office-chart-bar"_L1, "x-office-spreadsheet"_L1 } },
    { Icons::Name::WatchTab, "watch"_L1, { "view-visible"_L1, "document-open-recent"_L1 } },
    { Icons::Name::AgentsTab, "agents"_L1, { "network-server"_L1, "network-connect"_L1 } },
    { Icons::Name::Reveal, "watch"_L1, { "view-visible"_L1 } },
    { Icons::Name::Copy, "copy"_L1, { "edit-copy"_L1 } },
    { Icons::Name::Help, "help"_L1, { "help-contents"_L1, "help-browser"_L1 } },
    { Icons::Name::Remove, "remove"_L1, { "edit-delete"_L1, "list-remove"_L1 } },
};
// clang-format on

const Entry &entry(Icons::Name name)
{
    for (const Entry &e : kEntries)
        if (e.name == name)
            return e;
    Q_UNREACHABLE_RETURN(kEntries[0]);
}
} // namespace

QIcon Icons::icon(Name name)
{
    // Looked up each time: the theme can change while the application runs (and tests force one).
    for (QLatin1StringView themeName : entry(name).theme)
        if (!themeName.isEmpty() && QIcon::hasThemeIcon(themeName))
            return QIcon::fromTheme(themeName);
    return fallback(name);
}

QIcon Icons::fallback(Name name)
{
    return QIcon(resourcePath(name));
}

QString Icons::resourcePath(Name name)
{
    return u":/signalhub/icons/"_s + entry(name).file + u".svg"_s;
}

QStringList Icons::themeNames(Name name)
{
    QStringList names;
    for (QLatin1StringView themeName : entry(name).theme)
        if (!themeName.isEmpty())
            names.append(themeName);
    return names;
}

QList<Icons::Name> Icons::all()
{
    QList<Name> names;
    for (const Entry &e : kEntries)
        names.append(e.name);
    return names;
}

} // namespace SignalHub::Ui
