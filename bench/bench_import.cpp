// Online import figures (issue 4), against the fake Discogs on 127.0.0.1:
// 1. GUI responsiveness: AIME as main() builds it (offscreen, window and grid shown) imports a
//    collection of N releases (default 10,000) with zero network latency and no rate limit; a
//    5 ms timer on the GUI thread measures its own lateness: the longest stall and the 99th
//    percentile.
// 2. Pipeline throughput of that import's collection phase (albums/s) and its ratio to the
//    store's own bulk upsert of the same albums in pages of 100; the whole job (both phases) in
//    releases/s.
// 3. The collection phase of a 5,000-release collection against the strict fake at Discogs'
//    real limit (60 requests in any 60 s) with AIME's default limits: time to show every album,
//    compared with the floor that limit allows.
//   bench_import [releases, default 10000]
#include "aimeapplication.h"
#include "benchfigures.h"
#include "core/datalocation.h"
#include "core/workerpool.h"
#include "credentials/accountmanager.h"
#include "credentials/memorysecretbackend.h"
#include "fakediscogs.h"
#include "import/discogscollectionimport.h"
#include "import/importmanager.h"
#include "mainwindow.h"
#include "providers/discogsclient.h"
#include "store/albumstore.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTimer>

using namespace aime;

namespace {

// Seconds for a whole import job of `record` (phase one only when `collectionOnly`).
struct JobTiming
{
    double collectionSeconds = 0;
    double totalSeconds = 0;
    bool completed = false;
};

JobTiming timeJob(ImportManager *imports, const QString &user)
{
    JobTiming timing;
    QEventLoop loop;
    QElapsedTimer clock;
    clock.start();
    QObject::connect(imports, &ImportManager::jobChanged, &loop,
                     [&](const ImportJobRecord &record) {
                         if (timing.collectionSeconds == 0
                             && record.cursor.value(QStringLiteral("phase")).toString()
                                 == QLatin1String("details"))
                             timing.collectionSeconds = clock.nsecsElapsed() / 1e9;
                     });
    QObject::connect(imports, &ImportManager::jobFinished, &loop,
                     [&](const ImportJobRecord &record) {
                         timing.totalSeconds = clock.nsecsElapsed() / 1e9;
                         timing.completed = record.state == JobState::Completed;
                         loop.quit();
                     });
    imports->startImport(QStringLiteral("discogs"), {{QStringLiteral("user"), user}});
    loop.exec();
    return timing;
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("AIME-bench"));
    const int releases = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 10000;

    // 1 and 2: zero latency, no limits.
    {
        fakes::FakeDiscogs discogs({.albumCount = releases});
        // No limit to speak of; the fake's X-Discogs-Ratelimit headers say the same.
        discogs.server().setRateLimit(100000, std::chrono::seconds(1));
        if (!discogs.listen())
            return 2;
        qputenv("AIME_DISCOGS_API_URL", discogs.baseUrl().toString().toUtf8());
        qputenv("AIME_DISCOGS_TOKEN", discogs.token().toUtf8());
        qputenv("AIME_DISCOGS_USER", discogs.username().toUtf8());
        qputenv("AIME_DISCOGS_RATE", "100000/1");
        QTemporaryDir dir;
        AimeApplication aime(dir.path(), new MemorySecretBackend);
        aime.start();
        // The import starts once the jobs are loaded and the accounts (the environment's
        // token) are in the clients.
        QEventLoop ready;
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &ready, [&] {
            if (aime.imports()->isLoaded() && aime.accounts()->isRestored())
                ready.quit();
        });
        poll.start(10);
        ready.exec();
        poll.stop();

        QList<double> lateness;
        QElapsedTimer tick;
        QTimer watchdog;
        watchdog.setTimerType(Qt::PreciseTimer);
        watchdog.setInterval(5);
        tick.start();
        QObject::connect(&watchdog, &QTimer::timeout, [&] {
            lateness.append(qMax(0.0, tick.nsecsElapsed() / 1e6 - 5.0));
            tick.restart();
        });
        watchdog.start();
        const JobTiming timing = timeJob(aime.imports(), discogs.username());
        watchdog.stop();
        if (!timing.completed)
            return 1;

        bench::printFigure(QStringLiteral("gui_longest_stall_ms"),
                           *std::max_element(lateness.cbegin(), lateness.cend()),
                           QStringLiteral("ms"));
        bench::printFigure(QStringLiteral("gui_stall_p99_ms"), bench::percentile(lateness, 0.99),
                           QStringLiteral("ms"));
        const double pipeline = releases / timing.collectionSeconds;
        bench::printFigure(QStringLiteral("import_collection_albums_per_second"), pipeline,
                           QStringLiteral("albums/s"));
        bench::printFigure(QStringLiteral("import_whole_job_releases_per_second"),
                           releases / timing.totalSeconds, QStringLiteral("releases/s"));

        // The store alone, same albums, same page size, fresh store.
        QList<Album> albums;
        aime.store()->forEachAlbum([&albums](const Album &album) {
            Album basic = album;
            basic.tracks.clear();
            albums.append(basic);
            return true;
        });
        QTemporaryDir bulkDir;
        AlbumStore bulk(DataLocation::sqliteStore(bulkDir.path()));
        if (!bulk.open().ok())
            return 2;
        QElapsedTimer bulkClock;
        bulkClock.start();
        for (qsizetype from = 0; from < albums.size(); from += 100)
            bulk.upsertPage(albums.mid(from, 100));
        const double bulkRate = albums.size() / (bulkClock.nsecsElapsed() / 1e9);
        bench::printFigure(QStringLiteral("store_bulk_upsert_albums_per_second"), bulkRate,
                           QStringLiteral("albums/s"));
        bench::printFigure(QStringLiteral("import_to_store_ratio"), pipeline / bulkRate,
                           QStringLiteral("ratio"));
    }

    // 3: the real limit, AIME's default limits.
    {
        constexpr int collection = 5000;
        fakes::FakeDiscogs discogs({.albumCount = collection});
        discogs.server().setRateLimit(60, std::chrono::seconds(60));
        if (!discogs.listen())
            return 2;
        qunsetenv("AIME_DISCOGS_RATE");
        QNetworkAccessManager network;
        WorkerPool pool;
        DiscogsClient client(&network, &pool, discogs.baseUrl());
        client.setToken(discogs.token());
        QTemporaryDir dir;
        AlbumStore store(DataLocation::sqliteStore(dir.path()));
        if (!store.open().ok())
            return 2;
        ImportManager imports(&store, &pool, &client, nullptr);
        QEventLoop ready;
        QObject::connect(&imports, &ImportManager::loaded, &ready, &QEventLoop::quit);
        imports.load();
        ready.exec();
        // Only the collection phase is timed: the job is stopped once it reaches the details.
        QElapsedTimer clock;
        clock.start();
        double seconds = 0;
        QEventLoop loop;
        QObject::connect(&imports, &ImportManager::jobChanged, &loop,
                         [&](const ImportJobRecord &record) {
                             if (seconds == 0
                                 && record.cursor.value(QStringLiteral("phase")).toString()
                                     == QLatin1String("details")) {
                                 seconds = clock.nsecsElapsed() / 1e9;
                                 imports.cancel(record.id);
                                 loop.quit();
                             }
                         });
        imports.startImport(QStringLiteral("discogs"),
                            {{QStringLiteral("user"), discogs.username()}});
        loop.exec();
        const int pages = (collection + DiscogsClient::collectionPageSize - 1)
            / DiscogsClient::collectionPageSize;
        // Request n (from 0) cannot start before floor(n / 60) windows have passed.
        const double floorSeconds = double((pages - 1) / 60) * 60.0;
        bench::printFigure(QStringLiteral("discogs_5000_collection_phase_seconds"), seconds,
                           QStringLiteral("s"));
        bench::printFigure(QStringLiteral("discogs_5000_collection_floor_seconds"), floorSeconds,
                           QStringLiteral("s"));
        bench::printFigure(QStringLiteral("discogs_5000_collection_responses_429"),
                           discogs.server().limitedCount(), QStringLiteral("count"));
    }
    return 0;
}
