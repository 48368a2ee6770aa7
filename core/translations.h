#pragma once

#include <QLocale>
#include <QString>

class QCoreApplication;

namespace SignalHub::Core {

// Signal Hub's translation catalogues (signalhub_<lang>.qm, compiled from translations/*.ts and
// embedded in the binaries) and Qt's own for the same language. The window and the CLI call
// install() at start-up; tests call it with a chosen locale.
class Translations
{
public:
    // Where the compiled catalogues live in the resources.
    static QString catalogueDirectory();

    // Installs the catalogue for the first of the locale's UI languages that has one, stopping
    // at English (the source language), and Qt's catalogue for that language when the system
    // has it (QLibraryInfo::TranslationsPath). Replaces what an earlier call installed. The
    // translators are children of `app`. Returns the language installed ("de"), or an empty
    // string when the strings stay in English.
    static QString install(QCoreApplication *app, const QLocale &locale = QLocale());
    // Makes the locale named in SIGNALHUB_LOCALE, when set, the default of QLocale(): the
    // launcher (tools/signalhub) passes the user's locale there, because the build root it
    // runs the program in has no other locale than C.UTF-8 and is entered with LANG=C.UTF-8.
    static void useLauncherLocale();

    // Removes what install() put in place.
    static void uninstall(QCoreApplication *app);
};

} // namespace SignalHub::Core
