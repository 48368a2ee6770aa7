#pragma once

#include <QIcon>
#include <QList>
#include <QString>
#include <QStringList>

namespace SignalHub::Ui {

// The window's icons: the desktop theme's icon when it has one under a freedesktop name,
// otherwise Signal Hub's own SVG from the resources (:/signalhub/icons), which stays crisp at
// any device pixel ratio because the SVG icon engine renders it at the size asked for.
class Icons
{
public:
    enum class Name
    {
        Application,
        AddFolder,
        Settings,
        Quit,
        Pause,
        Resume,
        Cancel,
        RetryFailed,
        Reload,
        OpenInEditor,
        Export,
        Search,
        IndexTab,
        FailedTab,
        RunsTab,
        WatchTab,
        AgentsTab,
        Reveal,
        Copy,
        Help,
        Remove,
    };

    static QIcon icon(Name name);
    // Our own icon, never the theme's (tests, and the window icon before a theme is known).
    static QIcon fallback(Name name);
    static QString resourcePath(Name name);
    // Freedesktop icon names tried in order before the fallback.
    static QStringList themeNames(Name name);
    static QList<Name> all();

    static QIcon application() { return icon(Name::Application); }
    static QIcon addFolder() { return icon(Name::AddFolder); }
    static QIcon settings() { return icon(Name::Settings); }
    static QIcon quit() { return icon(Name::Quit); }
    static QIcon pause() { return icon(Name::Pause); }
    static QIcon resume() { return icon(Name::Resume); }
    static QIcon cancel() { return icon(Name::Cancel); }
    static QIcon retryFailed() { return icon(Name::RetryFailed); }
    static QIcon reload() { return icon(Name::Reload); }
    static QIcon openInEditor() { return icon(Name::OpenInEditor); }
    static QIcon exportReport() { return icon(Name::Export); }
    static QIcon search() { return icon(Name::Search); }
    static QIcon remove() { return icon(Name::Remove); }
    static QIcon indexTab() { return icon(Name::IndexTab); }
    static QIcon failedTab() { return icon(Name::FailedTab); }
    static QIcon runsTab() { return icon(Name::RunsTab); }
    static QIcon watchTab() { return icon(Name::WatchTab); }
    static QIcon agentsTab() { return icon(Name::AgentsTab); }
    static QIcon reveal() { return icon(Name::Reveal); }
    static QIcon copy() { return icon(Name::Copy); }
    static QIcon help() { return icon(Name::Help); }
};

} // namespace SignalHub::Ui
