#pragma once

#include "store/storeconfig.h"

#include <QString>

#include <optional>

namespace aime {

// Where AIME keeps its data: the folder given on the command line (--data-dir), else
// AIME_DATA_DIR, else the per-user data folder (QStandardPaths::AppDataLocation).
class DataLocation
{
public:
    static QString resolve(const QString &commandLineDir = {});
    static StoreConfig sqliteStore(const QString &dataDir);
    // The collection's store: the address given on the command line (--database), else
    // AIME_DATABASE_URL, else the SQLite file in the data folder. Nullopt with *error when the
    // address is not one AIME can use.
    static std::optional<StoreConfig>
    store(const QString &dataDir, const QString &commandLineUrl = {}, QString *error = nullptr);
    static QString databaseFileName() { return QStringLiteral("collection.sqlite"); }
};

} // namespace aime
