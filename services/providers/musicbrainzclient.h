#pragma once

#include "providers/musicbrainzparser.h"
#include "providers/providerclient.h"

#include <QNetworkRequest>
#include <QUrl>

namespace aime {

// MusicBrainz web service v2 and the Cover Art Archive (PROVIDERS.md section 3): release-group
// search, release lookup with recordings, artist credits and labels, and front cover URLs. No
// credentials; the User-Agent names AIME, its version and a contact, as MusicBrainz requires.
class MusicBrainzClient : public ProviderClient
{
    Q_OBJECT

public:
    static constexpr int searchPageSize = 25;
    static constexpr int searchRetries = 1; // a person is waiting

    MusicBrainzClient(QNetworkAccessManager *network, QThreadPool *pool, QUrl apiUrl,
                      QUrl coverArtUrl, QObject *parent = nullptr);
    ~MusicBrainzClient() override;

    // An e-mail address or URL where MusicBrainz can reach the person running AIME.
    void setContact(const QString &contact) { m_contact = contact.trimmed(); }
    QByteArray userAgent() const;

    GateReply *searchReleaseGroups(const QString &text, int offset, Handler<AlbumListPage> done);
    GateReply *release(const QString &releaseId, Handler<Album> done);
    // size: 250, 500 or 1200.
    GateReply *coverArtFront(const QString &releaseId, int size, Handler<QUrl> done);

    // The front cover image itself (JPEG, PNG, GIF or WebP bytes): GET /release/{mbid}/front-SIZE,
    // following the archive's redirects (307, then archive.org's own). A redirect from https
    // to plain http is refused.
    GateReply *frontCoverImage(const QString &releaseId, int size, Handler<QByteArray> done);

    // Whether bytes start like an image AIME can show.
    static bool looksLikeImage(const QByteArray &bytes);

    // The person's words as a Lucene query in which none of them is an operator.
    static QString luceneQuery(const QString &text);

private:
    QNetworkRequest request(const QUrl &base, const QString &path,
                            const QList<QPair<QString, QString>> &query) const;

    QUrl m_apiUrl;
    QUrl m_coverArtUrl;
    QString m_contact;
};

} // namespace aime
