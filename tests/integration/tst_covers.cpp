#include "albumgriddelegate.h"
#include "albumgridview.h"
#include "albumlistmodel.h"
#include "core/datalocation.h"
#include "core/workerpool.h"
#include "coverimagecache.h"
#include "covers/coverdiskcache.h"
#include "covers/coverfetcher.h"
#include "covers/fetchcoversjob.h"
#include "covers/imageclient.h"
#include "fakecoverart.h"
#include "fakediscogs.h"
#include "fakeimage.h"
#include "fakemusicbrainz.h"
#include "fakespotify.h"
#include "import/importmanager.h"
#include "providers/discogsclient.h"
#include "providers/discogsparser.h"
#include "providers/providergate.h"
#include "providers/spotifyparser.h"
#include "store/albumstore.h"
#include "testdata.h"

#include <QApplication>
#include <QColor>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QHttpServerRequest>
#include <QImage>
#include <QImageReader>
#include <QNetworkAccessManager>
#include <QPixmap>
#include <QScopeGuard>
#include <QScrollBar>
#include <QSemaphore>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <optional>

using namespace aime;
using namespace std::chrono_literals;
using fakes::FakeCoverArt;
using fakes::FakeDiscogs;
using fakes::FakeImage;
using fakes::FakeMusicBrainz;
using fakes::FakeSpotify;
using fakes::Fault;

namespace {

// How long a test waits for what takes a few seconds at most (Debug + ASan is slow).
constexpr int waitMs = 20000;
// A solid colour survives JPEG encoding and scaling within a few levels per channel.
constexpr int colourTolerance = 12;
// The space between a grid cell's edge and its cover (AlbumGridDelegate's padding).
constexpr int coverPadding = 6;
// FakeCoverArt's default catalogue: the releases of FakeMusicBrainz albums 0..99.
constexpr int coverArtAlbums = 100;

// Where a cover may come from, for the data-driven rows.
enum ProviderImage { NoProviderImage, SpotifyImage, SpotifyImageMissing };
enum Release { NoRelease, ReleaseWithFront, ReleaseWithoutFront };
enum Outcome { Missing, SpotifyColour, ArchiveColour };

bool closeTo(const QColor &seen, const QColor &wanted, int tolerance = colourTolerance)
{
    return seen.isValid() && wanted.isValid() && qAbs(seen.red() - wanted.red()) <= tolerance
        && qAbs(seen.green() - wanted.green()) <= tolerance
        && qAbs(seen.blue() - wanted.blue()) <= tolerance;
}

QString nameOf(const QColor &colour)
{
    return colour.isValid() ? colour.name() : QStringLiteral("(no colour)");
}

// The colour at the centre of an image file; invalid when it does not decode.
QColor centreOfFile(const QString &path)
{
    const QImage image(path);
    return image.isNull() ? QColor() : image.pixelColor(image.width() / 2, image.height() / 2);
}

QColor centreOf(const QPixmap &pixmap)
{
    const QImage image = pixmap.toImage();
    return image.isNull() ? QColor() : image.pixelColor(image.width() / 2, image.height() / 2);
}

// The first emission of a coverReady/coverMissing spy for the album, or -1.
int indexOfAlbum(const QSignalSpy &spy, qint64 albumId)
{
    for (int i = 0; i < int(spy.size()); ++i) {
        if (spy.at(i).value(0).toLongLong() == albumId)
            return i;
    }
    return -1;
}

QList<qint64> albumsIn(const QSignalSpy &spy)
{
    QList<qint64> albums;
    for (const QList<QVariant> &emission : spy)
        albums.append(emission.value(0).toLongLong());
    return albums;
}

QString describeAlbums(const QList<qint64> &albums)
{
    QStringList ids;
    for (const qint64 id : albums)
        ids.append(QString::number(id));
    return ids.join(QStringLiteral(", "));
}

// Release MBIDs of the Cover Art Archive's catalogue that have a front cover, first ones first.
QStringList frontReleases(int count)
{
    QStringList releases;
    for (int index = 0; index < coverArtAlbums && releases.size() < count; ++index) {
        if (FakeMusicBrainz::hasFrontCover(index, 0))
            releases.append(FakeMusicBrainz::releaseId(index, 0));
    }
    return releases;
}

// A release the archive knows but has no art for (404).
QString releaseWithoutFront()
{
    for (int index = 0; index < coverArtAlbums; ++index) {
        if (!FakeMusicBrainz::hasFrontCover(index, 0))
            return FakeMusicBrainz::releaseId(index, 0);
    }
    return {};
}

CoverRequest coverRequest(qint64 albumId, const QUrl &providerImage,
                          const QString &release = QString())
{
    CoverRequest request;
    request.albumId = albumId;
    request.providerImage = providerImage;
    request.musicBrainzRelease = release;
    return request;
}

bool isImageRequest(const QHttpServerRequest &request)
{
    return request.url().path().startsWith(QLatin1String("/images/"));
}

int imageRequests(const fakes::FakeServer &server)
{
    const QList<QByteArray> paths = server.requestPaths();
    return int(std::count_if(paths.cbegin(), paths.cend(),
                             [](const QByteArray &path) { return path.startsWith("/images/"); }));
}

// The grid on screen over model, painting covers from covers.
bool showGrid(AlbumGridView &view, AlbumListModel *model, CoverImageCache *covers, QSize size)
{
    view.setModel(model);
    view.setCoverCache(covers);
    view.resize(size);
    view.show();
    return QTest::qWaitForWindowExposed(&view);
}

} // namespace

// Covers (issue 7) against the fake Spotify image host, the fake Discogs (images only with the
// token) and the fake Cover Art Archive (307 -> 302 -> JPEG): which address is tried first, the
// token going to Discogs only, the disk cache surviving a restart and staying under its limit,
// abandoned and newest-first requests, a broken file fetched again once, and the grid painting
// the placeholder until the cover is decoded.
class TestCovers : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void urlsChosenInOrder_data();
    void urlsChosenInOrder();
    void discogsImagesCarryTheToken_data();
    void discogsImagesCarryTheToken();
    void cacheHitMakesNoRequest_data();
    void cacheHitMakesNoRequest();
    void evictionAtTheLimit();
    void cancelledWhenScrolledAway();
    void newestRequestFirst();
    void corruptFileFetchedAgainOnce_data();
    void corruptFileFetchedAgainOnce();
    void delegatePaintsPlaceholderThenCover();
    void gridSizeThumbnailIsKeptAndUsed();
    void coverDecodedAtTheScreensPixels();
    void coversArriveAfterAJump_data();
    void coversArriveAfterAJump();
    void jobEndsWhenTheGridStopsWantingItsAlbum();
    void setWantedWhileACachedCoverIsServed();
    void shownCoverOutlivesNewerDownloads();
    void coverEvictedTwiceIsFetchedAgain();
    void jobLeavesNoDanglingCoverFiles();

private:
    std::unique_ptr<CoverFetcher> makeFetcher(CoverDiskCache *disk, DiscogsClient *discogs) const;
    // The cover address the app reads from the fake's album (its widest image).
    QUrl spotifyCover(int index) const;
    QUrl archiveFront(const QString &release) const;
    QString storedCoverFile(qint64 albumId);
    // Runs Fetch missing covers through an ImportManager to its end; the record it ended with.
    std::optional<ImportJobRecord> runCoverJob();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AlbumStore> m_store;
    std::unique_ptr<WorkerPool> m_pool;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<FakeSpotify> m_spotifyFake;
    std::unique_ptr<FakeDiscogs> m_discogsFake;
    std::unique_ptr<FakeCoverArt> m_coverArtFake;
    std::unique_ptr<CoverDiskCache> m_disk;
    std::unique_ptr<ImageClient> m_images;
    std::unique_ptr<ImageClient> m_coverArt;
    std::unique_ptr<DiscogsClient> m_discogs;
    std::unique_ptr<CoverFetcher> m_fetcher;
};

void TestCovers::initTestCase()
{
    // Every fake image is a JPEG: without the encoder nothing below means anything.
    QVERIFY2(!FakeImage::jpeg(QColor(10, 20, 30), 64).isEmpty(), "no JPEG image plugin");
}

void TestCovers::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<AlbumStore>(DataLocation::sqliteStore(m_dir->path()));
    QVERIFY(m_store->open().ok());
    m_pool = std::make_unique<WorkerPool>();
    m_network = std::make_unique<QNetworkAccessManager>();

    m_spotifyFake = std::make_unique<FakeSpotify>();
    m_discogsFake = std::make_unique<FakeDiscogs>();
    m_coverArtFake
        = std::make_unique<FakeCoverArt>(fakes::FakeCoverArtOptions {.albumCount = coverArtAlbums});
    QVERIFY(m_spotifyFake->listen());
    QVERIFY(m_discogsFake->listen());
    QVERIFY(m_coverArtFake->listen());

    m_disk = std::make_unique<CoverDiskCache>(m_dir->filePath(QStringLiteral("covers")));
    // As the application wires it: albums forget the files the cache removes.
    m_disk->setStore(m_store.get(), m_pool.get());
    QString error;
    QVERIFY2(m_disk->load(&error), qPrintable(error));
    m_images = std::make_unique<ImageClient>(QStringLiteral("Cover images"), m_network.get(),
                                             m_pool.get(), ImageClient::defaultLimits());
    m_coverArt
        = std::make_unique<ImageClient>(QStringLiteral("The Cover Art Archive"), m_network.get(),
                                        m_pool.get(), ImageClient::defaultLimits());
    m_discogs
        = std::make_unique<DiscogsClient>(m_network.get(), m_pool.get(), m_discogsFake->baseUrl());
    m_discogs->setToken(m_discogsFake->token());
    m_fetcher = makeFetcher(m_disk.get(), m_discogs.get());
}

void TestCovers::cleanup()
{
    // Hung requests are answered (503) before anything is torn down: an aborted request whose
    // connection still waits leaves Qt's reply behind at exit.
    for (fakes::FakeServer *server :
         {&m_spotifyFake->server(), &m_coverArtFake->server(), &m_discogsFake->server()})
        server->close();
    QTRY_VERIFY(m_images->gate()->inFlight() == 0 && m_coverArt->gate()->inFlight() == 0
                && (!m_discogs || m_discogs->gate()->inFlight() == 0));
    m_fetcher.reset();
    // Requests the fetcher cancelled finish from the event loop, and the network replies they
    // leave are deleted from it too: both happen before the clients and the network go.
    QTRY_VERIFY(m_images->gate()->inFlight() == 0 && m_coverArt->gate()->inFlight() == 0
                && (!m_discogs || m_discogs->gate()->inFlight() == 0));
    for (int round = 0; round < 3; ++round) {
        QCoreApplication::processEvents();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
    m_discogs.reset();
    m_coverArt.reset();
    m_images.reset();
    m_network.reset();
    // Waits for the pool's work (stores into the disk cache, the store's cover files) first.
    m_pool.reset();
    m_disk.reset();
    m_store.reset();
    m_coverArtFake.reset();
    m_discogsFake.reset();
    m_spotifyFake.reset();
    m_dir.reset();
}

std::unique_ptr<CoverFetcher> TestCovers::makeFetcher(CoverDiskCache *disk,
                                                      DiscogsClient *discogs) const
{
    return std::make_unique<CoverFetcher>(disk, m_pool.get(), m_images.get(), m_coverArt.get(),
                                          discogs, m_coverArtFake->baseUrl());
}

QUrl TestCovers::spotifyCover(int index) const
{
    const ParseResult<Album> album
        = SpotifyParser::album(m_spotifyFake->albumBody(FakeSpotify::albumId(index)));
    return album.ok() ? QUrl(album.value->coverUrl) : QUrl();
}

QUrl TestCovers::archiveFront(const QString &release) const
{
    return ImageClient::coverArtFront(m_coverArtFake->baseUrl(), release, 250);
}

QString TestCovers::storedCoverFile(qint64 albumId)
{
    const std::optional<Album> album = m_store->album(albumId);
    return album ? album->coverFile : QStringLiteral("(no such album)");
}

std::optional<ImportJobRecord> TestCovers::runCoverJob()
{
    ImportManager imports(m_store.get(), m_pool.get(), nullptr, nullptr);
    imports.setCoverFetcher(m_fetcher.get());
    QSignalSpy ended(&imports, &ImportManager::jobFinished);
    imports.startImport(QLatin1String(FetchCoversJob::source), {});
    if (!QTest::qWaitFor([&ended] { return !ended.isEmpty(); }, waitMs))
        return std::nullopt;
    return ended.first().first().value<ImportJobRecord>();
}

void TestCovers::urlsChosenInOrder_data()
{
    QTest::addColumn<int>("providerImage");
    QTest::addColumn<int>("release");
    QTest::addColumn<int>("outcome");
    QTest::addColumn<int>("spotifyRequests");
    QTest::addColumn<int>("archiveRequests"); // the archive, then its two redirects
    QTest::addColumn<int>("archiveImages");

    QTest::newRow("provider image first")
        << int(SpotifyImage) << int(ReleaseWithFront) << int(SpotifyColour) << 1 << 0 << 0;
    QTest::newRow("archive without a provider image")
        << int(NoProviderImage) << int(ReleaseWithFront) << int(ArchiveColour) << 0 << 3 << 1;
    QTest::newRow("archive when the provider image is 404")
        << int(SpotifyImageMissing) << int(ReleaseWithFront) << int(ArchiveColour) << 1 << 3 << 1;
    QTest::newRow("neither") << int(NoProviderImage) << int(NoRelease) << int(Missing) << 0 << 0
                             << 0;
    QTest::newRow("archive has no front cover")
        << int(NoProviderImage) << int(ReleaseWithoutFront) << int(Missing) << 0 << 1 << 0;
}

void TestCovers::urlsChosenInOrder()
{
    QFETCH(int, providerImage);
    QFETCH(int, release);
    QFETCH(int, outcome);
    QFETCH(int, spotifyRequests);
    QFETCH(int, archiveRequests);
    QFETCH(int, archiveImages);

    constexpr qint64 albumId = 7;
    constexpr int spotifyIndex = 5;
    QUrl image;
    if (providerImage == SpotifyImage) {
        image = spotifyCover(spotifyIndex);
        QVERIFY(image.isValid());
        QCOMPARE(image.host(), m_spotifyFake->accountsUrl().host());
        QCOMPARE(image.port(), m_spotifyFake->accountsUrl().port());
    } else if (providerImage == SpotifyImageMissing) {
        // Not an id of the catalogue: the image host answers 404.
        image = QUrl(m_spotifyFake->accountsUrl().toString()
                     + QStringLiteral("/images/not_an_album-640.jpg"));
    }
    QString mbid;
    if (release == ReleaseWithFront)
        mbid = frontReleases(1).value(0);
    else if (release == ReleaseWithoutFront)
        mbid = releaseWithoutFront();
    QVERIFY(release == NoRelease || !mbid.isEmpty());

    QSignalSpy ready(m_fetcher.get(), &CoverFetcher::coverReady);
    QSignalSpy missing(m_fetcher.get(), &CoverFetcher::coverMissing);
    m_fetcher->request(coverRequest(albumId, image, mbid));
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty() || !missing.isEmpty(), waitMs);

    if (outcome == Missing) {
        QVERIFY2(ready.isEmpty(), qPrintable(ready.value(0).value(1).toString()));
        QCOMPARE(int(missing.size()), 1);
        QCOMPARE(missing.first().at(0).toLongLong(), albumId);
        QVERIFY(!missing.first().at(1).toString().isEmpty());
        QCOMPARE(m_disk->count(), 0);
    } else {
        QVERIFY2(missing.isEmpty(), qPrintable(missing.value(0).value(1).toString()));
        QCOMPARE(int(ready.size()), 1);
        QCOMPARE(ready.first().at(0).toLongLong(), albumId);
        const QString path = ready.first().at(1).toString();
        QVERIFY2(QFileInfo::exists(path), qPrintable(path));
        QCOMPARE(QFileInfo(path).absolutePath(), QFileInfo(m_disk->folder()).absoluteFilePath());
        // The file is the image of the source expected, kept under that source's address.
        const bool fromSpotify = outcome == SpotifyColour;
        const QColor wanted = fromSpotify ? FakeImage::colourOf(FakeSpotify::albumId(spotifyIndex))
                                          : FakeCoverArt::colourOf(mbid, false);
        const QColor seen = centreOfFile(path);
        QVERIFY2(closeTo(seen, wanted),
                 qPrintable(QStringLiteral("%1 instead of %2").arg(nameOf(seen), nameOf(wanted))));
        const QUrl source = fromSpotify ? image : archiveFront(mbid);
        QCOMPARE(m_disk->lookup(source.toString()), path);
        QCOMPARE(m_disk->count(), 1);
    }

    QCOMPARE(imageRequests(m_spotifyFake->server()), spotifyRequests);
    QCOMPARE(m_spotifyFake->server().requestCount(), spotifyRequests);
    QCOMPARE(m_coverArtFake->server().requestCount(), archiveRequests);
    QCOMPARE(m_coverArtFake->imagesServed(), archiveImages);
    if (archiveRequests > 0) {
        QCOMPARE(m_coverArtFake->server().requestPaths().first(),
                 QByteArray("/release/" + mbid.toLatin1() + "/front-250"));
    }
    // The Discogs token goes to Discogs only.
    QCOMPARE(m_discogsFake->server().requestCount(), 0);
    QVERIFY(m_spotifyFake->server().lastHeader("Authorization").isEmpty());
    QVERIFY(m_coverArtFake->server().lastHeader("Authorization").isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(m_fetcher->activeCount() == 0 && m_fetcher->waitingCount() == 0,
                             waitMs);
}

void TestCovers::discogsImagesCarryTheToken_data()
{
    QTest::addColumn<bool>("withToken");
    QTest::newRow("with the token") << true;
    QTest::newRow("without a token") << false;
}

void TestCovers::discogsImagesCarryTheToken()
{
    QFETCH(bool, withToken);

    const qint64 releaseId = FakeDiscogs::FirstReleaseId + 3;
    const ParseResult<Album> release
        = DiscogsParser::release(m_discogsFake->releaseBody(releaseId));
    QVERIFY2(release.ok(), qPrintable(release.error));
    const QUrl cover(release.value->coverUrl);
    QVERIFY2(cover.path().startsWith(QLatin1String("/images/")), qPrintable(cover.toString()));
    QCOMPARE(cover.port(), m_discogsFake->baseUrl().port());

    DiscogsClient anonymous(m_network.get(), m_pool.get(), m_discogsFake->baseUrl());
    DiscogsClient *discogs = withToken ? m_discogs.get() : &anonymous;
    QCOMPARE(discogs->hasToken(), withToken);
    QVERIFY(discogs->mayFetchImage(cover));
    const std::unique_ptr<CoverFetcher> fetcher = makeFetcher(m_disk.get(), discogs);

    constexpr qint64 albumId = 21;
    QSignalSpy ready(fetcher.get(), &CoverFetcher::coverReady);
    QSignalSpy missing(fetcher.get(), &CoverFetcher::coverMissing);
    fetcher->request(coverRequest(albumId, cover));
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty() || !missing.isEmpty(), waitMs);

    QCOMPARE(m_discogsFake->server().requestCount(), 1);
    QCOMPARE(m_discogsFake->server().requestPaths().first(), cover.path().toUtf8());
    const QByteArray authorization = m_discogsFake->server().lastHeader("Authorization");
    if (withToken) {
        QVERIFY2(missing.isEmpty(), qPrintable(missing.value(0).value(1).toString()));
        QCOMPARE(int(ready.size()), 1);
        QCOMPARE(ready.first().at(0).toLongLong(), albumId);
        QVERIFY2(authorization.contains(m_discogsFake->token().toUtf8()),
                 authorization.constData());
        QCOMPARE(authorization, QByteArray("Discogs token=" + m_discogsFake->token().toUtf8()));
        const QString path = ready.first().at(1).toString();
        const QColor wanted = FakeImage::colourOf(QString::number(releaseId));
        const QColor seen = centreOfFile(path);
        QVERIFY2(closeTo(seen, wanted),
                 qPrintable(QStringLiteral("%1 instead of %2").arg(nameOf(seen), nameOf(wanted))));
        QCOMPARE(m_disk->count(), 1);
        QCOMPARE(m_disk->lookup(cover.toString()), path);
    } else {
        // 401: the placeholder stays and nothing is kept.
        QVERIFY2(ready.isEmpty(), qPrintable(ready.value(0).value(1).toString()));
        QCOMPARE(int(missing.size()), 1);
        QCOMPARE(missing.first().at(0).toLongLong(), albumId);
        QVERIFY(!missing.first().at(1).toString().isEmpty());
        QVERIFY2(authorization.isEmpty(), authorization.constData());
        QCOMPARE(m_disk->count(), 0);
        QCOMPARE(m_disk->size(), qint64(0));
        QVERIFY(m_disk->lookup(cover.toString()).isEmpty());
        QVERIFY(QDir(m_disk->folder()).entryList(QDir::Files | QDir::NoDotAndDotDot).isEmpty());
    }
    // Discogs' images go through Discogs' gate, never the image hosts' (no token there).
    QCOMPARE(m_images->gate()->maxInFlightSeen(), 0);
    QCOMPARE(m_spotifyFake->server().requestCount(), 0);
    QCOMPARE(m_coverArtFake->server().requestCount(), 0);
}

void TestCovers::cacheHitMakesNoRequest_data()
{
    QTest::addColumn<bool>("fromArchive");
    QTest::newRow("provider image") << false;
    QTest::newRow("cover art archive") << true;
}

void TestCovers::cacheHitMakesNoRequest()
{
    QFETCH(bool, fromArchive);

    const QString mbid = frontReleases(1).value(0);
    QVERIFY(!mbid.isEmpty());
    const CoverRequest request
        = fromArchive ? coverRequest(31, QUrl(), mbid) : coverRequest(31, spotifyCover(2), mbid);
    QVERIFY(fromArchive || request.providerImage.isValid());

    QString first;
    {
        QSignalSpy ready(m_fetcher.get(), &CoverFetcher::coverReady);
        QSignalSpy missing(m_fetcher.get(), &CoverFetcher::coverMissing);
        m_fetcher->request(request);
        QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty() || !missing.isEmpty(), waitMs);
        QVERIFY2(missing.isEmpty(), qPrintable(missing.value(0).value(1).toString()));
        first = ready.first().at(1).toString();
    }
    QVERIFY(QFileInfo::exists(first));
    const int spotifyBefore = m_spotifyFake->server().requestCount();
    const int archiveBefore = m_coverArtFake->server().requestCount();
    QCOMPARE(spotifyBefore + archiveBefore, fromArchive ? 3 : 1);

    // The next start: a new index read from the same folder, a new fetcher.
    CoverDiskCache reopened(m_disk->folder());
    QString error;
    QVERIFY2(reopened.load(&error), qPrintable(error));
    QCOMPARE(reopened.count(), 1);
    QCOMPARE(reopened.size(), QFileInfo(first).size());
    const std::unique_ptr<CoverFetcher> fetcher = makeFetcher(&reopened, m_discogs.get());

    QSignalSpy ready(fetcher.get(), &CoverFetcher::coverReady);
    QSignalSpy missing(fetcher.get(), &CoverFetcher::coverMissing);
    fetcher->request(request);
    QTRY_COMPARE_WITH_TIMEOUT(int(ready.size()), 1, waitMs);
    QVERIFY(missing.isEmpty());
    QCOMPARE(ready.first().at(0).toLongLong(), request.albumId);
    QCOMPARE(ready.first().at(1).toString(), first);
    // Nothing was sent, and nothing is on its way.
    QCOMPARE(fetcher->activeCount(), 0);
    QCOMPARE(fetcher->waitingCount(), 0);
    QCOMPARE(m_images->gate()->queueLength() + m_images->gate()->inFlight(), 0);
    QCOMPARE(m_coverArt->gate()->queueLength() + m_coverArt->gate()->inFlight(), 0);
    QCOMPARE(m_spotifyFake->server().requestCount(), spotifyBefore);
    QCOMPARE(m_coverArtFake->server().requestCount(), archiveBefore);
    QCOMPARE(reopened.count(), 1);
}

void TestCovers::evictionAtTheLimit()
{
    constexpr int covers = 5;
    QList<QUrl> urls;
    QList<qint64> sizes;
    for (int i = 0; i < covers; ++i) {
        const int index = 10 + i;
        const QUrl url = spotifyCover(index);
        QVERIFY(url.isValid());
        urls.append(url);
        // What the image host serves for this album: a JPEG of its colour at 640 px.
        QVERIFY2(url.path().endsWith(QLatin1String("-640.jpg")), qPrintable(url.toString()));
        sizes.append(FakeImage::jpeg(FakeImage::colourOf(FakeSpotify::albumId(index)), 640).size());
    }
    const qint64 smallest = *std::min_element(sizes.cbegin(), sizes.cend());
    const qint64 largest = *std::max_element(sizes.cbegin(), sizes.cend());
    QVERIFY(smallest > 0);
    // Room for any two covers, never for three.
    const qint64 limit = 3 * smallest - 1;
    QVERIFY2(limit >= 2 * largest, "the covers differ too much in size for this test");
    m_disk->setLimit(limit);

    QStringList paths;
    for (int i = 0; i < covers; ++i) {
        QSignalSpy ready(m_fetcher.get(), &CoverFetcher::coverReady);
        QSignalSpy missing(m_fetcher.get(), &CoverFetcher::coverMissing);
        m_fetcher->request(coverRequest(40 + i, urls.at(i)));
        QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty() || !missing.isEmpty(), waitMs);
        QVERIFY2(missing.isEmpty(), qPrintable(missing.value(0).value(1).toString()));
        const QString path = ready.first().at(1).toString();
        QVERIFY(QFileInfo::exists(path));
        QCOMPARE(QFileInfo(path).size(), sizes.at(i));
        QVERIFY2(m_disk->size() <= limit, qPrintable(QString::number(m_disk->size())));
        paths.append(path);
    }

    QVERIFY2(m_disk->size() <= limit,
             qPrintable(QStringLiteral("%1 bytes kept, limit %2").arg(m_disk->size()).arg(limit)));
    QVERIFY(m_disk->count() < covers);
    QCOMPARE(m_disk->count(), 2);
    // The newest are kept, the least recently used are gone, from the index and the folder.
    for (int i = covers - 2; i < covers; ++i) {
        QVERIFY2(QFileInfo::exists(paths.at(i)), qPrintable(paths.at(i)));
        QCOMPARE(m_disk->lookup(urls.at(i).toString()), paths.at(i));
    }
    for (int i = 0; i < covers - 2; ++i) {
        QVERIFY2(!QFileInfo::exists(paths.at(i)), qPrintable(paths.at(i)));
        QVERIFY(m_disk->lookup(urls.at(i).toString()).isEmpty());
    }
    const QFileInfoList files
        = QDir(m_disk->folder()).entryInfoList(QDir::Files | QDir::NoDotAndDotDot);
    QCOMPARE(int(files.size()), m_disk->count());
    qint64 onDisk = 0;
    for (const QFileInfo &file : files)
        onDisk += file.size();
    QCOMPARE(onDisk, m_disk->size());
}

void TestCovers::cancelledWhenScrolledAway()
{
    m_coverArtFake->server().setLatency(800ms);
    const QStringList releases = frontReleases(7);
    QCOMPARE(int(releases.size()), 7);

    QSignalSpy ready(m_fetcher.get(), &CoverFetcher::coverReady);
    QSignalSpy missing(m_fetcher.get(), &CoverFetcher::coverMissing);
    for (int i = 0; i < 6; ++i)
        m_fetcher->request(coverRequest(100 + i, QUrl(), releases.at(i)));
    QCOMPARE(m_fetcher->activeCount(), 6);
    QCOMPARE(m_fetcher->waitingCount(), 0);

    // The archive's gate lets four go at once: once they are at the fake, four albums scroll
    // away, three of them on the wire and one still queued in the gate.
    QTRY_VERIFY_WITH_TIMEOUT(m_coverArtFake->server().requestCount() >= 4, waitMs);
    const QList<qint64> kept {100, 105};
    const QList<qint64> cancelled {101, 102, 103, 104};
    for (const qint64 albumId : cancelled)
        m_fetcher->cancel(albumId);
    QCOMPARE(m_fetcher->activeCount(), 2);

    for (const qint64 albumId : kept)
        QTRY_VERIFY_WITH_TIMEOUT(indexOfAlbum(ready, albumId) >= 0, waitMs);

    // A request sent after the kept ones are done comes back long after any answer to the
    // cancelled ones could have: when it is ready, they have had every chance to show up.
    m_fetcher->request(coverRequest(106, QUrl(), releases.at(6)));
    QTRY_VERIFY_WITH_TIMEOUT(indexOfAlbum(ready, 106) >= 0, waitMs);

    for (const qint64 albumId : cancelled) {
        QVERIFY2(indexOfAlbum(ready, albumId) < 0, qPrintable(QString::number(albumId)));
        // Abandoned is not "no cover": a missing cover would keep its placeholder for the run.
        QVERIFY2(indexOfAlbum(missing, albumId) < 0, qPrintable(QString::number(albumId)));
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.value(0).value(1).toString()));
    QCOMPARE(int(ready.size()), 3);
    QTRY_VERIFY_WITH_TIMEOUT(m_fetcher->activeCount() == 0 && m_fetcher->waitingCount() == 0,
                             waitMs);
    // The cancelled downloads stopped: no image file was sent for them, none was kept.
    QCOMPARE(m_coverArtFake->imagesServed(), 3);
    QCOMPARE(m_disk->count(), 3);
}

void TestCovers::newestRequestFirst()
{
    m_coverArtFake->server().setLatency(300ms);
    constexpr int limit = CoverFetcher::maxActive;
    // The first `limit` requests take every slot: their images (on the Spotify fake) never come.
    // Slots are then freed one at a time, so which waiting request gets each is unambiguous.
    m_spotifyFake->server().failWhen(isImageRequest, Fault::Hang, limit);
    QList<qint64> blockers;
    for (int i = 0; i < limit; ++i) {
        const QUrl image = spotifyCover(20 + i);
        QVERIFY(image.isValid());
        blockers.append(200 + i);
        m_fetcher->request(coverRequest(blockers.last(), image));
    }
    const QStringList releases = frontReleases(3);
    QCOMPARE(int(releases.size()), 3);
    const QList<qint64> late {300, 301, 302}; // requested in this order
    for (int i = 0; i < late.size(); ++i)
        m_fetcher->request(coverRequest(late.at(i), QUrl(), releases.at(i)));
    QCOMPARE(m_fetcher->activeCount(), limit);
    QCOMPARE(m_fetcher->waitingCount(), 3);
    for (const qint64 albumId : late)
        QVERIFY(m_fetcher->isWaiting(albumId));

    QSignalSpy ready(m_fetcher.get(), &CoverFetcher::coverReady);
    QSignalSpy missing(m_fetcher.get(), &CoverFetcher::coverMissing);
    // One slot is freed: the waiting requests go through it one at a time, newest first.
    m_fetcher->cancel(blockers.first());
    QCOMPARE(m_fetcher->activeCount(), limit);
    QVERIFY(!m_fetcher->isWaiting(late.last()));
    QVERIFY(m_fetcher->isWaiting(late.at(0)));
    QVERIFY(m_fetcher->isWaiting(late.at(1)));
    QTRY_COMPARE_WITH_TIMEOUT(int(ready.size()), 3, waitMs);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.value(0).value(1).toString()));
    const QList<qint64> order = albumsIn(ready);
    const QList<qint64> newestFirst {302, 301, 300};
    QVERIFY2(order == newestFirst, qPrintable(describeAlbums(order)));
    // The archive was asked for them newest first too.
    const QList<QByteArray> paths = m_coverArtFake->server().requestPaths();
    const auto firstAsked = [&paths](const QString &release) {
        const QByteArray front = "/release/" + release.toLatin1() + "/front-250";
        return int(std::find(paths.cbegin(), paths.cend(), front) - paths.cbegin());
    };
    QVERIFY(firstAsked(releases.at(2)) < firstAsked(releases.at(1)));
    QVERIFY(firstAsked(releases.at(1)) < firstAsked(releases.at(0)));
    QVERIFY(firstAsked(releases.at(0)) < int(paths.size()));
    QCOMPARE(m_fetcher->waitingCount(), 0);
    // The other blockers still hold their slots.
    QCOMPARE(m_fetcher->activeCount(), limit - 1);
}

void TestCovers::corruptFileFetchedAgainOnce_data()
{
    QTest::addColumn<bool>("serverSendsImage");
    QTest::newRow("fetched again") << true;
    QTest::newRow("the server sends no image") << false;
}

void TestCovers::corruptFileFetchedAgainOnce()
{
    QFETCH(bool, serverSendsImage);

    const QString spotifyId = FakeSpotify::albumId(6);
    const ParseResult<Album> parsed = SpotifyParser::album(m_spotifyFake->albumBody(spotifyId));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    const QString coverUrl = parsed.value->coverUrl;
    QVERIFY(!coverUrl.isEmpty());
    const UpsertResult stored = m_store->upsertPage({*parsed.value});
    QVERIFY2(stored.ok(), qPrintable(stored.error));
    const qint64 albumId = stored.albumIds.value(0);
    QVERIFY(albumId > 0);

    // A cover file in the disk cache that does not decode (a disk error, an interrupted copy),
    // found there at start and named by the store as the album's cover.
    const QString garbage
        = QDir(m_disk->folder()).filePath(CoverDiskCache::fileNameFor(QStringLiteral("garbage")));
    {
        QFile file(garbage);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.write("this is not a picture of anything\n") > 0);
    }
    QString error;
    QVERIFY2(m_disk->load(&error), qPrintable(error));
    QCOMPARE(m_disk->count(), 1);
    QVERIFY(m_store->setCoverFile(albumId, garbage));

    const SummaryPage page = m_store->summaries(AlbumQuery {}, PageCursor {}, 10);
    QVERIFY2(page.error.isEmpty(), qPrintable(page.error));
    const auto found
        = std::find_if(page.rows.cbegin(), page.rows.cend(),
                       [albumId](const AlbumSummary &row) { return row.id == albumId; });
    QVERIFY(found != page.rows.cend());
    const AlbumSummary summary = *found;
    QCOMPARE(summary.coverFile, garbage);
    QCOMPARE(summary.coverUrl, coverUrl);

    if (!serverSendsImage)
        m_spotifyFake->server().failWhen(isImageRequest, Fault::MalformedJson, 10);

    CoverImageCache covers(m_store.get(), m_pool.get(), m_disk.get(), m_fetcher.get());
    QSignalSpy ready(&covers, &CoverImageCache::coverReady);
    QVERIFY(covers.cover(summary, 256).isNull());

    if (serverSendsImage) {
        QTRY_VERIFY_WITH_TIMEOUT(indexOfAlbum(ready, albumId) >= 0, waitMs);
        const QPixmap pixmap = covers.cover(summary, 256);
        QVERIFY(!pixmap.isNull());
        QCOMPARE(pixmap.size(), QSize(256, 256));
        const QColor wanted = FakeImage::colourOf(spotifyId);
        QVERIFY2(
            closeTo(centreOf(pixmap), wanted),
            qPrintable(nameOf(centreOf(pixmap)) + QStringLiteral(" instead of ") + nameOf(wanted)));
        QVERIFY(!covers.isMissing(albumId));
        QVERIFY2(!QFileInfo::exists(garbage), "the broken file was kept");
        const QString fresh = m_disk->lookup(coverUrl);
        QVERIFY(!fresh.isEmpty());
        QVERIFY(fresh != garbage);
        QCOMPARE(m_disk->count(), 1);
        QCOMPARE(covers.fileOf(albumId), fresh);
        // The store learns where the good file is, so the next start goes straight to it.
        QTRY_COMPARE_WITH_TIMEOUT(storedCoverFile(albumId), fresh, waitMs);
    } else {
        QTRY_VERIFY_WITH_TIMEOUT(covers.isMissing(albumId), waitMs);
        QVERIFY(ready.isEmpty());
        QVERIFY2(!QFileInfo::exists(garbage), "the broken file was kept");
        QCOMPARE(m_disk->count(), 0);
        // Asked again: the placeholder stays and nothing is requested.
        QVERIFY(covers.cover(summary, 256).isNull());
        QCOMPARE(m_fetcher->activeCount(), 0);
        QCOMPARE(m_fetcher->waitingCount(), 0);
        QCOMPARE(m_images->gate()->queueLength() + m_images->gate()->inFlight(), 0);
        QVERIFY(covers.isMissing(albumId));
    }
    QCOMPARE(m_spotifyFake->server().requestCount(), 1);
    QCOMPARE(imageRequests(m_spotifyFake->server()), 1);
    QCOMPARE(m_spotifyFake->server().requestPaths().first(), QUrl(coverUrl).path().toUtf8());
}

void TestCovers::delegatePaintsPlaceholderThenCover()
{
    const UpsertResult stored = m_store->upsertPage(testing::generatedAlbums(3));
    QVERIFY2(stored.ok(), qPrintable(stored.error));
    QCOMPARE(int(stored.albumIds.size()), 3);
    // Dark colours: the placeholder's are lighter (value 110 and more) under white initials.
    const QList<QColor> colours {QColor(20, 30, 90), QColor(90, 20, 30), QColor(25, 85, 20)};
    QHash<qint64, QColor> colourOf;
    QList<std::pair<qint64, QString>> files;
    for (int i = 0; i < 3; ++i) {
        const QByteArray jpeg = FakeImage::jpeg(colours.at(i), 300);
        QVERIFY(!jpeg.isEmpty());
        const QString path = m_dir->filePath(QStringLiteral("grid-%1.jpg").arg(i));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(jpeg), qint64(jpeg.size()));
        file.close();
        const qint64 albumId = stored.albumIds.at(i);
        files.append({albumId, path});
        colourOf.insert(albumId, colours.at(i));
    }
    const QString filesError = m_store->setCoverFiles(files);
    QVERIFY2(filesError.isEmpty(), qPrintable(filesError));

    // Covers are decoded on a pool of one thread that stays shut until the first picture is
    // taken, so the first paint cannot be anything but the placeholder.
    QSemaphore decodeGate;
    bool opened = false;
    QThreadPool decodePool;
    decodePool.setMaxThreadCount(1);
    decodePool.start([&decodeGate] { decodeGate.tryAcquire(1, 60000); });
    const auto openOnExit = qScopeGuard([&] {
        if (!opened)
            decodeGate.release();
    });

    CoverImageCache covers(m_store.get(), &decodePool, m_disk.get(), m_fetcher.get());
    AlbumListModel model(m_store.get(), m_pool.get());
    model.setCoverCache(&covers);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.reload();
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 3, waitMs);
    const int resetsAfterReload = int(resets.size());
    for (int row = 0; row < 3; ++row) {
        QVERIFY(model.summaryAt(row));
        QVERIFY(colourOf.contains(model.summaryAt(row)->id));
        QVERIFY(!model.summaryAt(row)->coverFile.isEmpty());
    }

    AlbumGridView view;
    QVERIFY(showGrid(view, &model, &covers, QSize(720, 520)));
    QTRY_VERIFY_WITH_TIMEOUT(!view.visualRect(model.index(0)).isEmpty(), waitMs);

    const auto coverCentre = [&view, &model](int row) {
        const QRect cell = view.visualRect(model.index(row));
        const int half = view.coverSize() / 2;
        return cell.topLeft() + QPoint(coverPadding + half, coverPadding + half);
    };
    const auto shownAt = [&view](const QPoint &point) {
        const QPixmap shot = view.viewport()->grab();
        const QImage image = shot.toImage();
        const qreal ratio = shot.devicePixelRatio();
        const QPoint pixel(qRound(point.x() * ratio), qRound(point.y() * ratio));
        return image.valid(pixel) ? image.pixelColor(pixel) : QColor();
    };
    const auto expectedAt
        = [&model, &colourOf](int row) { return colourOf.value(model.summaryAt(row)->id); };

    for (int row = 0; row < 3; ++row) {
        const QPoint centre = coverCentre(row);
        QVERIFY2(view.viewport()->rect().contains(centre), qPrintable(QString::number(row)));
        const QColor shown = shownAt(centre);
        QVERIFY2(shown.isValid(), qPrintable(QString::number(row)));
        QVERIFY2(!closeTo(shown, expectedAt(row)),
                 qPrintable(QStringLiteral("row %1 shows its cover (%2) before it was decoded")
                                .arg(row)
                                .arg(nameOf(shown))));
    }
    QCOMPARE(covers.memoryUsed(), qint64(0));

    opened = true;
    decodeGate.release();
    QTRY_VERIFY2_WITH_TIMEOUT(closeTo(shownAt(coverCentre(0)), expectedAt(0)),
                              qPrintable(nameOf(shownAt(coverCentre(0))) + QStringLiteral(" not ")
                                         + nameOf(expectedAt(0))),
                              waitMs);
    for (int row = 1; row < 3; ++row) {
        QTRY_VERIFY2_WITH_TIMEOUT(
            closeTo(shownAt(coverCentre(row)), expectedAt(row)),
            qPrintable(QStringLiteral("row %1: %2 not %3")
                           .arg(row)
                           .arg(nameOf(shownAt(coverCentre(row))), nameOf(expectedAt(row)))),
            waitMs);
    }
    QVERIFY(covers.memoryUsed() > 0);

    // A cover repaints its row, never the whole model.
    QCOMPARE(int(resets.size()), resetsAfterReload);
    bool coverRoleChanged = false;
    QSet<int> rowsChanged;
    for (const QList<QVariant> &emission : std::as_const(changed)) {
        const QList<int> roles = emission.value(2).value<QList<int>>();
        if (!roles.contains(AlbumListModel::CoverRole))
            continue;
        coverRoleChanged = true;
        const QModelIndex from = emission.value(0).value<QModelIndex>();
        const QModelIndex to = emission.value(1).value<QModelIndex>();
        for (int row = from.row(); row <= to.row(); ++row)
            rowsChanged.insert(row);
    }
    QVERIFY(coverRoleChanged);
    QVERIFY2(rowsChanged.contains(0), "row 0 was not repainted for its cover");
    // Nothing was downloaded: the files were in place.
    QCOMPARE(m_spotifyFake->server().requestCount(), 0);
    QCOMPARE(m_coverArtFake->server().requestCount(), 0);
}

void TestCovers::gridSizeThumbnailIsKeptAndUsed()
{
    const UpsertResult stored = m_store->upsertPage(testing::generatedAlbums(1));
    QVERIFY2(stored.ok(), qPrintable(stored.error));
    const QByteArray jpeg = FakeImage::jpeg(QColor(200, 40, 40), 300);
    const QString path = m_disk->store(QStringLiteral("thumbnail-test"), jpeg);
    QVERIFY(!path.isEmpty());
    const qint64 albumId = stored.albumIds.first();
    QVERIFY(m_store->setCoverFile(albumId, path));
    const std::optional<Album> album = m_store->album(albumId);
    QVERIFY(album);
    AlbumSummary summary;
    summary.id = albumId;
    summary.title = album->title;
    summary.artist = album->artist;
    summary.coverFile = path;

    const int pixels = 128;
    const QString thumbnail = CoverDiskCache::thumbnailPath(path, pixels);
    QVERIFY(!QFileInfo::exists(thumbnail));
    {
        CoverImageCache covers(m_store.get(), m_pool.get(), m_disk.get(), m_fetcher.get());
        QTRY_VERIFY_WITH_TIMEOUT(!covers.cover(summary, pixels).isNull(), waitMs);
        QCOMPARE(covers.cover(summary, pixels).size(), QSize(pixels, pixels));
    }
    // Written beside the download at the grid's size.
    QVERIFY(QFileInfo::exists(thumbnail));
    QImageReader written(thumbnail);
    QCOMPARE(written.size(), QSize(pixels, pixels));

    // The next start decodes the thumbnail: shown even once the download itself is unreadable
    // (which only a thumbnail can explain), and no download is asked for.
    {
        QFile original(path);
        QVERIFY(original.open(QIODevice::WriteOnly | QIODevice::Truncate));
        original.write("no longer an image");
    }
    const int requestsBefore
        = m_spotifyFake->server().requestCount() + m_coverArtFake->server().requestCount();
    CoverImageCache covers(m_store.get(), m_pool.get(), m_disk.get(), m_fetcher.get());
    QTRY_VERIFY_WITH_TIMEOUT(!covers.cover(summary, pixels).isNull(), waitMs);
    QCOMPARE(covers.cover(summary, pixels).toImage().pixelColor(pixels / 2, pixels / 2).red() > 150,
             true);
    QCOMPARE(m_spotifyFake->server().requestCount() + m_coverArtFake->server().requestCount(),
             requestsBefore);

    // Evicting the download takes its thumbnails along.
    m_disk->setLimit(0);
    QVERIFY(!QFileInfo::exists(path));
    QVERIFY(!QFileInfo::exists(thumbnail));
}

// ctest runs this at QT_SCALE_FACTOR 1.5 and 2 as well (tst_covers_scale_*): the cover is
// decoded at the cell's size in device pixels, never scaled up from a smaller image, and the
// grid paints at device pixels.
void TestCovers::coverDecodedAtTheScreensPixels()
{
    const UpsertResult stored = m_store->upsertPage(testing::generatedAlbums(1));
    QVERIFY2(stored.ok(), qPrintable(stored.error));
    const QByteArray jpeg = FakeImage::jpeg(QColor(30, 60, 120), 600);
    const QString path = m_dir->filePath(QStringLiteral("large.jpg"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(jpeg), qint64(jpeg.size()));
    file.close();
    QVERIFY(m_store->setCoverFile(stored.albumIds.first(), path));

    CoverImageCache covers(m_store.get(), m_pool.get(), m_disk.get(), m_fetcher.get());
    AlbumListModel model(m_store.get(), m_pool.get());
    model.setCoverCache(&covers);
    model.reload();
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, waitMs);
    AlbumGridView view;
    QVERIFY(showGrid(view, &model, &covers, QSize(480, 360)));

    const qreal ratio = view.devicePixelRatioF();
    QVERIFY2(qFuzzyCompare(ratio, testing::scaleFactor()), qPrintable(QString::number(ratio)));
    const int devicePixels = int(std::ceil(view.coverSize() * ratio));
    const int pixels = AlbumGridDelegate::decodedSize(view.coverSize(), ratio);
    QVERIFY(pixels >= devicePixels);
    QTRY_VERIFY_WITH_TIMEOUT(
        model.summaryAt(0) && !covers.cover(*model.summaryAt(0), pixels).isNull(), waitMs);
    const QPixmap cover = covers.cover(*model.summaryAt(0), pixels);
    QVERIFY2(cover.width() >= devicePixels && cover.height() >= devicePixels,
             qPrintable(QStringLiteral("%1x%2 for %3 device pixels")
                            .arg(cover.width())
                            .arg(cover.height())
                            .arg(devicePixels)));

    const QPixmap shot = view.viewport()->grab();
    QVERIFY(qFuzzyCompare(shot.devicePixelRatio(), ratio));
    QCOMPARE(shot.width(), qRound(view.viewport()->width() * ratio));
}

void TestCovers::coversArriveAfterAJump_data()
{
    QTest::addColumn<int>("target"); // permille of the way down
    QTest::newRow("end") << 1000;
    QTest::newRow("middle") << 500;
}

void TestCovers::coversArriveAfterAJump()
{
    // Far more albums than the model holds at once: the rows jumped to are read after the jump.
    QFETCH(int, target);
    const int albumCount = 3000;
    QList<std::pair<qint64, QString>> files;
    const QString path
        = m_disk->store(QStringLiteral("jump-cover"), FakeImage::jpeg(QColor(30, 160, 60), 300));
    QVERIFY(!path.isEmpty());
    for (int first = 0; first < albumCount; first += 500) {
        const UpsertResult stored = m_store->upsertPage(testing::generatedAlbums(500, first));
        QVERIFY2(stored.ok(), qPrintable(stored.error));
        for (qint64 id : stored.albumIds)
            files.append({id, path});
    }
    QCOMPARE(files.size(), albumCount);
    const QString filesError = m_store->setCoverFiles(files);
    QVERIFY2(filesError.isEmpty(), qPrintable(filesError));

    CoverImageCache covers(m_store.get(), m_pool.get(), m_disk.get(), m_fetcher.get());
    AlbumListModel model(m_store.get(), m_pool.get());
    model.setPageSize(50);
    model.setResidentPageLimit(4);
    model.setCoverCache(&covers);
    AlbumGridView view;
    QVERIFY(showGrid(view, &model, &covers, QSize(720, 520)));
    model.reload();
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), albumCount, waitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!view.visualRect(model.index(albumCount - 1)).isEmpty(), waitMs);

    QScrollBar *bar = view.verticalScrollBar();
    bar->setValue(int(qint64(bar->maximum()) * target / 1000));
    const int pixels = AlbumGridDelegate::decodedSize(view.coverSize(), view.devicePixelRatioF());
    // Every album on screen is read and shows its cover, without any further scrolling.
    const auto screenDone = [&] {
        int shown = 0;
        const QRect area = view.viewport()->rect();
        for (int row = 0; row < albumCount; ++row) {
            if (!view.visualRect(model.index(row)).intersects(area))
                continue;
            const AlbumSummary *album = model.summaryAt(row);
            if (!album || covers.cover(*album, pixels).isNull())
                return false;
            ++shown;
        }
        return shown > 0;
    };
    QTRY_VERIFY_WITH_TIMEOUT(screenDone(), waitMs);
    QVERIFY(model.residentPageCount() <= 4);
}

// Issue 15 item 4: the job and the grid share the fetcher; the grid abandoning an album the job
// also asked for must not abandon the job's request (nor shrink it to the grid's size).
void TestCovers::jobEndsWhenTheGridStopsWantingItsAlbum()
{
    // Every slot is held by a download that never ends, so the job's request waits in the queue
    // where the grid's request joins it.
    m_spotifyFake->server().failWhen(isImageRequest, Fault::Hang, CoverFetcher::maxActive);
    QList<qint64> blockers;
    for (int i = 0; i < CoverFetcher::maxActive; ++i) {
        blockers.append(900 + i);
        m_fetcher->request(coverRequest(blockers.last(), spotifyCover(20 + i)));
    }
    QCOMPARE(m_fetcher->activeCount(), CoverFetcher::maxActive);

    // Album Y has only the archive for its cover.
    const QString mbid = frontReleases(1).value(0);
    QVERIFY(!mbid.isEmpty());
    Album album = testing::generatedAlbums(1).first();
    SourceRef release;
    release.provider = QStringLiteral("musicbrainz");
    release.externalId = mbid;
    album.sources.append(release);
    const UpsertResult stored = m_store->upsertPage({album});
    QVERIFY2(stored.ok(), qPrintable(stored.error));
    const qint64 albumId = stored.albumIds.first();
    const SummaryPage page = m_store->summaries(AlbumQuery {}, PageCursor {}, 10);
    QCOMPARE(int(page.rows.size()), 1);
    const AlbumSummary summary = page.rows.first();
    QCOMPARE(summary.musicBrainzRelease, mbid);

    CoverImageCache covers(m_store.get(), m_pool.get(), m_disk.get(), m_fetcher.get());
    ImportManager imports(m_store.get(), m_pool.get(), nullptr, nullptr);
    imports.setCoverFetcher(m_fetcher.get());
    QSignalSpy ended(&imports, &ImportManager::jobFinished);
    imports.startImport(QLatin1String(FetchCoversJob::source), {});
    QTRY_VERIFY_WITH_TIMEOUT(m_fetcher->isWaiting(albumId), waitMs);

    // The grid shows Y at a thumbnail's size, then scrolls away from it.
    QVERIFY(covers.cover(summary, 128).isNull());
    QVERIFY(m_fetcher->isWaiting(albumId));
    covers.setWanted({});
    // The slots are freed: the job's request goes on.
    for (const qint64 blocker : std::as_const(blockers))
        m_fetcher->cancel(blocker);

    QTRY_COMPARE_WITH_TIMEOUT(int(ended.size()), 1, waitMs);
    const auto end = ended.first().first().value<ImportJobRecord>();
    QVERIFY2(end.state == JobState::Completed,
             qPrintable(ImportJobRecord::stateName(end.state) + u' ' + end.error));
    const QString file = storedCoverFile(albumId);
    QVERIFY2(QFileInfo::exists(file), qPrintable(file));
    // At the job's size, not the grid's.
    const QList<QByteArray> paths = m_coverArtFake->server().requestPaths();
    QVERIFY2(paths.contains("/release/" + mbid.toLatin1() + "/front-500"),
             paths.join(' ').constData());
    QVERIFY(!paths.contains("/release/" + mbid.toLatin1() + "/front-250"));
}

// Issue 15 item 7: setWanted() cancels downloads while it walks the albums being fetched; a
// cancel lets the waiting requests out, and those whose file is already on disk emit coverReady
// at once, whose handler takes from the same hash. The stalled albums go into the hash after the
// albums on disk, so they sit displaced in its probe runs and move when those are taken; just
// under half of the hash's 128 buckets are used, its densest layout; several rounds vary it (its
// seed differs each run too).
void TestCovers::setWantedWhileACachedCoverIsServed()
{
    m_spotifyFake->server().failWhen(isImageRequest, Fault::Hang, 100000);
    const QByteArray jpeg = FakeImage::jpeg(QColor(40, 120, 200), 300);
    QVERIFY(!jpeg.isEmpty());
    CoverImageCache covers(m_store.get(), m_pool.get(), m_disk.get(), m_fetcher.get());
    QSignalSpy ready(&covers, &CoverImageCache::coverReady);
    constexpr int rounds = 12;
    constexpr int onDiskCount = 57;
    const auto album = [this](qint64 id, const QString &kind) {
        AlbumSummary summary;
        summary.id = id;
        summary.title = kind + QString::number(id);
        summary.coverUrl = m_spotifyFake->accountsUrl().toString()
            + QStringLiteral("/images/%1-%2-640.jpg").arg(kind).arg(id);
        return summary;
    };
    for (int round = 0; round < rounds; ++round) {
        const qint64 first = 1000 + 1000 * round;
        // Requests outside the grid hold every slot, so the grid's all wait at first.
        QList<qint64> blockers;
        for (int i = 0; i < CoverFetcher::maxActive; ++i) {
            blockers.append(first + 900 + i);
            m_fetcher->request(coverRequest(
                blockers.last(), QUrl(album(blockers.last(), QStringLiteral("blocker")).coverUrl)));
        }
        QList<AlbumSummary> onDisk;
        QSet<qint64> wanted;
        for (int i = 0; i < onDiskCount; ++i) {
            onDisk.append(album(first + 500 + i, QStringLiteral("on-disk")));
            wanted.insert(onDisk.last().id);
            QVERIFY(!m_disk->store(onDisk.last().coverUrl, jpeg).isEmpty());
            QVERIFY(covers.cover(onDisk.last(), 128).isNull());
            QVERIFY(m_fetcher->isWaiting(onDisk.last().id));
        }
        QList<qint64> stalled;
        for (int i = 0; i < CoverFetcher::maxActive; ++i) {
            const AlbumSummary summary = album(first + i, QStringLiteral("stalled"));
            QVERIFY(covers.cover(summary, 128).isNull());
            stalled.append(summary.id);
        }
        // The newest, the grid's stalled albums, take the slots the blockers leave.
        for (const qint64 blocker : std::as_const(blockers))
            m_fetcher->cancel(blocker);
        QCOMPARE(m_fetcher->activeCount(), CoverFetcher::maxActive);
        for (const qint64 albumId : std::as_const(stalled))
            QVERIFY(!m_fetcher->isWaiting(albumId));
        QCOMPARE(m_fetcher->waitingCount(), onDiskCount);

        covers.setWanted(wanted);
        // Every stalled download was abandoned, and those on disk were served.
        QCOMPARE(m_fetcher->activeCount(), 0);
        QCOMPARE(m_fetcher->waitingCount(), 0);
        for (const AlbumSummary &summary : std::as_const(onDisk)) {
            QTRY_VERIFY_WITH_TIMEOUT(!covers.cover(summary, 128).isNull(), waitMs);
            QVERIFY(!covers.isMissing(summary.id));
        }
        for (const qint64 albumId : std::as_const(stalled)) {
            QVERIFY(indexOfAlbum(ready, albumId) < 0);
            QVERIFY(!covers.isMissing(albumId));
        }
    }
    QCOMPARE(int(ready.size()), rounds * onDiskCount);
}

// Issue 15 item 5: the grid decoding a file the store names is a use of it, so the covers on
// screen are not the first to go.
void TestCovers::shownCoverOutlivesNewerDownloads()
{
    const QByteArray jpeg = FakeImage::jpeg(QColor(200, 60, 20), 300);
    QVERIFY(!jpeg.isEmpty());
    m_disk->setLimit(3 * jpeg.size()); // three files
    const QString a = m_disk->store(QStringLiteral("cover-a"), jpeg);
    const QString b = m_disk->store(QStringLiteral("cover-b"), jpeg);
    const QString c = m_disk->store(QStringLiteral("cover-c"), jpeg);
    QCOMPARE(m_disk->count(), 3);

    CoverImageCache covers(m_store.get(), m_pool.get(), m_disk.get(), m_fetcher.get());
    AlbumSummary shown;
    shown.id = 1;
    shown.title = QStringLiteral("A");
    shown.coverFile = a;
    QTRY_VERIFY_WITH_TIMEOUT(!covers.cover(shown, 128).isNull(), waitMs);

    const QString d = m_disk->store(QStringLiteral("cover-d"), jpeg);
    QVERIFY(!d.isEmpty());
    QCOMPARE(m_disk->count(), 3);
    QVERIFY2(QFileInfo::exists(a), "the cover on screen was evicted");
    QVERIFY2(!QFileInfo::exists(b), "the least recently used cover was kept");
    QVERIFY(QFileInfo::exists(c));
    QVERIFY(QFileInfo::exists(d));
}

// Issue 15 item 5: a cover evicted after it was fetched again is not "no cover": each time its
// file is gone it is fetched again.
void TestCovers::coverEvictedTwiceIsFetchedAgain()
{
    const QUrl image = spotifyCover(3);
    QVERIFY(image.isValid());
    CoverImageCache covers(m_store.get(), m_pool.get(), m_disk.get(), m_fetcher.get());
    AlbumSummary album;
    album.id = 77;
    album.title = QStringLiteral("Evicted");
    album.coverUrl = image.toString();
    QVERIFY(covers.cover(album, 96).isNull());
    QTRY_VERIFY_WITH_TIMEOUT(!covers.cover(album, 96).isNull(), waitMs);
    album.coverFile = covers.fileOf(album.id);
    QVERIFY(QFileInfo::exists(album.coverFile));

    // Each round: the file goes (the limit), then another size is asked for.
    for (const int pixels : {112, 128, 144}) {
        m_disk->setLimit(0);
        QVERIFY(!QFileInfo::exists(album.coverFile));
        m_disk->setLimit(CoverDiskCache::defaultLimitBytes);
        const int before = imageRequests(m_spotifyFake->server());
        QVERIFY(covers.cover(album, pixels).isNull());
        QTRY_VERIFY_WITH_TIMEOUT(
            !covers.cover(album, pixels).isNull() || covers.isMissing(album.id), waitMs);
        QVERIFY2(!covers.isMissing(album.id), qPrintable(QString::number(pixels)));
        QCOMPARE(imageRequests(m_spotifyFake->server()), before + 1);
    }
}

// Issue 15 item 5: a job over more covers than the disk cache keeps leaves no album naming a
// file that is gone, so the next job finds the evicted ones again.
void TestCovers::jobLeavesNoDanglingCoverFiles()
{
    constexpr int albumCount = 10;
    QList<Album> albums = testing::generatedAlbums(albumCount);
    qint64 largest = 0;
    for (int i = 0; i < albumCount; ++i) {
        albums[i].coverUrl = spotifyCover(30 + i).toString();
        QVERIFY(!albums.at(i).coverUrl.isEmpty());
        largest = qMax<qint64>(
            largest,
            FakeImage::jpeg(FakeImage::colourOf(FakeSpotify::albumId(30 + i)), 640).size());
    }
    const UpsertResult stored = m_store->upsertPage(albums);
    QVERIFY2(stored.ok(), qPrintable(stored.error));
    m_disk->setLimit(3 * largest); // three files at least, never ten

    const std::optional<ImportJobRecord> end = runCoverJob();
    QVERIFY2(end, "the job did not end");
    QVERIFY2(end->state == JobState::Completed, qPrintable(end->error));
    QVERIFY(m_disk->count() < albumCount);
    int kept = 0;
    for (const qint64 albumId : stored.albumIds) {
        const QString file = storedCoverFile(albumId);
        QVERIFY2(
            file.isEmpty() || QFileInfo::exists(file),
            qPrintable(QStringLiteral("album %1 names %2, which is gone").arg(albumId).arg(file)));
        if (!file.isEmpty())
            ++kept;
    }
    QVERIFY(kept > 0);
    QCOMPARE(int(m_store->albumsWithoutCover(0, 100).size()), albumCount - kept);

    // Files evicted after the job are forgotten too.
    m_disk->setLimit(0);
    QCOMPARE(m_disk->count(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(int(m_store->albumsWithoutCover(0, 100).size()), albumCount, waitMs);
}

QTEST_MAIN(TestCovers)
#include "tst_covers.moc"
