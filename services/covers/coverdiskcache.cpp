#include "covers/coverdiskcache.h"

#include "store/albumstore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QtConcurrent>

#include <algorithm>

Q_LOGGING_CATEGORY(lcCovers, "aime.covers")

namespace aime {

namespace {

// File times are written back at most this often per file: a scroll touches thousands.
constexpr qint64 touchIntervalMs = 60 * 1000;

} // namespace

CoverDiskCache::CoverDiskCache(QString folder, qint64 limitBytes)
    : m_folder(std::move(folder)), m_limit(qMax<qint64>(0, limitBytes))
{ }

QString CoverDiskCache::fileNameFor(const QString &key)
{
    return QString::fromLatin1(
               QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex())
        + QStringLiteral(".img");
}

void CoverDiskCache::setStore(AlbumStore *store, QThreadPool *pool)
{
    QMutexLocker lock(&m_mutex);
    m_store = store;
    m_pool = pool;
}

void CoverDiskCache::forget(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    AlbumStore *store = nullptr;
    QThreadPool *pool = nullptr;
    {
        QMutexLocker lock(&m_mutex);
        store = m_store;
        pool = m_pool;
    }
    if (!store || !pool)
        return;
    // Evictions happen on the GUI thread too (a lower limit in Preferences): the write goes to
    // the pool.
    (void)QtConcurrent::run(pool, [store, paths] {
        const QString error = store->forgetCoverFiles(paths);
        if (!error.isEmpty())
            qCWarning(lcCovers).noquote() << error;
    });
}

bool CoverDiskCache::load(QString *error)
{
    QDir dir(m_folder);
    if (!dir.exists() && !dir.mkpath(QStringLiteral("."))) {
        if (error)
            *error = QCoreApplication::translate("aime::CoverDiskCache",
                                                 "Cannot create the cover folder %1.")
                         .arg(m_folder);
        return false;
    }
    QHash<QString, Entry> entries;
    qint64 size = 0;
    const QFileInfoList files
        = dir.entryInfoList({QStringLiteral("*.img")}, QDir::Files | QDir::NoDotAndDotDot);
    for (const QFileInfo &file : files) {
        entries.insert(file.fileName(), {file.size(), file.lastModified().toMSecsSinceEpoch()});
        size += file.size();
    }
    QStringList evicted;
    {
        QMutexLocker lock(&m_mutex);
        m_entries = std::move(entries);
        m_size = size;
        for (const Entry &entry : std::as_const(m_entries))
            m_stamp = qMax(m_stamp, entry.lastUse);
        evicted = evictLocked({});
    }
    forget(evicted);
    return true;
}

qint64 CoverDiskCache::limit() const
{
    QMutexLocker lock(&m_mutex);
    return m_limit;
}

void CoverDiskCache::setLimit(qint64 bytes)
{
    QStringList evicted;
    {
        QMutexLocker lock(&m_mutex);
        m_limit = qMax<qint64>(0, bytes);
        evicted = evictLocked({});
    }
    forget(evicted);
}

qint64 CoverDiskCache::size() const
{
    QMutexLocker lock(&m_mutex);
    return m_size;
}

int CoverDiskCache::count() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_entries.size());
}

void CoverDiskCache::touchLocked(const QString &fileName, Entry &entry)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // The file time is written later, and not for every look: a scroll looks at thousands.
    if (now - entry.lastUse > touchIntervalMs)
        m_usedSinceSaved.insert(fileName);
    entry.lastUse = nextStampLocked();
}

qint64 CoverDiskCache::nextStampLocked()
{
    m_stamp = qMax(m_stamp + 1, QDateTime::currentMSecsSinceEpoch());
    return m_stamp;
}

void CoverDiskCache::persistUse()
{
    QMutexLocker lock(&m_mutex);
    persistUseLocked();
}

void CoverDiskCache::persistUseLocked()
{
    // The next start reads the order of use back from the file times.
    const QDir dir(m_folder);
    for (const QString &fileName : std::as_const(m_usedSinceSaved)) {
        const auto entry = m_entries.constFind(fileName);
        if (entry == m_entries.constEnd())
            continue;
        QFile file(dir.filePath(fileName));
        if (file.open(QIODevice::ReadWrite))
            file.setFileTime(QDateTime::fromMSecsSinceEpoch(entry->lastUse),
                             QFileDevice::FileModificationTime);
    }
    m_usedSinceSaved.clear();
}

QString CoverDiskCache::lookup(const QString &key)
{
    const QString fileName = fileNameFor(key);
    QMutexLocker lock(&m_mutex);
    auto it = m_entries.find(fileName);
    if (it == m_entries.end())
        return {};
    touchLocked(fileName, *it);
    return QDir(m_folder).filePath(fileName);
}

void CoverDiskCache::markUsed(const QString &path)
{
    const QFileInfo file(path);
    if (file.absolutePath() != QDir(m_folder).absolutePath())
        return;
    const QString fileName = file.fileName();
    QMutexLocker lock(&m_mutex);
    const auto it = m_entries.find(fileName);
    if (it != m_entries.end())
        touchLocked(fileName, *it);
}

QString CoverDiskCache::store(const QString &key, const QByteArray &bytes, QString *error)
{
    const QString fileName = fileNameFor(key);
    const QString path = QDir(m_folder).filePath(fileName);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = QCoreApplication::translate("aime::CoverDiskCache",
                                                 "Cannot keep the cover in %1: %2")
                         .arg(m_folder, file.errorString());
        qCWarning(lcCovers).noquote() << "cannot keep a cover:" << file.errorString();
        return {};
    }
    removeThumbnails(path); // of what was there before under this name
    QStringList evicted;
    {
        QMutexLocker lock(&m_mutex);
        const auto old = m_entries.constFind(fileName);
        if (old != m_entries.constEnd())
            m_size -= old->size;
        m_entries.insert(fileName, {bytes.size(), nextStampLocked()});
        m_size += bytes.size();
        evicted = evictLocked(fileName);
        persistUseLocked();
    }
    forget(evicted);
    return path;
}

void CoverDiskCache::remove(const QString &key)
{
    removeFile(QDir(m_folder).filePath(fileNameFor(key)));
}

void CoverDiskCache::removeFile(const QString &path)
{
    const QString fileName = QFileInfo(path).fileName();
    const QString kept = QDir(m_folder).filePath(fileName);
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_entries.constFind(fileName);
        if (it == m_entries.constEnd())
            return;
        m_size -= it->size;
        m_entries.erase(it);
        m_usedSinceSaved.remove(fileName);
        QFile::remove(kept);
        removeThumbnails(kept);
    }
    forget({kept});
}

QString CoverDiskCache::thumbnailPath(const QString &file, int pixels)
{
    const QFileInfo original(file);
    return original.dir().filePath(
        QStringLiteral("thumbnails/%1/%2.jpg").arg(pixels).arg(original.fileName()));
}

void CoverDiskCache::removeThumbnails(const QString &file)
{
    const QFileInfo original(file);
    const QDir thumbnails(original.dir().filePath(QStringLiteral("thumbnails")));
    if (!thumbnails.exists())
        return;
    const QString name = original.fileName() + QLatin1String(".jpg");
    for (const QString &size : thumbnails.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        QFile::remove(thumbnails.filePath(size + u'/' + name));
}

QStringList CoverDiskCache::evictLocked(const QString &keep)
{
    QStringList evicted;
    if (m_size <= m_limit)
        return evicted;
    QList<std::pair<qint64, QString>> byUse;
    byUse.reserve(m_entries.size());
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        if (it.key() != keep)
            byUse.append({it->lastUse, it.key()});
    }
    std::sort(byUse.begin(), byUse.end());
    const QDir dir(m_folder);
    for (const auto &[lastUse, fileName] : std::as_const(byUse)) {
        if (m_size <= m_limit)
            break;
        Q_UNUSED(lastUse);
        m_size -= m_entries.value(fileName).size;
        m_entries.remove(fileName);
        m_usedSinceSaved.remove(fileName);
        if (!QFile::remove(dir.filePath(fileName)))
            qCWarning(lcCovers).noquote() << "cannot remove" << fileName << "from the cover cache";
        removeThumbnails(dir.filePath(fileName));
        evicted.append(dir.filePath(fileName));
    }
    return evicted;
}

} // namespace aime
