#include "core/datalocation.h"
#include "core/workerpool.h"
#include "fakediscogs.h"
#include "import/discogscollectionimport.h"
#include "import/importmanager.h"
#include "providers/discogsclient.h"
#include "store/albumstore.h"

#include <QNetworkAccessManager>
#include <QProcess>
#include <QRandomGenerator>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <csignal>

using namespace aime;
using fakes::FakeDiscogs;
using fakes::Fault;

namespace {

// Discogs' real limit, scaled to a tenth of a second so thousands of requests take seconds.
constexpr int scaledLimit = 60;
constexpr std::chrono::milliseconds scaledWindow {100};

bool isCollectionPage(const QHttpServerRequest &request, int page)
{
    return request.url().path().endsWith(QLatin1String("/collection/folders/0/releases"))
        && request.url().query().contains(QStringLiteral("page=%1&").arg(page));
}

bool isRelease(const QHttpServerRequest &request, qint64 id)
{
    return request.url().path() == QStringLiteral("/releases/%1").arg(id);
}

} // namespace

// Import > Discogs collection through the strict fake Discogs into a temporary store: both
// phases, faults at chosen places, cancel, and aime-cli killed and resumed.
class TestDiscogsImport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void wholeCollectionArrivesWithDetails();
    void releaseGoneFromDiscogsIsSkipped();
    void releaseOwnedTwiceEndsAtItsTotal();
    void faultsEndInACompleteStoreOrAClearError_data();
    void faultsEndInACompleteStoreOrAClearError();
    void cancelStopsWithinASecond();
    void answersParsedAfterCancelAndDeleteAreDropped();
    void killedCliResumesToTheSameStore();
    void shutdownStopsThreeJobsWithinFiveSeconds();
    void rateLimitWaitIsShownWhileItLasts();

private:
    // A fake Discogs with a collection of `albums`, and a client for it.
    void useCollection(int albums, int ownedTwice = 0);
    ImportJobRecord newRecord();
    // Runs the job to its end; the record it ended with.
    ImportJobRecord runToEnd(const ImportJobRecord &record, int timeoutMs = 120000);
    // What a store holds, in a form two stores can be compared by.
    static QStringList contents(AlbumStore &store);
    int discogsSources();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeDiscogs> m_fake;
    std::unique_ptr<AlbumStore> m_store;
    std::unique_ptr<WorkerPool> m_pool;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<DiscogsClient> m_client;
};

void TestDiscogsImport::initTestCase()
{
    qputenv("AIME_DISCOGS_RATE",
            QByteArray::number(scaledLimit) + '/'
                + QByteArray::number(scaledWindow.count() / 1000.0));
}

void TestDiscogsImport::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<AlbumStore>(DataLocation::sqliteStore(m_dir->path()));
    QVERIFY(m_store->open().ok());
    m_pool = std::make_unique<WorkerPool>();
    m_network = std::make_unique<QNetworkAccessManager>();
    useCollection(1200);
    QVERIFY(m_fake->baseUrl().port() > 0);
}

void TestDiscogsImport::useCollection(int albums, int ownedTwice)
{
    m_client.reset();
    m_fake = std::make_unique<FakeDiscogs>(
        fakes::FakeDiscogsOptions {.albumCount = albums, .ownedTwice = ownedTwice});
    m_fake->server().setRateLimit(scaledLimit, scaledWindow);
    m_fake->server().setMaxInFlight(5);
    if (!m_fake->listen())
        return;
    m_client = std::make_unique<DiscogsClient>(m_network.get(), m_pool.get(), m_fake->baseUrl());
    m_client->setToken(m_fake->token());
}

void TestDiscogsImport::cleanup()
{
    m_client.reset();
    m_network.reset();
    m_pool.reset();
    m_store.reset();
    m_fake.reset();
    m_dir.reset();
}

ImportJobRecord TestDiscogsImport::newRecord()
{
    const std::optional<ImportJobRecord> record = m_store->createJob(
        QStringLiteral("discogs"), {{QStringLiteral("user"), m_fake->username()}});
    return record.value_or(ImportJobRecord());
}

ImportJobRecord TestDiscogsImport::runToEnd(const ImportJobRecord &record, int timeoutMs)
{
    DiscogsCollectionImport job(m_store.get(), m_pool.get(), m_client.get(), record);
    QSignalSpy finished(&job, &ImportJob::finished);
    job.start();
    if (!finished.wait(timeoutMs) && finished.isEmpty())
        return {};
    return finished.first().first().value<ImportJobRecord>();
}

QStringList TestDiscogsImport::contents(AlbumStore &store)
{
    QStringList rows;
    store.forEachAlbum([&rows](const Album &album) {
        QStringList tracks;
        for (const Track &track : album.tracks)
            tracks.append(
                QStringLiteral("%1.%2 %3").arg(track.disc).arg(track.position).arg(track.title));
        QStringList sources;
        for (const SourceRef &source : album.sources)
            sources.append(source.provider + u':' + source.externalId);
        rows.append(QStringList {album.artist, album.title, QString::number(album.year),
                                 album.barcode, album.genres.join(u','), sources.join(u','),
                                 tracks.join(u'|')}
                        .join(u'\t'));
        return true;
    });
    rows.sort();
    return rows;
}

int TestDiscogsImport::discogsSources()
{
    int sources = 0;
    m_store->forEachAlbum([&sources](const Album &album) {
        for (const SourceRef &source : album.sources)
            sources += source.provider == QLatin1String("discogs") ? 1 : 0;
        return true;
    });
    return sources;
}

void TestDiscogsImport::wholeCollectionArrivesWithDetails()
{
    useCollection(5000);
    QVERIFY(m_client);
    const ImportJobRecord end = runToEnd(newRecord(), 600000);
    QCOMPARE(end.state, JobState::Completed);
    QVERIFY2(end.error.isEmpty(), qPrintable(end.error));
    QCOMPARE(end.total, m_fake->albumCount());
    QCOMPARE(end.done, m_fake->albumCount());

    // Every release is a source exactly once; releases of one album (the same barcode, or the
    // same artist, title and year) share it.
    QCOMPARE(discogsSources(), m_fake->albumCount());
    const int albums = m_store->count({});
    QVERIFY2(albums <= m_fake->albumCount() && albums >= m_fake->albumCount() * 99 / 100,
             qPrintable(QString::number(albums)));
    // Phase two filled every album with its tracklist.
    int withTracks = 0;
    m_store->forEachAlbum([&withTracks](const Album &album) {
        withTracks += album.tracks.isEmpty() ? 0 : 1;
        return true;
    });
    QCOMPARE(withTracks, albums);
    // One request per collection page and per release, and the strict fake never said no.
    QCOMPARE(m_fake->server().limitedCount(), 0);
    QVERIFY(m_fake->server().maxInFlightSeen() <= 5);
    QVERIFY(m_fake->server().maxPerWindowSeen() <= scaledLimit);
    QCOMPARE(m_fake->server().requestCount(), 50 + m_fake->albumCount());

    const std::optional<ImportJobRecord> stored = m_store->job(end.id);
    QVERIFY(stored);
    QCOMPARE(stored->state, JobState::Completed);
    QVERIFY(stored->finishedAt.isValid());
}

// A release removed from Discogs after it was collected answers 404 to its details: the import
// keeps what the collection page said about it and goes on. Decided by the status, not by the
// (translated) message.
void TestDiscogsImport::releaseGoneFromDiscogsIsSkipped()
{
    useCollection(120);
    QVERIFY(m_client);
    constexpr qint64 gone = 1042;
    m_fake->server().failWhen(
        [](const QHttpServerRequest &request) { return isRelease(request, gone); },
        fakes::Fault::Status404);
    const ImportJobRecord end = runToEnd(newRecord(), 120000);
    QCOMPARE(end.state, JobState::Completed);
    QVERIFY2(end.error.isEmpty(), qPrintable(end.error));
    QCOMPARE(discogsSources(), m_fake->albumCount());
    // Its album is there, from the collection page, without the details only the release has.
    int withoutTracks = 0;
    m_store->forEachAlbum([&withoutTracks](const Album &album) {
        withoutTracks += album.tracks.isEmpty() ? 1 : 0;
        return true;
    });
    QCOMPARE(withoutTracks, 1);
    const QList<QByteArray> paths = m_fake->server().requestPaths();
    QVERIFY(std::any_of(paths.cbegin(), paths.cend(), [](const QByteArray &path) {
        return path.startsWith(QByteArray("/releases/").append(QByteArray::number(gone)));
    }));
}

// Two instances of one release: the collection phase counts instances (21), the details phase
// releases (20); the bar must end full, never at "20 of 21".
void TestDiscogsImport::releaseOwnedTwiceEndsAtItsTotal()
{
    useCollection(20, 1);
    QVERIFY(m_client);
    DiscogsCollectionImport job(m_store.get(), m_pool.get(), m_client.get(), newRecord());
    QSignalSpy progressed(&job, &ImportJob::progressed);
    QSignalSpy finished(&job, &ImportJob::finished);
    job.start();
    QVERIFY(finished.wait(60000) || !finished.isEmpty());
    const ImportJobRecord end = finished.first().first().value<ImportJobRecord>();
    QCOMPARE(end.state, JobState::Completed);
    QCOMPARE(end.total, 20);
    QCOMPARE(end.done, end.total);
    for (const QList<QVariant> &signal : std::as_const(progressed)) {
        const ImportJobRecord step = signal.first().value<ImportJobRecord>();
        QVERIFY2(step.done <= step.total || step.total == 0,
                 qPrintable(QStringLiteral("%1 of %2").arg(step.done).arg(step.total)));
    }
    // The collection page did list 21 instances.
    QVERIFY(std::any_of(progressed.cbegin(), progressed.cend(), [](const QList<QVariant> &signal) {
        return signal.first().value<ImportJobRecord>().total == 21;
    }));
    QCOMPARE(m_store->job(end.id)->done, 20);
}

void TestDiscogsImport::faultsEndInACompleteStoreOrAClearError_data()
{
    QTest::addColumn<int>("page"); // 0: a release of the details phase instead
    QTest::addColumn<int>("fault"); // Fault, or -1 for a token revoked there
    QTest::addColumn<int>("count");
    QTest::addColumn<bool>("completes");
    QTest::addColumn<QString>("message");
    QTest::newRow("500 twice on the first page") << 1 << int(Fault::Status500) << 2 << true << "";
    QTest::newRow("429 storm on a middle page") << 6 << int(Fault::Status429) << 5 << true << "";
    QTest::newRow("reset on the last page") << 12 << int(Fault::Reset) << 1 << true << "";
    QTest::newRow("truncated release") << 0 << int(Fault::Truncated) << 1 << true << "";
    QTest::newRow("hung page: the deadline ends the job")
        << 3 << int(Fault::Hang) << 1 << false << "no complete answer within 10 s";
    QTest::newRow("malformed middle page")
        << 7 << int(Fault::MalformedJson) << 1 << false << "Discogs";
    QTest::newRow("500 storm on a release")
        << 0 << int(Fault::Status500) << 5 << false << "HTTP 500";
    QTest::newRow("token revoked mid-collection") << 5 << -1 << 1 << false << "reconnect";
}

void TestDiscogsImport::faultsEndInACompleteStoreOrAClearError()
{
    QFETCH(int, page);
    QFETCH(int, fault);
    QFETCH(int, count);
    QFETCH(bool, completes);
    QFETCH(QString, message);
    const qint64 release = FakeDiscogs::releaseId(640);
    const auto matches = [page, release](const QHttpServerRequest &request) {
        return page > 0 ? isCollectionPage(request, page) : isRelease(request, release);
    };
    if (fault >= 0) {
        m_fake->server().failWhen(matches, Fault(fault), count, 0);
    } else {
        // The person revokes the token on discogs.com as that page is asked for: it and every
        // later request are refused.
        FakeDiscogs *fake = m_fake.get();
        m_fake->server().failWhen(
            [fake, matches](const QHttpServerRequest &request) {
                if (matches(request))
                    fake->setToken(QStringLiteral("revoked"));
                return false;
            },
            Fault::Status500);
    }

    const ImportJobRecord first = runToEnd(newRecord());
    QVERIFY2(first.state == (completes ? JobState::Completed : JobState::Failed),
             qPrintable(ImportJobRecord::stateName(first.state) + u' ' + first.error));
    QVERIFY2(first.error.contains(message), qPrintable(first.error));
    // Every release of every page committed is there once, whatever happened.
    const int stored = discogsSources();
    QVERIFY(m_store->count({}) <= stored);
    if (completes) {
        QCOMPARE(stored, m_fake->albumCount());
        return;
    }
    if (page > 0)
        QCOMPARE(stored, (page - 1) * DiscogsClient::collectionPageSize);
    else
        QCOMPARE(stored, m_fake->albumCount());

    // Retry goes on from the cursor and ends with the whole collection, still without doubles.
    if (fault < 0)
        m_client->setToken(m_fake->token()); // reconnected with the new token
    const std::optional<ImportJobRecord> failed = m_store->job(first.id);
    QVERIFY(failed);
    const int requestsBefore = m_fake->server().requestCount();
    const ImportJobRecord retried = runToEnd(*failed);
    QCOMPARE(retried.state, JobState::Completed);
    QCOMPARE(discogsSources(), m_fake->albumCount());
    // Nothing already stored was fetched again: the collection pages before the failure are
    // not asked for twice.
    if (page > 0) {
        QCOMPARE(m_fake->server().requestCount() - requestsBefore,
                 12 - (page - 1) + m_fake->albumCount());
    }
}

void TestDiscogsImport::cancelStopsWithinASecond()
{
    m_fake->server().setLatency(std::chrono::milliseconds(400));
    DiscogsCollectionImport job(m_store.get(), m_pool.get(), m_client.get(), newRecord());
    QSignalSpy finished(&job, &ImportJob::finished);
    QSignalSpy progressed(&job, &ImportJob::progressed);
    job.start();
    QTRY_VERIFY_WITH_TIMEOUT(discogsSources() >= 200, 20000);
    QElapsedTimer clock;
    clock.start();
    job.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 1000);
    QVERIFY(clock.elapsed() < 1000);
    const ImportJobRecord end = finished.first().first().value<ImportJobRecord>();
    QCOMPARE(end.state, JobState::Cancelled);
    // Whole pages only.
    QCOMPARE(discogsSources() % DiscogsClient::collectionPageSize, 0);
    QCOMPARE(m_store->job(end.id)->state, JobState::Cancelled);
}

void TestDiscogsImport::answersParsedAfterCancelAndDeleteAreDropped()
{
    // The client parses on a pool of its own, held busy, so the details batch's answers wait to
    // be parsed while the job is cancelled and deleted, as its manager does after it ends.
    useCollection(20);
    // Slow enough answers that the parse pool is held before any release has answered.
    m_fake->server().setLatency(std::chrono::milliseconds(300));
    QThreadPool parsePool;
    parsePool.setMaxThreadCount(1);
    DiscogsClient client(m_network.get(), &parsePool, m_fake->baseUrl());
    client.setToken(m_fake->token());
    auto job = std::make_unique<DiscogsCollectionImport>(m_store.get(), m_pool.get(), &client,
                                                         newRecord());
    QSignalSpy finished(job.get(), &ImportJob::finished);
    const auto releasesRequested = [this] {
        const QList<QByteArray> paths = m_fake->server().requestPaths();
        return std::count_if(paths.cbegin(), paths.cend(),
                             [](const QByteArray &path) { return path.startsWith("/releases/"); });
    };
    job->start();
    // The collection page is stored: the release requests go out next.
    QTRY_VERIFY_WITH_TIMEOUT(discogsSources() == 20, 20000);
    QSemaphore hold;
    parsePool.start([&hold] { hold.acquire(); });
    // The whole batch has answered: the parses of its last answers wait behind the held thread.
    QTRY_VERIFY_WITH_TIMEOUT(releasesRequested() >= DiscogsCollectionImport::detailsBatch
                                 && client.gate()->inFlight() == 0
                                 && client.gate()->queueLength() == 0,
                             20000);
    QVERIFY(!client.findChildren<GateReply *>().isEmpty());
    job->cancel();
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().value<ImportJobRecord>().state, JobState::Cancelled);
    job.reset();

    hold.release();
    // Every answer is delivered (the client deletes a reply once its done ran) to a job that is
    // gone; under ASan a callback that touched it would abort here.
    QTRY_VERIFY(client.findChildren<GateReply *>().isEmpty());
    QCOMPARE(finished.size(), 1);
    QCOMPARE(discogsSources(), 20);
}

void TestDiscogsImport::killedCliResumesToTheSameStore()
{
    const QString cli = qEnvironmentVariable("AIME_CLI");
    QVERIFY2(QFile::exists(cli), "AIME_CLI must name the built aime-cli");
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("AIME_DISCOGS_API_URL"), m_fake->baseUrl().toString());
    environment.insert(QStringLiteral("AIME_DISCOGS_TOKEN"), m_fake->token());
    const auto runCli = [&](const QString &dataDir, const QStringList &arguments) {
        auto *process = new QProcess(this);
        process->setProcessEnvironment(environment);
        process->start(cli, QStringList {QStringLiteral("--data-dir"), dataDir} + arguments);
        return process;
    };
    const auto waitFor = [](QProcess *process) {
        return QTest::qWaitFor([process] { return process->state() == QProcess::NotRunning; },
                               120000);
    };

    // The reference: one import, never interrupted.
    const QString reference = m_dir->filePath(QStringLiteral("reference"));
    QProcess *whole
        = runCli(reference,
                 {QStringLiteral("import"), QStringLiteral("--source"), QStringLiteral("discogs"),
                  QStringLiteral("--user"), m_fake->username()});
    QVERIFY(waitFor(whole));
    QVERIFY2(whole->exitCode() == 0, whole->readAllStandardError().constData());

    // The same import killed three times at random moments, each time resumed.
    const QString killed = m_dir->filePath(QStringLiteral("killed"));
    QProcess *first
        = runCli(killed,
                 {QStringLiteral("import"), QStringLiteral("--source"), QStringLiteral("discogs"),
                  QStringLiteral("--user"), m_fake->username()});
    QProcess *current = first;
    for (int kill = 0; kill < 3; ++kill) {
        QVERIFY(current->waitForStarted());
        const int requestsAtStart = m_fake->server().requestCount();
        // Somewhere in the first 100 requests of this run: both phases get hit over the runs.
        const int after = QRandomGenerator::global()->bounded(5, 100);
        QTRY_VERIFY_WITH_TIMEOUT(m_fake->server().requestCount() >= requestsAtStart + after
                                     || current->state() == QProcess::NotRunning,
                                 60000);
        ::kill(pid_t(current->processId()), SIGKILL);
        QVERIFY(waitFor(current));
        current = runCli(killed, {QStringLiteral("resume")});
    }
    QVERIFY(waitFor(current));
    QVERIFY2(current->exitCode() == 0, current->readAllStandardError().constData());

    AlbumStore referenceStore(DataLocation::sqliteStore(reference));
    AlbumStore resumedStore(DataLocation::sqliteStore(killed));
    QVERIFY(referenceStore.open().ok());
    QVERIFY(resumedStore.open().ok());
    const QStringList expected = contents(referenceStore);
    QVERIFY(expected.size() >= m_fake->albumCount() * 99 / 100);
    QCOMPARE(contents(resumedStore), expected);
    const QList<ImportJobRecord> jobs = resumedStore.jobs();
    QCOMPARE(jobs.size(), 1);
    QCOMPARE(jobs.first().state, JobState::Completed);
}

void TestDiscogsImport::shutdownStopsThreeJobsWithinFiveSeconds()
{
    m_fake->server().setLatency(std::chrono::milliseconds(300));
    m_fake->server().setMaxInFlight(0);
    auto manager
        = std::make_unique<ImportManager>(m_store.get(), m_pool.get(), m_client.get(), nullptr);
    manager->load();
    QTRY_VERIFY(manager->isLoaded());
    // Discogs user names are case-insensitive: three jobs over the same collection.
    for (const QString &user :
         {QStringLiteral("collector"), QStringLiteral("Collector"), QStringLiteral("COLLECTOR")})
        manager->startImport(QStringLiteral("discogs"), {{QStringLiteral("user"), user}});
    QTRY_COMPARE(manager->runningCount(), 3);
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(manager->jobs().cbegin(), manager->jobs().cend(),
                                         [](const ImportJobRecord &r) { return r.done > 0; }),
                             20000);

    bool done = false;
    QElapsedTimer clock;
    clock.start();
    manager->shutdown([&done] { done = true; });
    QTRY_VERIFY_WITH_TIMEOUT(done, 6000);
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(manager->runningCount(), 0);
    manager.reset();
    const QList<ImportJobRecord> stopped = m_store->jobs();
    QCOMPARE(stopped.size(), 3);
    for (const ImportJobRecord &record : stopped)
        QCOMPARE(record.state, JobState::Interrupted);

    // The next start resumes them; the collection ends up stored once.
    m_fake->server().setLatency(std::chrono::milliseconds(0));
    ImportManager next(m_store.get(), m_pool.get(), m_client.get(), nullptr);
    next.load();
    QTRY_VERIFY(next.isLoaded());
    next.resumeInterrupted();
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(next.jobs().cbegin(), next.jobs().cend(),
                    [](const ImportJobRecord &r) { return r.state == JobState::Completed; }),
        120000);
    QCOMPARE(discogsSources(), m_fake->albumCount());
}

void TestDiscogsImport::rateLimitWaitIsShownWhileItLasts()
{
    m_fake->server().failWhen(
        [](const QHttpServerRequest &request) { return isCollectionPage(request, 2); },
        Fault::Status429, 1, 3);
    ImportManager manager(m_store.get(), m_pool.get(), m_client.get(), nullptr);
    manager.load();
    QTRY_VERIFY(manager.isLoaded());
    manager.startImport(QStringLiteral("discogs"), {{QStringLiteral("user"), m_fake->username()}});
    QTRY_COMPARE(manager.runningCount(), 1);
    const qint64 id = manager.jobs().first().id;
    QTRY_VERIFY_WITH_TIMEOUT(manager.waiting(id).startsWith(QStringLiteral("rate limit, ")), 10000);
    QVERIFY2(manager.waiting(id).endsWith(QStringLiteral(" s")), qPrintable(manager.waiting(id)));
    // Once the wait is over the job goes on, and the panel no longer says it waits.
    QTRY_VERIFY_WITH_TIMEOUT(manager.waiting(id).isEmpty(), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(manager.record(id)->state, JobState::Completed, 120000);
}

QTEST_GUILESS_MAIN(TestDiscogsImport)
#include "tst_discogsimport.moc"
