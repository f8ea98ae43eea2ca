#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QUrl>

#include <deque>

class QThreadPool;

namespace aime {

class CoverDiskCache;
class DiscogsClient;
class GateReply;
class ImageClient;

// Where one album's cover may come from, in the order tried (issue 7): the image the album's
// provider named (Spotify's, or Discogs' with the token), then the Cover Art Archive's front
// thumbnail of its MusicBrainz release.
struct CoverRequest
{
    qint64 albumId = 0;
    QUrl providerImage;
    QString musicBrainzRelease;
    int size = 250; // the Cover Art Archive thumbnail: 250 or 500
    // Fetch missing covers; the grid's requests are interactive and win when both ask.
    bool background = false;
};

// Downloads covers once into the disk cache (issue 7). Requests are served newest first, so the
// albums a person is looking at come before those scrolled past; a request for an album that
// scrolled far away is abandoned with cancel(). At most `maxActive` downloads run at once; the
// gates below pace each host. Signals arrive on this object's thread.
//
// The grid and Fetch missing covers share one fetcher, so one download serves everyone who asked
// for its album: each names itself as the requester, and cancel() withdraws only that
// requester's interest; the download is abandoned when nobody else still wants it (issue 15).
class CoverFetcher : public QObject
{
    Q_OBJECT

public:
    static constexpr int maxActive = 6;
    // Background downloads leave this many of the active places to the covers on screen.
    static constexpr int reservedForInteractive = 2;

    CoverFetcher(CoverDiskCache *cache, QThreadPool *pool, ImageClient *images,
                 ImageClient *coverArt, DiscogsClient *discogs, QUrl coverArtBase,
                 QObject *parent = nullptr);
    ~CoverFetcher() override;

    // Queued at the front; a request already waiting moves to the front, one running is left.
    // Joining a request of another requester keeps the larger of the two sizes.
    void request(const CoverRequest &request, const QObject *requester = nullptr);
    // Withdraws requester's interest in the album; coverReady/coverMissing still follow for the
    // others who asked.
    void cancel(qint64 albumId, const QObject *requester = nullptr);
    bool isWaiting(qint64 albumId) const;
    int activeCount() const { return int(m_active.size()); }
    int waitingCount() const { return int(m_waiting.size()); }

Q_SIGNALS:
    // The cover is in the disk cache at path.
    void coverReady(qint64 albumId, const QString &path);
    // No source has one (or none answered): the placeholder stays.
    void coverMissing(qint64 albumId, const QString &why);

private:
    struct Active
    {
        CoverRequest request;
        int source = 0; // 0: the provider's image, 1: the Cover Art Archive
        QPointer<GateReply> reply;
        QString lastError;
    };
    void pump();
    void tryNext(qint64 albumId);
    void prioritize(const Active &active);
    void fetched(qint64 albumId, const QUrl &source, const QByteArray &bytes);
    void finish(qint64 albumId);

    CoverDiskCache *m_cache;
    QThreadPool *m_pool;
    ImageClient *m_images;
    ImageClient *m_coverArt;
    DiscogsClient *m_discogs;
    QUrl m_coverArtBase;
    std::deque<CoverRequest> m_waiting; // front: newest
    QHash<qint64, Active> m_active;
    // Who still wants each album waiting or active (a requester is only compared, never used).
    QHash<qint64, QSet<const QObject *>> m_requesters;
};

} // namespace aime
