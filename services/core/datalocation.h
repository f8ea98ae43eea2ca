#pragma once

#include "store/storeconfig.h"

#include <QString>

namespace aime {

// Where AIME keeps its data: the folder given on the command line (--data-dir), else
// AIME_DATA_DIR, else the per-user data folder (QStandardPaths::AppDataLocation).
class DataLocation
{
public:
    static QString resolve(const QString &commandLineDir = {});
    static StoreConfig sqliteStore(const QString &dataDir);
    static QString databaseFileName() { return QStringLiteral("collection.sqlite"); }
};

} // namespace aime
