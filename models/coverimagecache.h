#pragma once

#include "domain/album.h"

#include <QCache>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QPixmap>
#include <QSet>
#include <QUrl>

#include <memory>

class QThreadPool;

namespace aime {

class AlbumStore;
class CoverDiskCache;
class CoverFetcher;

// The covers the grid paints (issue 7): scaled pixmaps in a bounded memory cache (64 MB by
// default, least recently used dropped), made off the GUI thread. A miss starts, at most once
// per album and size, the cheapest way to the image: decode the file the store names, else the
// disk cache's copy, else a download (CoverFetcher); coverReady() follows and the caller
// repaints that album. The GUI thread only looks up ready pixmaps. A file that does not decode
// is dropped and fetched again, once.
class CoverImageCache : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 defaultMemoryBytes = 64LL * 1024 * 1024;

    CoverImageCache(AlbumStore *store, QThreadPool *pool, CoverDiskCache *disk,
                    CoverFetcher *fetcher, QObject *parent = nullptr);
    ~CoverImageCache() override;

    // The album's cover, `pixels` device pixels square, or a null pixmap while it is on its way
    // or when there is none (paint the placeholder then).
    QPixmap cover(const AlbumSummary &album, int pixels);
    // Albums on screen or about to be; downloads for others are abandoned.
    void setWanted(const QSet<qint64> &albumIds);
    void setMemoryLimit(qint64 bytes);
    qint64 memoryUsed() const;
    // Albums known to have no cover anywhere (the placeholder is final for this run).
    bool isMissing(qint64 albumId) const { return m_missing.contains(albumId); }
    // The file of a cover downloaded in this run (the album's own coverFile names the others).
    QString fileOf(qint64 albumId) const { return m_files.value(albumId); }

Q_SIGNALS:
    void coverReady(qint64 albumId);

private:
    struct Decoded
    {
        QImage image;
        QString path;
        bool broken = false; // the file is there but is not an image
        bool skipped = false; // the album was no longer wanted
    };
    void load(const AlbumSummary &album, int pixels);
    void decoded(const AlbumSummary &album, int pixels, const Decoded &result);
    void fetch(const AlbumSummary &album, int pixels);
    static QString keyOf(qint64 albumId, int pixels);
    // From the file's thumbnail at this size when there is one; else from the file, writing
    // the thumbnail for next time.
    static Decoded decode(const QString &path, int pixels);
    static void saveThumbnail(const QImage &image, const QString &path);
    static void toPixmapFormat(QImage &image);

    AlbumStore *m_store;
    QThreadPool *m_pool;
    CoverDiskCache *m_disk;
    CoverFetcher *m_fetcher;
    QCache<QString, QPixmap> m_pixmaps; // cost in KiB
    QSet<QString> m_loading;
    // Albums being downloaded, with every size asked for meanwhile.
    QHash<qint64, std::pair<AlbumSummary, QList<int>>> m_fetching;
    QSet<qint64> m_missing;
    QSet<qint64> m_refetched;
    QHash<qint64, QString> m_files;
    // The albums the grid wants, shared with the decoding tasks so a task for an album scrolled
    // away skips its work; empty until the grid says (everything is wanted then).
    struct Wanted
    {
        QMutex mutex;
        QSet<qint64> albums;
        bool known = false;
        bool contains(qint64 albumId);
    };
    std::shared_ptr<Wanted> m_wanted = std::make_shared<Wanted>();
};

} // namespace aime
