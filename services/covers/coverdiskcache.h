#pragma once

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QSet>
#include <QString>
#include <QStringList>

class QThreadPool;

namespace aime {

class AlbumStore;

// Cover images downloaded once (issue 7), kept as files in one folder under the data folder and
// named after a hash of their key (the address they came from). A size limit, 500 MB unless
// Preferences says otherwise, evicts the least recently used files. Any thread may call it: the
// index is guarded by a mutex and the file work happens on the caller's thread, which is the
// pool's, never the GUI's.
class CoverDiskCache
{
public:
    static constexpr qint64 defaultLimitBytes = 500LL * 1024 * 1024;

    explicit CoverDiskCache(QString folder, qint64 limitBytes = defaultLimitBytes);
    CoverDiskCache(const CoverDiskCache &) = delete;
    CoverDiskCache &operator=(const CoverDiskCache &) = delete;

    // The albums naming a file this cache removes (evicted, or found broken) forget it in the
    // store, on the pool: "Fetch missing covers" looks for albums without a file, and an album
    // naming a file that is gone would never be found again. Set once, before load().
    void setStore(AlbumStore *store, QThreadPool *pool);

    // Reads the folder once: each file's size, and its last use from its modification time.
    // Creates the folder when missing. False (with *error) when it cannot.
    bool load(QString *error = nullptr);

    QString folder() const { return m_folder; }
    qint64 limit() const;
    // Evicts at once when the cache is over the new limit.
    void setLimit(qint64 bytes);
    qint64 size() const;
    int count() const;

    // The file kept for key, or empty; marks it used.
    QString lookup(const QString &key);
    // Marks the file at path used, when it is one of this cache's. The grid decodes the file the
    // store names without a lookup(); without this the covers on screen would go first.
    void markUsed(const QString &path);
    // Writes the bytes for key through QSaveFile (a full disk leaves no half file), then evicts
    // the least recently used files beyond the limit, never the one just written. Returns its
    // path, or empty with *error.
    QString store(const QString &key, const QByteArray &bytes, QString *error = nullptr);
    // Forgets a file found broken, so the next request fetches it again.
    void remove(const QString &key);
    void removeFile(const QString &path);
    // Writes the order of use back to the files' times (lookup() only notes it in memory, as it
    // may run on the GUI thread); store() does it too. Call from the pool.
    void persistUse();

    static QString fileNameFor(const QString &key);
    // Where a grid-size copy of a cover file is kept (`thumbnails/PIXELS/NAME.jpg` beside it):
    // decoding a thumbnail costs a fraction of decoding and scaling the download. Thumbnails go
    // with their file when it is evicted or removed; at about 1/20 of a download they are not
    // counted against the limit.
    static QString thumbnailPath(const QString &file, int pixels);
    // Removes every thumbnail of a file (any size).
    static void removeThumbnails(const QString &file);

private:
    struct Entry
    {
        qint64 size = 0;
        qint64 lastUse = 0; // ms since the epoch
    };
    // The paths of the files removed.
    QStringList evictLocked(const QString &keep);
    void forget(const QStringList &paths);
    void touchLocked(const QString &fileName, Entry &entry);
    void persistUseLocked();
    // Strictly increasing, so two uses within one millisecond still have an order.
    qint64 nextStampLocked();

    const QString m_folder;
    mutable QMutex m_mutex;
    qint64 m_limit;
    qint64 m_size = 0;
    QHash<QString, Entry> m_entries; // by file name
    QSet<QString> m_usedSinceSaved;
    qint64 m_stamp = 0;
    AlbumStore *m_store = nullptr;
    QThreadPool *m_pool = nullptr;
};

} // namespace aime
