#include "store/schemamigrator.h"

#include "store/scopedtransaction.h"
#include "store/sqldialect.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

Q_LOGGING_CATEGORY(lcMigrations, "aime.store.migrations", QtInfoMsg)

namespace aime {

namespace {

bool isSqlite(const QSqlDatabase &db)
{
    return db.driverName() == QLatin1String("QSQLITE");
}

QStringList version1(bool sqlite)
{
    const QString id
        = sqlite ? QStringLiteral("INTEGER PRIMARY KEY") : QStringLiteral("BIGSERIAL PRIMARY KEY");
    const QString ref = sqlite ? QStringLiteral("INTEGER") : QStringLiteral("BIGINT");
    return {
        QStringLiteral("CREATE TABLE albums ("
                       " id %1,"
                       " title TEXT NOT NULL,"
                       " artist TEXT NOT NULL,"
                       " year INTEGER NOT NULL DEFAULT 0,"
                       " release_date TEXT,"
                       " label TEXT,"
                       " genres TEXT,"
                       " barcode TEXT,"
                       " format TEXT,"
                       " track_count INTEGER NOT NULL DEFAULT 0,"
                       " cover_url TEXT,"
                       " cover_file TEXT,"
                       " ai_description TEXT,"
                       " ai_model TEXT,"
                       " ai_generated_at TEXT,"
                       " added_at TEXT NOT NULL,"
                       " updated_at TEXT NOT NULL,"
                       " match_key TEXT,"
                       " sort_artist TEXT NOT NULL DEFAULT '',"
                       " sort_title TEXT NOT NULL DEFAULT '')")
            .arg(id),
        QStringLiteral("CREATE INDEX albums_barcode ON albums(barcode) WHERE barcode IS NOT NULL"),
        QStringLiteral("CREATE INDEX albums_match_key ON albums(match_key)"),
        QStringLiteral(
            "CREATE INDEX albums_by_artist ON albums(sort_artist, year, sort_title, id)"),
        QStringLiteral("CREATE INDEX albums_by_title ON albums(sort_title, sort_artist, id)"),
        QStringLiteral("CREATE INDEX albums_by_year ON albums(year, sort_artist, sort_title, id)"),
        QStringLiteral("CREATE INDEX albums_by_added ON albums(added_at, id)"),
        QStringLiteral("CREATE TABLE album_sources ("
                       " id %1,"
                       " album_id %2 NOT NULL REFERENCES albums(id) ON DELETE CASCADE,"
                       " provider TEXT NOT NULL,"
                       " external_id TEXT,"
                       " url TEXT,"
                       " format TEXT,"
                       " barcode TEXT,"
                       " label TEXT,"
                       " catalog_number TEXT,"
                       " rating INTEGER NOT NULL DEFAULT 0,"
                       " folder TEXT,"
                       " added_at TEXT,"
                       " fetched_at TEXT,"
                       " extra TEXT,"
                       " UNIQUE(provider, external_id))")
            .arg(id, ref),
        QStringLiteral("CREATE INDEX album_sources_album ON album_sources(album_id)"),
        QStringLiteral("CREATE TABLE tracks ("
                       " id %1,"
                       " album_id %2 NOT NULL REFERENCES albums(id) ON DELETE CASCADE,"
                       " disc INTEGER NOT NULL DEFAULT 1,"
                       " position INTEGER NOT NULL DEFAULT 0,"
                       " title TEXT NOT NULL,"
                       " duration_ms INTEGER NOT NULL DEFAULT 0)")
            .arg(id, ref),
        QStringLiteral("CREATE INDEX tracks_album ON tracks(album_id, disc, position)"),
        QStringLiteral("CREATE TABLE import_jobs ("
                       " id %1,"
                       " source TEXT NOT NULL,"
                       " params TEXT,"
                       " state TEXT NOT NULL,"
                       " total INTEGER NOT NULL DEFAULT 0,"
                       " done INTEGER NOT NULL DEFAULT 0,"
                       " cursor TEXT,"
                       " error TEXT,"
                       " created_at TEXT NOT NULL,"
                       " started_at TEXT,"
                       " finished_at TEXT)")
            .arg(id),
        QStringLiteral("CREATE TABLE aime_schema (version INTEGER NOT NULL)"),
        QStringLiteral("INSERT INTO aime_schema (version) VALUES (0)"),
    };
}

QStringList version2(bool sqlite)
{
    if (!sqlite) {
        // PostgreSQL searches with its own text search over the same columns.
        return {
            QStringLiteral("CREATE INDEX albums_text ON albums USING GIN (to_tsvector('simple', "
                           "coalesce(title,'') "
                           "|| ' ' || coalesce(artist,'') || ' ' || coalesce(label,'') || ' ' || "
                           "coalesce(genres,'')))")};
    }
    // A standalone FTS5 table (rowid = album id), written by AlbumStore in the same transaction
    // as the album; the trigger keeps it in step when an album is deleted or merged away.
    return {
        QStringLiteral("CREATE VIRTUAL TABLE albums_fts USING fts5(title, artist, label, genres, "
                       "tracks, tokenize = 'unicode61 remove_diacritics 2')"),
        QStringLiteral("CREATE TRIGGER albums_fts_delete AFTER DELETE ON albums BEGIN "
                       "DELETE FROM albums_fts WHERE rowid = old.id; END"),
        QStringLiteral("INSERT INTO albums_fts (rowid, title, artist, label, genres, tracks) "
                       "SELECT a.id, a.title, a.artist, coalesce(a.label, ''), "
                       "coalesce(a.genres, ''), coalesce((SELECT group_concat(t.title, ' ') "
                       "FROM tracks t WHERE t.album_id = a.id), '') FROM albums a"),
    };
}

// Which process runs a job ("host:pid"), so a start can tell a crashed job from one another
// AIME (or aime-cli) on the same collection is running.
QStringList version3()
{
    return {QStringLiteral("ALTER TABLE import_jobs ADD COLUMN owner TEXT")};
}

// Whether an album's description is the person's text rather than the model's: regenerating
// it asks first.
QStringList version4()
{
    return {QStringLiteral("ALTER TABLE albums ADD COLUMN ai_edited INTEGER NOT NULL DEFAULT 0")};
}

// PostgreSQL's text filter matches the start of every word of the title, artist, label, genres
// and track titles, accents folded, as SQLite's FTS5 table does: a tsvector AIME keeps up to date
// with the album (SqlDialect::reindexAlbums), since unaccent() cannot be part of an index
// expression. unaccent is a trusted extension: the database's owner may create it.
QStringList version5(bool sqlite)
{
    // SQLite: the index spells out "æ", "ß" and the like as PostgreSQL's does (SqlDialect).
    if (sqlite) {
        return {QStringLiteral("DELETE FROM albums_fts"),
                QStringLiteral("INSERT INTO albums_fts (rowid, title, artist, label, genres, "
                               "tracks) %1")
                    .arg(SqlDialect::sqliteIndexRows())};
    }
    return {
        QStringLiteral("CREATE EXTENSION IF NOT EXISTS unaccent"),
        QStringLiteral("DROP INDEX IF EXISTS albums_text"),
        QStringLiteral("ALTER TABLE albums ADD COLUMN search_vector tsvector"),
        QStringLiteral("UPDATE albums SET search_vector = %1")
            .arg(SqlDialect::postgresSearchVector(QStringLiteral("albums"))),
        QStringLiteral("CREATE INDEX albums_search ON albums USING GIN (search_vector)"),
    };
}

} // namespace

QStringList SchemaMigrator::migrationStatements(int version, bool sqlite)
{
    switch (version) {
    case 1:
        return version1(sqlite);
    case 2:
        return version2(sqlite);
    case 3:
        return version3();
    case 4:
        return version4();
    case 5:
        return version5(sqlite);
    default:
        return {};
    }
}

StoreStatus SchemaMigrator::checkSqliteFile(const QString &path)
{
    QFileInfo info(path);
    if (!info.exists() || info.size() == 0)
        return {};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {StoreErrorKind::CannotOpen,
                QCoreApplication::translate("aime::SchemaMigrator",
                                            "Cannot read the collection database %1: %2")
                    .arg(path, file.errorString())};
    }
    const QByteArray header = file.read(16);
    if (header != QByteArrayLiteral("SQLite format 3\0")) {
        return {StoreErrorKind::Corrupt,
                QCoreApplication::translate(
                    "aime::SchemaMigrator",
                    "The collection database %1 is not an SQLite database or is "
                    "damaged. AIME left it untouched; move it away or restore a backup.")
                    .arg(path)};
    }
    return {};
}

StoreStatus SchemaMigrator::readVersion(QSqlDatabase db)
{
    QSqlQuery query(db);
    if (!query.exec(isSqlite(db) ? QStringLiteral("SELECT count(*) FROM sqlite_master WHERE "
                                                  "type = 'table' AND name = 'aime_schema'")
                                 : QStringLiteral("SELECT count(*) FROM information_schema.tables "
                                                  "WHERE table_name = 'aime_schema' AND "
                                                  "table_schema = current_schema()"))
        || !query.next()) {
        return {StoreErrorKind::Corrupt,
                QCoreApplication::translate(
                    "aime::SchemaMigrator",
                    "The collection database %1 cannot be read (%2). AIME left it "
                    "untouched; move it away or restore a backup.")
                    .arg(db.databaseName(), query.lastError().text())};
    }
    if (query.value(0).toInt() == 0) {
        QSqlQuery anyTable(db);
        if (isSqlite(db) && anyTable.exec(QStringLiteral("SELECT count(*) FROM sqlite_master"))
            && anyTable.next() && anyTable.value(0).toInt() > 0) {
            return {StoreErrorKind::Corrupt,
                    QCoreApplication::translate(
                        "aime::SchemaMigrator",
                        "%1 is an SQLite database but not an AIME collection. AIME "
                        "left it untouched.")
                        .arg(db.databaseName())};
        }
        return {StoreErrorKind::None, {}, 0};
    }
    if (!query.exec(QStringLiteral("SELECT version FROM aime_schema")) || !query.next()) {
        return {
            StoreErrorKind::Corrupt,
            QCoreApplication::translate("aime::SchemaMigrator",
                                        "The collection database %1 has no schema version (%2).")
                .arg(db.databaseName(), query.lastError().text())};
    }
    return {StoreErrorKind::None, {}, query.value(0).toInt()};
}

StoreStatus SchemaMigrator::migrate(QSqlDatabase db, int targetVersion)
{
    StoreStatus status = readVersion(db);
    if (!status.ok())
        return status;
    if (status.schemaVersion > latestVersion()) {
        return {StoreErrorKind::NewerVersion,
                QCoreApplication::translate(
                    "aime::SchemaMigrator",
                    "The collection database %1 was written by a newer AIME (schema %2; "
                    "this AIME knows up to %3). Update AIME to open it; it was left "
                    "untouched.")
                    .arg(db.databaseName())
                    .arg(status.schemaVersion)
                    .arg(latestVersion()),
                status.schemaVersion};
    }
    const bool sqlite = isSqlite(db);
    if (sqlite) {
        QSqlQuery pragma(db);
        pragma.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    }
    for (int version = status.schemaVersion + 1; version <= targetVersion; ++version) {
        ScopedTransaction transaction(db);
        if (!transaction.isActive()) {
            return {StoreErrorKind::MigrationFailed,
                    QCoreApplication::translate("aime::SchemaMigrator",
                                                "Cannot start a transaction: %1")
                        .arg(transaction.errorText()),
                    version - 1};
        }
        // Another process opening the same collection (on PostgreSQL, another desktop) may have
        // migrated it while this one waited for the write lock.
        const StoreStatus current = readVersion(db);
        if (!current.ok())
            return current;
        if (current.schemaVersion >= version)
            continue;
        QSqlQuery query(db);
        const QStringList statements = migrationStatements(version, sqlite);
        for (const QString &statement : statements) {
            if (!query.exec(statement)) {
                return {StoreErrorKind::MigrationFailed,
                        QCoreApplication::translate("aime::SchemaMigrator",
                                                    "Migration to schema %1 failed: %2 (%3)")
                            .arg(version)
                            .arg(query.lastError().text(), statement.left(80)),
                        version - 1};
            }
        }
        query.prepare(QStringLiteral("UPDATE aime_schema SET version = ?"));
        query.addBindValue(version);
        if (!query.exec() || !transaction.commit()) {
            return {
                StoreErrorKind::MigrationFailed,
                QCoreApplication::translate("aime::SchemaMigrator", "Cannot record schema %1: %2")
                    .arg(version)
                    .arg(query.lastError().text()),
                version - 1};
        }
        qCDebug(lcMigrations) << "migrated" << db.databaseName() << "to schema" << version;
    }
    return {StoreErrorKind::None, {}, targetVersion};
}

} // namespace aime
