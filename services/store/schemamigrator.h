#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace aime {

enum class StoreErrorKind { None, CannotOpen, Corrupt, NewerVersion, MigrationFailed, QueryFailed };

struct StoreStatus
{
    StoreErrorKind kind = StoreErrorKind::None;
    QString message;
    int schemaVersion = 0;

    bool ok() const { return kind == StoreErrorKind::None; }
};

// Brings a database to the current schema: numbered migrations, run in order, each in one
// transaction together with the version it leads to. A file it does not understand (not a
// database, or written by a newer AIME) is reported and left exactly as it was.
class SchemaMigrator
{
public:
    static constexpr int latestVersion() { return 5; }

    // Reads the stored version; 0 for an empty database.
    static StoreStatus readVersion(QSqlDatabase db);
    // Runs the migrations after the stored version, up to targetVersion.
    static StoreStatus migrate(QSqlDatabase db, int targetVersion = latestVersion());
    // A quick look at a SQLite file before anything opens it: an existing file must carry the
    // SQLite header, or it is refused as corrupt.
    static StoreStatus checkSqliteFile(const QString &path);

private:
    static QStringList migrationStatements(int version, bool sqlite);
};

} // namespace aime
