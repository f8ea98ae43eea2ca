#include "covers/imageclient.h"

#include "providers/musicbrainzclient.h"
#include "providers/providergate.h"

namespace aime {

ImageClient::ImageClient(const QString &name, QNetworkAccessManager *network, QThreadPool *pool,
                         const GateLimits &limits, QObject *parent)
    : ProviderClient(name, network, pool, limits, parent)
{ }

ImageClient::~ImageClient() = default;

GateLimits ImageClient::defaultLimits()
{
    GateLimits limits;
    limits.maxInFlight = 4;
    limits.requestTimeout = std::chrono::seconds(20);
    // A cover that fails is shown as its placeholder; retrying many times only delays others.
    limits.maxRetries = 1;
    return limits;
}

bool ImageClient::looksLikeImage(const QByteArray &bytes)
{
    return MusicBrainzClient::looksLikeImage(bytes);
}

QUrl ImageClient::coverArtFront(const QUrl &coverArtBase, const QString &releaseId, int size)
{
    QUrl url = coverArtBase;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(
        path + QStringLiteral("/release/%1/front-%2").arg(releaseId).arg(size <= 250 ? 250 : 500));
    return url;
}

GateReply *ImageClient::image(const QUrl &url, Handler<QByteArray> done)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("AIME/" AIME_VERSION));
    request.setRawHeader("Accept", "image/*");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setMaximumRedirectsAllowed(8);
    return send(
        request,
        [](const QByteArray &body) {
            if (!looksLikeImage(body))
                return ParseResult<QByteArray>::failure(tr("The answer is not an image."));
            return ParseResult<QByteArray>::success(body);
        },
        [](const QByteArray &) { return QString(); }, std::move(done));
}

} // namespace aime
