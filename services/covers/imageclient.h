#pragma once

#include "providers/providerclient.h"

#include <QByteArray>
#include <QUrl>

namespace aime {

// Image downloads through a gate of their own (issue 7): one for the Cover Art Archive, one for
// image hosts such as Spotify's, so covers never wait behind MusicBrainz' one request a second
// or an import's pages. Redirects are followed (the archive answers 307 to archive.org, which
// redirects again), never from https to plain http; an answer that is not an image fails.
class ImageClient : public ProviderClient
{
    Q_OBJECT

public:
    ImageClient(const QString &name, QNetworkAccessManager *network, QThreadPool *pool,
                const GateLimits &limits, QObject *parent = nullptr);
    ~ImageClient() override;

    // The image bytes (JPEG, PNG, GIF or WebP).
    GateReply *image(const QUrl &url, Handler<QByteArray> done);
    // The Cover Art Archive's front thumbnail of a release: base/release/{mbid}/front-{250|500}.
    static QUrl coverArtFront(const QUrl &coverArtBase, const QString &releaseId, int size);

    static bool looksLikeImage(const QByteArray &bytes);
    static GateLimits defaultLimits();
};

} // namespace aime
