#include "translations.h"

#include "logging.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>
#include <memory>

using namespace Qt::StringLiterals;

namespace SignalHub::Core {

namespace {
// Marks our translators among the application's children, so install() can replace them.
constexpr auto kObjectName = "signalhub-translator"_L1;

bool isSourceLanguage(const QLocale &locale)
{
    return locale.language() == QLocale::English || locale.language() == QLocale::C;
}

QTranslator *installFile(QCoreApplication *app, const QString &file, const QString &directory)
{
    auto translator = std::make_unique<QTranslator>(app);
    translator->setObjectName(kObjectName);
    if (!translator->load(file, directory)
        || !QCoreApplication::installTranslator(translator.get()))
        return nullptr;
    return translator.release();
}
} // namespace

QString Translations::catalogueDirectory()
{
    return u":/signalhub/i18n"_s;
}

QString Translations::install(QCoreApplication *app, const QLocale &locale)
{
    uninstall(app);
    // uiLanguages() lists the user's preferences in order: an English one before German means
    // the user wants English, so stop there rather than take the first catalogue we have.
    for (const QString &language : locale.uiLanguages(QLocale::TagSeparator::Underscore)) {
        if (isSourceLanguage(QLocale(language)))
            break;
        // load() also tries the name without its country: signalhub_de_AT finds signalhub_de.
        const QTranslator *own = installFile(app, u"signalhub_"_s + language, catalogueDirectory());
        if (!own)
            continue;
        const QString loaded = own->language().isEmpty() ? language : own->language();
        // Qt's strings (standard buttons, file dialogs) in the same language, when installed.
        const QString qtDir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
        if (!installFile(app, u"qtbase_"_s + language, qtDir))
            qCDebug(lcAssets) << "no Qt catalogue for" << language << "in" << qtDir;
        qCDebug(lcAssets) << "user interface language" << loaded;
        return loaded;
    }
    // The source language, English, still needs its plural forms ("1 run", "2 runs").
    installFile(app, u"signalhub_en"_s, catalogueDirectory());
    return {};
}

void Translations::useLauncherLocale()
{
    // QLocale ignores the ".UTF-8" and "@euro" parts of a name like de_DE.UTF-8.
    if (const QString name = qEnvironmentVariable("SIGNALHUB_LOCALE"); !name.isEmpty())
        QLocale::setDefault(QLocale(name));
}

void Translations::uninstall(QCoreApplication *app)
{
    const auto translators
        = app->findChildren<QTranslator *>(kObjectName, Qt::FindDirectChildrenOnly);
    for (QTranslator *translator : translators) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
}

} // namespace SignalHub::Core
