#include "core/datalocation.h"

#include "store/databaseurl.h"

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

std::optional<StoreConfig> DataLocation::store(const QString &dataDir,
                                               const QString &commandLineUrl, QString *error)
{
    const QString url
        = commandLineUrl.isEmpty() ? qEnvironmentVariable("AIME_DATABASE_URL") : commandLineUrl;
    if (url.isEmpty())
        return sqliteStore(dataDir);
    return DatabaseUrl::parse(url, error);
}

} // namespace aime
