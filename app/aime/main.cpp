#include "aimeapplication.h"
#include "core/datalocation.h"
#include "mainwindow.h"
#include "readyprobe.h"
#include "singleinstance.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTextStream>

#include <memory>

int main(int argc, char *argv[])
{
    QElapsedTimer clock;
    clock.start();
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("AIME"));
    QCoreApplication::setApplicationName(QStringLiteral("aime"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AIME_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("AIME"));
    // The desktop file's name: Wayland compositors and the task bar match the window to it.
    QGuiApplication::setDesktopFileName(QStringLiteral(AIME_APP_ID));
    aime::Translations::install(&app);

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
    const QCommandLineOption database(
        QStringLiteral("database"),
        QCoreApplication::translate("main",
                                    "Keep the collection in a PostgreSQL database shared with "
                                    "other desktops, postgresql://user@host/aime (or set "
                                    "AIME_DATABASE_URL)."),
        QStringLiteral("url"));
    parser.addOption(database);
    parser.addPositionalArgument(
        QStringLiteral("files"),
        QCoreApplication::translate("main", "Discogs CSV exports to import."),
        QStringLiteral("[FILE.csv...]"));
    parser.process(app);

    const QString folder = aime::DataLocation::resolve(parser.value(dataDir));
    QString storeError;
    const std::optional<aime::StoreConfig> store
        = aime::DataLocation::store(folder, parser.value(database), &storeError);
    if (!store) {
        QTextStream(stderr) << "aime: " << storeError << Qt::endl;
        return 2;
    }
    QStringList files;
    for (const QString &file : parser.positionalArguments())
        files.append(QFileInfo(file).absoluteFilePath());

    // One AIME per data folder: a second start hands its files to the first and quits.
    std::unique_ptr<aime::AimeApplication> aimeApp;
    aime::SingleInstance instance(folder);
    QObject::connect(&instance, &aime::SingleInstance::forwarded, &app,
                     [] { QCoreApplication::exit(0); });
    QObject::connect(&instance, &aime::SingleInstance::becamePrimary, &app, [&] {
        aimeApp = std::make_unique<aime::AimeApplication>(*store, folder);
        aimeApp->start();
        aime::MainWindow *window = aimeApp->mainWindow();
        aime::ReadyProbe::watch(window, clock);
        if (!files.isEmpty())
            window->openFiles(files);
        QObject::connect(&instance, &aime::SingleInstance::filesOpened, window,
                         &aime::MainWindow::openFiles);
    });
    instance.start(files);
    const int status = app.exec();
    aimeApp.reset(); // the window and the pool go before the application object
    return status;
}
