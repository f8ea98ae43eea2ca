#pragma once

#include "providers/providerclient.h"
#include "providers/spotifyparser.h"

#include <QDeadlineTimer>
#include <QNetworkRequest>
#include <QUrl>

namespace aime {

// An album as GET /v1/albums/{id} gives it: the first page of tracks (up to 50), and where the
// rest are when there are more.
struct SpotifyAlbum
{
    Album album;
    QUrl tracksNext; // empty when album.tracks is complete
};

// The Spotify Web API through its gate (PROVIDERS.md section 1), within the 2026 development-mode
// rules: search pages of at most 10, one album per request, no label or genres.
//
// Two kinds of token, both kept in memory only (the caller keeps the refresh token in the
// keychain, see refreshTokenChanged()):
// - a connected user's token (Authorization Code with PKCE, see SpotifyLogin), renewed with its
//   refresh token; it serves everything, saved albums included;
// - without a user, an app token from the client-credentials grant, which needs the Client
//   Secret; it serves search and album lookup.
// The gate asks for a token before the first request and again after a 401; the requests wait
// meanwhile. Token requests go through a second gate of their own, to the accounts host.
class SpotifyClient : public ProviderClient
{
    Q_OBJECT

public:
    static constexpr int searchPageSize = 10; // the development-mode maximum
    static constexpr int searchRetries = 1; // a person is waiting
    static constexpr int savedAlbumsPageSize = 50;
    static constexpr int tracksPageSize = 50;
    static constexpr auto scope = "user-library-read";

    SpotifyClient(QNetworkAccessManager *network, QThreadPool *pool, QUrl apiUrl, QUrl accountsUrl,
                  QObject *parent = nullptr);
    ~SpotifyClient() override;

    QUrl apiUrl() const { return m_apiUrl; }
    QUrl accountsUrl() const { return m_accountsUrl; }

    void setClientId(const QString &clientId);
    QString clientId() const { return m_clientId; }
    void setClientSecret(const QString &clientSecret);
    bool hasClientSecret() const { return !m_clientSecret.isEmpty(); }

    // A connected user, e.g. from the keychain at start-up: the refresh token is enough.
    void setUserRefreshToken(const QString &refreshToken);
    // Forgets the user's tokens (the keychain is the caller's).
    void disconnectUser();
    bool hasUser() const { return !m_userRefreshToken.isEmpty() || !m_userAccessToken.isEmpty(); }
    // Search and album lookup need a connected user or a Client ID with its secret.
    bool canSearch() const { return hasUser() || (!m_clientId.isEmpty() && hasClientSecret()); }

    // GET /v1/search?type=album, `searchPageSize` results from `offset`.
    GateReply *search(const QString &query, int offset, Handler<AlbumListPage> done);
    GateReply *album(const QString &albumId, Handler<SpotifyAlbum> done);
    // A "next" URL of an album's tracks; only URLs under the API base are followed.
    GateReply *albumTracks(const QUrl &next, Handler<TrackPage> done);
    // The URL of an album's tracks from `offset`, for albums whose embedded page (saved albums
    // carry one) is not the whole list.
    QUrl albumTracksUrl(const QString &albumId, int offset) const;
    // GET /v1/me/albums, `savedAlbumsPageSize` from `offset`; needs a connected user.
    GateReply *savedAlbums(int offset, Handler<AlbumListPage> done);
    GateReply *currentUser(Handler<SpotifyUser> done);

    // The last step of the login: trades the code the redirect brought for the user's tokens,
    // which the client then uses (and announces with refreshTokenChanged()).
    GateReply *exchangeAuthorizationCode(const QString &code, const QByteArray &verifier,
                                         const QString &redirectUri, Handler<SpotifyToken> done);
    // The authorize URL for the user's browser (PROVIDERS.md section 1.3).
    QUrl authorizeUrl(const QString &redirectUri, const QByteArray &challenge,
                      const QByteArray &state) const;

    ProviderGate *accountsGate() const { return m_accountsGate; }

Q_SIGNALS:
    // Keep it in the keychain: with PKCE the old one stops working once used.
    void refreshTokenChanged(const QString &refreshToken);
    // Spotify no longer accepts the user's refresh token; the account must be connected again.
    void userDisconnected(const QString &reason);

protected:
    QString failureMessage(const GateReply &reply, const QString &providerText) const override;

private:
    QNetworkRequest apiRequest(const QString &path,
                               const QList<QPair<QString, QString>> &query) const;
    QNetworkRequest apiRequest(const QUrl &url) const;
    GateReply *requestToken(const QList<QPair<QString, QString>> &form, bool withClientSecret,
                            Handler<SpotifyToken> done);
    void renewToken(const std::function<void(const QString &)> &done);
    void adoptUserToken(const SpotifyToken &token);
    bool tokenUsable() const;
    static QString withoutUserMessage();
    static QString withoutCredentialsMessage();

    QUrl m_apiUrl;
    QUrl m_accountsUrl;
    ProviderGate *m_accountsGate;
    QString m_clientId;
    QString m_clientSecret;
    QString m_userAccessToken;
    QString m_userRefreshToken;
    QDeadlineTimer m_userExpiry;
    QString m_appAccessToken;
    QDeadlineTimer m_appExpiry;
};

} // namespace aime
