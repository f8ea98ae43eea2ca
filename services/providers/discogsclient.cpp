#include "providers/discogsclient.h"

#include "providers/musicbrainzclient.h"
#include "providers/providerconfig.h"
#include "providers/providergate.h"

#include <QUrlQuery>

namespace aime {

namespace {

// A token for one request instead of the client's: one being verified before it is kept.
constexpr auto tokenAttribute = QNetworkRequest::Attribute(QNetworkRequest::User + 2);

} // namespace

DiscogsClient::DiscogsClient(QNetworkAccessManager *network, QThreadPool *pool, QUrl baseUrl,
                             QObject *parent)
    : ProviderClient(ProviderConfig::displayName(Provider::Discogs), network, pool,
                     ProviderConfig::limitsFromEnvironment(
                         Provider::Discogs, QProcessEnvironment::systemEnvironment(),
                         ProviderConfig::defaultLimits(Provider::Discogs, false)),
                     parent),
      m_baseUrl(std::move(baseUrl))
{
    gate()->setAuthorizer([this](QNetworkRequest &request) {
        const QString token = request.attribute(tokenAttribute, m_token).toString();
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Discogs token=" + token.toUtf8());
    });
    // A redirect from one Discogs host to another keeps the token; anywhere else it is dropped.
    gate()->setCredentialScope([this](const QUrl &url) { return mayFetchImage(url); });
}

DiscogsClient::~DiscogsClient() = default;

QByteArray DiscogsClient::userAgent()
{
    // Discogs asks for a User-Agent that names the application and its version.
    return QByteArrayLiteral("AIME/" AIME_VERSION);
}

void DiscogsClient::setToken(const QString &token)
{
    m_token = token.trimmed();
    // Discogs allows 60 requests a minute with a token and 25 without.
    const GateLimits limits = ProviderConfig::limitsFromEnvironment(
        Provider::Discogs, QProcessEnvironment::systemEnvironment(),
        ProviderConfig::defaultLimits(Provider::Discogs, hasToken()));
    gate()->setRate(limits.requestsPerWindow, limits.window);
}

QNetworkRequest DiscogsClient::request(const QString &path,
                                       const QList<QPair<QString, QString>> &query) const
{
    QUrl url = m_baseUrl;
    // The path arrives percent-encoded (a user name may hold "/" or spaces) and must stay so.
    url.setPath(m_baseUrl.path(QUrl::FullyEncoded) + path, QUrl::TolerantMode);
    if (!query.isEmpty()) {
        QUrlQuery urlQuery;
        for (const auto &[key, value] : query)
            urlQuery.addQueryItem(key, value);
        url.setQuery(urlQuery);
    }
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    request.setRawHeader("Accept", "application/vnd.discogs.v2.discogs+json");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    return request;
}

QString DiscogsClient::failureMessage(const GateReply &reply, const QString &providerText) const
{
    if (reply.error() == GateError::Unauthorized)
        return tr("Discogs refused the token: reconnect in Preferences > Accounts.");
    return ProviderClient::failureMessage(reply, providerText);
}

GateReply *DiscogsClient::identity(Handler<DiscogsIdentity> done)
{
    return send(request(QStringLiteral("/oauth/identity"), {}), &DiscogsParser::identity,
                &DiscogsParser::errorMessage, std::move(done));
}

GateReply *DiscogsClient::identity(const QString &token, Handler<DiscogsIdentity> done)
{
    QNetworkRequest check = request(QStringLiteral("/oauth/identity"), {});
    check.setAttribute(tokenAttribute, token.trimmed());
    return send(check, &DiscogsParser::identity, &DiscogsParser::errorMessage, std::move(done));
}

GateReply *DiscogsClient::release(qint64 releaseId, Handler<Album> done)
{
    return send(request(QStringLiteral("/releases/%1").arg(releaseId), {}), &DiscogsParser::release,
                &DiscogsParser::errorMessage, std::move(done));
}

GateReply *DiscogsClient::collectionPage(const QString &username, int page,
                                         Handler<AlbumListPage> done)
{
    const QString path = QStringLiteral("/users/%1/collection/folders/0/releases")
                             .arg(QString::fromUtf8(QUrl::toPercentEncoding(username)));
    return send(request(path,
                        {{QStringLiteral("page"), QString::number(page)},
                         {QStringLiteral("per_page"), QString::number(collectionPageSize)}}),
                &DiscogsParser::collectionPage, &DiscogsParser::errorMessage, std::move(done));
}

GateReply *DiscogsClient::search(const QString &query, int page, Handler<AlbumListPage> done)
{
    QNetworkRequest searchRequest
        = request(QStringLiteral("/database/search"),
                  {{QStringLiteral("q"), query},
                   {QStringLiteral("type"), QStringLiteral("release")},
                   {QStringLiteral("page"), QString::number(page)},
                   {QStringLiteral("per_page"), QString::number(searchPageSize)}});
    searchRequest.setAttribute(ProviderGate::maxRetriesAttribute, searchRetries);
    return send(searchRequest, &DiscogsParser::search, &DiscogsParser::errorMessage,
                std::move(done));
}

bool DiscogsClient::mayFetchImage(const QUrl &url) const
{
    const QString host = url.host().toLower();
    const QString scheme = url.scheme().toLower();
    const bool apiHost = scheme == m_baseUrl.scheme().toLower()
        && host == m_baseUrl.host().toLower() && url.port(443) == m_baseUrl.port(443);
    // Over http the token would cross the network in clear.
    const bool discogsHost = scheme == QLatin1String("https")
        && (host == QLatin1String("discogs.com") || host.endsWith(QLatin1String(".discogs.com")));
    return apiHost || discogsHost;
}

GateReply *DiscogsClient::image(const QUrl &url, Handler<QByteArray> done)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    request.setRawHeader("Accept", "image/*");
    const auto parse = [](const QByteArray &body) {
        const bool image = MusicBrainzClient::looksLikeImage(body);
        return image ? ParseResult<QByteArray>::success(body)
                     : ParseResult<QByteArray>::failure(tr("Discogs sent something that is not an "
                                                           "image."));
    };
    if (!mayFetchImage(url))
        return refuse(request, GateError::ClientError,
                      tr("%1 is not an https address on Discogs; the token is not sent there.")
                          .arg(url.toDisplayString(QUrl::RemoveQuery | QUrl::RemoveUserInfo)),
                      std::move(done));
    return send(request, parse, &DiscogsParser::errorMessage, std::move(done));
}

} // namespace aime
