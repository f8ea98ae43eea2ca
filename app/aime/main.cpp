#include "aimeapplication.h"
#include "core/datalocation.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("AIME"));
    QCoreApplication::setApplicationName(QStringLiteral("aime"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AIME_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("AIME"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "AIME keeps your music album collection."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(
        QStringLiteral("data-dir"),
        QCoreApplication::translate("main", "Keep the collection in <dir> (or set AIME_DATA_DIR)."),
        QStringLiteral("dir"));
    parser.addOption(dataDir);
    parser.process(app);

    aime::AimeApplication aimeApp(aime::DataLocation::resolve(parser.value(dataDir)));
    aimeApp.start();
    return app.exec();
}
