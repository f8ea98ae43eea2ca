// Bulk import of generated albums through AlbumStore::upsertPage (de-duplication lookups, sources,
// FTS index, one transaction per page), against a raw prepared INSERT loop into a bare SQLite
// table with the same page transactions, in the same run.
//   bench_store_import [album count, default 100000] [page size, default the CSV import's]
#include "benchfigures.h"
#include "core/datalocation.h"
#include "import/discogscsvimport.h"
#include "store/albumstore.h"
#include "testdata.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

using namespace aime;

namespace {

double rawInsertSeconds(const QString &path, const QList<QList<Album>> &pages)
{
    double seconds = -1;
    {
        QSqlDatabase db
            = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(path);
        if (!db.open())
            return -1;
        QSqlQuery query(db);
        query.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        query.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
        query.exec(QStringLiteral("CREATE TABLE raw (title TEXT, artist TEXT, year INTEGER, "
                                  "label TEXT, format TEXT, genres TEXT, release_id TEXT)"));
        QElapsedTimer timer;
        timer.start();
        query.prepare(QStringLiteral("INSERT INTO raw VALUES (?, ?, ?, ?, ?, ?, ?)"));
        for (const QList<Album> &page : pages) {
            db.transaction();
            for (const Album &album : page) {
                query.bindValue(0, album.title);
                query.bindValue(1, album.artist);
                query.bindValue(2, album.year);
                query.bindValue(3, album.label);
                query.bindValue(4, album.format);
                query.bindValue(5, album.genres.join(u','));
                query.bindValue(6, album.sources.first().externalId);
                query.exec();
            }
            db.commit();
        }
        seconds = timer.nsecsElapsed() / 1e9;
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    return seconds;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 100000;
    QTemporaryDir dir;
    QList<QList<Album>> pages;
    for (int first = 0; first < count; first += DiscogsCsvImport::pageSize)
        pages.append(
            bench::benchAlbums(std::min(DiscogsCsvImport::pageSize, count - first), first));

    const double raw = rawInsertSeconds(dir.filePath(QStringLiteral("raw.sqlite")), pages);

    AlbumStore store(DataLocation::sqliteStore(dir.path()));
    if (!store.open().ok())
        return 2;
    QElapsedTimer timer;
    timer.start();
    for (const QList<Album> &page : std::as_const(pages)) {
        if (!store.upsertPage(page).ok())
            return 2;
    }
    const double ours = timer.nsecsElapsed() / 1e9;
    if (store.count({}) != count || raw <= 0)
        return 2;

    bench::printFigure(QStringLiteral("store_import_albums_per_second"), count / ours,
                       QStringLiteral("albums/s"));
    bench::printFigure(QStringLiteral("raw_insert_rows_per_second"), count / raw,
                       QStringLiteral("rows/s"));
    bench::printFigure(QStringLiteral("store_import_to_raw_insert_ratio"), raw / ours,
                       QStringLiteral("ratio"));
    return 0;
}
