#include "uilanguage.h"

#include "installlayout.h"

#include <QCoreApplication>
#include <QLibraryInfo>

UiLanguage::UiLanguage(const QString &language)
    : m_locale(language.isEmpty() ? QLocale() : QLocale(language))
    , m_previousDefault(QLocale())
{
    // The installed copy first (the package's /usr/share/comfydesk/translations, where an
    // updated translation can be dropped in), then the one embedded in the binary.
    QStringList folders{QStringLiteral(":/i18n")};
    if (const QString installed = InstallLayout::translationsDir(); !installed.isEmpty())
        folders.prepend(installed);
    bool loaded = false;
    for (const QString &folder : std::as_const(folders)) {
        loaded = m_own.load(m_locale, QStringLiteral("comfydesk"), QStringLiteral("_"), folder);
        if (loaded)
            break;
    }
    if (loaded || m_own.load(QStringLiteral("comfydesk_en"), QStringLiteral(":/i18n")))
        m_ownInstalled = QCoreApplication::installTranslator(&m_own);
    if (m_qt.load(m_locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                  QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        m_qtInstalled = QCoreApplication::installTranslator(&m_qt);
    }
    QLocale::setDefault(m_locale);
}

UiLanguage::~UiLanguage()
{
    QLocale::setDefault(m_previousDefault);
    if (m_qtInstalled)
        QCoreApplication::removeTranslator(&m_qt);
    if (m_ownInstalled)
        QCoreApplication::removeTranslator(&m_own);
}
