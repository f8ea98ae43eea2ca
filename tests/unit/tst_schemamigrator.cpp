#include "core/datalocation.h"
#include "store/albumstore.h"
#include "store/connectionregistry.h"
#include "store/databaseurl.h"
#include "store/schemamigrator.h"
#include "testdata.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace aime;

namespace {

// A raw connection for building old databases the way an earlier AIME left them.
class RawDatabase
{
public:
    explicit RawDatabase(const QString &path) : m_name(QStringLiteral("raw-") + path)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.open();
    }
    explicit RawDatabase(const StoreConfig &config)
        : m_name(QStringLiteral("raw-") + config.databaseName)
    {
        ConnectionRegistry::addConnection(config, m_name).open();
    }
    ~RawDatabase()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }
    QVariant scalar(const QString &sql) const
    {
        QSqlQuery query(db());
        if (!query.exec(sql) || !query.next())
            return {};
        return query.value(0);
    }
    bool exec(const QString &sql) const
    {
        QSqlQuery query(db());
        return query.exec(sql);
    }

private:
    QString m_name;
};

} // namespace

class TestSchemaMigrator : public QObject
{
    Q_OBJECT

private slots:
    void fromEmptyFile();
    void fromEveryEarlierVersion_data();
    void fromEveryEarlierVersion();
    void failedMigrationLeavesPreviousVersion();
    void reopeningIsIdempotent();
};

void TestSchemaMigrator::fromEmptyFile()
{
    QTemporaryDir dir;
    const QString path = DataLocation::sqliteStore(dir.path()).databaseName;
    RawDatabase raw(path);
    QCOMPARE(SchemaMigrator::readVersion(raw.db()).schemaVersion, 0);
    const StoreStatus status = SchemaMigrator::migrate(raw.db());
    QVERIFY2(status.ok(), qPrintable(status.message));
    QCOMPARE(status.schemaVersion, SchemaMigrator::latestVersion());
    QCOMPARE(raw.scalar(QStringLiteral("SELECT version FROM aime_schema")).toInt(),
             SchemaMigrator::latestVersion());
    QCOMPARE(raw.scalar(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
    for (const char *table : {"albums", "album_sources", "tracks", "import_jobs", "albums_fts"}) {
        QVERIFY2(raw.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = '%1'")
                                .arg(QLatin1String(table)))
                         .toInt()
                     == 1,
                 table);
    }
}

void TestSchemaMigrator::fromEveryEarlierVersion_data()
{
    QTest::addColumn<bool>("postgres");
    QTest::addColumn<int>("fromVersion");
    for (const bool postgres : {false, true}) {
        for (int version = 1; version < SchemaMigrator::latestVersion(); ++version) {
            QTest::addRow("%s from v%d", postgres ? "postgresql" : "sqlite", version)
                << postgres << version;
        }
    }
}

void TestSchemaMigrator::fromEveryEarlierVersion()
{
    QFETCH(bool, postgres);
    QFETCH(int, fromVersion);
    QTemporaryDir dir;
    StoreConfig config = DataLocation::sqliteStore(dir.path());
    std::unique_ptr<testing::PostgresTestDatabase> database;
    if (postgres) {
        database = std::make_unique<testing::PostgresTestDatabase>();
        if (!database->skipOrFailUnlessAvailable())
            return;
        config = *DatabaseUrl::parse(database->url());
    }
    {
        RawDatabase raw = postgres ? RawDatabase(config) : RawDatabase(config.databaseName);
        QVERIFY(SchemaMigrator::migrate(raw.db(), fromVersion).ok());
        QCOMPARE(SchemaMigrator::readVersion(raw.db()).schemaVersion, fromVersion);
        // Data as that version stored it: an album with a track and a source.
        QVERIFY(raw.exec(QStringLiteral(
            "INSERT INTO albums (id, title, artist, year, label, added_at, updated_at, match_key, "
            "sort_artist, sort_title) VALUES (7, 'Blue Train', 'John Coltrane', 1957, 'Blue Note', "
            "'2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z', 'john coltrane|blue "
            "train|1957', "
            "'john coltrane', 'blue train')")));
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO tracks (album_id, disc, position, title) "
                                        "VALUES (7, 1, 2, 'Moment''s Notice')")));
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO album_sources (album_id, provider, "
                                        "external_id) VALUES (7, 'discogs', '1234')")));
        // From v2 on, AIME indexes what it stores in the same transaction (on SQLite; on
        // PostgreSQL from v5, which fills the index itself).
        if (fromVersion >= 2 && !postgres) {
            QVERIFY(raw.exec(QStringLiteral(
                "INSERT INTO albums_fts (rowid, title, artist, label, genres, tracks) VALUES "
                "(7, 'Blue Train', 'John Coltrane', 'Blue Note', '', 'Moment''s Notice')")));
        }
        QVERIFY(raw.exec(QStringLiteral(
            "INSERT INTO import_jobs (id, source, params, state, created_at, cursor) VALUES "
            "(3, 'discogs', '{\"user\":\"c\"}', 'running', '2020-01-01T00:00:00.000Z', "
            "'{\"page\":4}')")));
    }
    AlbumStore store(config);
    const StoreStatus status = store.open();
    QVERIFY2(status.ok(), qPrintable(status.message));
    QCOMPARE(status.schemaVersion, SchemaMigrator::latestVersion());
    QCOMPARE(store.count({}), 1);
    // The full-text index covers what was there before it existed, tracks included.
    QCOMPARE(store.count({QStringLiteral("coltrane")}), 1);
    QCOMPARE(store.count({QStringLiteral("moment")}), 1);
    const auto album = store.album(7);
    QVERIFY(album);
    QCOMPARE(album->sources.size(), 1);
    QCOMPARE(album->tracks.size(), 1);
    // A job of an older AIME: kept, with its cursor; v3 records who runs it.
    std::optional<ImportJobRecord> job = store.job(3);
    QVERIFY(job);
    QCOMPARE(job->cursor.value(QStringLiteral("page")).toInt(), 4);
    QVERIFY(job->owner.isEmpty());
    job->owner = AlbumStore::processOwner();
    QVERIFY(store.saveJob(*job));
    QCOMPARE(store.job(3)->owner, AlbumStore::processOwner());
    // And new writes keep working on the migrated file.
    QVERIFY(store
                .upsertPage({testing::discogsAlbum(QStringLiteral("John Coltrane"),
                                                   QStringLiteral("Blue Train"), 1957,
                                                   QStringLiteral("1234"))})
                .ok());
    QCOMPARE(store.count({}), 1);
}

void TestSchemaMigrator::failedMigrationLeavesPreviousVersion()
{
    QTemporaryDir dir;
    const QString path = DataLocation::sqliteStore(dir.path()).databaseName;
    RawDatabase raw(path);
    QVERIFY(SchemaMigrator::migrate(raw.db(), 1).ok());
    // Something in the way of migration 2: its first statement fails.
    QVERIFY(raw.exec(QStringLiteral("CREATE TABLE albums_fts (x)")));
    const StoreStatus status = SchemaMigrator::migrate(raw.db());
    QCOMPARE(status.kind, StoreErrorKind::MigrationFailed);
    QCOMPARE(SchemaMigrator::readVersion(raw.db()).schemaVersion, 1);
    QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = "
                                       "'albums_fts_delete'"))
                 .toInt(),
             0);
}

void TestSchemaMigrator::reopeningIsIdempotent()
{
    QTemporaryDir dir;
    for (int round = 0; round < 3; ++round) {
        AlbumStore store(DataLocation::sqliteStore(dir.path()));
        QVERIFY(store.open().ok());
        QVERIFY(store
                    .upsertPage({testing::discogsAlbum(QStringLiteral("A"),
                                                       QStringLiteral("B %1").arg(round), 2000,
                                                       QString::number(round + 1))})
                    .ok());
        QCOMPARE(store.count({}), round + 1);
    }
}

QTEST_GUILESS_MAIN(TestSchemaMigrator)
#include "tst_schemamigrator.moc"
