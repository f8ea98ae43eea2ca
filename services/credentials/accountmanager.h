#pragma once

#include "credentials/accountsettings.h"
#include "credentials/secretbackend.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <optional>

namespace aime {

class CredentialStore;
class DiscogsClient;
class GateReply;
class MusicBrainzClient;
class SpotifyClient;
class SpotifyLogin;
enum class Secret;

// The accounts of Preferences > Accounts, and what keeps the clients in step with them: at
// start-up it reads the secrets from the keychain into the clients; it connects and
// disconnects Spotify, verifies a Discogs token, and keeps the MusicBrainz contact. Non-secret
// state goes to QSettings (AccountSettings), secrets only to the CredentialStore.
class AccountManager : public QObject
{
    Q_OBJECT

public:
    AccountManager(CredentialStore *credentials, SpotifyClient *spotify, DiscogsClient *discogs,
                   MusicBrainzClient *musicBrainz, QObject *parent = nullptr);
    ~AccountManager() override;

    // Loads the settings and reads the secrets into the clients; restored() follows.
    void restore();
    bool isRestored() const { return m_restored; }
    const AccountSettings &settings() const { return m_settings; }
    CredentialStore *credentials() const { return m_credentials; }

    // Spotify
    void setSpotifyClientId(const QString &clientId);
    // Empty removes it.
    void setSpotifyClientSecret(const QString &secret);
    // The login in progress: show its authorizeUrl() in the browser. Null (with *problem) when
    // it cannot start. spotifyLoginFinished() tells how it ended.
    SpotifyLogin *connectSpotify(QString *problem = nullptr);
    void cancelSpotifyLogin();
    void disconnectSpotify();
    bool isSpotifyConnected() const { return !m_settings.spotifyUser.isEmpty(); }
    // Search without a user: a Client ID with its secret (from Preferences or the environment).
    bool spotifyCanSearchWithoutUser() const;

    // Discogs: checks the token with /oauth/identity, then keeps both; until Discogs accepts
    // it, the client goes on with the token it has. A verify started before an earlier one has
    // answered replaces it: only the last one's discogsVerified() comes.
    void verifyDiscogs(const QString &user, const QString &token);
    void disconnectDiscogs();

    void setMusicBrainzContact(const QString &contact);

    // Credentials taken from the environment (AIME_DISCOGS_TOKEN and AIME_DISCOGS_USER,
    // AIME_SPOTIFY_CLIENT_ID and AIME_SPOTIFY_CLIENT_SECRET) where Preferences has none, e.g.
    // from aime-fake-providers: used for this run, never stored. Empty when none is used.
    QString environmentDiscogsUser() const { return m_environmentDiscogsUser; }
    QString environmentSpotifyClientId() const { return m_environmentSpotifyClientId; }

    // After keychainUnavailable(): the person agreed to keep secrets for this run only; what
    // could not be kept is kept now.
    void keepSecretsForThisRun();

Q_SIGNALS:
    void restored();
    void changed();
    void spotifyLoginFinished(bool ok, const QString &message);
    void discogsVerified(bool ok, const QString &message);
    // No keychain service runs; ask the person, then call keepSecretsForThisRun().
    void keychainUnavailable(const QString &message);
    // A keychain failure other than a missing service, for the status bar.
    void problem(const QString &message);

private:
    void keep(Secret secret, const QString &value);
    void finishRestore();
    void useEnvironment();
    void forget(Secret secret);
    void endSpotifyLogin(bool confirmed);

    CredentialStore *m_credentials;
    QPointer<SpotifyClient> m_spotify;
    QPointer<DiscogsClient> m_discogs;
    QPointer<MusicBrainzClient> m_musicBrainz;
    QPointer<SpotifyLogin> m_login; // the login running, null once it has ended
    QString m_loginRefreshToken; // a refresh token that came while m_login ran
    QPointer<GateReply> m_discogsCheck;
    quint64 m_discogsChecks = 0;
    AccountSettings m_settings;
    QList<QPair<Secret, QString>> m_unkept;
    QString m_environmentDiscogsUser;
    QString m_environmentSpotifyClientId;
    int m_pendingReads = 0;
    bool m_restored = false;
};

} // namespace aime
