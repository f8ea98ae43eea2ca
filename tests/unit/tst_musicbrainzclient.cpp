#include "core/workerpool.h"
#include "fakecoverart.h"
#include "fakemusicbrainz.h"
#include "fakeserver.h"
#include "parsertesting.h"
#include "providers/musicbrainzclient.h"
#include "providers/providergate.h"

#include <QImage>
#include <QNetworkAccessManager>
#include <QTest>
#include <QUrlQuery>

using namespace aime;
using fakes::FakeResponse;
using fakes::FakeServer;
using fakes::Fault;

namespace {

QByteArray fixture(const QString &name)
{
    return testing::fixture(QLatin1String("musicbrainz"), name);
}

FakeResponse musicBrainzFixtures(const QHttpServerRequest &request)
{
    const QString path = request.url().path();
    if (path == QLatin1String("/ws/2/release-group"))
        return {200, fixture(QStringLiteral("release-group-search.json"))};
    if (path.startsWith(QLatin1String("/ws/2/release/")))
        return {200, fixture(QStringLiteral("release-two-media.json"))};
    if (path.startsWith(QLatin1String("/caa/release/")))
        return {200, fixture(QStringLiteral("caa-numeric-id.json"))};
    return {404, fixture(QStringLiteral("error-not-found.json"))};
}

template<typename T> using Outcome = testing::ClientOutcome<T>;

} // namespace

class TestMusicBrainzClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void luceneQuery_data();
    void luceneQuery();
    void searchSendsAQueryMusicBrainzAccepts();
    void releaseAsksForRecordingsCreditsAndLabels();
    void coverArtFrontUrl();
    void notFoundCarriesMusicBrainzMessage();
    void serviceUnavailableIsWaitedOut();
    void requestsAreOneSecondApart();
    void searchFindsTheAlbumOnTheStrictFake();
    void frontCoverFollowsTheArchiveRedirects();
    void missingFrontCoverIsAnError();

private:
    std::unique_ptr<FakeServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<WorkerPool> m_pool;
    std::unique_ptr<MusicBrainzClient> m_client;
};

void TestMusicBrainzClient::initTestCase()
{
    QVERIFY2(!fixture(QStringLiteral("release-two-media.json")).isEmpty(),
             "AIME_FIXTURES must name tests/fixtures");
}

void TestMusicBrainzClient::init()
{
    qunsetenv("AIME_MUSICBRAINZ_RATE");
    m_server = std::make_unique<FakeServer>();
    QVERIFY(m_server->listen());
    m_server->setHandler(&musicBrainzFixtures);
    m_network = std::make_unique<QNetworkAccessManager>();
    m_pool = std::make_unique<WorkerPool>();
    QUrl api = m_server->baseUrl();
    api.setPath(QStringLiteral("/ws/2"));
    QUrl coverArt = m_server->baseUrl();
    coverArt.setPath(QStringLiteral("/caa"));
    m_client = std::make_unique<MusicBrainzClient>(m_network.get(), m_pool.get(), api, coverArt);
    m_client->setContact(QStringLiteral("collector@example.org"));
}

void TestMusicBrainzClient::cleanup()
{
    m_client.reset();
    m_pool.reset();
    m_network.reset();
    m_server.reset();
}

void TestMusicBrainzClient::luceneQuery_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain words") << "kind of blue"
                                 << "kind of blue";
    QTest::newRow("spaces folded") << "  kind   of\tblue "
                                   << "kind of blue";
    QTest::newRow("slash") << "AC/DC"
                           << "AC\\/DC";
    QTest::newRow("field syntax") << "title:blue"
                                  << "title\\:blue";
    QTest::newRow("operators as words") << "love AND hate OR NOT"
                                        << "love and hate or not";
    QTest::newRow("brackets and quotes") << "(\"x\")"
                                         << "\\(\\\"x\\\"\\)";
    QTest::newRow("wildcards and boosts") << "blu* ~2 ^3 ?"
                                          << "blu\\* \\~2 \\^3 \\?";
    QTest::newRow("minus and plus") << "-live +remaster"
                                    << "\\-live \\+remaster";
}

void TestMusicBrainzClient::luceneQuery()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(MusicBrainzClient::luceneQuery(text), expected);
}

void TestMusicBrainzClient::searchSendsAQueryMusicBrainzAccepts()
{
    Outcome<AlbumListPage> outcome;
    m_client->searchReleaseGroups(QStringLiteral("AC/DC back in black"), 25,
                                  [&](const ParseResult<AlbumListPage> &result) {
                                      outcome = {true, result};
                                  });
    QTRY_VERIFY(outcome.called);
    QVERIFY2(outcome.result.ok(), qPrintable(outcome.result.error));
    QVERIFY(!outcome.result.value->albums.isEmpty());
    QCOMPARE(outcome.result.value->albums.first().sources.first().provider,
             QStringLiteral("musicbrainz"));

    const QUrl sent(QString::fromUtf8(m_server->requestPaths().last()));
    const QUrlQuery query(sent);
    QCOMPARE(sent.path(), QStringLiteral("/ws/2/release-group"));
    QCOMPARE(query.queryItemValue(QStringLiteral("fmt")), QStringLiteral("json"));
    QCOMPARE(query.queryItemValue(QStringLiteral("limit")), QStringLiteral("25"));
    QCOMPARE(query.queryItemValue(QStringLiteral("offset")), QStringLiteral("25"));
    QCOMPARE(query.queryItemValue(QStringLiteral("query"), QUrl::FullyDecoded),
             QStringLiteral("AC\\/DC back in black"));
    QCOMPARE(m_server->lastHeader("User-Agent"),
             QByteArrayLiteral("AIME/" AIME_VERSION " ( collector@example.org )"));
}

void TestMusicBrainzClient::releaseAsksForRecordingsCreditsAndLabels()
{
    Outcome<Album> outcome;
    m_client->release(QStringLiteral("513ff8a4-1add-435c-9ac7-710e569248e5"),
                      [&](const ParseResult<Album> &result) {
                          outcome = {true, result};
                      });
    QTRY_VERIFY(outcome.called);
    QVERIFY2(outcome.result.ok(), qPrintable(outcome.result.error));
    QVERIFY(outcome.result.value->tracks.size() > 1);
    const QUrl sent(QString::fromUtf8(m_server->requestPaths().last()));
    QCOMPARE(sent.path(), QStringLiteral("/ws/2/release/513ff8a4-1add-435c-9ac7-710e569248e5"));
    QCOMPARE(QUrlQuery(sent).queryItemValue(QStringLiteral("inc"), QUrl::FullyDecoded),
             QStringLiteral("recordings+artist-credits+labels"));
}

void TestMusicBrainzClient::coverArtFrontUrl()
{
    Outcome<QUrl> outcome;
    m_client->coverArtFront(QStringLiteral("513ff8a4-1add-435c-9ac7-710e569248e5"), 500,
                            [&](const ParseResult<QUrl> &result) {
                                outcome = {true, result};
                            });
    QTRY_VERIFY(outcome.called);
    QVERIFY2(outcome.result.ok(), qPrintable(outcome.result.error));
    QVERIFY(outcome.result.value->toString().contains(QStringLiteral("500")));
    QCOMPARE(QUrl(QString::fromUtf8(m_server->requestPaths().last())).path(),
             QStringLiteral("/caa/release/513ff8a4-1add-435c-9ac7-710e569248e5"));
}

void TestMusicBrainzClient::notFoundCarriesMusicBrainzMessage()
{
    m_server->setHandler([](const QHttpServerRequest &) {
        return FakeResponse {404, fixture(QStringLiteral("error-not-found.json"))};
    });
    Outcome<Album> outcome;
    m_client->release(QStringLiteral("00000000-0000-0000-0000-000000000000"),
                      [&](const ParseResult<Album> &result) {
                          outcome = {true, result};
                      });
    QTRY_VERIFY(outcome.called);
    QVERIFY(!outcome.result.ok());
    QVERIFY2(outcome.result.error.contains(QStringLiteral("404")),
             qPrintable(outcome.result.error));
    QVERIFY2(outcome.result.error.contains(QStringLiteral("MusicBrainz says")),
             qPrintable(outcome.result.error));
    QCOMPARE(m_server->requestCount(), 1);
}

void TestMusicBrainzClient::serviceUnavailableIsWaitedOut()
{
    m_server->failNext(Fault::Status503, 1, 1);
    Outcome<Album> outcome;
    m_client->release(QStringLiteral("513ff8a4-1add-435c-9ac7-710e569248e5"),
                      [&](const ParseResult<Album> &result) {
                          outcome = {true, result};
                      });
    QTRY_VERIFY_WITH_TIMEOUT(outcome.called, 10000);
    QVERIFY2(outcome.result.ok(), qPrintable(outcome.result.error));
    QCOMPARE(m_server->requestCount(), 2);
    QVERIFY(m_server->arrivals().at(1) - m_server->arrivals().at(0) >= 1000);
}

void TestMusicBrainzClient::requestsAreOneSecondApart()
{
    QCOMPARE(m_client->gate()->limits().maxInFlight, 1);
    int finished = 0;
    for (int i = 0; i < 3; ++i) {
        m_client->release(QStringLiteral("513ff8a4-1add-435c-9ac7-710e569248e5"),
                          [&](const ParseResult<Album> &) { ++finished; });
    }
    QTRY_COMPARE_WITH_TIMEOUT(finished, 3, 10000);
    const QList<qint64> &arrivals = m_server->arrivals();
    QCOMPARE(arrivals.size(), 3);
    QVERIFY(arrivals.at(1) - arrivals.at(0) >= 1000);
    QVERIFY(arrivals.at(2) - arrivals.at(1) >= 1000);
}

void TestMusicBrainzClient::searchFindsTheAlbumOnTheStrictFake()
{
    fakes::FakeMusicBrainzOptions options;
    options.albumCount = 200;
    fakes::FakeMusicBrainz fake(options);
    QVERIFY(fake.listen());
    MusicBrainzClient client(m_network.get(), m_pool.get(), fake.apiUrl(), fake.baseUrl());
    client.setContact(QStringLiteral("collector@example.org"));

    const int index = 137;
    Outcome<AlbumListPage> found;
    client.searchReleaseGroups(fake.artistCredit(index) + u' ' + fake.title(index), 0,
                               [&](const ParseResult<AlbumListPage> &result) {
                                   found = {true, result};
                               });
    QTRY_VERIFY_WITH_TIMEOUT(found.called, 10000);
    QVERIFY2(found.result.ok(), qPrintable(found.result.error));
    QVERIFY(!found.result.value->albums.isEmpty());
    QCOMPARE(found.result.value->albums.first().title, fake.title(index));

    Outcome<Album> release;
    client.release(fakes::FakeMusicBrainz::releaseId(index, 0),
                   [&](const ParseResult<Album> &result) {
                       release = {true, result};
                   });
    QTRY_VERIFY_WITH_TIMEOUT(release.called, 10000);
    QVERIFY2(release.result.ok(), qPrintable(release.result.error));
    QVERIFY(!release.result.value->tracks.isEmpty());
    // The fake answers 503 the moment a client sends two requests within a second.
    QCOMPARE(fake.server().limitedCount(), 0);
}

void TestMusicBrainzClient::frontCoverFollowsTheArchiveRedirects()
{
    fakes::FakeCoverArt archive;
    QVERIFY(archive.listen());
    MusicBrainzClient client(m_network.get(), m_pool.get(), m_server->baseUrl(), archive.baseUrl());
    int index = 0;
    while (!fakes::FakeMusicBrainz::hasFrontCover(index, 0))
        ++index;
    Outcome<QByteArray> outcome;
    client.frontCoverImage(fakes::FakeMusicBrainz::releaseId(index, 0), 250,
                           [&](const ParseResult<QByteArray> &result) {
                               outcome = {true, result};
                           });
    QTRY_VERIFY_WITH_TIMEOUT(outcome.called, 10000);
    QVERIFY2(outcome.result.ok(), qPrintable(outcome.result.error));
    const QImage image = QImage::fromData(*outcome.result.value);
    QCOMPARE(image.size(), QSize(250, 250));
    QCOMPARE(archive.imagesServed(), 1);
}

void TestMusicBrainzClient::missingFrontCoverIsAnError()
{
    fakes::FakeCoverArt archive;
    QVERIFY(archive.listen());
    MusicBrainzClient client(m_network.get(), m_pool.get(), m_server->baseUrl(), archive.baseUrl());
    int index = 0;
    while (fakes::FakeMusicBrainz::hasFrontCover(index, 0))
        ++index;
    Outcome<QByteArray> outcome;
    client.frontCoverImage(fakes::FakeMusicBrainz::releaseId(index, 0), 500,
                           [&](const ParseResult<QByteArray> &result) {
                               outcome = {true, result};
                           });
    QTRY_VERIFY_WITH_TIMEOUT(outcome.called, 10000);
    QVERIFY(!outcome.result.ok());
    QVERIFY2(outcome.result.error.contains(QStringLiteral("404")),
             qPrintable(outcome.result.error));
    QCOMPARE(archive.imagesServed(), 0);
}

QTEST_GUILESS_MAIN(TestMusicBrainzClient)
#include "tst_musicbrainzclient.moc"
