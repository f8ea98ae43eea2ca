#pragma once

#include <QLocale>
#include <QStringList>

class QCoreApplication;

namespace aime {

// The UI's language: AIME's own strings (built into the binary from resources/translations)
// and Qt's (the dialogs' standard buttons, from the system's Qt translations when installed),
// chosen by the locale, which is the system's unless told otherwise.
class Translations
{
public:
    // Installs the translators on app (they are its children). Returns the language of AIME's
    // own translation that was found ("de_DE"), empty for English (built in).
    static QString install(QCoreApplication *app, const QLocale &locale = QLocale::system());
    // The languages AIME ships, besides English.
    static QStringList available();
};

} // namespace aime
