#include "clicommands.h"
#include "translations.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("AIME"));
    QCoreApplication::setApplicationName(QStringLiteral("aime"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AIME_VERSION));
    // Messages in the system's language, like the window's; JSON output stays as it is.
    aime::Translations::install(&app);
    return aime::CliCommands::run(QCoreApplication::arguments());
}
