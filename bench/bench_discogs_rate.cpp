// Pace of the Discogs gate against a strict fake at Discogs' real limit (60 requests in any
// 60 s): the time to fetch 100 releases, as a ratio to the floor that limit allows, and how
// many requests the fake had to refuse with 429 (goal: none).
//   bench_discogs_rate [requests, default 100]
#include "benchfigures.h"
#include "core/workerpool.h"
#include "fakediscogs.h"
#include "providers/discogsclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>

using namespace aime;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int requests = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 100;
    constexpr int limit = 60;
    constexpr std::chrono::milliseconds window {60000};

    fakes::FakeDiscogs discogs({.albumCount = qMax(requests, 10)});
    fakes::FakeServer &server = discogs.server();
    server.setRateLimit(limit, window);
    if (!discogs.listen())
        return 2;

    qunsetenv("AIME_DISCOGS_RATE");
    QNetworkAccessManager network;
    WorkerPool pool;
    DiscogsClient client(&network, &pool, discogs.baseUrl());
    client.setToken(discogs.token());

    int done = 0;
    int failed = 0;
    QEventLoop loop;
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < requests; ++i) {
        client.release(fakes::FakeDiscogs::releaseId(i), [&](const ParseResult<Album> &result) {
            failed += result.ok() ? 0 : 1;
            if (++done == requests)
                loop.quit();
        });
    }
    loop.exec();
    const double seconds = clock.nsecsElapsed() / 1e9;
    // With at most `limit` requests in any window, request n (from 0) cannot start before
    // floor(n / limit) windows have passed.
    const double floorSeconds = double((requests - 1) / limit) * double(window.count()) / 1000.0;

    bench::printFigure(QStringLiteral("discogs_%1_releases_seconds").arg(requests), seconds,
                       QStringLiteral("s"));
    bench::printFigure(QStringLiteral("discogs_rate_floor_seconds"), floorSeconds,
                       QStringLiteral("s"));
    if (floorSeconds > 0)
        bench::printFigure(QStringLiteral("discogs_time_to_floor_ratio"), seconds / floorSeconds,
                           QStringLiteral("ratio"));
    bench::printFigure(QStringLiteral("discogs_responses_429"), server.limitedCount(),
                       QStringLiteral("count"));
    bench::printFigure(QStringLiteral("discogs_failed_requests"), failed, QStringLiteral("count"));
    return failed == 0 ? 0 : 1;
}
