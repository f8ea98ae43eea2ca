#include "core/workerpool.h"
#include "credentials/accountmanager.h"
#include "credentials/credentialstore.h"
#include "credentials/memorysecretbackend.h"
#include "fakediscogs.h"
#include "fakespotify.h"
#include "providers/discogsclient.h"
#include "providers/musicbrainzclient.h"
#include "providers/spotifyclient.h"
#include "providers/spotifylogin.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace aime;

namespace {

SecretResult readNow(CredentialStore &store, Secret secret)
{
    SecretResult answer;
    bool called = false;
    store.read(secret, [&](const SecretResult &result) {
        answer = result;
        called = true;
    });
    if (!QTest::qWaitFor([&called] { return called; }, 5000))
        return {SecretResult::Status::Failed, {}, QStringLiteral("the keychain did not answer")};
    return answer;
}

} // namespace

// AccountManager over a stand-in keychain, with the fake Discogs and Spotify.
class TestAccountManager : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void verifiedDiscogsTokenIsKeptAndRestored();
    void discogsTokenOfAnotherUserIsRefused();
    void unavailableKeychainKeepsForThisRunWhenAllowed();
    void settingsHoldNoSecret();
    void verifyingABadDiscogsTokenLeavesRequestsInFlightAlone();
    void quickDiscogsVerifiesLeaveTheRightToken();
    void refusedSpotifyConnectLeavesNoToken();
    void cancelledSpotifyConnectLeavesNoToken();

private:
    void rebuild();
    // The browser's part of a Spotify login: the fake approves, the redirect reaches the login.
    bool approveInBrowser(const SpotifyLogin &login);
    QNetworkReply *browse(const QUrl &url);

    std::unique_ptr<fakes::FakeDiscogs> m_discogsServer;
    std::unique_ptr<fakes::FakeSpotify> m_spotifyServer;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<QNetworkAccessManager> m_browser;
    std::unique_ptr<WorkerPool> m_pool;
    std::unique_ptr<SpotifyClient> m_spotify;
    std::unique_ptr<DiscogsClient> m_discogs;
    std::unique_ptr<MusicBrainzClient> m_musicBrainz;
    MemorySecretBackend *m_keychain = nullptr; // owned by m_credentials
    std::unique_ptr<CredentialStore> m_credentials;
    std::unique_ptr<AccountManager> m_accounts;
};

void TestAccountManager::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestAccountManager::init()
{
    QSettings().clear();
    m_discogsServer = std::make_unique<fakes::FakeDiscogs>();
    QVERIFY(m_discogsServer->listen());
    m_spotifyServer = std::make_unique<fakes::FakeSpotify>();
    QVERIFY(m_spotifyServer->listen());
    m_network = std::make_unique<QNetworkAccessManager>();
    m_browser = std::make_unique<QNetworkAccessManager>();
    m_pool = std::make_unique<WorkerPool>();
    m_keychain = new MemorySecretBackend;
    m_credentials = std::make_unique<CredentialStore>(m_keychain);
    rebuild();
}

// The clients and the manager as a new start of AIME builds them; the keychain stays.
void TestAccountManager::rebuild()
{
    m_accounts.reset();
    m_spotify = std::make_unique<SpotifyClient>(
        m_network.get(), m_pool.get(), m_spotifyServer->apiUrl(), m_spotifyServer->accountsUrl());
    m_discogs = std::make_unique<DiscogsClient>(m_network.get(), m_pool.get(),
                                                m_discogsServer->baseUrl());
    m_musicBrainz = std::make_unique<MusicBrainzClient>(
        m_network.get(), m_pool.get(), QUrl(QStringLiteral("http://127.0.0.1:9/ws/2")),
        QUrl(QStringLiteral("http://127.0.0.1:9")));
    m_accounts = std::make_unique<AccountManager>(m_credentials.get(), m_spotify.get(),
                                                  m_discogs.get(), m_musicBrainz.get());
}

QNetworkReply *TestAccountManager::browse(const QUrl &url)
{
    // A browser shows the redirect to the loopback address; the test follows it by hand.
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = m_browser->get(request);
    reply->setParent(m_browser.get());
    return reply;
}

bool TestAccountManager::approveInBrowser(const SpotifyLogin &login)
{
    QNetworkReply *authorize = browse(login.authorizeUrl());
    if (!QTest::qWaitFor([authorize] { return authorize->isFinished(); }, 10000))
        return false;
    const QUrl location = authorize->header(QNetworkRequest::LocationHeader).toUrl();
    if (!location.isValid())
        return false;
    QNetworkReply *callback = browse(location);
    return QTest::qWaitFor([callback] { return callback->isFinished(); }, 10000);
}

void TestAccountManager::cleanup()
{
    m_accounts.reset();
    m_credentials.reset();
    m_musicBrainz.reset();
    m_discogs.reset();
    m_spotify.reset();
    m_pool.reset();
    m_browser.reset();
    m_network.reset();
    m_spotifyServer.reset();
    m_discogsServer.reset();
    QSettings().clear();
}

void TestAccountManager::verifiedDiscogsTokenIsKeptAndRestored()
{
    QSignalSpy verified(m_accounts.get(), &AccountManager::discogsVerified);
    m_accounts->verifyDiscogs(m_discogsServer->username(), m_discogsServer->token());
    QTRY_COMPARE(verified.count(), 1);
    QVERIFY2(verified.first().at(0).toBool(), qPrintable(verified.first().at(1).toString()));
    QCOMPARE(m_accounts->settings().discogsUser, m_discogsServer->username());
    QTRY_COMPARE(readNow(*m_credentials, Secret::DiscogsToken).secret, m_discogsServer->token());

    // The next start reads the token back into the client.
    rebuild();
    QVERIFY(!m_discogs->hasToken());
    QSignalSpy restored(m_accounts.get(), &AccountManager::restored);
    m_accounts->restore();
    QTRY_COMPARE(restored.count(), 1);
    QVERIFY(m_discogs->hasToken());
    QCOMPARE(m_accounts->settings().discogsUser, m_discogsServer->username());

    m_accounts->disconnectDiscogs();
    QVERIFY(!m_discogs->hasToken());
    QTRY_COMPARE(readNow(*m_credentials, Secret::DiscogsToken).status,
                 SecretResult::Status::NotFound);
}

void TestAccountManager::discogsTokenOfAnotherUserIsRefused()
{
    QSignalSpy verified(m_accounts.get(), &AccountManager::discogsVerified);
    m_accounts->verifyDiscogs(QStringLiteral("somebody"), m_discogsServer->token());
    QTRY_COMPARE(verified.count(), 1);
    QVERIFY(!verified.first().at(0).toBool());
    QVERIFY(verified.first().at(1).toString().contains(QStringLiteral("belongs to")));
    QVERIFY(m_accounts->settings().discogsUser.isEmpty());
    QCOMPARE(readNow(*m_credentials, Secret::DiscogsToken).status, SecretResult::Status::NotFound);
    // The refused token is not left in the client.
    QVERIFY(!m_discogs->hasToken());
}

void TestAccountManager::unavailableKeychainKeepsForThisRunWhenAllowed()
{
    m_keychain->setUnavailable(true);
    QSignalSpy unavailable(m_accounts.get(), &AccountManager::keychainUnavailable);
    m_accounts->setSpotifyClientSecret(QStringLiteral("client-secret"));
    QTRY_COMPARE(unavailable.count(), 1);
    QCOMPARE(readNow(*m_credentials, Secret::SpotifyClientSecret).status,
             SecretResult::Status::Unavailable);

    m_accounts->keepSecretsForThisRun();
    QVERIFY(m_credentials->isSessionOnly());
    QTRY_COMPARE(readNow(*m_credentials, Secret::SpotifyClientSecret).secret,
                 QStringLiteral("client-secret"));
    // The client has it for this run either way.
    QVERIFY(m_spotify->hasClientSecret());
}

void TestAccountManager::settingsHoldNoSecret()
{
    QSignalSpy verified(m_accounts.get(), &AccountManager::discogsVerified);
    m_accounts->setSpotifyClientId(m_spotifyServer->clientId());
    m_accounts->setSpotifyClientSecret(m_spotifyServer->clientSecret());
    m_accounts->verifyDiscogs(m_discogsServer->username(), m_discogsServer->token());
    QTRY_COMPARE(verified.count(), 1);
    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray contents = file.readAll();
    QVERIFY(contents.contains(m_spotifyServer->clientId().toUtf8()));
    QVERIFY(!contents.contains(m_spotifyServer->clientSecret().toUtf8()));
    QVERIFY(!contents.contains(m_discogsServer->token().toUtf8()));
}

// An import keeps its requests going while a new token is checked; a refused token must not
// reach them.
void TestAccountManager::verifyingABadDiscogsTokenLeavesRequestsInFlightAlone()
{
    QSignalSpy verified(m_accounts.get(), &AccountManager::discogsVerified);
    m_accounts->verifyDiscogs(m_discogsServer->username(), m_discogsServer->token());
    QTRY_COMPARE(verified.count(), 1);
    QVERIFY(verified.takeFirst().at(0).toBool());

    QList<ParseResult<Album>> releases;
    const auto fetch = [this, &releases](int index) {
        m_discogs->release(
            fakes::FakeDiscogs::releaseId(index),
            [&releases](const ParseResult<Album> &album) { releases.append(album); });
    };
    constexpr int before = 6;
    constexpr int during = 6;
    for (int index = 0; index < before; ++index)
        fetch(index);
    m_accounts->verifyDiscogs(m_discogsServer->username(), QStringLiteral("not-the-token"));
    // Sent while Discogs is still being asked about the new token.
    for (int index = before; index < before + during; ++index)
        fetch(index);

    QTRY_COMPARE(verified.count(), 1);
    QVERIFY(!verified.first().at(0).toBool());
    QTRY_COMPARE(releases.size(), before + during);
    for (const ParseResult<Album> &release : std::as_const(releases))
        QVERIFY2(release.ok(), qPrintable(release.error));
    QCOMPARE(m_discogs->token(), m_discogsServer->token());
    QCOMPARE(readNow(*m_credentials, Secret::DiscogsToken).secret, m_discogsServer->token());
}

void TestAccountManager::quickDiscogsVerifiesLeaveTheRightToken()
{
    QSignalSpy verified(m_accounts.get(), &AccountManager::discogsVerified);
    m_accounts->verifyDiscogs(m_discogsServer->username(), m_discogsServer->token());
    QTRY_COMPARE(verified.count(), 1);
    QVERIFY(verified.takeFirst().at(0).toBool());

    // Two tokens typed in quick succession, both refused: the verified one stays.
    m_accounts->verifyDiscogs(m_discogsServer->username(), QStringLiteral("first-wrong-token"));
    m_accounts->verifyDiscogs(m_discogsServer->username(), QStringLiteral("second-wrong-token"));
    QTRY_VERIFY(!verified.isEmpty());
    QTRY_VERIFY2(m_discogs->gate()->inFlight() == 0 && m_discogs->gate()->queueLength() == 0,
                 qPrintable(QStringLiteral("in flight %1, queued %2, wait %3 ms, requests %4")
                                .arg(m_discogs->gate()->inFlight())
                                .arg(m_discogs->gate()->queueLength())
                                .arg(m_discogs->gate()->currentWaitMs())
                                .arg(m_discogsServer->server().requestCount())));
    QVERIFY(!verified.last().at(0).toBool());
    QCOMPARE(m_discogs->token(), m_discogsServer->token());
    QCOMPARE(m_accounts->settings().discogsUser, m_discogsServer->username());
    QCOMPARE(readNow(*m_credentials, Secret::DiscogsToken).secret, m_discogsServer->token());

    // Two good answers out of order cannot install the older token over the newer either: the
    // later verify is the one that counts.
    verified.clear();
    m_accounts->verifyDiscogs(m_discogsServer->username(), QStringLiteral("third-wrong-token"));
    m_accounts->verifyDiscogs(m_discogsServer->username(), m_discogsServer->token());
    QTRY_VERIFY(!verified.isEmpty());
    QTRY_VERIFY(m_discogs->gate()->inFlight() == 0 && m_discogs->gate()->queueLength() == 0);
    QVERIFY2(verified.last().at(0).toBool(), qPrintable(verified.last().at(1).toString()));
    QCOMPARE(m_discogs->token(), m_discogsServer->token());
}

// Spotify gives tokens, then /v1/me answers 403 (a user missing from the app's allow-list in
// the developer dashboard): the login failed, and the token it got must not outlive it.
void TestAccountManager::refusedSpotifyConnectLeavesNoToken()
{
    m_accounts->setSpotifyClientId(m_spotifyServer->clientId());
    m_spotifyServer->setUserNotRegistered(true);
    QSignalSpy finished(m_accounts.get(), &AccountManager::spotifyLoginFinished);
    QString problem;
    SpotifyLogin *login = m_accounts->connectSpotify(&problem);
    QVERIFY2(login, qPrintable(problem));
    QVERIFY(approveInBrowser(*login));
    QTRY_COMPARE(finished.count(), 1);
    QVERIFY(!finished.first().at(0).toBool());
    // The code was traded for tokens before /v1/me refused.
    QCOMPARE(m_spotifyServer->tokenRequests(QStringLiteral("authorization_code")), 1);
    QVERIFY(!m_accounts->isSpotifyConnected());
    QVERIFY(!m_spotify->hasUser());
    QCOMPARE(readNow(*m_credentials, Secret::SpotifyRefreshToken).status,
             SecretResult::Status::NotFound);
}

// Cancelled between the token exchange and /v1/me: nobody was confirmed, nothing is kept.
void TestAccountManager::cancelledSpotifyConnectLeavesNoToken()
{
    m_accounts->setSpotifyClientId(m_spotifyServer->clientId());
    QSignalSpy finished(m_accounts.get(), &AccountManager::spotifyLoginFinished);
    // Every answer comes late, so that /v1/me is still out when the exchange has answered.
    m_spotifyServer->server().setLatency(std::chrono::seconds(2));
    QString problem;
    SpotifyLogin *login = m_accounts->connectSpotify(&problem);
    QVERIFY2(login, qPrintable(problem));
    QVERIFY(approveInBrowser(*login));
    QTRY_VERIFY_WITH_TIMEOUT(m_spotify->hasUser(), 10000);
    m_accounts->cancelSpotifyLogin();
    QVERIFY(!m_spotify->hasUser());
    QVERIFY(!m_accounts->isSpotifyConnected());
    QCOMPARE(readNow(*m_credentials, Secret::SpotifyRefreshToken).status,
             SecretResult::Status::NotFound);
    QCOMPARE(finished.count(), 0);
}

QTEST_GUILESS_MAIN(TestAccountManager)
#include "tst_accountmanager.moc"
