// Search Online figures (DESIGN.md section 3), against the fake Spotify, Discogs and MusicBrainz
// on 127.0.0.1 and a small local collection, with AIME's default gate limits:
// 1. Parallel: Spotify answers in 100 ms, Discogs in 300 ms, MusicBrainz in 800 ms. The time
//    from SearchSession::start() to finished() (every provider reported), as a ratio to the
//    slowest provider's own time (goal: <= 1.1).
// 2. One hanging: MusicBrainz never answers, Spotify 100 ms, Discogs 300 ms, a provider deadline
//    of 3 s. The time until the collection, Spotify and Discogs are all done, as a ratio to the
//    slower of Spotify and Discogs (goal: <= 1.1), and when the hung one is reported timed out.
// A 1 ms timer on the (only) thread of the event loop records the longest gap between its ticks
// during the measured runs: the longest stall.
//
// A provider's own time is what its answers cost when they go out as its gate allows: Spotify's
// gate sends one request at a time (maxInFlight 1), so its three pages of ten take three round
// trips. One discarded warm-up search per scenario fetches Spotify's client-credentials token
// (the accounts endpoint is on the same fake, with the same latency) and opens the connections,
// so the measured runs pay only the searches. Runs are spaced so that no gate holds a request
// back for its rate (MusicBrainz: one request a second).
//   bench_search [runs per scenario, default 5]
#include "benchfigures.h"
#include "core/datalocation.h"
#include "core/workerpool.h"
#include "fakediscogs.h"
#include "fakemusicbrainz.h"
#include "fakespotify.h"
#include "providers/discogsclient.h"
#include "providers/musicbrainzclient.h"
#include "providers/providergate.h"
#include "providers/spotifyclient.h"
#include "search/searchresults.h"
#include "search/searchsession.h"
#include "search/searchsettings.h"
#include "store/albumstore.h"
#include "testdata.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHash>
#include <QList>
#include <QNetworkAccessManager>
#include <QStringList>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <chrono>

using namespace aime;

namespace {

// A word every fake catalogue has (an adjective of all three generators) and so do a few of the
// local albums below: each provider finds something.
QString searchWord()
{
    return QStringLiteral("quiet");
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

struct SearchRun
{
    bool finished = false; // finished() came before the guard gave up
    double finishedMs = 0; // start() to finished()
    double answeredMs = -1; // start() to the last awaited provider's Done; -1: not all were
    double longestGapMs = 0; // between two ticks of the 1 ms timer, up to finished()
    QList<ProviderResults> results;
};

// One search for searchWord() on every provider, timed from start().
SearchRun searchOnce(const SearchServices &services, const SearchTimeouts &timeouts,
                     const QStringList &awaited)
{
    SearchRun run;
    SearchSession session(services, searchWord(), SearchProviders::all(), timeouts);
    QEventLoop loop;
    QElapsedTimer clock;
    QElapsedTimer sinceTick;

    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(1);
    QObject::connect(&ticker, &QTimer::timeout, &loop, [&] {
        run.longestGapMs = std::max(run.longestGapMs, sinceTick.nsecsElapsed() / 1e6);
        sinceTick.restart();
    });

    QStringList waiting = awaited;
    QObject::connect(&session, &SearchSession::providerChanged, &loop,
                     [&](const ProviderResults &results) {
                         if (results.state == SearchState::Done
                             && waiting.removeAll(results.provider) > 0 && waiting.isEmpty())
                             run.answeredMs = clock.nsecsElapsed() / 1e6;
                     });
    QObject::connect(&session, &SearchSession::finished, &loop, [&] {
        run.finishedMs = clock.nsecsElapsed() / 1e6;
        run.longestGapMs = std::max(run.longestGapMs, sinceTick.nsecsElapsed() / 1e6);
        run.finished = true;
        loop.quit();
    });
    // Never wait for ever: the session's own deadline for the whole search, and a margin.
    QTimer guard;
    guard.setSingleShot(true);
    QObject::connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
    guard.start(int(timeouts.total.count()) + 5000);

    sinceTick.start();
    ticker.start();
    clock.start();
    session.start();
    if (!run.finished) // a session with nothing to wait for finishes inside start()
        loop.exec();
    ticker.stop();
    guard.stop();
    run.results = session.results();
    return run;
}

// Waits without blocking the event loop.
void pause(qint64 ms)
{
    if (ms <= 0)
        return;
    QEventLoop loop;
    QTimer::singleShot(int(ms), &loop, &QEventLoop::quit);
    loop.exec();
}

// Until no gate would hold a request back for its rate, and a little longer for the replies the
// last search cancelled to be gone.
void waitForGates(const QList<ProviderGate *> &gates)
{
    qint64 wait = 0;
    for (const ProviderGate *gate : gates)
        wait = std::max(wait, gate->currentWaitMs());
    pause(wait + 50);
}

// Whether each provider ended as expected; what did not goes to stderr.
bool endedAs(const SearchRun &run, const QHash<QString, SearchState> &expected, const char *what)
{
    bool ok = run.finished;
    if (!run.finished)
        err() << "bench_search: " << what << ": the search did not finish" << Qt::endl;
    for (const ProviderResults &results : run.results) {
        const SearchState want = expected.value(results.provider, SearchState::Done);
        if (results.state != want) {
            ok = false;
            err() << "bench_search: " << what << ": " << results.provider << " "
                  << SearchProviders::stateName(results.state) << " (expected "
                  << SearchProviders::stateName(want) << ") after " << results.elapsedMs
                  << " ms: " << results.message << Qt::endl;
        } else if (want == SearchState::Done && results.hits.isEmpty()) {
            err() << "bench_search: " << what << ": " << results.provider << " found nothing for \""
                  << searchWord() << "\"" << Qt::endl;
        }
    }
    return ok;
}

void describe(const SearchRun &run, const char *what)
{
    for (const ProviderResults &results : run.results)
        err() << "bench_search: " << what << ": " << results.provider << " "
              << SearchProviders::stateName(results.state) << ", " << results.hits.size()
              << " hits in " << results.elapsedMs << " ms" << Qt::endl;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 5;

    // AIME's default limits, whatever the shell says.
    for (const char *name :
         {"AIME_SPOTIFY_RATE", "AIME_SPOTIFY_MAX_IN_FLIGHT", "AIME_DISCOGS_RATE",
          "AIME_DISCOGS_MAX_IN_FLIGHT", "AIME_MUSICBRAINZ_RATE", "AIME_MUSICBRAINZ_MAX_IN_FLIGHT"})
        qunsetenv(name);

    constexpr int catalogue = 1000;
    fakes::FakeSpotify spotifyFake({.albumCount = catalogue});
    fakes::FakeDiscogs discogsFake({.albumCount = catalogue});
    // MusicBrainz' real limit stays on (one request a second); the runs are spaced for it.
    fakes::FakeMusicBrainz musicBrainzFake({.albumCount = catalogue, .strictRate = true});
    if (!spotifyFake.listen() || !discogsFake.listen() || !musicBrainzFake.listen())
        return 2;

    // A small collection, a few of whose albums the search word finds.
    QTemporaryDir dir;
    if (!dir.isValid())
        return 2;
    AlbumStore store(DataLocation::sqliteStore(dir.path()));
    if (!store.open().ok())
        return 2;
    QList<Album> albums = bench::benchAlbums(300, 0);
    for (int i = 0; i < 5; ++i)
        albums.append(testing::discogsAlbum(QStringLiteral("Quiet Harbour"),
                                            QStringLiteral("Quiet Rooms %1").arg(i + 1), 1990 + i,
                                            QString::number(9000000 + i)));
    if (!store.upsertPage(albums).ok())
        return 2;

    QNetworkAccessManager network;
    WorkerPool pool;
    SpotifyClient spotify(&network, &pool, spotifyFake.apiUrl(), spotifyFake.accountsUrl());
    spotify.setClientId(spotifyFake.clientId());
    spotify.setClientSecret(spotifyFake.clientSecret());
    DiscogsClient discogs(&network, &pool, discogsFake.baseUrl());
    discogs.setToken(discogsFake.token());
    MusicBrainzClient musicBrainz(&network, &pool, musicBrainzFake.apiUrl(),
                                  musicBrainzFake.baseUrl());
    musicBrainz.setContact(QStringLiteral("bench@example.org"));
    const SearchServices services {&store, &pool, &spotify, &discogs, &musicBrainz};
    const QList<ProviderGate *> gates {spotify.gate(), spotify.accountsGate(), discogs.gate(),
                                       musicBrainz.gate()};

    constexpr std::chrono::milliseconds spotifyLatency {100};
    constexpr std::chrono::milliseconds discogsLatency {300};
    constexpr std::chrono::milliseconds musicBrainzLatency {800};
    spotifyFake.server().setLatency(spotifyLatency);
    discogsFake.server().setLatency(discogsLatency);
    musicBrainzFake.server().setLatency(musicBrainzLatency);

    // Spotify's pages go out as many at a time as its gate allows.
    const int spotifyInFlight = std::max(1, spotify.gate()->limits().maxInFlight);
    const int spotifyRounds = (SearchSession::spotifyPages + spotifyInFlight - 1) / spotifyInFlight;
    const double spotifyFloorMs = double(spotifyLatency.count()) * spotifyRounds;

    bool allAsExpected = true;
    double longestGapMs = 0;
    const QString musicBrainzName = QLatin1String(SearchProviders::musicBrainz);

    // 1. Parallel.
    {
        const SearchTimeouts timeouts {}; // the defaults
        const SearchRun warm = searchOnce(services, timeouts, SearchProviders::all());
        describe(warm, "parallel warm-up");
        if (!endedAs(warm, {}, "parallel warm-up"))
            return 1;

        QList<double> shown;
        QHash<QString, QList<double>> providerMs;
        for (int i = 0; i < runs; ++i) {
            waitForGates(gates);
            const SearchRun run = searchOnce(services, timeouts, SearchProviders::all());
            if (!endedAs(run, {}, "parallel")) {
                allAsExpected = false;
                continue;
            }
            shown.append(run.finishedMs);
            longestGapMs = std::max(longestGapMs, run.longestGapMs);
            for (const ProviderResults &results : run.results)
                providerMs[results.provider].append(double(results.elapsedMs));
        }

        const double slowestMs = std::max(
            {spotifyFloorMs, double(discogsLatency.count()), double(musicBrainzLatency.count())});
        const double medianMs = bench::median(shown);
        bench::printFigure(QStringLiteral("search_all_shown_ms"), medianMs, QStringLiteral("ms"));
        bench::printFigure(QStringLiteral("search_all_shown_max_ms"), bench::percentile(shown, 1.0),
                           QStringLiteral("ms"));
        bench::printFigure(QStringLiteral("search_slowest_latency_ms"), slowestMs,
                           QStringLiteral("ms"));
        bench::printFigure(QStringLiteral("search_parallel_ratio"), medianMs / slowestMs,
                           QStringLiteral("ratio"));
        bench::printFigure(QStringLiteral("search_spotify_floor_ms"), spotifyFloorMs,
                           QStringLiteral("ms"));
        for (const QString &provider : SearchProviders::all())
            bench::printFigure(QStringLiteral("search_all_") + provider
                                   + QStringLiteral("_done_ms"),
                               bench::median(providerMs.value(provider)), QStringLiteral("ms"));
    }

    // 2. MusicBrainz hangs.
    {
        SearchTimeouts timeouts;
        timeouts.provider = std::chrono::milliseconds(3000);
        waitForGates(gates);
        const SearchRun warm = searchOnce(services, timeouts, SearchProviders::all());
        if (!endedAs(warm, {}, "hang warm-up"))
            return 1;
        // Every MusicBrainz request from here on hangs.
        musicBrainzFake.server().failNext(fakes::Fault::Hang, 1000);

        const QStringList answering {QLatin1String(SearchProviders::local),
                                     QLatin1String(SearchProviders::spotify),
                                     QLatin1String(SearchProviders::discogs)};
        const QHash<QString, SearchState> expected {{musicBrainzName, SearchState::Timeout}};
        QList<double> shown;
        QList<double> hungReported;
        for (int i = 0; i < runs; ++i) {
            waitForGates(gates);
            const SearchRun run = searchOnce(services, timeouts, answering);
            if (i == 0)
                describe(run, "hang");
            if (!endedAs(run, expected, "hang") || run.answeredMs < 0) {
                allAsExpected = false;
                continue;
            }
            shown.append(run.answeredMs);
            longestGapMs = std::max(longestGapMs, run.longestGapMs);
            for (const ProviderResults &results : run.results) {
                if (results.provider == musicBrainzName)
                    hungReported.append(double(results.elapsedMs));
            }
        }

        const double slowestMs = std::max(spotifyFloorMs, double(discogsLatency.count()));
        const double medianMs = bench::median(shown);
        bench::printFigure(QStringLiteral("search_others_shown_with_hang_ms"), medianMs,
                           QStringLiteral("ms"));
        bench::printFigure(QStringLiteral("search_others_shown_with_hang_max_ms"),
                           bench::percentile(shown, 1.0), QStringLiteral("ms"));
        bench::printFigure(QStringLiteral("search_slowest_answering_latency_ms"), slowestMs,
                           QStringLiteral("ms"));
        bench::printFigure(QStringLiteral("search_hang_ratio"), medianMs / slowestMs,
                           QStringLiteral("ratio"));
        bench::printFigure(QStringLiteral("search_provider_timeout_ms"),
                           double(timeouts.provider.count()), QStringLiteral("ms"));
        bench::printFigure(QStringLiteral("search_hung_reported_timeout_ms"),
                           bench::median(hungReported), QStringLiteral("ms"));
    }

    // Both scenarios' measured runs.
    bench::printFigure(QStringLiteral("search_longest_stall_ms"), longestGapMs,
                       QStringLiteral("ms"));
    // 1: only the first warm-up fetched a token.
    bench::printFigure(QStringLiteral("search_spotify_token_requests"),
                       spotifyFake.tokenRequests(QStringLiteral("client_credentials")),
                       QStringLiteral("count"));
    // 0: no gate went over a fake's limit.
    bench::printFigure(QStringLiteral("search_limited_responses"),
                       spotifyFake.server().limitedCount() + discogsFake.server().limitedCount()
                           + musicBrainzFake.server().limitedCount(),
                       QStringLiteral("count"));
    return allAsExpected ? 0 : 1;
}
