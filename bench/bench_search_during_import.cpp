// Search Online during a Discogs import (issue 16): a collection import runs against the strict
// fake Discogs at the real limit (60 requests in any 60 s) while `searches` Discogs searches go
// out, one every `interval` ms, once the release-details phase has run for `settle` ms (a window
// and its margin by default, so the collection pages the import fetched first have left the
// window and the figures describe the phase, not its start). Prints how long each search waited
// for Discogs (median, 95th percentile, worst), how many failed, the import's release-details
// rate as a share of the limit and of what the searches left it, and the 429s.
//   bench_search_during_import [searches, default 20] [interval ms, default 5000]
//                              [settle ms, default 60600]
#include "benchfigures.h"
#include "core/datalocation.h"
#include "core/workerpool.h"
#include "fakediscogs.h"
#include "import/discogscollectionimport.h"
#include "providers/discogsclient.h"
#include "store/albumstore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTimer>

using namespace aime;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int searches = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 20;
    const int intervalMs = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 5000;
    const int settleMs = argc > 3 ? QString::fromLocal8Bit(argv[3]).toInt() : 60600;
    constexpr int limit = 60;
    constexpr std::chrono::milliseconds window {60000};

    // Enough releases that the details phase outlasts the searches.
    fakes::FakeDiscogs discogs({.albumCount = 2000});
    discogs.server().setRateLimit(limit, window);
    if (!discogs.listen())
        return 2;
    qunsetenv("AIME_DISCOGS_RATE");
    QTemporaryDir dir;
    AlbumStore store(DataLocation::sqliteStore(dir.path()));
    if (!store.open().ok())
        return 2;
    QNetworkAccessManager network;
    WorkerPool pool;
    DiscogsClient client(&network, &pool, discogs.baseUrl());
    client.setToken(discogs.token());

    const std::optional<ImportJobRecord> record
        = store.createJob(QLatin1String(DiscogsCollectionImport::source),
                          {{QStringLiteral("user"), discogs.username()}});
    if (!record)
        return 2;
    DiscogsCollectionImport job(&store, &pool, &client, *record);
    job.start();

    const auto releaseRequests = [&discogs] {
        const QList<QByteArray> paths = discogs.server().requestPaths();
        return int(std::count_if(paths.cbegin(), paths.cend(), [](const QByteArray &path) {
            return path.startsWith("/releases/");
        }));
    };
    QList<double> waits;
    int failed = 0;
    int sent = 0;
    int releasesAtStart = 0;
    int searchRequests = 0;
    QElapsedTimer period;
    QTimer next;
    next.setInterval(intervalMs);
    const QStringList words {QStringLiteral("quiet"), QStringLiteral("night"),
                             QStringLiteral("river"), QStringLiteral("blue")};
    QObject::connect(&next, &QTimer::timeout, [&] {
        if (sent == searches) {
            next.stop();
            return;
        }
        auto clock = std::make_shared<QElapsedTimer>();
        clock->start();
        ++sent;
        ++searchRequests;
        client.search(words.at(sent % words.size()), 1,
                      [&, clock](const ParseResult<AlbumListPage> &result) {
                          waits.append(clock->nsecsElapsed() / 1e9);
                          failed += result.ok() ? 0 : 1;
                          if (int(waits.size()) == searches)
                              QCoreApplication::quit();
                      });
    });
    QTimer watch;
    watch.setInterval(100);
    QElapsedTimer releasePhase;
    QObject::connect(&watch, &QTimer::timeout, [&] {
        if (releaseRequests() == 0 || next.isActive() || sent > 0)
            return;
        if (!releasePhase.isValid())
            releasePhase.start();
        if (releasePhase.elapsed() < settleMs)
            return;
        releasesAtStart = releaseRequests();
        period.start();
        next.start();
        watch.stop();
    });
    watch.start();
    QCoreApplication::exec();
    const double seconds = period.nsecsElapsed() / 1e9;
    const int releases = releaseRequests() - releasesAtStart;
    job.cancel();

    const double allowed = seconds * limit / (window.count() / 1000.0);
    bench::printFigure(QStringLiteral("search_during_import_searches"), searches,
                       QStringLiteral("count"));
    bench::printFigure(QStringLiteral("search_discogs_wait_median_seconds"), bench::median(waits),
                       QStringLiteral("s"));
    bench::printFigure(QStringLiteral("search_discogs_wait_p95_seconds"),
                       bench::percentile(waits, 0.95), QStringLiteral("s"));
    bench::printFigure(QStringLiteral("search_discogs_wait_max_seconds"),
                       *std::max_element(waits.cbegin(), waits.cend()), QStringLiteral("s"));
    bench::printFigure(QStringLiteral("search_discogs_failed"), failed, QStringLiteral("count"));
    bench::printFigure(QStringLiteral("import_release_requests_during_searches"), releases,
                       QStringLiteral("count"));
    bench::printFigure(QStringLiteral("import_rate_to_limit_ratio"), releases / allowed,
                       QStringLiteral("ratio"));
    bench::printFigure(QStringLiteral("import_rate_to_limit_left_by_searches_ratio"),
                       releases / qMax(1.0, allowed - searchRequests), QStringLiteral("ratio"));
    bench::printFigure(QStringLiteral("discogs_responses_429"), discogs.server().limitedCount(),
                       QStringLiteral("count"));
    return failed == 0 ? 0 : 1;
}
