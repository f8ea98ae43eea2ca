#include "core/workerpool.h"
#include "fakespotify.h"
#include "parsertesting.h"
#include "providers/pkce.h"
#include "providers/providergate.h"
#include "providers/spotifyclient.h"
#include "providers/spotifylogin.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace aime;
using fakes::FakeSpotify;
using fakes::FakeSpotifyOptions;

namespace {

template<typename T> using Outcome = testing::ClientOutcome<T>;

template<typename T> std::function<void(const ParseResult<T> &)> into(Outcome<T> &outcome)
{
    return [&outcome](const ParseResult<T> &result) { outcome = {true, result}; };
}

} // namespace

// SpotifyClient and SpotifyLogin against the fake Spotify (accounts and Web API, development
// mode), the test acting as the person's browser.
class TestSpotifyClient : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void pkceMatchesRfc7636Vector();
    void verifierShape_data();
    void verifierShape();
    void statesAreUnguessable();
    void authorizeUrlAsksForPkceOn127001();
    void wholeLoginAgainstFakeAccounts();
    void wrongStateIsRefusedAndLoginGoesOn();
    void declinedLoginFails();
    void searchWithClientCredentialsReusesItsToken();
    void searchWithoutCredentialsSaysWhatToDo();
    void savedAlbumsNeedAConnectedUser();
    void savedAlbumsPageThroughTheLibrary();
    void expiredTokenIsRenewed_data();
    void expiredTokenIsRenewed();
    void refusedRefreshTokenDisconnects();
    void albumTracksArePaged();
    void tracksPageOutsideTheApiIsRefused();
    void unregisteredUserGetsTheDashboardHint();

private:
    // Logs in as the fake's user; the client then holds a user token.
    bool logIn();
    // The browser: follows nothing, gives the answer.
    QNetworkReply *browse(const QUrl &url);

    std::unique_ptr<FakeSpotify> m_fake;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<QNetworkAccessManager> m_browser;
    std::unique_ptr<WorkerPool> m_pool;
    std::unique_ptr<SpotifyClient> m_client;
};

void TestSpotifyClient::init()
{
    FakeSpotifyOptions options;
    options.albumCount = 60;
    options.savedCount = 57;
    m_fake = std::make_unique<FakeSpotify>(options);
    QVERIFY(m_fake->listen());
    m_network = std::make_unique<QNetworkAccessManager>();
    m_browser = std::make_unique<QNetworkAccessManager>();
    m_pool = std::make_unique<WorkerPool>();
    m_client = std::make_unique<SpotifyClient>(m_network.get(), m_pool.get(), m_fake->apiUrl(),
                                               m_fake->accountsUrl());
    m_client->setClientId(m_fake->clientId());
}

void TestSpotifyClient::cleanup()
{
    m_client.reset();
    m_pool.reset();
    m_browser.reset();
    m_network.reset();
    m_fake.reset();
}

QNetworkReply *TestSpotifyClient::browse(const QUrl &url)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = m_browser->get(request);
    reply->setParent(m_browser.get());
    return reply;
}

bool TestSpotifyClient::logIn()
{
    SpotifyLogin login(m_client.get());
    QSignalSpy succeeded(&login, &SpotifyLogin::succeeded);
    if (!login.start())
        return false;
    QNetworkReply *authorize = browse(login.authorizeUrl());
    if (!QTest::qWaitFor([&] { return authorize->isFinished(); }, 10000))
        return false;
    const QUrl location = authorize->header(QNetworkRequest::LocationHeader).toUrl();
    QNetworkReply *callback = browse(location);
    return QTest::qWaitFor([&] { return callback->isFinished() && succeeded.count() == 1; }, 10000);
}

void TestSpotifyClient::pkceMatchesRfc7636Vector()
{
    // RFC 7636, appendix B.
    QCOMPARE(Pkce::challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
             QByteArrayLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
}

void TestSpotifyClient::verifierShape_data()
{
    QTest::addColumn<int>("asked");
    QTest::addColumn<int>("expected");
    QTest::newRow("too short is raised to 43") << 10 << 43;
    QTest::newRow("shortest") << 43 << 43;
    QTest::newRow("default") << 64 << 64;
    QTest::newRow("longest") << 128 << 128;
    QTest::newRow("too long is cut to 128") << 500 << 128;
}

void TestSpotifyClient::verifierShape()
{
    QFETCH(int, asked);
    QFETCH(int, expected);
    const QByteArray verifier = Pkce::generateVerifier(asked);
    QCOMPARE(verifier.size(), expected);
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9._~-]+$"));
    QVERIFY2(allowed.match(QString::fromLatin1(verifier)).hasMatch(), verifier.constData());
    const QByteArray challenge = Pkce::challenge(verifier);
    QCOMPARE(challenge.size(), 43); // 32 bytes of SHA-256, base64url without padding
    QVERIFY(!challenge.contains('=') && !challenge.contains('+') && !challenge.contains('/'));
}

void TestSpotifyClient::statesAreUnguessable()
{
    QSet<QByteArray> states;
    for (int i = 0; i < 100; ++i)
        states.insert(Pkce::generateState());
    QCOMPARE(states.size(), 100);
    QCOMPARE(Pkce::generateState().size(), 43);
    QVERIFY(Pkce::generateVerifier() != Pkce::generateVerifier());
}

void TestSpotifyClient::authorizeUrlAsksForPkceOn127001()
{
    SpotifyLogin login(m_client.get());
    QString problem;
    QVERIFY2(login.start(&problem), qPrintable(problem));
    QVERIFY(login.isListening());
    static const QRegularExpression loopback(
        QStringLiteral("^http://127\\.0\\.0\\.1:\\d+/callback$"));
    QVERIFY2(loopback.match(login.redirectUri()).hasMatch(), qPrintable(login.redirectUri()));

    const QUrl url = login.authorizeUrl();
    QCOMPARE(url.path(), QStringLiteral("/authorize"));
    const QUrlQuery query(url);
    const auto item = [&query](const char *key) {
        return query.queryItemValue(QLatin1String(key), QUrl::FullyDecoded);
    };
    QCOMPARE(item("client_id"), m_fake->clientId());
    QCOMPARE(item("response_type"), QStringLiteral("code"));
    QCOMPARE(item("redirect_uri"), login.redirectUri());
    QCOMPARE(item("scope"), QStringLiteral("user-library-read"));
    QCOMPARE(item("code_challenge_method"), QStringLiteral("S256"));
    QCOMPARE(item("code_challenge").size(), 43);
    QVERIFY(item("state").size() >= 43);
    QVERIFY(!url.toString().contains(QStringLiteral("localhost")));
}

void TestSpotifyClient::wholeLoginAgainstFakeAccounts()
{
    SpotifyLogin login(m_client.get());
    QSignalSpy succeeded(&login, &SpotifyLogin::succeeded);
    QSignalSpy failed(&login, &SpotifyLogin::failed);
    QSignalSpy refreshToken(m_client.get(), &SpotifyClient::refreshTokenChanged);
    QVERIFY(login.start());

    QNetworkReply *authorize = browse(login.authorizeUrl());
    QTRY_VERIFY(authorize->isFinished());
    QCOMPARE(authorize->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() / 100, 3);
    const QUrl location = authorize->header(QNetworkRequest::LocationHeader).toUrl();
    QCOMPARE(location.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(QUrlQuery(location).hasQueryItem(QStringLiteral("code")));

    QNetworkReply *callback = browse(location);
    QTRY_VERIFY(callback->isFinished());
    QCOMPARE(callback->error(), QNetworkReply::NoError);
    QVERIFY(callback->readAll().contains("AIME received"));

    QTRY_VERIFY2(succeeded.count() == 1 || failed.count() == 1, "the login ends");
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
    QCOMPARE(succeeded.first().first().value<SpotifyUser>().displayName, m_fake->displayName());
    QCOMPARE(refreshToken.count(), 1);
    QVERIFY(!refreshToken.first().first().toString().isEmpty());
    QVERIFY(m_client->hasUser());
    QCOMPARE(m_fake->tokenRequests(QStringLiteral("authorization_code")), 1);

    // The listener closed with the first valid answer.
    QVERIFY(!login.isListening());
    QNetworkReply *again = browse(location);
    QTRY_VERIFY(again->isFinished());
    QCOMPARE(again->error(), QNetworkReply::ConnectionRefusedError);
}

void TestSpotifyClient::wrongStateIsRefusedAndLoginGoesOn()
{
    SpotifyLogin login(m_client.get());
    QSignalSpy refused(&login, &SpotifyLogin::redirectRefused);
    QSignalSpy succeeded(&login, &SpotifyLogin::succeeded);
    QSignalSpy failed(&login, &SpotifyLogin::failed);
    QVERIFY(login.start());

    QUrl forged(login.redirectUri());
    forged.setQuery(QStringLiteral("code=stolen&state=not-this-login"));
    QNetworkReply *forgery = browse(forged);
    QTRY_COMPARE(refused.count(), 1);
    QTRY_VERIFY(forgery->isFinished());
    QVERIFY(login.isListening());
    QCOMPARE(m_fake->tokenRequests(QStringLiteral("authorization_code")), 0);

    QNetworkReply *authorize = browse(login.authorizeUrl());
    QTRY_VERIFY(authorize->isFinished());
    browse(authorize->header(QNetworkRequest::LocationHeader).toUrl());
    QTRY_COMPARE(succeeded.count(), 1);
    QCOMPARE(failed.count(), 0);
}

void TestSpotifyClient::declinedLoginFails()
{
    m_fake->denyNextAuthorization();
    SpotifyLogin login(m_client.get());
    QSignalSpy failed(&login, &SpotifyLogin::failed);
    QVERIFY(login.start());
    QNetworkReply *authorize = browse(login.authorizeUrl());
    QTRY_VERIFY(authorize->isFinished());
    browse(authorize->header(QNetworkRequest::LocationHeader).toUrl());
    QTRY_COMPARE(failed.count(), 1);
    QVERIFY2(failed.first().first().toString().contains(QStringLiteral("declined")),
             qPrintable(failed.first().first().toString()));
    QVERIFY(!m_client->hasUser());
    QVERIFY(!login.isListening());
}

void TestSpotifyClient::searchWithClientCredentialsReusesItsToken()
{
    m_client->setClientSecret(m_fake->clientSecret());
    QVERIFY(m_client->canSearch());
    Outcome<AlbumListPage> first;
    m_client->search(QStringLiteral("a"), 0, into(first));
    QTRY_VERIFY(first.called);
    QVERIFY2(first.result.ok(), qPrintable(first.result.error));
    QVERIFY(first.result.value->albums.size() <= SpotifyClient::searchPageSize);
    QVERIFY(!first.result.value->albums.isEmpty());

    Outcome<AlbumListPage> second;
    m_client->search(QStringLiteral("a"), SpotifyClient::searchPageSize, into(second));
    QTRY_VERIFY(second.called);
    QVERIFY2(second.result.ok(), qPrintable(second.result.error));
    QCOMPARE(second.result.value->offset, SpotifyClient::searchPageSize);
    QCOMPARE(m_fake->tokenRequests(QStringLiteral("client_credentials")), 1);
    // No request went out without a token.
    QCOMPARE(m_fake->server().requestCount(), 3);
}

void TestSpotifyClient::searchWithoutCredentialsSaysWhatToDo()
{
    QVERIFY(!m_client->canSearch());
    Outcome<AlbumListPage> outcome;
    m_client->search(QStringLiteral("blue"), 0, into(outcome));
    QTRY_VERIFY(outcome.called);
    QVERIFY(!outcome.result.ok());
    QVERIFY2(outcome.result.error.contains(QStringLiteral("Preferences > Accounts")),
             qPrintable(outcome.result.error));
    QCOMPARE(m_fake->server().requestCount(), 0);
}

void TestSpotifyClient::savedAlbumsNeedAConnectedUser()
{
    m_client->setClientSecret(m_fake->clientSecret());
    Outcome<AlbumListPage> outcome;
    m_client->savedAlbums(0, into(outcome));
    QTRY_VERIFY(outcome.called);
    QVERIFY(!outcome.result.ok());
    QVERIFY2(outcome.result.error.contains(QStringLiteral("Connect your Spotify account")),
             qPrintable(outcome.result.error));
    QCOMPARE(m_fake->server().requestCount(), 0);
}

void TestSpotifyClient::savedAlbumsPageThroughTheLibrary()
{
    QVERIFY(logIn());
    QSet<QString> ids;
    int offset = 0;
    int total = -1;
    for (int pages = 0; pages < 10; ++pages) {
        Outcome<AlbumListPage> outcome;
        m_client->savedAlbums(offset, into(outcome));
        QTRY_VERIFY(outcome.called);
        QVERIFY2(outcome.result.ok(), qPrintable(outcome.result.error));
        total = outcome.result.value->total;
        for (const Album &album : outcome.result.value->albums)
            ids.insert(album.sources.first().externalId);
        offset += int(outcome.result.value->albums.size());
        if (outcome.result.value->next.isEmpty())
            break;
    }
    QCOMPARE(total, 57);
    QCOMPARE(ids.size(), 57);
}

void TestSpotifyClient::expiredTokenIsRenewed_data()
{
    QTest::addColumn<bool>("omitRefreshToken");
    QTest::newRow("answer with a new refresh token") << false;
    QTest::newRow("answer without one: the old one stays") << true;
}

void TestSpotifyClient::expiredTokenIsRenewed()
{
    QFETCH(bool, omitRefreshToken);
    QVERIFY(logIn());
    m_fake->setOmitRefreshTokenOnRefresh(omitRefreshToken);
    QSignalSpy refreshToken(m_client.get(), &SpotifyClient::refreshTokenChanged);
    QSignalSpy disconnected(m_client.get(), &SpotifyClient::userDisconnected);

    for (int round = 1; round <= 2; ++round) {
        m_fake->expireAllAccessTokens();
        Outcome<SpotifyUser> outcome;
        m_client->currentUser(into(outcome));
        QTRY_VERIFY(outcome.called);
        QVERIFY2(outcome.result.ok(), qPrintable(outcome.result.error));
        QCOMPARE(m_fake->tokenRequests(QStringLiteral("refresh_token")), round);
    }
    QCOMPARE(refreshToken.count(), omitRefreshToken ? 0 : 2);
    QCOMPARE(disconnected.count(), 0);
}

void TestSpotifyClient::refusedRefreshTokenDisconnects()
{
    m_client->setUserRefreshToken(QStringLiteral("revoked-long-ago"));
    QSignalSpy disconnected(m_client.get(), &SpotifyClient::userDisconnected);
    Outcome<AlbumListPage> outcome;
    m_client->savedAlbums(0, into(outcome));
    QTRY_VERIFY(outcome.called);
    QVERIFY(!outcome.result.ok());
    QVERIFY2(outcome.result.error.contains(QStringLiteral("connect the account again")),
             qPrintable(outcome.result.error));
    QCOMPARE(disconnected.count(), 1);
    QVERIFY(!m_client->hasUser());
    // Only the token request went out, never the API request without a token.
    QCOMPARE(m_fake->server().requestCount(), 1);
}

void TestSpotifyClient::albumTracksArePaged()
{
    m_client->setClientSecret(m_fake->clientSecret());
    // The fake gives every 17th album (index % 17 == 3) more than 50 tracks.
    Outcome<SpotifyAlbum> album;
    m_client->album(FakeSpotify::albumId(3), into(album));
    QTRY_VERIFY(album.called);
    QVERIFY2(album.result.ok(), qPrintable(album.result.error));
    QCOMPARE(album.result.value->album.tracks.size(), SpotifyClient::tracksPageSize);
    QVERIFY(!album.result.value->tracksNext.isEmpty());

    QList<Track> tracks = album.result.value->album.tracks;
    QUrl next = album.result.value->tracksNext;
    int total = 0;
    while (!next.isEmpty()) {
        Outcome<TrackPage> page;
        m_client->albumTracks(next, into(page));
        QTRY_VERIFY(page.called);
        QVERIFY2(page.result.ok(), qPrintable(page.result.error));
        tracks += page.result.value->tracks;
        total = page.result.value->total;
        next = page.result.value->next;
    }
    QVERIFY(total > SpotifyClient::tracksPageSize);
    QCOMPARE(tracks.size(), total);
}

void TestSpotifyClient::tracksPageOutsideTheApiIsRefused()
{
    m_client->setClientSecret(m_fake->clientSecret());
    Outcome<TrackPage> outcome;
    m_client->albumTracks(QUrl(QStringLiteral("https://collector.example/v1/albums/x/tracks")),
                          into(outcome));
    QTRY_VERIFY(outcome.called);
    QVERIFY(!outcome.result.ok());
    QVERIFY2(outcome.result.error.contains(QStringLiteral("outside")),
             qPrintable(outcome.result.error));
    QCOMPARE(m_fake->server().requestCount(), 0);
}

void TestSpotifyClient::unregisteredUserGetsTheDashboardHint()
{
    QVERIFY(logIn());
    m_fake->setUserNotRegistered(true);
    Outcome<AlbumListPage> outcome;
    m_client->savedAlbums(0, into(outcome));
    QTRY_VERIFY(outcome.called);
    QVERIFY(!outcome.result.ok());
    QVERIFY2(outcome.result.error.contains(QStringLiteral("User Management")),
             qPrintable(outcome.result.error));
}

QTEST_GUILESS_MAIN(TestSpotifyClient)
#include "tst_spotifyclient.moc"
