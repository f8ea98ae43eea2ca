#include "clicommands.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("AIME"));
    QCoreApplication::setApplicationName(QStringLiteral("aime"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AIME_VERSION));
    return aime::CliCommands::run(QCoreApplication::arguments());
}
