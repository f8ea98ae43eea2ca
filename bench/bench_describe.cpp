// Describe job figures (issue 6, DESIGN.md section 3), against the fake OpenAI-compatible
// endpoint on 127.0.0.1 and a temporary collection, with AIME's default LLM gate (2 requests at
// once, no rate):
// A "describe" job (Tools > Describe albums without a description) over N albums (default 200)
// while the fake answers every completion in 500 ms. The time from ImportManager::startImport()
// to jobFinished() Completed, as a ratio to the floor the gate allows a background job: one of
// the two places, the other kept for a person's Generate (issue 16), so N x 0.5 s (goal: <= 1.1).
// The fake refuses a third request at once (setMaxInFlight(2)), as a local server with two slots
// would: its highest concurrency seen and its refusals say whether the gate held. A 5 ms timer on
// the (only) thread of the event loop records its longest lateness during the job: the longest
// stall.
//   bench_describe [albums, default 200]
#include "ai/describealbumsjob.h"
#include "ai/descriptionservice.h"
#include "ai/llmclient.h"
#include "benchfigures.h"
#include "core/datalocation.h"
#include "core/workerpool.h"
#include "domain/importjobrecord.h"
#include "fakellm.h"
#include "import/importmanager.h"
#include "providers/providergate.h"
#include "store/albumstore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QList>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <chrono>

using namespace aime;

namespace {

// The LLM gate's default (PROVIDERS.md section 4): what the floor assumes.
constexpr int llmSlots = 2;
// A background job leaves one place to the person (ProviderGate::backgroundSlots).
constexpr int jobSlots = llmSlots - 1;
constexpr std::chrono::milliseconds latency {500};

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

// benchAlbums() gives no tracklists; a description's prompt names a few tracks, as a real
// album's would.
QList<Album> albumsWithTracks(int count)
{
    QList<Album> albums = bench::benchAlbums(count, 0);
    for (qsizetype i = 0; i < albums.size(); ++i) {
        albums[i].tracks = {Track {.disc = 1,
                                   .position = 1,
                                   .title = QStringLiteral("Opening %1").arg(i),
                                   .durationMs = 201000},
                            Track {.disc = 1,
                                   .position = 2,
                                   .title = QStringLiteral("Interlude %1").arg(i),
                                   .durationMs = 95000},
                            Track {.disc = 1,
                                   .position = 3,
                                   .title = QStringLiteral("Closing %1").arg(i),
                                   .durationMs = 305000}};
        albums[i].trackCount = int(albums[i].tracks.size());
    }
    return albums;
}

struct JobRun
{
    bool finished = false; // jobFinished() came before the guard gave up
    ImportJobRecord record;
    QString problem; // importRefused() or problem()
    double totalSeconds = 0; // startImport() to jobFinished()
    double longestStallMs = 0; // the 5 ms timer's longest lateness, up to jobFinished()
};

// One describe job of every album without a description, timed from startImport().
JobRun runJob(ImportManager *imports, int guardMs)
{
    constexpr int tickMs = 5;
    JobRun run;
    QEventLoop loop;
    QElapsedTimer clock;
    QElapsedTimer sinceTick;

    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(tickMs);
    QObject::connect(&ticker, &QTimer::timeout, &loop, [&] {
        run.longestStallMs
            = std::max(run.longestStallMs, sinceTick.nsecsElapsed() / 1e6 - double(tickMs));
        sinceTick.restart();
    });

    const QString source = QString::fromLatin1(DescribeAlbumsJob::source);
    QObject::connect(imports, &ImportManager::jobFinished, &loop,
                     [&](const ImportJobRecord &record) {
                         if (record.source != source)
                             return;
                         run.totalSeconds = clock.nsecsElapsed() / 1e9;
                         run.record = record;
                         run.finished = true;
                         loop.quit();
                     });
    QObject::connect(imports, &ImportManager::importRefused, &loop,
                     [&](const QString &, const QJsonObject &, const QString &reason) {
                         run.problem = reason;
                         loop.quit();
                     });
    QObject::connect(imports, &ImportManager::problem, &loop,
                     [&](const QString &message) { run.problem = message; });
    // Never wait for ever.
    QTimer guard;
    guard.setSingleShot(true);
    QObject::connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
    guard.start(guardMs);

    sinceTick.start();
    ticker.start();
    clock.start();
    imports->startImport(source, {});
    if (!run.finished && run.problem.isEmpty())
        loop.exec();
    ticker.stop();
    guard.stop();
    run.longestStallMs = std::max(0.0, run.longestStallMs);
    return run;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int albumCount = 200;
    if (argc > 1) {
        bool ok = false;
        albumCount = QString::fromLocal8Bit(argv[1]).toInt(&ok);
        if (!ok || albumCount < 1) {
            err() << "bench_describe: the album count must be a positive number, not \""
                  << QString::fromLocal8Bit(argv[1]) << "\"" << Qt::endl;
            return 2;
        }
    }

    // AIME's default LLM limits, whatever the shell says.
    for (const char *name : {"AIME_LLM_RATE", "AIME_LLM_MAX_IN_FLIGHT", "AIME_LLM_TIMEOUT_MS"})
        qunsetenv(name);

    fakes::FakeLlm fake;
    if (!fake.listen()) {
        err() << "bench_describe: the fake LLM endpoint cannot listen" << Qt::endl;
        return 2;
    }
    fake.server().setLatency(latency);
    // Strict: a third request at once is refused (and counted).
    fake.server().setMaxInFlight(llmSlots);

    QTemporaryDir dir;
    if (!dir.isValid()) {
        err() << "bench_describe: no temporary folder" << Qt::endl;
        return 2;
    }
    AlbumStore store(DataLocation::sqliteStore(dir.path()));
    if (!store.open().ok()) {
        err() << "bench_describe: the store does not open" << Qt::endl;
        return 2;
    }
    const UpsertResult seeded = store.upsertPage(albumsWithTracks(albumCount));
    if (!seeded.ok() || seeded.inserted != albumCount) {
        err() << "bench_describe: seeding stored " << seeded.inserted << " of " << albumCount
              << " albums: " << seeded.error << Qt::endl;
        return 2;
    }
    const int withoutBefore = store.countWithoutDescription();
    if (withoutBefore != albumCount) {
        err() << "bench_describe: " << withoutBefore << " albums without a description, expected "
              << albumCount << Qt::endl;
        return 2;
    }

    QNetworkAccessManager network;
    WorkerPool pool;
    LlmClient client(&network, &pool, fake.apiUrl());
    if (client.gate()->limits().maxInFlight != llmSlots)
        err() << "bench_describe: the LLM gate lets " << client.gate()->limits().maxInFlight
              << " requests through at once; the floor assumes " << llmSlots << Qt::endl;
    DescriptionService descriptions(&store, &pool, &client);
    // Set, so no /v1/models request goes before the first batch.
    descriptions.setModel(fake.model());
    ImportManager imports(&store, &pool, nullptr, nullptr);
    imports.setDescriptionService(&descriptions);

    const double floorSeconds = double(albumCount) * (double(latency.count()) / 1000.0) / jobSlots;
    // Generous: four times the floor, and at least two minutes.
    const int guardMs = int(std::max(120000.0, floorSeconds * 4000.0));
    const JobRun run = runJob(&imports, guardMs);

    if (!run.finished) {
        err() << "bench_describe: the describe job did not finish within " << guardMs / 1000
              << " s";
        if (!run.problem.isEmpty())
            err() << ": " << run.problem;
        err() << Qt::endl;
        return 1;
    }
    if (run.record.state != JobState::Completed) {
        err() << "bench_describe: the describe job ended "
              << ImportJobRecord::stateName(run.record.state) << " after " << run.totalSeconds
              << " s: " << run.record.error << Qt::endl;
        return 1;
    }

    bench::printFigure(QStringLiteral("describe_albums"), albumCount, QStringLiteral("count"));
    bench::printFigure(QStringLiteral("describe_latency_ms"), double(latency.count()),
                       QStringLiteral("ms"));
    bench::printFigure(QStringLiteral("describe_total_s"), run.totalSeconds, QStringLiteral("s"));
    bench::printFigure(QStringLiteral("describe_floor_s"), floorSeconds, QStringLiteral("s"));
    bench::printFigure(QStringLiteral("describe_ratio"), run.totalSeconds / floorSeconds,
                       QStringLiteral("ratio"));
    // <= 2: the gate never sent a third request at once.
    bench::printFigure(QStringLiteral("describe_max_in_flight"), fake.server().maxInFlightSeen(),
                       QStringLiteral("count"));
    // 0: the fake refused nothing.
    bench::printFigure(QStringLiteral("describe_refused"), fake.server().limitedCount(),
                       QStringLiteral("count"));
    bench::printFigure(QStringLiteral("describe_longest_stall_ms"), run.longestStallMs,
                       QStringLiteral("ms"));

    // Every album described, each once.
    bool allDescribed = true;
    const int withoutAfter = store.countWithoutDescription();
    int described = 0;
    QString storeError;
    const bool walked = store.forEachAlbum(
        [&described](const Album &album) {
            if (!album.aiDescription.trimmed().isEmpty())
                ++described;
            return true;
        },
        &storeError);
    if (!walked) {
        err() << "bench_describe: the store could not be read: " << storeError << Qt::endl;
        allDescribed = false;
    }
    if (withoutAfter != 0 || described != albumCount) {
        err() << "bench_describe: " << described << " of " << albumCount
              << " albums have a description (" << withoutAfter << " without); the job said "
              << run.record.done << " done";
        if (!run.record.error.isEmpty())
            err() << ": " << run.record.error;
        err() << Qt::endl;
        allDescribed = false;
    }
    if (fake.completionsServed() != albumCount)
        err() << "bench_describe: the fake answered " << fake.completionsServed()
              << " completions for " << albumCount << " albums" << Qt::endl;
    return allDescribed ? 0 : 1;
}
