#include "translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLoggingCategory>
#include <QTranslator>

Q_LOGGING_CATEGORY(lcTranslations, "aime.translations", QtInfoMsg)

namespace aime {

namespace {

const QString ownPrefix = QStringLiteral("aime_");
const QString ownFolder = QStringLiteral(":/i18n");

} // namespace

QString Translations::install(QCoreApplication *app, const QLocale &locale)
{
    auto *own = new QTranslator(app);
    if (!own->load(locale, QStringLiteral("aime"), QStringLiteral("_"), ownFolder)) {
        delete own;
        return {};
    }
    QCoreApplication::installTranslator(own);
    // Qt's own strings (Cancel, Yes, the file dialog); a missing package only leaves them in
    // English.
    auto *qt = new QTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    qCDebug(lcTranslations) << "user interface in" << own->language();
    return own->language();
}

QStringList Translations::available()
{
    QStringList languages;
    const QStringList files = QDir(ownFolder).entryList({ownPrefix + QStringLiteral("*.qm")});
    for (const QString &file : files)
        languages.append(file.mid(ownPrefix.size()).chopped(3));
    return languages;
}

} // namespace aime
