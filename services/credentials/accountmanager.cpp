#include "credentials/accountmanager.h"

#include "credentials/credentialstore.h"
#include "providers/discogsclient.h"
#include "providers/gatereply.h"
#include "providers/musicbrainzclient.h"
#include "providers/spotifyclient.h"
#include "providers/spotifylogin.h"

#include <QProcessEnvironment>

namespace aime {

AccountManager::AccountManager(CredentialStore *credentials, SpotifyClient *spotify,
                               DiscogsClient *discogs, MusicBrainzClient *musicBrainz,
                               QObject *parent)
    : QObject(parent),
      m_credentials(credentials),
      m_spotify(spotify),
      m_discogs(discogs),
      m_musicBrainz(musicBrainz)
{
    connect(m_credentials, &CredentialStore::keychainUnavailable, this,
            &AccountManager::keychainUnavailable);
    // PKCE refresh tokens are single use: the new one must replace the old at once. While a
    // login runs, the token waits until Spotify says whose it is (endSpotifyLogin()): a login
    // that fails must leave no live token in the keychain.
    connect(m_spotify, &SpotifyClient::refreshTokenChanged, this, [this](const QString &token) {
        if (m_login)
            m_loginRefreshToken = token;
        else
            keep(Secret::SpotifyRefreshToken, token);
    });
    connect(m_spotify, &SpotifyClient::userDisconnected, this, [this](const QString &reason) {
        forget(Secret::SpotifyRefreshToken);
        m_settings.spotifyUser.clear();
        m_settings.save();
        Q_EMIT problem(tr("Spotify disconnected AIME: %1").arg(reason));
        Q_EMIT changed();
    });
}

AccountManager::~AccountManager()
{
    // Nobody is left to hear the answer.
    if (m_discogsCheck)
        m_discogsCheck->cancel();
}

void AccountManager::restore()
{
    m_settings = AccountSettings::load();
    m_spotify->setClientId(m_settings.spotifyClientId);
    m_musicBrainz->setContact(m_settings.musicBrainzContact);
    struct Wanted
    {
        Secret secret;
        bool expected;
    };
    const Wanted wanted[] = {
        {Secret::SpotifyRefreshToken, !m_settings.spotifyUser.isEmpty()},
        {Secret::SpotifyClientSecret, m_settings.spotifyHasClientSecret},
        {Secret::DiscogsToken, m_settings.discogsHasToken},
    };
    m_pendingReads = 0;
    for (const Wanted &entry : wanted) {
        // Only what Preferences says is there: a keychain may prompt for each read.
        if (!entry.expected)
            continue;
        ++m_pendingReads;
        const Secret secret = entry.secret;
        m_credentials->read(secret, [this, secret](const SecretResult &result) {
            if (result.ok()) {
                if (secret == Secret::SpotifyRefreshToken)
                    m_spotify->setUserRefreshToken(result.secret);
                else if (secret == Secret::SpotifyClientSecret)
                    m_spotify->setClientSecret(result.secret);
                else
                    m_discogs->setToken(result.secret);
            } else if (result.status != SecretResult::Status::NotFound) {
                Q_EMIT problem(
                    tr("Cannot read AIME's credentials from the keychain: %1").arg(result.message));
            }
            if (--m_pendingReads == 0)
                finishRestore();
        });
    }
    if (m_pendingReads == 0)
        finishRestore();
}

void AccountManager::finishRestore()
{
    useEnvironment();
    m_restored = true;
    Q_EMIT restored();
    Q_EMIT changed();
}

void AccountManager::useEnvironment()
{
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const QString discogsToken = environment.value(QStringLiteral("AIME_DISCOGS_TOKEN")).trimmed();
    const QString discogsUser = environment.value(QStringLiteral("AIME_DISCOGS_USER")).trimmed();
    if (!m_discogs->hasToken() && !discogsToken.isEmpty() && !discogsUser.isEmpty()) {
        m_discogs->setToken(discogsToken);
        m_environmentDiscogsUser = discogsUser;
    }
    const QString clientId = environment.value(QStringLiteral("AIME_SPOTIFY_CLIENT_ID")).trimmed();
    if (m_settings.spotifyClientId.isEmpty() && !clientId.isEmpty()) {
        m_spotify->setClientId(clientId);
        m_environmentSpotifyClientId = clientId;
    }
    // A token printed by aime-cli login spotify --print-refresh-token on a machine without a
    // keychain; used for this run, never stored.
    const QString refreshToken
        = environment.value(QStringLiteral("AIME_SPOTIFY_REFRESH_TOKEN")).trimmed();
    if (!m_spotify->hasUser() && !refreshToken.isEmpty())
        m_spotify->setUserRefreshToken(refreshToken);
    const QString secret
        = environment.value(QStringLiteral("AIME_SPOTIFY_CLIENT_SECRET")).trimmed();
    if (!m_spotify->hasClientSecret() && !secret.isEmpty())
        m_spotify->setClientSecret(secret);
}

void AccountManager::keep(Secret secret, const QString &value)
{
    m_credentials->write(secret, value, [this, secret, value](const SecretResult &result) {
        if (result.status == SecretResult::Status::Unavailable)
            m_unkept.append({secret, value});
        else if (!result.ok())
            Q_EMIT problem(tr("The keychain did not keep the credentials: %1").arg(result.message));
    });
}

void AccountManager::forget(Secret secret)
{
    m_unkept.removeIf([secret](const auto &entry) { return entry.first == secret; });
    m_credentials->remove(secret, [this](const SecretResult &result) {
        if (!result.ok() && result.status != SecretResult::Status::Unavailable)
            Q_EMIT problem(
                tr("The keychain did not forget the credentials: %1").arg(result.message));
    });
}

void AccountManager::keepSecretsForThisRun()
{
    m_credentials->allowSessionOnly();
    const auto unkept = std::exchange(m_unkept, {});
    for (const auto &[secret, value] : unkept)
        keep(secret, value);
    Q_EMIT changed();
}

void AccountManager::setSpotifyClientId(const QString &clientId)
{
    const QString trimmed = clientId.trimmed();
    if (trimmed == m_settings.spotifyClientId)
        return;
    // A user connected through another app's Client ID cannot be refreshed with this one.
    if (isSpotifyConnected())
        disconnectSpotify();
    m_settings.spotifyClientId = trimmed;
    m_settings.save();
    if (!trimmed.isEmpty())
        m_environmentSpotifyClientId.clear();
    m_spotify->setClientId(trimmed);
    Q_EMIT changed();
}

bool AccountManager::spotifyCanSearchWithoutUser() const
{
    return !m_spotify->clientId().isEmpty() && m_spotify->hasClientSecret();
}

void AccountManager::setSpotifyClientSecret(const QString &secret)
{
    const QString trimmed = secret.trimmed();
    m_spotify->setClientSecret(trimmed);
    m_settings.spotifyHasClientSecret = !trimmed.isEmpty();
    m_settings.save();
    if (trimmed.isEmpty())
        forget(Secret::SpotifyClientSecret);
    else
        keep(Secret::SpotifyClientSecret, trimmed);
    Q_EMIT changed();
}

SpotifyLogin *AccountManager::connectSpotify(QString *problem)
{
    cancelSpotifyLogin();
    auto *login = new SpotifyLogin(m_spotify, this);
    if (!login->start(problem)) {
        delete login;
        return nullptr;
    }
    m_login = login;
    connect(login, &SpotifyLogin::succeeded, this, [this, login](const SpotifyUser &user) {
        endSpotifyLogin(true);
        m_settings.spotifyUser = user.displayName.isEmpty() ? user.id : user.displayName;
        m_settings.save();
        login->deleteLater();
        Q_EMIT spotifyLoginFinished(true, tr("Connected as %1.").arg(m_settings.spotifyUser));
        Q_EMIT changed();
    });
    connect(login, &SpotifyLogin::failed, this, [this, login](const QString &message) {
        endSpotifyLogin(false);
        login->deleteLater();
        Q_EMIT spotifyLoginFinished(false, message);
        Q_EMIT changed();
    });
    return login;
}

void AccountManager::endSpotifyLogin(bool confirmed)
{
    const SpotifyLogin *login = std::exchange(m_login, nullptr);
    const QString token = std::exchange(m_loginRefreshToken, {});
    if (!confirmed && login && login->receivedTokens()) {
        // The client let go of the unconfirmed tokens, and of whoever was connected before.
        forget(Secret::SpotifyRefreshToken);
        m_settings.spotifyUser.clear();
        m_settings.save();
        return;
    }
    // Confirmed, or a refresh of the connected user's token while the login was waiting.
    if (!token.isEmpty())
        keep(Secret::SpotifyRefreshToken, token);
}

void AccountManager::cancelSpotifyLogin()
{
    if (!m_login)
        return;
    m_login->cancel();
    m_login->deleteLater();
    endSpotifyLogin(false);
    Q_EMIT changed();
}

void AccountManager::disconnectSpotify()
{
    cancelSpotifyLogin();
    m_spotify->disconnectUser();
    forget(Secret::SpotifyRefreshToken);
    m_settings.spotifyUser.clear();
    m_settings.save();
    Q_EMIT changed();
}

void AccountManager::verifyDiscogs(const QString &user, const QString &token)
{
    // Only the last verify counts: an earlier one still out must not install its token after it.
    if (m_discogsCheck)
        m_discogsCheck->cancel();
    const quint64 check = ++m_discogsChecks;
    const QString name = user.trimmed();
    const QString trimmedToken = token.trimmed();
    if (name.isEmpty() || trimmedToken.isEmpty()) {
        Q_EMIT discogsVerified(false, tr("Enter your Discogs user name and token."));
        return;
    }
    // The new token goes with this one request only: an import running meanwhile keeps the
    // token in use until Discogs has accepted the new one.
    QPointer<AccountManager> self(this);
    m_discogsCheck = m_discogs->identity(
        trimmedToken,
        [this, self, check, name, trimmedToken](const ParseResult<DiscogsIdentity> &identity) {
            if (!self || check != m_discogsChecks)
                return;
            if (!identity.ok()) {
                Q_EMIT discogsVerified(false, identity.error);
                return;
            }
            if (identity.value->username.compare(name, Qt::CaseInsensitive) != 0) {
                Q_EMIT discogsVerified(false,
                                       tr("This token belongs to Discogs user \"%1\", not "
                                          "\"%2\".")
                                           .arg(identity.value->username, name));
                return;
            }
            m_discogs->setToken(trimmedToken);
            m_environmentDiscogsUser.clear();
            m_settings.discogsUser = identity.value->username;
            m_settings.discogsHasToken = true;
            m_settings.save();
            keep(Secret::DiscogsToken, trimmedToken);
            Q_EMIT discogsVerified(true, tr("Connected as %1.").arg(identity.value->username));
            Q_EMIT changed();
        });
}

void AccountManager::disconnectDiscogs()
{
    // A verify still out would connect again what the person just disconnected.
    if (m_discogsCheck)
        m_discogsCheck->cancel();
    ++m_discogsChecks;
    m_discogs->setToken({});
    m_environmentDiscogsUser.clear();
    forget(Secret::DiscogsToken);
    m_settings.discogsUser.clear();
    m_settings.discogsHasToken = false;
    m_settings.save();
    Q_EMIT changed();
}

void AccountManager::setMusicBrainzContact(const QString &contact)
{
    m_settings.musicBrainzContact = contact.trimmed();
    m_settings.save();
    m_musicBrainz->setContact(m_settings.musicBrainzContact);
    Q_EMIT changed();
}

} // namespace aime
