// Live updates between desktops on one PostgreSQL catalogue (issue 17): two stores on the same
// database, as two desktops have; `changes` times one album is written through the first, and
// the second's grid (an AlbumListModel) shows it. Prints, over the changes, the time from the
// start of the write (whose commit sends the notification) to the second store's albumsChanged,
// in its listener's thread, and from the write's return (the commit done) to the row in the
// second's grid, which coalesces changes over 250 ms on purpose: median and 99th percentile.
// Needs the test server's addresses (scripts/postgres-test-server start DIR; set -a; . DIR/env).
//   bench_live_update [changes, default 200]
#include "albumlistmodel.h"
#include "benchfigures.h"
#include "postgrestestdatabase.h"
#include "store/albumstore.h"
#include "store/databaseurl.h"
#include "testdata.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QMutex>
#include <QThreadPool>
#include <QTimer>

#include <atomic>

using namespace aime;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int changes = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 200;
    testing::PostgresTestDatabase database;
    if (!database.isAvailable()) {
        qCritical().noquote() << "bench_live_update:" << database.unavailableReason();
        return 2;
    }
    const std::optional<StoreConfig> config = DatabaseUrl::parse(database.url());
    AlbumStore writer(*config);
    AlbumStore reader(*config);
    if (!writer.open().ok() || !reader.open().ok())
        return 2;
    QThreadPool pool;
    AlbumListModel grid(&reader, &pool);
    grid.reload();

    QList<double> notified;
    QList<double> shown;
    QElapsedTimer clock;
    clock.start();
    std::atomic<qint64> writeStartedNs {0};
    qint64 writeReturnedNs = 0;
    QMutex notifiedMutex;
    int written = 0;
    const auto writeNext = [&] {
        if (written == changes) {
            QCoreApplication::quit();
            return;
        }
        writeStartedNs = clock.nsecsElapsed();
        const UpsertResult result = writer.upsertPage(testing::generatedAlbums(1, written));
        writeReturnedNs = clock.nsecsElapsed();
        if (!result.ok()) {
            qCritical().noquote() << result.error;
            QCoreApplication::exit(1);
            return;
        }
        ++written;
    };
    // In the listener's thread, as it tells of the change.
    QObject::connect(
        &reader, &AlbumStore::albumsChanged, &app,
        [&] {
            const QMutexLocker lock(&notifiedMutex);
            notified.append((clock.nsecsElapsed() - writeStartedNs) / 1e6);
        },
        Qt::DirectConnection);
    // However the grid takes the new row in: rows inserted, a layout change (the window read
    // again, with the count), or the first page read again.
    const auto checkShown = [&] {
        if (written == 0 || shown.size() == written || grid.rowCount() != written)
            return;
        shown.append((clock.nsecsElapsed() - writeReturnedNs) / 1e9);
        QTimer::singleShot(0, &app, writeNext);
    };
    QObject::connect(&grid, &QAbstractItemModel::rowsInserted, &app, checkShown);
    QObject::connect(&grid, &QAbstractItemModel::modelReset, &app, checkShown);
    QObject::connect(&grid, &QAbstractItemModel::layoutChanged, &app, checkShown);
    QObject::connect(&grid, &QAbstractItemModel::dataChanged, &app, checkShown);
    QObject::connect(&grid, &AlbumListModel::queryApplied, &app, [&] {
        if (written == 0)
            QTimer::singleShot(0, &app, writeNext);
    });
    const int status = QCoreApplication::exec();
    pool.waitForDone();
    if (status != 0 || shown.size() != changes)
        return 1;
    bench::printFigure(QStringLiteral("live_update_changes"), changes, QStringLiteral("count"));
    const QMutexLocker lock(&notifiedMutex);
    bench::printFigure(QStringLiteral("live_update_write_to_notified_median_ms"),
                       bench::median(notified), QStringLiteral("ms"));
    bench::printFigure(QStringLiteral("live_update_write_to_notified_p99_ms"),
                       bench::percentile(notified, 0.99), QStringLiteral("ms"));
    bench::printFigure(QStringLiteral("live_update_in_grid_median_seconds"), bench::median(shown),
                       QStringLiteral("s"));
    bench::printFigure(QStringLiteral("live_update_in_grid_p99_seconds"),
                       bench::percentile(shown, 0.99), QStringLiteral("s"));
    return 0;
}
