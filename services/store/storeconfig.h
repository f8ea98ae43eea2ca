#pragma once

#include <QString>

namespace aime {

// Where the collection lives. SQLite (a file in the data folder) by default; PostgreSQL for a
// catalogue shared by several desktops.
struct StoreConfig
{
    QString driver = QStringLiteral("QSQLITE");
    QString databaseName; // SQLite: file path; PostgreSQL: database name
    QString hostName;
    int port = 0;
    QString userName;
    QString password; // never logged, never shown; see DatabaseUrl::redacted()
    // PostgreSQL: libpq parameters, "key=value;key=value" (connect_timeout, sslmode, ...).
    QString connectOptions;
    int busyTimeoutMs = 5000;
    int maxConcurrentReads = 8;

    bool isSqlite() const { return driver == QLatin1String("QSQLITE"); }
};

} // namespace aime
