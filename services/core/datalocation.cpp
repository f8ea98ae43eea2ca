#include "core/datalocation.h"

#include <QDir>
#include <QStandardPaths>

namespace aime {

QString DataLocation::resolve(const QString &commandLineDir)
{
    if (!commandLineDir.isEmpty())
        return QDir(commandLineDir).absolutePath();
    const QString fromEnvironment = qEnvironmentVariable("AIME_DATA_DIR");
    if (!fromEnvironment.isEmpty())
        return QDir(fromEnvironment).absolutePath();
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

StoreConfig DataLocation::sqliteStore(const QString &dataDir)
{
    StoreConfig config;
    config.driver = QStringLiteral("QSQLITE");
    config.databaseName = QDir(dataDir).filePath(databaseFileName());
    return config;
}

} // namespace aime
