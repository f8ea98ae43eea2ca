#include "core/datalocation.h"
#include "core/workerpool.h"
#include "fakespotify.h"
#include "import/spotifysavedalbumsimport.h"
#include "providers/spotifyclient.h"
#include "providers/spotifylogin.h"
#include "providers/spotifyparser.h"
#include "store/albumstore.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace aime;
using fakes::FakeSpotify;
using fakes::Fault;

// Import > Spotify saved albums through the fake Spotify (development mode) into a temporary
// store: every saved album, with its whole tracklist, whatever the faults.
class TestSpotifyImport : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void wholeLibraryArrivesWithEveryTrack_data();
    void wholeLibraryArrivesWithEveryTrack();
    void withoutAConnectedUserTheJobSaysWhatToDo();

private:
    bool logIn();
    ImportJobRecord runToEnd();
    int spotifySources();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeSpotify> m_fake;
    std::unique_ptr<AlbumStore> m_store;
    std::unique_ptr<WorkerPool> m_pool;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<SpotifyClient> m_client;
};

void TestSpotifyImport::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    fakes::FakeSpotifyOptions options;
    options.albumCount = 2000;
    m_fake = std::make_unique<FakeSpotify>(options);
    m_fake->server().setMaxInFlight(1);
    QVERIFY(m_fake->listen());
    m_store = std::make_unique<AlbumStore>(DataLocation::sqliteStore(m_dir->path()));
    QVERIFY(m_store->open().ok());
    m_pool = std::make_unique<WorkerPool>();
    m_network = std::make_unique<QNetworkAccessManager>();
    m_client = std::make_unique<SpotifyClient>(m_network.get(), m_pool.get(), m_fake->apiUrl(),
                                               m_fake->accountsUrl());
    m_client->setClientId(m_fake->clientId());
}

void TestSpotifyImport::cleanup()
{
    m_client.reset();
    m_network.reset();
    m_pool.reset();
    m_store.reset();
    m_fake.reset();
    m_dir.reset();
}

bool TestSpotifyImport::logIn()
{
    SpotifyLogin login(m_client.get());
    QSignalSpy succeeded(&login, &SpotifyLogin::succeeded);
    if (!login.start())
        return false;
    QNetworkRequest request(login.authorizeUrl());
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *authorize = m_network->get(request);
    if (!QTest::qWaitFor([&] { return authorize->isFinished(); }, 10000))
        return false;
    QNetworkReply *callback = m_network->get(
        QNetworkRequest(authorize->header(QNetworkRequest::LocationHeader).toUrl()));
    const bool ok
        = QTest::qWaitFor([&] { return callback->isFinished() && succeeded.count() == 1; }, 10000);
    authorize->deleteLater();
    callback->deleteLater();
    return ok;
}

ImportJobRecord TestSpotifyImport::runToEnd()
{
    const std::optional<ImportJobRecord> record = m_store->createJob(QStringLiteral("spotify"), {});
    if (!record)
        return {};
    SpotifySavedAlbumsImport job(m_store.get(), m_pool.get(), m_client.get(), *record);
    QSignalSpy finished(&job, &ImportJob::finished);
    job.start();
    if (!finished.wait(300000) && finished.isEmpty())
        return {};
    return finished.first().first().value<ImportJobRecord>();
}

int TestSpotifyImport::spotifySources()
{
    int sources = 0;
    m_store->forEachAlbum([&sources](const Album &album) {
        for (const SourceRef &source : album.sources)
            sources += source.provider == QLatin1String("spotify") ? 1 : 0;
        return true;
    });
    return sources;
}

void TestSpotifyImport::wholeLibraryArrivesWithEveryTrack_data()
{
    QTest::addColumn<int>("fault"); // -1: none
    QTest::addColumn<int>("count");
    QTest::newRow("no faults") << -1 << 0;
    QTest::newRow("500 twice on a library page") << int(Fault::Status500) << 2;
    QTest::newRow("429 with Retry-After on a library page") << int(Fault::Status429) << 3;
}

void TestSpotifyImport::wholeLibraryArrivesWithEveryTrack()
{
    QFETCH(int, fault);
    QFETCH(int, count);
    QVERIFY(logIn());
    if (fault >= 0) {
        m_fake->server().failWhen(
            [](const QHttpServerRequest &request) {
                return request.url().path() == QLatin1String("/v1/me/albums")
                    && request.url().query().contains(QLatin1String("offset=700"));
            },
            Fault(fault), count, 1);
    }
    const ImportJobRecord end = runToEnd();
    QVERIFY2(end.state == JobState::Completed, qPrintable(end.error));
    QCOMPARE(end.total, 2000);
    QCOMPARE(end.done, 2000);
    QCOMPARE(spotifySources(), 2000);
    QVERIFY(m_fake->server().maxInFlightSeen() <= 1);
    QCOMPARE(m_fake->server().limitedCount(), 0);

    // Every album has its whole tracklist, those longer than one page of 50 too.
    int checked = 0;
    int longOnes = 0;
    m_store->forEachAlbum([&](const Album &album) {
        const QString id = album.sources.first().externalId;
        const ParseResult<Album> expected = SpotifyParser::album(m_fake->albumBody(id));
        if (!expected.ok() || expected.value->trackCount != album.tracks.size())
            return false;
        longOnes += album.tracks.size() > 50 ? 1 : 0;
        ++checked;
        return true;
    });
    QCOMPARE(checked, m_store->count({}));
    QVERIFY(longOnes > 50);
}

void TestSpotifyImport::withoutAConnectedUserTheJobSaysWhatToDo()
{
    const ImportJobRecord end = runToEnd();
    QCOMPARE(end.state, JobState::Failed);
    QVERIFY2(end.error.contains(QStringLiteral("Preferences > Accounts")), qPrintable(end.error));
    QCOMPARE(m_fake->server().requestCount(), 0);
}

QTEST_GUILESS_MAIN(TestSpotifyImport)
#include "tst_spotifyimport.moc"
