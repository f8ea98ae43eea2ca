#include "coverimagecache.h"

#include "core/futurecallback.h"
#include "covers/coverdiskcache.h"
#include "covers/coverfetcher.h"
#include "covers/imageclient.h"
#include "store/albumstore.h"

#include <QDir>
#include <QFileInfo>
#include <QImageReader>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QtConcurrent>

Q_LOGGING_CATEGORY(lcCoverImages, "aime.models.covers", QtInfoMsg)

namespace aime {

namespace {

constexpr int thumbnailQuality = 90;

} // namespace

CoverImageCache::CoverImageCache(AlbumStore *store, QThreadPool *pool, CoverDiskCache *disk,
                                 CoverFetcher *fetcher, QObject *parent)
    : QObject(parent),
      m_store(store),
      m_pool(pool),
      m_disk(disk),
      m_fetcher(fetcher),
      m_pixmaps(int(defaultMemoryBytes / 1024))
{
    if (!m_fetcher)
        return;
    connect(m_fetcher, &CoverFetcher::coverReady, this,
            [this](qint64 albumId, const QString &path) {
                const auto fetching = m_fetching.take(albumId);
                if (fetching.first.id == 0)
                    return;
                AlbumSummary album = fetching.first;
                album.coverFile = path;
                // Downloaded this run: the store's copy of the album does not know it yet.
                m_files.insert(albumId, path);
                // The store remembers where the cover is, so the next start goes straight to the
                // file.
                AlbumStore *store = m_store;
                (void)QtConcurrent::run(m_pool, [store, albumId, path] {
                    store->setCoverFile(albumId, path);
                    // Evicted before this write, its removal found no album to forget it in.
                    if (!QFileInfo::exists(path))
                        store->forgetCoverFiles({path});
                });
                for (const int pixels : fetching.second)
                    load(album, pixels);
            });
    connect(m_fetcher, &CoverFetcher::coverMissing, this, [this](qint64 albumId, const QString &) {
        const auto fetching = m_fetching.take(albumId);
        for (const int pixels : fetching.second)
            m_loading.remove(keyOf(albumId, pixels));
        m_missing.insert(albumId);
    });
}

CoverImageCache::~CoverImageCache()
{
    // The fetcher outlives the grid; nobody is left to show these.
    if (m_fetcher) {
        for (auto it = m_fetching.cbegin(); it != m_fetching.cend(); ++it)
            m_fetcher->cancel(it.key(), this);
    }
}

QString CoverImageCache::keyOf(qint64 albumId, int pixels)
{
    return QStringLiteral("%1/%2").arg(albumId).arg(pixels);
}

void CoverImageCache::setMemoryLimit(qint64 bytes)
{
    m_pixmaps.setMaxCost(int(qMax<qint64>(1024, bytes) / 1024));
}

qint64 CoverImageCache::memoryUsed() const
{
    return qint64(m_pixmaps.totalCost()) * 1024;
}

QPixmap CoverImageCache::cover(const AlbumSummary &album, int pixels)
{
    const QString key = keyOf(album.id, pixels);
    if (const QPixmap *ready = m_pixmaps.object(key))
        return *ready;
    if (!m_missing.contains(album.id) && !m_loading.contains(key)) {
        m_loading.insert(key);
        if (album.coverFile.isEmpty())
            fetch(album, pixels);
        else
            load(album, pixels);
    }
    return {};
}

void CoverImageCache::setWanted(const QSet<qint64> &albumIds)
{
    {
        QMutexLocker lock(&m_wanted->mutex);
        m_wanted->albums = albumIds;
        m_wanted->known = true;
    }
    QList<qint64> abandoned;
    for (auto it = m_fetching.begin(); it != m_fetching.end();) {
        if (albumIds.contains(it.key())) {
            ++it;
            continue;
        }
        abandoned.append(it.key());
        for (const int pixels : it->second)
            m_loading.remove(keyOf(it.key(), pixels));
        it = m_fetching.erase(it);
    }
    // Only once the walk is over: a cancel lets the next request out, and one whose file is on
    // disk emits coverReady at once, whose handler takes from m_fetching (issue 15).
    for (const qint64 albumId : std::as_const(abandoned))
        m_fetcher->cancel(albumId, this);
}

CoverImageCache::Decoded CoverImageCache::decode(const QString &path, int pixels)
{
    Decoded result;
    result.path = path;
    const QString thumbnail = CoverDiskCache::thumbnailPath(path, pixels);
    if (QFileInfo::exists(thumbnail)) {
        QImageReader reader(thumbnail);
        result.image = reader.read();
        if (!result.image.isNull()) {
            toPixmapFormat(result.image);
            return result;
        }
        QFile::remove(thumbnail); // written by an earlier run that stopped halfway
    }
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QSize full = reader.size();
    if (!full.isValid()) {
        result.broken = QFileInfo::exists(path);
        return result;
    }
    // Scaled while decoding (JPEG decodes at 1/2, 1/4, 1/8 for free), then to the exact size.
    reader.setScaledSize(full.scaled(pixels, pixels, Qt::KeepAspectRatio));
    result.image = reader.read();
    result.broken = result.image.isNull();
    if (!result.broken && qMax(full.width(), full.height()) > pixels)
        saveThumbnail(result.image, thumbnail);
    toPixmapFormat(result.image);
    return result;
}

void CoverImageCache::toPixmapFormat(QImage &image)
{
    // The pixmap's own format, so QPixmap::fromImage() on the GUI thread copies and never
    // converts (a JPEG decodes to 24-bit RGB).
    if (image.isNull())
        return;
    image.convertTo(image.hasAlphaChannel() ? QImage::Format_ARGB32_Premultiplied
                                            : QImage::Format_RGB32);
}

void CoverImageCache::saveThumbnail(const QImage &image, const QString &path)
{
    // A thumbnail is a shortcut, not data: when it cannot be written the next start decodes
    // the download again.
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "JPEG", thumbnailQuality)
        || !file.commit())
        qCDebug(lcCoverImages).noquote() << "cannot write the thumbnail" << path;
}

bool CoverImageCache::Wanted::contains(qint64 albumId)
{
    QMutexLocker lock(&mutex);
    return !known || albums.contains(albumId);
}

void CoverImageCache::load(const AlbumSummary &album, int pixels)
{
    const QString path = album.coverFile;
    const std::shared_ptr<Wanted> wanted = m_wanted;
    const qint64 albumId = album.id;
    CoverDiskCache *disk = m_disk;
    // Below the grid's page reads in the pool's queue; skipped once the album scrolled away.
    onFinished(QtConcurrent::task([path, pixels, wanted, albumId, disk] {
                   if (!wanted->contains(albumId)) {
                       Decoded skipped;
                       skipped.skipped = true;
                       return skipped;
                   }
                   // Shown: the disk cache evicts it after the covers nobody looks at.
                   if (disk)
                       disk->markUsed(path);
                   return decode(path, pixels);
               })
                   .onThreadPool(*m_pool)
                   .withPriority(-1)
                   .spawn(),
               this,
               [this, album, pixels](const Decoded &result) { decoded(album, pixels, result); });
}

void CoverImageCache::decoded(const AlbumSummary &album, int pixels, const Decoded &result)
{
    const QString key = keyOf(album.id, pixels);
    if (result.skipped) {
        m_loading.remove(key);
        // The grid may have scrolled back (or its wanted albums caught up after a jump) while
        // the task was queued; its repaint then found the cover still loading and asked
        // nothing, so ask now. Otherwise it is asked again when it is painted again.
        if (m_wanted->contains(album.id)) {
            m_loading.insert(key);
            load(album, pixels);
        }
        return;
    }
    if (!result.image.isNull()) {
        m_loading.remove(key);
        // A file evicted later is fetched again then: the once-only limit is for files that keep
        // coming back broken, not for every eviction over a run.
        m_refetched.remove(album.id);
        auto *pixmap = new QPixmap(QPixmap::fromImage(result.image));
        const int cost = qMax(1, int(qint64(pixmap->width()) * pixmap->height() * 4 / 1024));
        m_pixmaps.insert(key, pixmap, cost);
        Q_EMIT coverReady(album.id);
        return;
    }
    // The file is broken or gone (removed behind AIME's back): dropped and fetched again, once.
    if (!result.path.isEmpty()) {
        if (m_refetched.contains(album.id)) {
            m_loading.remove(key);
            m_missing.insert(album.id);
            return;
        }
        m_refetched.insert(album.id);
        if (m_disk)
            m_disk->removeFile(result.path);
        else
            QFile::remove(result.path);
    }
    AlbumSummary withoutFile = album;
    withoutFile.coverFile.clear();
    fetch(withoutFile, pixels);
}

void CoverImageCache::fetch(const AlbumSummary &album, int pixels)
{
    if (!m_fetcher || (album.coverUrl.isEmpty() && album.musicBrainzRelease.isEmpty())) {
        m_loading.remove(keyOf(album.id, pixels));
        m_missing.insert(album.id);
        return;
    }
    const auto already = m_fetching.find(album.id);
    if (already != m_fetching.end()) {
        // One download serves every size.
        already->second.append(pixels);
        return;
    }
    m_fetching.insert(album.id, {album, {pixels}});
    CoverRequest request;
    request.albumId = album.id;
    request.providerImage = QUrl(album.coverUrl);
    request.musicBrainzRelease = album.musicBrainzRelease;
    request.size = pixels <= 250 ? 250 : 500;
    m_fetcher->request(request, this);
}

} // namespace aime
