#include "providers/musicbrainzclient.h"

#include "providers/providerconfig.h"
#include "providers/providergate.h"

#include <QRegularExpression>
#include <QUrlQuery>

namespace aime {

MusicBrainzClient::MusicBrainzClient(QNetworkAccessManager *network, QThreadPool *pool, QUrl apiUrl,
                                     QUrl coverArtUrl, QObject *parent)
    : ProviderClient(ProviderConfig::displayName(Provider::MusicBrainz), network, pool,
                     ProviderConfig::limitsFromEnvironment(
                         Provider::MusicBrainz, QProcessEnvironment::systemEnvironment(),
                         ProviderConfig::defaultLimits(Provider::MusicBrainz)),
                     parent),
      m_apiUrl(std::move(apiUrl)),
      m_coverArtUrl(std::move(coverArtUrl))
{ }

MusicBrainzClient::~MusicBrainzClient() = default;

QByteArray MusicBrainzClient::userAgent() const
{
    // "Application name/<version> ( contact-url or contact-email )", PROVIDERS.md section 3.1.
    QByteArray agent = QByteArrayLiteral("AIME/" AIME_VERSION);
    if (!m_contact.isEmpty())
        agent += " ( " + m_contact.toUtf8() + " )";
    return agent;
}

QString MusicBrainzClient::luceneQuery(const QString &text)
{
    // Lucene's special characters, and the words it reads as operators, lose their meaning.
    static const QRegularExpression special(QStringLiteral("([+\\-&|!(){}\\[\\]^\"~*?:\\\\/])"));
    QStringList words;
    const QStringList parts = text.simplified().split(u' ', Qt::SkipEmptyParts);
    for (QString word : parts) {
        word.replace(special, QStringLiteral("\\\\1"));
        if (word == QLatin1String("AND") || word == QLatin1String("OR")
            || word == QLatin1String("NOT") || word == QLatin1String("TO"))
            word = word.toLower();
        words.append(word);
    }
    return words.join(u' ');
}

QNetworkRequest MusicBrainzClient::request(const QUrl &base, const QString &path,
                                           const QList<QPair<QString, QString>> &query) const
{
    QUrl url = base;
    url.setPath(base.path(QUrl::FullyEncoded) + path, QUrl::TolerantMode);
    QUrlQuery urlQuery;
    for (const auto &[key, value] : query)
        urlQuery.addQueryItem(key, QString::fromUtf8(QUrl::toPercentEncoding(value)));
    if (!query.isEmpty())
        url.setQuery(urlQuery.query(QUrl::FullyEncoded), QUrl::TolerantMode);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    request.setRawHeader("Accept", "application/json");
    // The Cover Art Archive answers with 307 redirects to archive.org, which redirects again.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setMaximumRedirectsAllowed(5);
    return request;
}

GateReply *MusicBrainzClient::searchReleaseGroups(const QString &text, int offset,
                                                  Handler<AlbumListPage> done)
{
    QNetworkRequest searchRequest
        = request(m_apiUrl, QStringLiteral("/release-group"),
                  {{QStringLiteral("query"), luceneQuery(text)},
                   {QStringLiteral("fmt"), QStringLiteral("json")},
                   {QStringLiteral("limit"), QString::number(searchPageSize)},
                   {QStringLiteral("offset"), QString::number(offset)}});
    searchRequest.setAttribute(ProviderGate::maxRetriesAttribute, searchRetries);
    return send(searchRequest, &MusicBrainzParser::releaseGroupSearch,
                &MusicBrainzParser::errorMessage, std::move(done));
}

GateReply *MusicBrainzClient::release(const QString &releaseId, Handler<Album> done)
{
    return send(
        request(m_apiUrl,
                QStringLiteral("/release/") + QString::fromUtf8(QUrl::toPercentEncoding(releaseId)),
                {{QStringLiteral("inc"), QStringLiteral("recordings+artist-credits+labels")},
                 {QStringLiteral("fmt"), QStringLiteral("json")}}),
        &MusicBrainzParser::release, &MusicBrainzParser::errorMessage, std::move(done));
}

GateReply *MusicBrainzClient::coverArtFront(const QString &releaseId, int size, Handler<QUrl> done)
{
    return send(
        request(m_coverArtUrl,
                QStringLiteral("/release/") + QString::fromUtf8(QUrl::toPercentEncoding(releaseId)),
                {}),
        [size](const QByteArray &body) { return MusicBrainzParser::coverArtFront(body, size); },
        &MusicBrainzParser::errorMessage, std::move(done));
}

bool MusicBrainzClient::looksLikeImage(const QByteArray &bytes)
{
    return bytes.startsWith("\xFF\xD8\xFF") || bytes.startsWith("\x89PNG\r\n\x1A\n")
        || bytes.startsWith("GIF87a") || bytes.startsWith("GIF89a")
        || (bytes.startsWith("RIFF") && bytes.mid(8, 4) == "WEBP");
}

GateReply *MusicBrainzClient::frontCoverImage(const QString &releaseId, int size,
                                              Handler<QByteArray> done)
{
    const int thumbnail = size <= 250 ? 250 : size <= 500 ? 500 : 1200;
    QNetworkRequest image = request(m_coverArtUrl,
                                    QStringLiteral("/release/%1/front-%2")
                                        .arg(QString::fromUtf8(QUrl::toPercentEncoding(releaseId)))
                                        .arg(thumbnail),
                                    {});
    image.setRawHeader("Accept", "image/*");
    image.setMaximumRedirectsAllowed(8);
    return send(
        image,
        [](const QByteArray &body) {
            if (!looksLikeImage(body)) {
                return ParseResult<QByteArray>::failure(
                    tr("The Cover Art Archive sent something that is not an image."));
            }
            return ParseResult<QByteArray>::success(body);
        },
        [](const QByteArray &) { return QString(); }, std::move(done));
}

} // namespace aime
