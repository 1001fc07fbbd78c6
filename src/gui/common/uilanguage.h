#pragma once

#include <QLocale>
#include <QString>
#include <QTranslator>

// The language the window speaks: ComfyDesk's own translation, Qt's (its dialogs' buttons)
// and the default locale, so that dates and numbers are written the same way as the words
// around them ("2026/12/2" beside Chinese, not "2 Dec 2026"). An empty language is the
// system's. Any language without its own file (the C locale too) gets English, whose file
// holds the plural forms: "1 image", not "1 image(s)".
// Installed for as long as it lives; the app keeps one for its whole run, a test for one
// test function (the destructor takes the translators out and puts the locale back).
class UiLanguage final
{
public:
    explicit UiLanguage(const QString &language = {});
    ~UiLanguage();
    UiLanguage(const UiLanguage &) = delete;
    UiLanguage &operator=(const UiLanguage &) = delete;

    QLocale locale() const { return m_locale; }
    // Whether one of ComfyDesk's translation files is in use (English has one too: its
    // plural forms). False only when none could be loaded at all.
    bool hasTranslation() const { return m_ownInstalled; }

private:
    QLocale m_locale;
    QLocale m_previousDefault;
    QTranslator m_own;
    QTranslator m_qt;
    bool m_ownInstalled = false;
    bool m_qtInstalled = false;
};
