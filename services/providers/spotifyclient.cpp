#include "providers/spotifyclient.h"

#include "providers/providerconfig.h"
#include "providers/providergate.h"

#include <QUrlQuery>

namespace aime {

namespace {

// A token is renewed a little before Spotify says it expires, so that no request carries one
// that dies on the way.
constexpr qint64 expiryMarginMs = 60 * 1000;

QDeadlineTimer expiryOf(const SpotifyToken &token)
{
    return QDeadlineTimer(qMax<qint64>(0, qint64(token.expiresInSeconds) * 1000 - expiryMarginMs));
}

bool isUnder(const QUrl &url, const QUrl &base)
{
    return url.scheme() == base.scheme() && url.host() == base.host()
        && url.port(-1) == base.port(-1)
        && url.path().startsWith(base.path(QUrl::FullyDecoded) + u'/');
}

} // namespace

SpotifyClient::SpotifyClient(QNetworkAccessManager *network, QThreadPool *pool, QUrl apiUrl,
                             QUrl accountsUrl, QObject *parent)
    : ProviderClient(ProviderConfig::displayName(Provider::Spotify), network, pool,
                     ProviderConfig::limitsFromEnvironment(
                         Provider::Spotify, QProcessEnvironment::systemEnvironment(),
                         ProviderConfig::defaultLimits(Provider::Spotify)),
                     parent),
      m_apiUrl(std::move(apiUrl)),
      m_accountsUrl(std::move(accountsUrl)),
      m_accountsGate(new ProviderGate(tr("Spotify accounts"), network, GateLimits {}, this))
{
    gate()->setAuthorizer([this](QNetworkRequest &request) {
        const QString &token = hasUser() ? m_userAccessToken : m_appAccessToken;
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    });
    gate()->setCredentialsCheck([this] { return tokenUsable(); });
    gate()->setTokenRefresher(
        [this](const std::function<void(const QString &)> &done) { renewToken(done); });
}

SpotifyClient::~SpotifyClient() = default;

void SpotifyClient::setClientId(const QString &clientId)
{
    const QString trimmed = clientId.trimmed();
    if (trimmed == m_clientId)
        return;
    m_clientId = trimmed;
    m_appAccessToken.clear();
}

void SpotifyClient::setClientSecret(const QString &clientSecret)
{
    m_clientSecret = clientSecret.trimmed();
    m_appAccessToken.clear();
}

void SpotifyClient::setUserRefreshToken(const QString &refreshToken)
{
    m_userRefreshToken = refreshToken.trimmed();
    m_userAccessToken.clear();
}

void SpotifyClient::disconnectUser()
{
    m_userRefreshToken.clear();
    m_userAccessToken.clear();
}

bool SpotifyClient::tokenUsable() const
{
    if (hasUser())
        return !m_userAccessToken.isEmpty() && !m_userExpiry.hasExpired();
    return !m_appAccessToken.isEmpty() && !m_appExpiry.hasExpired();
}

QNetworkRequest SpotifyClient::apiRequest(const QUrl &url) const
{
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    return request;
}

QNetworkRequest SpotifyClient::apiRequest(const QString &path,
                                          const QList<QPair<QString, QString>> &query) const
{
    QUrl url = m_apiUrl;
    url.setPath(m_apiUrl.path(QUrl::FullyEncoded) + path, QUrl::TolerantMode);
    if (!query.isEmpty()) {
        QUrlQuery urlQuery;
        for (const auto &[key, value] : query)
            urlQuery.addQueryItem(key, QString::fromUtf8(QUrl::toPercentEncoding(value)));
        url.setQuery(urlQuery.query(QUrl::FullyEncoded), QUrl::TolerantMode);
    }
    return apiRequest(url);
}

QString SpotifyClient::withoutUserMessage()
{
    return tr("Connect your Spotify account in Preferences > Accounts first.");
}

QString SpotifyClient::withoutCredentialsMessage()
{
    return tr("Spotify needs a connected account, or a Client ID with its Client Secret "
              "(Preferences > Accounts).");
}

GateReply *SpotifyClient::search(const QString &query, int offset, Handler<AlbumListPage> done)
{
    QNetworkRequest request
        = apiRequest(QStringLiteral("/search"),
                     {{QStringLiteral("q"), query},
                      {QStringLiteral("type"), QStringLiteral("album")},
                      {QStringLiteral("limit"), QString::number(searchPageSize)},
                      {QStringLiteral("offset"), QString::number(qMax(0, offset))}});
    request.setAttribute(ProviderGate::maxRetriesAttribute, searchRetries);
    if (!canSearch())
        return refuse(request, GateError::Unauthorized, withoutCredentialsMessage(),
                      std::move(done));
    return send(request, &SpotifyParser::searchAlbums, &SpotifyParser::errorMessage,
                std::move(done));
}

GateReply *SpotifyClient::album(const QString &albumId, Handler<SpotifyAlbum> done)
{
    const QNetworkRequest request = apiRequest(
        QStringLiteral("/albums/") + QString::fromUtf8(QUrl::toPercentEncoding(albumId)), {});
    if (!canSearch())
        return refuse(request, GateError::Unauthorized, withoutCredentialsMessage(),
                      std::move(done));
    const auto parse = [](const QByteArray &body) {
        ParseResult<Album> parsed = SpotifyParser::album(body);
        if (!parsed.ok())
            return ParseResult<SpotifyAlbum>::failure(parsed.error);
        return ParseResult<SpotifyAlbum>::success(
            {std::move(*parsed.value), SpotifyParser::embeddedTracksNext(body)});
    };
    return send<SpotifyAlbum>(request, parse, &SpotifyParser::errorMessage, std::move(done));
}

GateReply *SpotifyClient::albumTracks(const QUrl &next, Handler<TrackPage> done)
{
    const QNetworkRequest request = apiRequest(next);
    // The token must not travel to a host a response named.
    if (!isUnder(next, m_apiUrl)) {
        return refuse(
            request, GateError::ClientError,
            tr("Spotify named a tracks page outside its API: %1").arg(next.toDisplayString()),
            std::move(done));
    }
    return send(request, &SpotifyParser::albumTracks, &SpotifyParser::errorMessage,
                std::move(done));
}

QUrl SpotifyClient::albumTracksUrl(const QString &albumId, int offset) const
{
    return apiRequest(QStringLiteral("/albums/%1/tracks")
                          .arg(QString::fromUtf8(QUrl::toPercentEncoding(albumId))),
                      {{QStringLiteral("offset"), QString::number(qMax(0, offset))},
                       {QStringLiteral("limit"), QString::number(tracksPageSize)}})
        .url();
}

GateReply *SpotifyClient::savedAlbums(int offset, Handler<AlbumListPage> done)
{
    const QNetworkRequest request
        = apiRequest(QStringLiteral("/me/albums"),
                     {{QStringLiteral("limit"), QString::number(savedAlbumsPageSize)},
                      {QStringLiteral("offset"), QString::number(qMax(0, offset))}});
    if (!hasUser())
        return refuse(request, GateError::Unauthorized, withoutUserMessage(), std::move(done));
    return send(request, &SpotifyParser::savedAlbums, &SpotifyParser::errorMessage,
                std::move(done));
}

GateReply *SpotifyClient::currentUser(Handler<SpotifyUser> done)
{
    const QNetworkRequest request = apiRequest(QStringLiteral("/me"), {});
    if (!hasUser())
        return refuse(request, GateError::Unauthorized, withoutUserMessage(), std::move(done));
    return send(request, &SpotifyParser::currentUser, &SpotifyParser::errorMessage,
                std::move(done));
}

QUrl SpotifyClient::authorizeUrl(const QString &redirectUri, const QByteArray &challenge,
                                 const QByteArray &state) const
{
    QUrl url = m_accountsUrl;
    url.setPath(m_accountsUrl.path(QUrl::FullyEncoded) + QStringLiteral("/authorize"),
                QUrl::TolerantMode);
    QUrlQuery query;
    const auto add = [&query](const QString &key, const QString &value) {
        query.addQueryItem(key, QString::fromUtf8(QUrl::toPercentEncoding(value)));
    };
    add(QStringLiteral("client_id"), m_clientId);
    add(QStringLiteral("response_type"), QStringLiteral("code"));
    add(QStringLiteral("redirect_uri"), redirectUri);
    add(QStringLiteral("scope"), QLatin1String(scope));
    add(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    add(QStringLiteral("code_challenge"), QString::fromLatin1(challenge));
    add(QStringLiteral("state"), QString::fromLatin1(state));
    url.setQuery(query.query(QUrl::FullyEncoded), QUrl::TolerantMode);
    return url;
}

GateReply *SpotifyClient::requestToken(const QList<QPair<QString, QString>> &form,
                                       bool withClientSecret, Handler<SpotifyToken> done)
{
    QUrl url = m_accountsUrl;
    url.setPath(m_accountsUrl.path(QUrl::FullyEncoded) + QStringLiteral("/api/token"),
                QUrl::TolerantMode);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    if (withClientSecret) {
        request.setRawHeader("Authorization",
                             "Basic " + (m_clientId + u':' + m_clientSecret).toUtf8().toBase64());
    }
    QUrlQuery body;
    for (const auto &[key, value] : form)
        body.addQueryItem(key, QString::fromUtf8(QUrl::toPercentEncoding(value)));
    GateReply *reply = m_accountsGate->send(QByteArrayLiteral("POST"), request,
                                            body.query(QUrl::FullyEncoded).toUtf8());
    return deliver<SpotifyToken>(reply, &SpotifyParser::token, &SpotifyParser::errorMessage,
                                 std::move(done));
}

GateReply *SpotifyClient::exchangeAuthorizationCode(const QString &code, const QByteArray &verifier,
                                                    const QString &redirectUri,
                                                    Handler<SpotifyToken> done)
{
    return requestToken({{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                         {QStringLiteral("code"), code},
                         {QStringLiteral("redirect_uri"), redirectUri},
                         {QStringLiteral("client_id"), m_clientId},
                         {QStringLiteral("code_verifier"), QString::fromLatin1(verifier)}},
                        false, [this, done = std::move(done)](const ParseResult<SpotifyToken> &r) {
                            if (r.ok())
                                adoptUserToken(*r.value);
                            done(r);
                        });
}

void SpotifyClient::adoptUserToken(const SpotifyToken &token)
{
    m_userAccessToken = token.accessToken;
    m_userExpiry = expiryOf(token);
    // PKCE refresh answers may carry no new refresh token; the old one then stays valid.
    if (!token.refreshToken.isEmpty() && token.refreshToken != m_userRefreshToken) {
        m_userRefreshToken = token.refreshToken;
        Q_EMIT refreshTokenChanged(m_userRefreshToken);
    }
}

void SpotifyClient::renewToken(const std::function<void(const QString &)> &done)
{
    if (hasUser() && m_userRefreshToken.isEmpty()) {
        // A code exchange gave an access token without a refresh token, and it has run out.
        disconnectUser();
        Q_EMIT userDisconnected(tr("Spotify's session ended."));
        done(tr("Spotify's session ended: connect the account again in Preferences > Accounts."));
        return;
    }
    if (hasUser()) {
        const QString used = m_userRefreshToken;
        requestToken({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                      {QStringLiteral("refresh_token"), used},
                      {QStringLiteral("client_id"), m_clientId}},
                     false, [this, used, done](const ParseResult<SpotifyToken> &result) {
                         if (m_userRefreshToken != used) {
                             done({}); // the user connected again meanwhile
                             return;
                         }
                         if (result.ok()) {
                             adoptUserToken(*result.value);
                             done({});
                             return;
                         }
                         if (result.error.contains(QLatin1String("invalid_grant"))
                             || result.error.contains(QLatin1String("invalid_client"))) {
                             disconnectUser();
                             Q_EMIT userDisconnected(result.error);
                             done(tr("Spotify no longer accepts AIME's connection: connect the "
                                     "account again in Preferences > Accounts. (%1)")
                                      .arg(result.error));
                             return;
                         }
                         done(tr("Cannot renew the Spotify session: %1").arg(result.error));
                     });
        return;
    }
    if (m_clientId.isEmpty() || m_clientSecret.isEmpty()) {
        done(withoutCredentialsMessage());
        return;
    }
    requestToken({{QStringLiteral("grant_type"), QStringLiteral("client_credentials")}}, true,
                 [this, done](const ParseResult<SpotifyToken> &result) {
                     if (!result.ok()) {
                         done(tr("Spotify refused the Client ID and Secret: %1").arg(result.error));
                         return;
                     }
                     m_appAccessToken = result.value->accessToken;
                     m_appExpiry = expiryOf(*result.value);
                     done({});
                 });
}

QString SpotifyClient::failureMessage(const GateReply &reply, const QString &providerText) const
{
    if (reply.error() == GateError::ClientError && reply.httpStatus() == 403
        && providerText.contains(QLatin1String("not registered"), Qt::CaseInsensitive)) {
        return tr("Spotify refused this account: in development mode the app owner must add it "
                  "under User Management in the Spotify Developer Dashboard.");
    }
    return ProviderClient::failureMessage(reply, providerText);
}

} // namespace aime
