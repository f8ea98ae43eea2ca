#include "core/workerpool.h"
#include "fakeserver.h"
#include "parsertesting.h"
#include "providers/discogsclient.h"
#include "providers/providergate.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace aime;
using fakes::FakeResponse;
using fakes::FakeServer;
using fakes::Fault;

namespace {

QByteArray fixture(const QString &name)
{
    return testing::fixture(QLatin1String("discogs"), name);
}

// Serves the Discogs fixtures by path, and refuses requests without the token.
FakeResponse discogsFixtures(const QHttpServerRequest &request)
{
    bool authorized = false;
    for (const auto &[key, value] : request.headers()) {
        if (key.compare("Authorization", Qt::CaseInsensitive) == 0)
            authorized = value == "Discogs token=secret-token";
    }
    if (!authorized)
        return {401, fixture(QStringLiteral("error-401.json"))};
    const QString path = request.url().path();
    if (path == QLatin1String("/oauth/identity"))
        return {200, fixture(QStringLiteral("identity.json"))};
    if (path.startsWith(QLatin1String("/releases/")))
        return {200, fixture(QStringLiteral("release-vinyl.json"))};
    if (path.endsWith(QLatin1String("/collection/folders/0/releases")))
        return {200, fixture(QStringLiteral("collection-page1.json"))};
    if (path == QLatin1String("/database/search"))
        return {200, fixture(QStringLiteral("search-page1.json"))};
    return {404, fixture(QStringLiteral("error-404.json"))};
}

template<typename T> using Outcome = testing::ClientOutcome<T>;

} // namespace

class TestDiscogsClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void requestsCarryTokenAndUserAgent();
    void releaseIsParsed();
    void collectionPageIsParsedAndPaged();
    void badTokenSaysWhatToDo();
    void serverErrorsAreReportedAfterRetries();
    void malformedAnswerIsAnError();
    void cancelStopsARequest();
    void tokenRaisesTheRate();
    void mayFetchImage_data();
    void mayFetchImage();
    void tokenDoesNotFollowARedirectOffDiscogs();
    void cutImageIsAnError();

private:
    std::unique_ptr<FakeServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<WorkerPool> m_pool;
    std::unique_ptr<DiscogsClient> m_client;
};

void TestDiscogsClient::initTestCase()
{
    QVERIFY2(!fixture(QStringLiteral("identity.json")).isEmpty(),
             "AIME_FIXTURES must name tests/fixtures");
}

void TestDiscogsClient::init()
{
    qputenv("AIME_DISCOGS_RATE", "600/1"); // scaled: the tests are about behaviour, not pace
    m_server = std::make_unique<FakeServer>();
    QVERIFY(m_server->listen());
    m_server->setHandler(&discogsFixtures);
    m_network = std::make_unique<QNetworkAccessManager>();
    m_pool = std::make_unique<WorkerPool>();
    m_client = std::make_unique<DiscogsClient>(m_network.get(), m_pool.get(), m_server->baseUrl());
    m_client->setToken(QStringLiteral("secret-token"));
}

void TestDiscogsClient::cleanup()
{
    m_client.reset();
    m_pool.reset();
    m_network.reset();
    m_server.reset();
    qunsetenv("AIME_DISCOGS_RATE");
}

void TestDiscogsClient::requestsCarryTokenAndUserAgent()
{
    Outcome<DiscogsIdentity> outcome;
    m_client->identity([&](const ParseResult<DiscogsIdentity> &result) {
        outcome = {true, result};
    });
    QTRY_VERIFY(outcome.called);
    QVERIFY2(outcome.result.ok(), qPrintable(outcome.result.error));
    QVERIFY(!outcome.result.value->username.isEmpty());
    QCOMPARE(m_server->lastHeader("Authorization"),
             QByteArrayLiteral("Discogs token=secret-token"));
    QVERIFY(m_server->lastHeader("User-Agent").startsWith("AIME/"));
    QCOMPARE(m_server->lastHeader("Accept"),
             QByteArrayLiteral("application/vnd.discogs.v2.discogs+json"));
}

void TestDiscogsClient::releaseIsParsed()
{
    Outcome<Album> outcome;
    m_client->release(249504, [&](const ParseResult<Album> &result) { outcome = {true, result}; });
    QTRY_VERIFY(outcome.called);
    QVERIFY2(outcome.result.ok(), qPrintable(outcome.result.error));
    QVERIFY(!outcome.result.value->tracks.isEmpty());
    QCOMPARE(outcome.result.value->sources.first().provider, QStringLiteral("discogs"));
    QCOMPARE(m_server->requestPaths().last(), QByteArrayLiteral("/releases/249504"));
}

void TestDiscogsClient::collectionPageIsParsedAndPaged()
{
    Outcome<AlbumListPage> outcome;
    m_client->collectionPage(QStringLiteral("a user/with space"), 2,
                             [&](const ParseResult<AlbumListPage> &result) {
                                 outcome = {true, result};
                             });
    QTRY_VERIFY(outcome.called);
    QVERIFY2(outcome.result.ok(), qPrintable(outcome.result.error));
    QVERIFY(!outcome.result.value->albums.isEmpty());
    const QByteArray path = m_server->requestPaths().last();
    QVERIFY2(path.startsWith("/users/a%20user%2Fwith%20space/collection/folders/0/releases?"),
             path.constData());
    QVERIFY(path.contains("page=2"));
    QVERIFY(path.contains("per_page=100"));
}

void TestDiscogsClient::badTokenSaysWhatToDo()
{
    m_client->setToken(QStringLiteral("wrong"));
    Outcome<Album> outcome;
    m_client->release(1, [&](const ParseResult<Album> &result) { outcome = {true, result}; });
    QTRY_VERIFY(outcome.called);
    QVERIFY(!outcome.result.ok());
    QVERIFY2(outcome.result.error.contains(QStringLiteral("Preferences > Accounts")),
             qPrintable(outcome.result.error));
    QCOMPARE(m_server->requestCount(), 1);
}

void TestDiscogsClient::serverErrorsAreReportedAfterRetries()
{
    m_server->failNext(Fault::Status500, 20);
    Outcome<Album> outcome;
    m_client->release(1, [&](const ParseResult<Album> &result) { outcome = {true, result}; });
    QTRY_VERIFY_WITH_TIMEOUT(outcome.called, 30000);
    QVERIFY(!outcome.result.ok());
    QVERIFY(outcome.result.error.contains(QStringLiteral("500")));
    QCOMPARE(m_server->requestCount(), 5);
}

void TestDiscogsClient::malformedAnswerIsAnError()
{
    m_server->failNext(Fault::MalformedJson);
    Outcome<Album> outcome;
    m_client->release(1, [&](const ParseResult<Album> &result) { outcome = {true, result}; });
    QTRY_VERIFY(outcome.called);
    QVERIFY(!outcome.result.ok());
    QVERIFY(outcome.result.error.contains(QStringLiteral("Discogs")));
}

void TestDiscogsClient::cancelStopsARequest()
{
    m_server->setLatency(std::chrono::milliseconds(3000));
    Outcome<Album> outcome;
    QPointer<GateReply> reply = m_client->release(1, [&](const ParseResult<Album> &result) {
        outcome = {true, result};
    });
    QTRY_COMPARE(m_server->requestCount(), 1);
    reply->cancel();
    QTRY_VERIFY(outcome.called);
    QVERIFY(!outcome.result.ok());
    QTRY_VERIFY(reply.isNull()); // the client deletes its handle once done has run
}

void TestDiscogsClient::tokenRaisesTheRate()
{
    qunsetenv("AIME_DISCOGS_RATE");
    m_client->setToken(QString());
    QCOMPARE(m_client->gate()->limits().requestsPerWindow, 25);
    m_client->setToken(QStringLiteral("secret-token"));
    QCOMPARE(m_client->gate()->limits().requestsPerWindow, 60);
    QCOMPARE(m_client->gate()->limits().maxInFlight, 5);
}

void TestDiscogsClient::mayFetchImage_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("image host, https") << QStringLiteral("https://i.discogs.com/a.jpg") << true;
    QTest::newRow("discogs.com, https") << QStringLiteral("https://discogs.com/a.jpg") << true;
    // In clear, the token could be read on the way.
    QTest::newRow("image host, http") << QStringLiteral("http://i.discogs.com/a.jpg") << false;
    QTest::newRow("discogs.com, http") << QStringLiteral("http://discogs.com/a.jpg") << false;
    QTest::newRow("look-alike host")
        << QStringLiteral("https://discogs.com.example/a.jpg") << false;
    QTest::newRow("suffix without a dot")
        << QStringLiteral("https://evildiscogs.com/a.jpg") << false;
    QTest::newRow("another host") << QStringLiteral("https://example.org/a.jpg") << false;
}

void TestDiscogsClient::mayFetchImage()
{
    QFETCH(QString, url);
    QFETCH(bool, allowed);
    QCOMPARE(m_client->mayFetchImage(QUrl(url)), allowed);
    // The API's own address, with its own scheme (the fake's is http).
    QVERIFY(m_client->mayFetchImage(m_server->baseUrl().resolved(QUrl(QStringLiteral("/a.jpg")))));
}

void TestDiscogsClient::tokenDoesNotFollowARedirectOffDiscogs()
{
    static const QByteArray png = QByteArrayLiteral("\x89PNG\r\n\x1A\n"
                                                    "0123456789");
    FakeServer elsewhere;
    QVERIFY(elsewhere.listen());
    elsewhere.setHandler([](const QHttpServerRequest &) {
        return FakeResponse {200, png, {{"Content-Type", "image/png"}}};
    });
    const QUrl target = elsewhere.baseUrl().resolved(QUrl(QStringLiteral("/cover.png")));
    m_server->setHandler([target](const QHttpServerRequest &) {
        return FakeResponse {302, {}, {{"Location", target.toEncoded()}}};
    });
    Outcome<QByteArray> outcome;
    m_client->image(m_server->baseUrl().resolved(QUrl(QStringLiteral("/images/cover.png"))),
                    [&](const ParseResult<QByteArray> &result) {
                        outcome = {true, result};
                    });
    QTRY_VERIFY(outcome.called);
    QCOMPARE(m_server->lastHeader("Authorization"),
             QByteArrayLiteral("Discogs token=secret-token"));
    QCOMPARE(elsewhere.requestCount(), 1);
    QCOMPARE(elsewhere.lastHeader("Authorization"), QByteArray());
    QVERIFY2(outcome.result.ok(), qPrintable(outcome.result.error));
    QCOMPARE(*outcome.result.value, png);
}

void TestDiscogsClient::cutImageIsAnError()
{
    // Half an image still starts with the PNG signature: only the transfer can tell.
    QByteArray png = QByteArrayLiteral("\x89PNG\r\n\x1A\n");
    png += QByteArray(4096, 'x');
    m_server->setHandler([png](const QHttpServerRequest &) {
        return FakeResponse {200, png, {{"Content-Type", "image/png"}}};
    });
    m_server->failNext(Fault::ChunkedCut, 20);
    Outcome<QByteArray> outcome;
    m_client->image(m_server->baseUrl().resolved(QUrl(QStringLiteral("/images/cover.png"))),
                    [&](const ParseResult<QByteArray> &result) {
                        outcome = {true, result};
                    });
    QTRY_VERIFY_WITH_TIMEOUT(outcome.called, 30000);
    // A failure, so nothing reaches a cover cache.
    QVERIFY(!outcome.result.ok());
    QVERIFY(!outcome.result.value.has_value());
    QVERIFY2(outcome.result.error.contains(QStringLiteral("cut its answer short")),
             qPrintable(outcome.result.error));
    QCOMPARE(m_server->requestCount(), 5);
}

QTEST_GUILESS_MAIN(TestDiscogsClient)
#include "tst_discogsclient.moc"
