#pragma once

#include "domain/album.h"
#include "postgrestestdatabase.h"
#include "store/albumstore.h"

#include <QList>
#include <QTemporaryDir>

#include <memory>
#include <optional>

namespace aime::testing {

// An album as a Discogs CSV row would give it.
Album discogsAlbum(const QString &artist, const QString &title, int year, const QString &releaseId,
                   const QString &barcode = {});
// n albums with distinct artists and titles, "Artist 0007 - Title 0007" style, one Discogs source
// each; words cycle through a small vocabulary so filters have something to find.
QList<Album> generatedAlbums(int count, int firstIndex = 0);

// The two stores every store feature runs on (issue 17).
enum class TestBackend { Sqlite, PostgreSql };
// For initTestCase_data(): a global "backend" column with a row per backend, so that every test
// function of the class runs on SQLite and on PostgreSQL.
void addBackendRows();
// The backend of the global data row running now.
TestBackend currentBackend();

// The settings of a fresh store on `backend`: the SQLite file in `dir`, or a new database of the
// test server, which *database then owns. Nullopt when there is none: the test has then failed,
// or skipped where no server is given and none is required (PostgresTestDatabase).
std::optional<StoreConfig> freshStoreConfig(TestBackend backend, const QString &dir,
                                            std::unique_ptr<PostgresTestDatabase> *database);

// A store in a fresh temporary folder (SQLite) or a fresh database of the test server
// (PostgreSQL), opened and migrated. Null when it does not open: the test has then failed, or
// skipped when no PostgreSQL server was given and none is required (PostgresTestDatabase).
struct TemporaryStore
{
    std::unique_ptr<PostgresTestDatabase> postgres;
    QTemporaryDir dir;
    std::unique_ptr<AlbumStore> store;
};
std::unique_ptr<TemporaryStore> openTemporaryStore(TestBackend backend = TestBackend::Sqlite);

// The scale ctest runs the test at (QT_SCALE_FACTOR; 1 when unset): what a window's device pixel
// ratio should be.
qreal scaleFactor();

} // namespace aime::testing
