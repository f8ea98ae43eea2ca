#pragma once

#include "fakeserver.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <chrono>

namespace aime::fakes {

struct FakeSpotifyOptions
{
    int albumCount = 100; // clamped to 10..100,000
    int savedCount = -1; // albums in the user's library: -1 all, else the first N (clamped)
    QString clientId = QStringLiteral("fake-client-id");
    QString clientSecret = QStringLiteral("fake-client-secret");
    QString userId = QStringLiteral("fakecollector");
    QString displayName = QStringLiteral("Fake Collector");
    bool devMode = true; // the Feb 2026 development-mode limits and stripped fields
    int tokenLifetimeSeconds = 3600; // expires_in; 0 gives tokens that are expired at once
};

// A fake Spotify (PROVIDERS.md section 1): the accounts service and the Web API on one real local
// HTTP server. accountsUrl() stands for https://accounts.spotify.com, apiUrl() for
// https://api.spotify.com/v1. It serves a generated catalogue that is the same for the same album
// count on every run: album i has the id albumId(i); the user's library holds the first
// savedCount albums, newest first.
//
// Accounts: GET /authorize (PKCE, auto-approved: 302 to the loopback redirect URI with a
// single-use code), POST /api/token (client_credentials with Basic auth; authorization_code
// with client_id and code_verifier; refresh_token, rotating). API (Bearer token): GET
// /v1/search, /v1/albums/{id}, /v1/albums/{id}/tracks, /v1/albums?ids= (403 in dev mode),
// /v1/me, /v1/me/albums. Errors use the two real shapes: OAuth style on the token endpoint,
// {"error": {"status", "message"}} on the API. Limits, latency and faults are set on server(),
// which also records what clients did.
class FakeSpotify
{
public:
    explicit FakeSpotify(FakeSpotifyOptions options = {});
    FakeSpotify(const FakeSpotify &) = delete;
    FakeSpotify &operator=(const FakeSpotify &) = delete;

    bool listen(quint16 port = 0) { return m_server.listen(port); }
    // http://127.0.0.1:PORT, for /authorize and /api/token.
    QUrl accountsUrl() const { return m_server.baseUrl(); }
    // http://127.0.0.1:PORT/v1
    QUrl apiUrl() const;
    FakeServer &server() { return m_server; }

    int albumCount() const { return int(m_albums.size()); }
    int savedCount() const { return m_savedCount; }
    QString clientId() const { return m_options.clientId; }
    QString clientSecret() const { return m_options.clientSecret; }
    QString userId() const { return m_options.userId; }
    QString displayName() const { return m_options.displayName; }
    bool devMode() const { return m_options.devMode; }

    // The 22-character base62 id of album `index`; the same in every catalogue that holds it.
    static QString albumId(int index);
    // The index of an id of this catalogue, or -1.
    int albumIndex(const QString &id) const;
    // The body GET /v1/albums/{id} answers; empty for an unknown id.
    QByteArray albumBody(const QString &id) const;

    // Test hooks.
    // The next /authorize redirects with error=access_denied, as when the user clicks "Cancel".
    void denyNextAuthorization() { m_denyNext = true; }
    // The query of the last GET /authorize, decoded ('+' read as a space).
    QUrlQuery lastAuthorizeQuery() const { return m_lastAuthorizeQuery; }
    // Refresh answers carry no refresh_token and the used one stays valid (PROVIDERS.md 1.3).
    void setOmitRefreshTokenOnRefresh(bool omit) { m_omitRefreshToken = omit; }
    // Every access token issued so far is expired; later ones are not.
    void expireAllAccessTokens();
    // API calls made with a user's token answer 403, as for a user missing from the allow-list.
    void setUserNotRegistered(bool notRegistered) { m_userNotRegistered = notRegistered; }
    // POST /api/token requests with this grant_type, refused ones included.
    int tokenRequests(const QString &grantType) const { return m_tokenRequests.value(grantType); }

    static constexpr int MaxSearchOffset = 1000;
    // Spotify counts requests over a rolling 30 s window and publishes no numbers (PROVIDERS.md
    // 1.10). server().setRateLimit(n, FakeSpotify::RateWindow) enforces one: 429 with Retry-After
    // and the Web API's error body.
    static constexpr std::chrono::seconds RateWindow {30};

private:
    // What the generator decides for one album; the JSON is built from it on demand, so a
    // catalogue of 100,000 albums stays small.
    struct Album
    {
        quint64 seed = 0;
        QStringList artists; // one, or two for a duet; "Various Artists" for a compilation
        QString title;
        QString searchText; // lower case: artists and title
        QString upc; // 12 or 13 digits; empty for the few without one
        QString label;
        int year = 0;
        quint8 month = 1;
        quint8 day = 1;
        quint8 precision = 0; // 0 day, 1 month, 2 year
        quint8 type = 0; // 0 album, 1 single, 2 compilation
        quint8 discs = 1;
        quint8 popularity = 0;
        int trackCount = 0;
    };
    struct AccessToken
    {
        bool user = false;
        QString scope;
        qint64 expiresAt = 0; // on m_clock
    };
    struct PendingCode
    {
        QString challenge;
        QString redirectUri;
        QString scope;
    };

    FakeResponse handle(const QHttpServerRequest &request);
    FakeResponse authorize(const QHttpServerRequest &request);
    FakeResponse token(const QHttpServerRequest &request);
    FakeResponse clientCredentials(const QHttpServerRequest &request);
    FakeResponse authorizationCode(const QUrlQuery &form);
    FakeResponse refresh(const QUrlQuery &form);
    FakeResponse webApi(const QHttpServerRequest &request, const QStringList &parts);
    FakeResponse search(const QUrlQuery &query) const;
    FakeResponse album(const QString &id) const;
    FakeResponse albumTracks(const QString &id, const QUrlQuery &query) const;
    FakeResponse severalAlbums(const QUrlQuery &query) const;
    FakeResponse me() const;
    FakeResponse savedAlbums(const QUrlQuery &query, const QString &scope) const;

    QByteArray issueTokens(bool user, const QString &scope, bool withRefreshToken);
    QString newToken(const char *prefix, quint64 kind);

    QJsonObject simplifiedAlbum(int index) const;
    QJsonObject fullAlbum(int index) const;
    QJsonObject tracksPage(int index, int offset, int limit) const;
    QJsonObject trackObject(int index, int number) const;
    QJsonArray artistsArray(const QStringList &names) const;
    QString href(const QString &path) const;

    static Album generate(int index);

    FakeSpotifyOptions m_options;
    FakeServer m_server;
    QList<Album> m_albums;
    int m_savedCount = 0;

    QElapsedTimer m_clock;
    quint64 m_issued = 0;
    QHash<QString, AccessToken> m_accessTokens;
    QHash<QString, QString> m_refreshTokens; // token -> scope
    QHash<QString, PendingCode> m_codes;
    QHash<QString, int> m_tokenRequests;
    QUrlQuery m_lastAuthorizeQuery;
    bool m_denyNext = false;
    bool m_omitRefreshToken = false;
    bool m_userNotRegistered = false;
};

} // namespace aime::fakes
