#include "core/workerpool.h"
#include "credentials/accountmanager.h"
#include "credentials/credentialstore.h"
#include "credentials/memorysecretbackend.h"
#include "fakediscogs.h"
#include "fakespotify.h"
#include "providers/discogsclient.h"
#include "providers/musicbrainzclient.h"
#include "providers/spotifyclient.h"

#include <QNetworkAccessManager>
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

private:
    void rebuild();

    std::unique_ptr<fakes::FakeDiscogs> m_discogsServer;
    std::unique_ptr<fakes::FakeSpotify> m_spotifyServer;
    std::unique_ptr<QNetworkAccessManager> m_network;
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

void TestAccountManager::cleanup()
{
    m_accounts.reset();
    m_credentials.reset();
    m_musicBrainz.reset();
    m_discogs.reset();
    m_spotify.reset();
    m_pool.reset();
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

QTEST_GUILESS_MAIN(TestAccountManager)
#include "tst_accountmanager.moc"
